import { weekdays, type RepCalendar, type Weekday } from './routing.schemas.ts';

/** A rep as routing sees them at decision time (counters as of now, filled by the service). */
export interface RoutingRep {
  id: string;
  active: boolean;
  onLeave: boolean;
  /** Null: available at any hour. */
  calendar: RepCalendar | null;
  /** Most open leads; null: the team's default capacity. */
  capacity: number | null;
  /** Most new leads per day; null: no daily cap. */
  maxNewPerDay: number | null;
  openLeads: number;
  /** Leads assigned since the start of the rep's day. */
  newToday: number;
  skills: readonly string[];
  /** Share of turns in weighted round robin; 1 when not set. */
  weight?: number;
  /** Median minutes to first response over the window; null or absent: no record yet. */
  responseMinutes?: number | null;
  /** Closed-won and decided leads of the lead's segment over the window. */
  segmentRecord?: { wins: number; leads: number } | null;
}

export interface TeamPolicy {
  /** Assign outside a rep's working hours too (a rep with a calendar is otherwise skipped off hours). */
  allowOffHours: boolean;
  /** Capacity of reps who have none of their own; null: no limit. */
  defaultCapacity: number | null;
}

export const exclusionReasons = ['inactive', 'on_leave', 'off_hours', 'at_capacity', 'daily_cap_reached'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The weekday (0 = Sunday) and minute of the day at `at` on the wall clock of a time zone. */
export function wallClock(timeZone: string, at: Date): { day: number; minute: number } {
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'weekday') day = weekdayIndex[part.value]!;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { day, minute: hour * 60 + minute };
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

type MinuteSpans = { start: number; end: number }[][];
const parsedCalendars = new WeakMap<RepCalendar, MinuteSpans>();

/** The calendar's spans in minutes, by weekday index; parsed once per calendar object. */
function minuteSpans(calendar: RepCalendar): MinuteSpans {
  let spans = parsedCalendars.get(calendar);
  if (!spans) {
    spans = weekdays.map((day) =>
      (calendar.weekly[day as Weekday] ?? []).map((span) => ({
        start: minutesOf(span.start),
        end: minutesOf(span.end),
      })),
    );
    parsedCalendars.set(calendar, spans);
  }
  return spans;
}

/**
 * Whether the wall-clock moment falls in the calendar's hours: a span of today that has begun and
 * not ended, or a span of yesterday that runs past midnight and has not ended yet.
 */
export function withinWorkingHours(calendar: RepCalendar, clock: { day: number; minute: number }): boolean {
  const spans = minuteSpans(calendar);
  for (const { start, end } of spans[clock.day]!) {
    if (clock.minute >= start && (end <= start || clock.minute < end)) return true;
  }
  for (const { start, end } of spans[(clock.day + 6) % 7]!) {
    if (end <= start && clock.minute < end) return true;
  }
  return false;
}

export function capacityOf(rep: RoutingRep, policy: TeamPolicy): number | null {
  return rep.capacity ?? policy.defaultCapacity;
}

/**
 * Why a rep cannot take a new lead at `now`, or null when they can. `clocks` caches each time
 * zone's wall clock for one decision, so a thousand reps in three zones cost three look-ups.
 */
export function exclusionOf(
  rep: RoutingRep,
  policy: TeamPolicy,
  now: Date,
  clocks: Map<string, { day: number; minute: number }> = new Map(),
): ExclusionReason | null {
  if (!rep.active) return 'inactive';
  if (rep.onLeave) return 'on_leave';
  if (rep.calendar && !policy.allowOffHours) {
    let clock = clocks.get(rep.calendar.timeZone);
    if (!clock) {
      clock = wallClock(rep.calendar.timeZone, now);
      clocks.set(rep.calendar.timeZone, clock);
    }
    if (!withinWorkingHours(rep.calendar, clock)) return 'off_hours';
  }
  const capacity = capacityOf(rep, policy);
  if (capacity !== null && rep.openLeads >= capacity) return 'at_capacity';
  if (rep.maxNewPerDay !== null && rep.newToday >= rep.maxNewPerDay) return 'daily_cap_reached';
  return null;
}

/** Every rep's exclusion reason (null: eligible), keyed by rep id. */
export function checkEligibility(
  reps: readonly RoutingRep[],
  policy: TeamPolicy,
  now: Date,
): Map<string, ExclusionReason | null> {
  const clocks = new Map<string, { day: number; minute: number }>();
  return new Map(reps.map((rep) => [rep.id, exclusionOf(rep, policy, now, clocks)]));
}
