import { weekdays, type Weekday } from '../routing/routing.schemas.ts';
import { CalendarError, minutesOfClock, type BusinessCalendar, type DaySpans } from './business-calendar.schemas.ts';

/**
 * Business-time arithmetic over a calendar, to the millisecond (targets are given in seconds, and
 * fractions of them, e.g. half of a 3-second target, must land where they should).
 *
 * The walk goes a local date at a time: a day off costs a set lookup, a working day a few
 * additions (its spans converted to instants once, through the zone's offset that day). Instants
 * are converted with Intl, so DST zones (America/New_York) and DST-free ones (Asia/Shanghai) follow
 * the tz database; a span's length is the real time elapsed, so a 00:00–24:00 span on the day New
 * York springs forward holds 23 hours. A span boundary that falls in a DST gap reads as the same
 * wall time pushed forward by the gap; one that falls in a repeated hour reads as the earlier instant.
 *
 * A calendar with no weekly working time would never reach a deadline: these functions throw
 * CalendarError for it rather than return a deadline that does not exist (the schema refuses such
 * a calendar, so only a hand-built one gets here).
 */

const DAY = 86_400_000;
/** How far a walk may go before the calendar is taken to have no working time left. */
const MAX_DAYS_WALKED = 366 * 50;

// ---- the zone's offset ----

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds to add to a UTC instant to read the zone's wall clock at it. */
export function offsetAt(timeZone: string, instant: number): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time (milliseconds as if the zone were UTC) happens. The offsets a day
 * either side are the ones before and after any transition near it; a wall time both fit is in a
 * repeated hour (the earlier instant wins), one neither fits is in a gap (read with the offset
 * before the gap, which lands past it).
 */
export function instantOfWall(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const early = wall - before;
  if (before === after) return early;
  const late = wall - after;
  const earlyFits = offsetAt(timeZone, early) === before;
  const lateFits = offsetAt(timeZone, late) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (lateFits && !earlyFits) return late;
  return early;
}

/** A local date: the instant it starts, and its offset when it keeps one all day (null on a transition day). */
interface LocalDay {
  readonly start: number;
  readonly offset: number | null;
}

const localDays = new Map<string, LocalDay>();
// Days asked about cluster around now; the cap only stops a long-running process from growing it forever.
const MAX_LOCAL_DAYS = 20_000;

function localDay(timeZone: string, day: number): LocalDay {
  const key = `${timeZone} ${day}`;
  let known = localDays.get(key);
  if (!known) {
    const wall = day * DAY;
    const start = instantOfWall(timeZone, wall);
    const offset = wall - start;
    known = { start, offset: offsetAt(timeZone, start + DAY - 1) === offset ? offset : null };
    if (localDays.size >= MAX_LOCAL_DAYS) localDays.clear();
    localDays.set(key, known);
  }
  return known;
}

function instantOn(timeZone: string, day: number, millisecondOfDay: number): number {
  const { offset } = localDay(timeZone, day);
  const wall = day * DAY + millisecondOfDay;
  return offset === null ? instantOfWall(timeZone, wall) : wall - offset;
}

/**
 * Days since 1970-01-01 of the local date at an instant. Offsets stay within a day of UTC, so the
 * local date is the UTC date or one either side, told apart by the (cached) starts of local days:
 * no Intl call once the days around are known.
 */
function dayOf(timeZone: string, instant: number): number {
  const day = Math.floor(instant / DAY);
  if (instant < localDay(timeZone, day).start) return day - 1;
  if (instant >= localDay(timeZone, day + 1).start) return day + 1;
  return day;
}

const dayOfDate = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY;
// 1970-01-01 was a Thursday (weekday index 4, Sunday = 0).
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

// ---- the calendar, prepared once ----

/** Spans as [start, end) in milliseconds since local midnight. */
type DayPlan = readonly (readonly [number, number])[];

interface PreparedCalendar {
  readonly timeZone: string;
  readonly weekly: readonly DayPlan[];
  readonly holidays: ReadonlySet<number>;
  readonly makeUp: ReadonlyMap<number, DayPlan>;
}

const prepared = new WeakMap<BusinessCalendar, PreparedCalendar>();

const planOf = (spans: DaySpans | undefined): DayPlan =>
  (spans ?? []).map((span) => [minutesOfClock(span.start) * 60_000, minutesOfClock(span.end) * 60_000] as const);

