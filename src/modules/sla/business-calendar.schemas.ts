import { z } from 'zod';
import { weekdays } from '../routing/routing.schemas.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day, HH:MM (24:00 ends a day)');

/** Minutes since midnight of an HH:MM clock time (24:00 is 1440). */
export const minutesOfClock = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * One working span of a day in the calendar's zone. Unlike a rep's routing calendar, a span never
 * runs past midnight: a night shift is two spans (22:00–24:00, then 00:00–06:00 the next day), so a
 * day's working time is decided by that day's date alone (its holiday or make-up status).
 */
export const businessSpan = z
  .strictObject({ start: clockTime, end: clockTime })
  .refine((span) => minutesOfClock(span.start) < minutesOfClock(span.end), 'a span must end after it starts');
export type BusinessSpan = z.infer<typeof businessSpan>;

/** A day's spans, in order and not overlapping (a lunch break is the gap between two spans). */
export const daySpans = z
  .array(businessSpan)
  .max(8)
  .refine(
    (spans) => spans.every((span, i) => i === 0 || minutesOfClock(spans[i - 1]!.end) <= minutesOfClock(span.start)),
    'spans must be in order and must not overlap',
  );
export type DaySpans = z.infer<typeof daySpans>;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
  .refine(
    (date) =>
      !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date),
    'not a calendar date',
  );

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneName = z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone');

/**
 * A date that works although it would not (China's 调休: a Saturday or Sunday made a working day to
 * bridge a holiday). `hours` names the hours that day keeps: a weekday (`mon`: as on a Monday) or
 * one of the calendar's `hourSets`.
 */
export const makeUpWorkday = z.strictObject({
  date: isoDate,
  hours: z.string().min(1).max(40).default('mon'),
});
export type MakeUpWorkday = z.input<typeof makeUpWorkday>;

const hourSets = z.record(
  z
    .string()
    .min(1)
    .max(40)
    .refine((name) => !(weekdays as readonly string[]).includes(name), 'an hours set may not be named after a weekday'),
  daySpans,
);

const weekly = z.partialRecord(z.enum(weekdays), daySpans);

function calendarProblems(calendar: {
  weekly: Partial<Record<string, DaySpans>>;
  hourSets?: Record<string, DaySpans> | undefined;
  holidays?: string[] | undefined;
  makeUpWorkdays?: { date: string; hours?: string | undefined }[] | undefined;
}): string[] {
  const problems: string[] = [];
  if (!Object.values(calendar.weekly).some((spans) => spans && spans.length > 0))
    problems.push('a calendar needs working hours on at least one weekday');
  const holidays = new Set(calendar.holidays ?? []);
  const seen = new Set<string>();
  for (const day of calendar.makeUpWorkdays ?? []) {
    if (holidays.has(day.date)) problems.push(`${day.date} is both a holiday and a make-up working day`);
    if (seen.has(day.date)) problems.push(`${day.date} is listed twice as a make-up working day`);
    seen.add(day.date);
    const hours = day.hours ?? 'mon';
    if (!(weekdays as readonly string[]).includes(hours) && !calendar.hourSets?.[hours])
      problems.push(`${day.date} keeps hours "${hours}", which is neither a weekday nor an hours set`);
  }
  return problems;
}

/**
 * Business hours: the zone they are read in, the spans of each weekday, dates off (public holidays)
 * and dates on (调休). A date's hours: a make-up day's set, else nothing on a holiday, else its weekday's.
 */
export const businessCalendar = z
  .strictObject({
    timeZone: timeZoneName,
    weekly,
    hourSets: hourSets.default({}),
    holidays: z.array(isoDate).max(2000).default([]),
    makeUpWorkdays: z.array(makeUpWorkday).max(500).default([]),
  })
  .superRefine((calendar, ctx) => {
    for (const message of calendarProblems(calendar)) ctx.addIssue({ code: 'custom', message });
  });
export type BusinessCalendar = z.infer<typeof businessCalendar>;

/**
 * What a rep changes of the team's calendar: their own zone, the hours of some weekdays (a weekday
 * given replaces the team's for that weekday), extra hours sets, personal days off (leave), and
 * personal working days (which win over the team's holidays).
 */
export const calendarOverride = z.strictObject({
  timeZone: timeZoneName.optional(),
  weekly: weekly.optional(),
  hourSets: hourSets.optional(),
  daysOff: z.array(isoDate).max(500).default([]),
  extraWorkdays: z.array(makeUpWorkday).max(500).default([]),
});
export type CalendarOverride = z.infer<typeof calendarOverride>;

/**
 * The rep's calendar: the team's with the override laid over it. A personal working day removes the
 * date from the holidays; a personal day off removes it from the make-up days. Throws when the
 * result has no working time or names a missing hours set (the override was validated alone).
 */
export function mergeCalendar(team: BusinessCalendar, override: CalendarOverride | null | undefined): BusinessCalendar {
  if (!override) return team;
  const daysOff = new Set(override.daysOff);
  const extra = new Map(override.extraWorkdays.map((day) => [day.date, { date: day.date, hours: day.hours ?? 'mon' }]));
  const makeUp = new Map(team.makeUpWorkdays.map((day) => [day.date, day]));
  for (const [date, day] of extra) makeUp.set(date, day);
  for (const date of daysOff) makeUp.delete(date);
  const holidays = new Set([...team.holidays, ...daysOff]);
  for (const date of extra.keys()) if (!daysOff.has(date)) holidays.delete(date);
  const merged: BusinessCalendar = {
    timeZone: override.timeZone ?? team.timeZone,
    weekly: { ...team.weekly, ...override.weekly },
    hourSets: { ...team.hourSets, ...override.hourSets },
    holidays: [...holidays].sort(),
    makeUpWorkdays: [...makeUp.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
  const problems = calendarProblems(merged);
  if (problems.length > 0) throw new CalendarError(`the merged calendar is not usable: ${problems.join('; ')}`);
  return merged;
}

/** A calendar that cannot answer: no working time at all, or a missing hours set. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
}
