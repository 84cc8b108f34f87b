/**
 * Mainland China's public holidays and make-up working days (调休), as published by the State
 * Council each November for the next year. Data only: add a year by adding an entry.
 *
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04) —
 * 元旦 1/1–1/3, 1/4 (Sun) works; 春节 2/15–2/23, 2/14 (Sat) and 2/28 (Sat) work; 清明 4/4–4/6;
 * 劳动节 5/1–5/5, 5/9 (Sat) works; 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7, 9/20 (Sun) and
 * 10/10 (Sat) work. Holidays below list every day off of each break, weekends included, so a
 * calendar with Saturday hours stays closed through the break too.
 */
export const mainlandChinaHolidays = {
  2026: {
    holidays: [
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-06-20',
      '2026-06-21',
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
} as const satisfies Record<number, { holidays: readonly string[]; makeUpWorkdays: readonly string[] }>;