function prepare(calendar: BusinessCalendar): PreparedCalendar {
  let ready = prepared.get(calendar);
  if (ready) return ready;
  const weekly = weekdays.map((day) => planOf(calendar.weekly[day]));
  if (weekly.every((plan) => plan.length === 0)) throw new CalendarError('the calendar has no weekly working hours');
  const makeUp = new Map<number, DayPlan>();
  for (const { date, hours = 'mon' } of calendar.makeUpWorkdays ?? []) {
    const weekday = weekdays.indexOf(hours as Weekday);
    const spans = weekday >= 0 ? weekly[weekday]! : calendar.hourSets?.[hours] && planOf(calendar.hourSets[hours]);
    if (!spans) throw new CalendarError(`make-up day ${date} keeps hours "${hours}", which the calendar does not have`);
    makeUp.set(dayOfDate(date), spans);
  }
  ready = {
    timeZone: calendar.timeZone,
    weekly,
    holidays: new Set((calendar.holidays ?? []).map(dayOfDate)),
    makeUp,
  };
  prepared.set(calendar, ready);
  return ready;
}

const NO_SPANS: DayPlan = [];

function planFor(calendar: PreparedCalendar, day: number): DayPlan {
  return calendar.makeUp.get(day) ?? (calendar.holidays.has(day) ? NO_SPANS : calendar.weekly[weekdayOf(day)]!);
}

/** Calls `visit` with each working interval [start, end) as instants, from the local date of `from` on, until it returns true. */
function walk(calendar: PreparedCalendar, from: number, visit: (start: number, end: number) => boolean): void {
  const first = dayOf(calendar.timeZone, from);
  for (let day = first; day < first + MAX_DAYS_WALKED; day++) {
    const plan = planFor(calendar, day);
    for (let index = 0; index < plan.length; index++) {
      const [startOfSpan, endOfSpan] = plan[index]!;
      const start = instantOn(calendar.timeZone, day, startOfSpan);
      const end = instantOn(calendar.timeZone, day, endOfSpan);
      if (end > start && visit(start, end)) return;
    }
  }
  throw new CalendarError(`no working time within ${MAX_DAYS_WALKED} days of ${new Date(from).toISOString()}`);
}

function checkSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new RangeError(`business time must be a finite number of seconds ≥ 0, not ${seconds}`);
  return Math.round(seconds * 1000);
}

/**
 * The instant when `seconds` of business time have passed since `start`. Time before the first
 * span counts for nothing, so a lead that arrives on Saturday is due counted from Monday's opening;
 * a target that uses up a span exactly is due at the span's end (18:00, not the next morning).
 */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, seconds: number): Date {
  let remaining = checkSeconds(seconds);
  const from = start.getTime();
  if (remaining === 0) return new Date(from);
  let due = from;
  walk(prepare(calendar), from, (spanStart, spanEnd) => {
    if (spanEnd <= from) return false;
    const begin = Math.max(spanStart, from);
    if (remaining <= spanEnd - begin) {
      due = begin + remaining;
      return true;
    }
    remaining -= spanEnd - begin;
    return false;
  });
  return new Date(due);
}

/** Seconds of business time between two instants (negative when `to` is before `from`). */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -businessTimeBetween(calendar, to, from);
  let total = 0;
  walk(prepare(calendar), a, (spanStart, spanEnd) => {
    if (spanStart >= b) return true;
    total += Math.max(0, Math.min(spanEnd, b) - Math.max(spanStart, a));
    return false;
  });
  return total / 1000;
}

/** Whether `at` falls in a working span (its start included, its end not). */
export function isBusinessTime(calendar: BusinessCalendar, at: Date): boolean {
  const ready = prepare(calendar);
  const instant = at.getTime();
  const day = dayOf(ready.timeZone, instant);
  return planFor(ready, day).some(
    ([start, end]) => instantOn(ready.timeZone, day, start) <= instant && instant < instantOn(ready.timeZone, day, end),
  );
}

/** `at` itself when it is business time, else the start of the next working span. */
export function nextBusinessStart(calendar: BusinessCalendar, at: Date): Date {
  const from = at.getTime();
  let next = from;
  walk(prepare(calendar), from, (spanStart, spanEnd) => {
    if (spanEnd <= from) return false;
    next = Math.max(spanStart, from);
    return true;
  });
  return new Date(next);
}
