import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessCalendar,
  CalendarError,
  calendarOverride,
  mergeCalendar,
  type BusinessCalendar,
} from './business-calendar.schemas.ts';
import { addBusinessTime, businessTimeBetween, isBusinessTime, nextBusinessStart } from './business-time.rules.ts';
import { mainlandChinaHolidays } from './china-holidays.data.ts';

const officeDay = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const weekdaysOnly = (spans: { start: string; end: string }[]) => ({
  mon: spans,
  tue: spans,
  wed: spans,
  thu: spans,
  fri: spans,
});

/** 上海团队：工作日 9–12、13–18（午休一小时），2026 年法定节假日与调休。 */
const shanghai = businessCalendar.parse({
  timeZone: 'Asia/Shanghai',
  weekly: weekdaysOnly(officeDay),
  holidays: [...mainlandChinaHolidays[2026].holidays],
  makeUpWorkdays: mainlandChinaHolidays[2026].makeUpWorkdays.map((date) => ({ date })),
});

const newYork = businessCalendar.parse({
  timeZone: 'America/New_York',
  weekly: weekdaysOnly([{ start: '09:00', end: '17:00' }]),
});

const allDay = [{ start: '00:00', end: '24:00' }];
const newYorkAroundTheClock = businessCalendar.parse({
  timeZone: 'America/New_York',
  weekly: { ...weekdaysOnly(allDay), sat: allDay, sun: allDay },
});

const at = (iso: string) => new Date(iso);
const HOUR = 3600;

