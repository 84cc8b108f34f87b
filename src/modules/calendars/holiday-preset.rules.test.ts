import { describe, expect, it } from 'vitest';
import { businessCalendar, CalendarError, type BusinessCalendar } from '../sla/business-calendar.schemas.ts';
import { addBusinessTime } from '../sla/business-time.rules.ts';
import { mainlandChinaHolidays } from '../sla/china-holidays.data.ts';
import { withChinaHolidays } from './holiday-preset.rules.ts';

const office: BusinessCalendar = businessCalendar.parse({
  timeZone: 'Asia/Shanghai',
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '18:00' }]]),
  ),
  // A company day off of its own, one the table makes a working day, and a make-up day of its own.
  holidays: ['2026-12-24', '2026-02-14'],
  makeUpWorkdays: [
    { date: '2026-12-26', hours: 'mon' },
    { date: '2026-10-01', hours: 'mon' },
  ],
});

describe('withChinaHolidays', () => {
  const imported = withChinaHolidays(office, 2026);

  it('should add every holiday and make-up day of the year, keeping the calendar’s own dates', () => {
    expect(imported.holidays).toEqual(expect.arrayContaining([...mainlandChinaHolidays[2026].holidays, '2026-12-24']));
    expect(imported.makeUpWorkdays.map((day) => day.date)).toEqual(
      [...mainlandChinaHolidays[2026].makeUpWorkdays, '2026-12-26'].sort(),
    );
  });

  it('should let the table win for its dates, so the result is a valid calendar', () => {
    expect(imported.holidays).not.toContain('2026-02-14');
    expect(imported.makeUpWorkdays.map((day) => day.date)).not.toContain('2026-10-01');
    expect(businessCalendar.safeParse(imported).success).toBe(true);
  });

  it('should change nothing when imported twice', () => {
    expect(withChinaHolidays(imported, 2026)).toEqual(imported);
  });

  it('should count the make-up Saturday and skip the National Day week', () => {
    // Friday 2026-02-13 17:30 + 1 h → Saturday 02-14 09:30 (a make-up day).
    expect(addBusinessTime(imported, new Date('2026-02-13T09:30:00Z'), 3600).toISOString()).toBe(
      '2026-02-14T01:30:00.000Z',
    );
    // Wednesday 09-30 17:30 + 1 h → 10-08 09:30, after 国庆 (10/1–10/7).
    expect(addBusinessTime(imported, new Date('2026-09-30T09:30:00Z'), 3600).toISOString()).toBe(
      '2026-10-08T01:30:00.000Z',
    );
  });

  it('should refuse a year without a table', () => {
    expect(() => withChinaHolidays(office, 2031)).toThrow(CalendarError);
  });
});