describe('addBusinessTime in Shanghai (UTC+8, no DST; 09:00 local is 01:00Z)', () => {
  it.each<[string, string, number, string]>([
    ['inside the morning span', '2026-11-23T01:30:00Z', HOUR, '2026-11-23T02:30:00Z'],
    ['across the lunch break', '2026-11-23T03:30:00Z', HOUR, '2026-11-23T05:30:00Z'],
    ['starting in the lunch break', '2026-11-23T04:15:00Z', 60, '2026-11-23T05:01:00Z'],
    ['starting before opening', '2026-11-22T23:00:00Z', 1, '2026-11-23T01:00:01Z'],
    ['starting after closing', '2026-11-23T11:00:00Z', 1800, '2026-11-24T01:30:00Z'],
    [
      'using the afternoon up exactly: due at 18:00, not the next morning',
      '2026-11-23T09:00:00Z',
      HOUR,
      '2026-11-23T10:00:00Z',
    ],
    ['using the morning up exactly: due at 12:00', '2026-11-23T03:00:00Z', HOUR, '2026-11-23T04:00:00Z'],
    ['starting exactly at 12:00 (the lunch break)', '2026-11-23T04:00:00Z', 1, '2026-11-23T05:00:01Z'],
    ['starting exactly at 18:00 (closed)', '2026-11-23T10:00:00Z', 1, '2026-11-24T01:00:01Z'],
    ['over the weekend', '2026-11-27T09:30:00Z', HOUR, '2026-11-30T01:30:00Z'],
    ['starting on Saturday', '2026-11-28T02:00:00Z', 60, '2026-11-30T01:01:00Z'],
    ['a 3-second target', '2026-11-23T01:00:00Z', 3, '2026-11-23T01:00:03Z'],
    ['a 3-second target over closing time', '2026-11-23T09:59:59Z', 3, '2026-11-24T01:00:02Z'],
    ['half of a 3-second target', '2026-11-23T01:00:00Z', 1.5, '2026-11-23T01:00:01.500Z'],
    ['a whole working week', '2026-11-23T01:00:00Z', 40 * HOUR, '2026-11-27T10:00:00Z'],
    ['a working week and a second', '2026-11-23T01:00:00Z', 40 * HOUR + 1, '2026-11-30T01:00:01Z'],
    ['nothing: due at once, even off hours', '2026-11-28T02:00:00Z', 0, '2026-11-28T02:00:00Z'],
    ['over National Day (10/1–10/7)', '2026-09-30T09:00:00Z', HOUR + 1, '2026-10-08T01:00:01Z'],
    ['into the 调休 Sunday before National Day (9/20)', '2026-09-18T09:30:00Z', HOUR, '2026-09-20T01:30:00Z'],
    ['into the 调休 Saturday after National Day (10/10)', '2026-10-09T09:00:00Z', 2 * HOUR, '2026-10-10T02:00:00Z'],
    ['into the 调休 Saturday before Spring Festival (2/14)', '2026-02-13T09:00:00Z', 2 * HOUR, '2026-02-14T02:00:00Z'],
    ['over Spring Festival (2/15–2/23)', '2026-02-14T09:00:00Z', 2 * HOUR, '2026-02-24T02:00:00Z'],
    ['over New Year into the 调休 Sunday (1/4)', '2025-12-31T09:00:00Z', 2 * HOUR, '2026-01-04T02:00:00Z'],
    ['over Labour Day (5/1–5/5) to Wednesday', '2026-04-30T09:00:00Z', 2 * HOUR, '2026-05-06T02:00:00Z'],
    ['into the 调休 Saturday after Labour Day (5/9)', '2026-05-08T09:00:00Z', 2 * HOUR, '2026-05-09T02:00:00Z'],
    ['over an ordinary weekend a week later', '2026-05-15T09:00:00Z', 2 * HOUR, '2026-05-18T02:00:00Z'],
    ['over Dragon Boat (6/19–6/21)', '2026-06-18T09:00:00Z', 2 * HOUR, '2026-06-22T02:00:00Z'],
  ])('%s', (_label, start, seconds, expected) => {
    expect(addBusinessTime(shanghai, at(start), seconds).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('addBusinessTime in New York (DST: UTC−5 in winter, UTC−4 in summer)', () => {
  it.each<[string, string, number, string]>([
    ['in winter (09:00 EST is 14:00Z)', '2026-11-23T14:00:00Z', HOUR, '2026-11-23T15:00:00Z'],
    ['in summer (09:00 EDT is 13:00Z)', '2026-07-06T13:00:00Z', HOUR, '2026-07-06T14:00:00Z'],
    ['over the weekend clocks spring forward', '2026-03-06T21:00:00Z', 2 * HOUR, '2026-03-09T14:00:00Z'],
    ['over the weekend clocks fall back', '2026-10-30T20:00:00Z', 2 * HOUR, '2026-11-02T15:00:00Z'],
    [
      'a Shanghai morning is a New York evening: wait for the next day',
      '2026-11-24T01:00:00Z',
      60,
      '2026-11-24T14:01:00Z',
    ],
  ])('%s', (_label, start, seconds, expected) => {
    expect(addBusinessTime(newYork, at(start), seconds).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('should count real time on a day of 23 and a day of 25 hours', () => {
    expect(businessTimeBetween(newYorkAroundTheClock, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(
      23 * HOUR,
    );
    expect(businessTimeBetween(newYorkAroundTheClock, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(
      25 * HOUR,
    );
    expect(addBusinessTime(newYorkAroundTheClock, at('2026-03-08T05:00:00Z'), 24 * HOUR).toISOString()).toBe(
      '2026-03-09T05:00:00.000Z',
    );
  });

  it('should read a span that starts in the spring-forward gap as starting after it', () => {
    const earlySunday = businessCalendar.parse({
      timeZone: 'America/New_York',
      weekly: { sun: [{ start: '02:30', end: '04:00' }] },
    });
    // 02:30 does not exist on 2026-03-08: it reads as 03:30 EDT (07:30Z); 04:00 EDT is 08:00Z.
    expect(businessTimeBetween(earlySunday, at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(1800);
    expect(isBusinessTime(earlySunday, at('2026-03-08T07:29:59Z'))).toBe(false);
    expect(isBusinessTime(earlySunday, at('2026-03-08T07:30:00Z'))).toBe(true);
    // A week later the same span holds an hour and a half (02:30 EDT is 06:30Z).
    expect(businessTimeBetween(earlySunday, at('2026-03-15T00:00:00Z'), at('2026-03-16T00:00:00Z'))).toBe(5400);
  });

  it('should read a span in the repeated hour at its first occurrence', () => {
    const repeated = businessCalendar.parse({
      timeZone: 'America/New_York',
      weekly: { sun: [{ start: '01:00', end: '01:30' }] },
    });
    // 01:00 EDT on 2026-11-01 is 05:00Z; the clock shows 01:00 again at 06:00Z (EST).
    expect(nextBusinessStart(repeated, at('2026-11-01T00:00:00Z')).toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(isBusinessTime(repeated, at('2026-11-01T06:10:00Z'))).toBe(false);
  });
});

describe('businessTimeBetween', () => {
  it.each<[string, string, string, number]>([
    ['a morning hour', '2026-11-23T01:00:00Z', '2026-11-23T02:00:00Z', HOUR],
    ['a whole Monday, lunch excluded', '2026-11-22T16:00:00Z', '2026-11-23T16:00:00Z', 8 * HOUR],
    ['a weekend', '2026-11-27T16:00:00Z', '2026-11-29T16:00:00Z', 0],
    ['Friday 17:30 to the 调休 Sunday 09:30', '2026-09-18T09:30:00Z', '2026-09-20T01:30:00Z', HOUR],
    ['all of National Day', '2026-09-30T16:00:00Z', '2026-10-07T16:00:00Z', 0],
    ['backwards is negative', '2026-11-23T02:00:00Z', '2026-11-23T01:00:00Z', -HOUR],
    ['the same instant', '2026-11-23T02:00:00Z', '2026-11-23T02:00:00Z', 0],
    ['to the millisecond', '2026-11-23T01:00:00Z', '2026-11-23T01:00:02.250Z', 2.25],
  ])('%s', (_label, from, to, seconds) => {
    expect(businessTimeBetween(shanghai, at(from), at(to))).toBe(seconds);
  });
});

describe('isBusinessTime and nextBusinessStart', () => {
  it.each<[string, string, boolean, string]>([
    ['opening second', '2026-11-23T01:00:00Z', true, '2026-11-23T01:00:00Z'],
    ['the last millisecond before lunch', '2026-11-23T03:59:59.999Z', true, '2026-11-23T03:59:59.999Z'],
    ['lunch', '2026-11-23T04:00:00Z', false, '2026-11-23T05:00:00Z'],
    ['closing time', '2026-11-23T10:00:00Z', false, '2026-11-24T01:00:00Z'],
    ['Saturday', '2026-11-28T02:00:00Z', false, '2026-11-30T01:00:00Z'],
    ['National Day', '2026-10-01T02:00:00Z', false, '2026-10-08T01:00:00Z'],
    ['the 调休 Sunday', '2026-09-20T02:00:00Z', true, '2026-09-20T02:00:00Z'],
    ['the night before the 调休 Saturday', '2026-10-09T15:00:00Z', false, '2026-10-10T01:00:00Z'],
  ])('%s', (_label, instant, open, next) => {
    expect(isBusinessTime(shanghai, at(instant))).toBe(open);
    expect(nextBusinessStart(shanghai, at(instant)).toISOString()).toBe(new Date(next).toISOString());
  });
});

describe('make-up days with their own hours', () => {
  const halfDayMakeUp = businessCalendar.parse({
    timeZone: 'Asia/Shanghai',
    weekly: weekdaysOnly(officeDay),
    hourSets: { short: [{ start: '10:00', end: '16:00' }] },
    makeUpWorkdays: [
      { date: '2026-10-10', hours: 'short' },
      { date: '2026-09-20', hours: 'fri' },
    ],
  });

  it('should keep the named hours on the make-up day', () => {
    expect(isBusinessTime(halfDayMakeUp, at('2026-10-10T01:30:00Z'))).toBe(false);
    expect(isBusinessTime(halfDayMakeUp, at('2026-10-10T04:30:00Z'))).toBe(true);
    expect(businessTimeBetween(halfDayMakeUp, at('2026-10-09T16:00:00Z'), at('2026-10-10T16:00:00Z'))).toBe(6 * HOUR);
  });

  it('should keep a weekday’s hours when the make-up day names one', () => {
    expect(businessTimeBetween(halfDayMakeUp, at('2026-09-19T16:00:00Z'), at('2026-09-20T16:00:00Z'))).toBe(8 * HOUR);
  });
});

describe('calendars that cannot answer', () => {
  const closed = {
    timeZone: 'Asia/Shanghai',
    weekly: {},
    hourSets: {},
    holidays: [],
    makeUpWorkdays: [],
  } as BusinessCalendar;

  it('should refuse a calendar without working hours at the schema', () => {
    expect(businessCalendar.safeParse({ timeZone: 'Asia/Shanghai', weekly: { mon: [] } }).success).toBe(false);
  });

  it('should throw CalendarError rather than loop on a hand-built calendar without working hours', () => {
    expect(() => addBusinessTime(closed, at('2026-11-23T00:00:00Z'), 60)).toThrow(CalendarError);
    expect(() => nextBusinessStart(closed, at('2026-11-23T00:00:00Z'))).toThrow(CalendarError);
    expect(() => isBusinessTime(closed, at('2026-11-23T00:00:00Z'))).toThrow(CalendarError);
  });

  it('should throw on a make-up day whose hours set is missing', () => {
    const broken = { ...shanghai, makeUpWorkdays: [{ date: '2026-12-05', hours: 'nope' }] } as BusinessCalendar;
    expect(() => addBusinessTime(broken, at('2026-12-04T09:00:00Z'), 60)).toThrow(/nope/);
  });

  it('should refuse negative or endless business time', () => {
    expect(() => addBusinessTime(shanghai, at('2026-11-23T01:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessTime(shanghai, at('2026-11-23T01:00:00Z'), Infinity)).toThrow(RangeError);
  });

  it.each<[string, unknown]>([
    ['an unknown zone', { timeZone: 'Mars/Olympus', weekly: { mon: officeDay } }],
    [
      'overlapping spans',
      {
        timeZone: 'UTC',
        weekly: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
      },
    ],
    ['a span past midnight', { timeZone: 'UTC', weekly: { mon: [{ start: '22:00', end: '02:00' }] } }],
    [
      'a date both off and on',
      {
        timeZone: 'UTC',
        weekly: { mon: officeDay },
        holidays: ['2026-10-10'],
        makeUpWorkdays: [{ date: '2026-10-10' }],
      },
    ],
    [
      'a missing hours set',
      { timeZone: 'UTC', weekly: { mon: officeDay }, makeUpWorkdays: [{ date: '2026-10-10', hours: 'x' }] },
    ],
    ['an impossible date', { timeZone: 'UTC', weekly: { mon: officeDay }, holidays: ['2026-02-30'] }],
  ])('should refuse %s', (_label, input) => {
    expect(businessCalendar.safeParse(input).success).toBe(false);
  });
});

describe('a rep’s override over the team calendar', () => {
  it('should replace the given weekdays and keep the others', () => {
    const rep = mergeCalendar(
      shanghai,
      calendarOverride.parse({ weekly: { sat: [{ start: '10:00', end: '14:00' }], mon: [] } }),
    );
    expect(isBusinessTime(rep, at('2026-11-28T03:00:00Z'))).toBe(true); // Saturday 11:00
    expect(isBusinessTime(rep, at('2026-11-23T02:00:00Z'))).toBe(false); // Monday 10:00
    expect(isBusinessTime(rep, at('2026-11-24T02:00:00Z'))).toBe(true); // Tuesday 10:00
  });

  it('should read the team’s hours in the rep’s own zone', () => {
    const rep = mergeCalendar(shanghai, calendarOverride.parse({ timeZone: 'America/New_York' }));
    expect(isBusinessTime(rep, at('2026-11-23T14:00:00Z'))).toBe(true); // 09:00 in New York
    expect(isBusinessTime(rep, at('2026-11-23T02:00:00Z'))).toBe(false); // 21:00 Sunday in New York
  });

  it('should take personal days off, and working days that win over a team holiday', () => {
    const rep = mergeCalendar(
      shanghai,
      calendarOverride.parse({
        daysOff: ['2026-11-24', '2026-09-20'],
        extraWorkdays: [{ date: '2026-10-02', hours: 'mon' }],
      }),
    );
    expect(isBusinessTime(rep, at('2026-11-24T02:00:00Z'))).toBe(false);
    expect(isBusinessTime(rep, at('2026-09-20T02:00:00Z'))).toBe(false); // the team's 调休 day, taken off
    expect(isBusinessTime(rep, at('2026-10-02T02:00:00Z'))).toBe(true);
    expect(isBusinessTime(rep, at('2026-10-01T02:00:00Z'))).toBe(false);
    expect(isBusinessTime(shanghai, at('2026-10-02T02:00:00Z'))).toBe(false);
  });

  it('should return the team calendar when there is no override', () => {
    expect(mergeCalendar(shanghai, null)).toBe(shanghai);
  });

  it('should throw when the override leaves no working time', () => {
    const everyDayOff = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, []]));
    expect(() => mergeCalendar(shanghai, calendarOverride.parse({ weekly: everyDayOff }))).toThrow(CalendarError);
  });
});

describe('the 2026 mainland China table', () => {
  const { holidays, makeUpWorkdays } = mainlandChinaHolidays[2026];
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

  it('should hold the seven breaks (3 + 9 + 3 + 5 + 3 + 3 + 7 days) and six make-up days', () => {
    expect(holidays).toHaveLength(33);
    expect(makeUpWorkdays).toHaveLength(6);
    expect(new Set(holidays).size).toBe(33);
  });

  it('should make up only on weekends, never on a holiday', () => {
    for (const date of makeUpWorkdays) {
      expect([0, 6]).toContain(weekday(date));
      expect(holidays as readonly string[]).not.toContain(date);
    }
  });

  it('should be a valid calendar', () => {
    expect(shanghai.holidays).toHaveLength(33);
  });
});

// ---- properties ----

const instantIn2026 = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms));
const someSeconds = fc.integer({ min: 0, max: 15 * 86_400 });
const calendars = fc.constantFrom(shanghai, newYork, newYorkAroundTheClock);

describe('properties', () => {
  it('should give back the business time it added (round trip)', () => {
    fc.assert(
      fc.property(calendars, instantIn2026, someSeconds, (calendar, start, seconds) => {
        expect(businessTimeBetween(calendar, start, addBusinessTime(calendar, start, seconds))).toBe(seconds);
      }),
      { numRuns: 300 },
    );
  });

  it('should never move a deadline earlier for more time', () => {
    fc.assert(
      fc.property(calendars, instantIn2026, someSeconds, someSeconds, (calendar, start, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(addBusinessTime(calendar, start, less).getTime()).toBeLessThanOrEqual(
          addBusinessTime(calendar, start, more).getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('should add in steps as in one go', () => {
    fc.assert(
      fc.property(calendars, instantIn2026, someSeconds, someSeconds, (calendar, start, a, b) => {
        const stepwise = addBusinessTime(calendar, addBusinessTime(calendar, start, a), b);
        expect(stepwise.toISOString()).toBe(addBusinessTime(calendar, start, a + b).toISOString());
      }),
      { numRuns: 200 },
    );
  });

  it('should split business time between any three instants', () => {
    fc.assert(
      fc.property(calendars, instantIn2026, instantIn2026, instantIn2026, (calendar, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const whole = businessTimeBetween(calendar, a, c);
        expect(businessTimeBetween(calendar, a, b) + businessTimeBetween(calendar, b, c)).toBeCloseTo(whole, 6);
      }),
      { numRuns: 100 },
    );
  });

  it('should end a positive target inside business time (the millisecond before it was working time)', () => {
    fc.assert(
      fc.property(calendars, instantIn2026, fc.integer({ min: 1, max: 15 * 86_400 }), (calendar, start, seconds) => {
        const due = addBusinessTime(calendar, start, seconds);
        expect(isBusinessTime(calendar, new Date(due.getTime() - 1))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('should equal wall time on a calendar open around the clock, across DST changes', () => {
    fc.assert(
      fc.property(instantIn2026, someSeconds, (start, seconds) => {
        expect(addBusinessTime(newYorkAroundTheClock, start, seconds).getTime()).toBe(start.getTime() + seconds * 1000);
      }),
      { numRuns: 300 },
    );
  });

  it('should start the next working time at or after the instant, in business time', () => {
    fc.assert(
      fc.property(calendars, instantIn2026, (calendar, instant) => {
        const next = nextBusinessStart(calendar, instant);
        expect(next.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        expect(isBusinessTime(calendar, next)).toBe(true);
        expect(businessTimeBetween(calendar, instant, next)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
