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
  /**
   * `calendar` as `prepareCalendar` gives it, when the holder keeps the rep's calendar unchanged (the
   * router does, per profile): eligibility then reads it without a `WeakMap` lookup per rep.
   */
  preparedCalendar?: PreparedCalendar | null;
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

export interface WallClock {
  /** 0 = Sunday. */
  readonly day: number;
  readonly minute: number;
}

function readWallClock(timeZone: string, at: number): WallClock {
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'weekday') day = weekdayIndex[part.value]!;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return Object.freeze({ day, minute: hour * 60 + minute });
}

const MINUTE = 60_000;

/** A time zone's wall clock for the UTC minute last asked about, and its offset over the UTC hour, kept across decisions. */
interface ZoneClock {
  readonly timeZone: string;
  utcMinute: number;
  clock: WallClock;
  utcHour: number;
  /** Local minus UTC minutes, the same over the whole of `utcHour`; NaN when it is not (a change, an offset in seconds). */
  hourOffset: number;
}

const zoneClocks = new Map<string, ZoneClock>();

function zoneClockOf(timeZone: string): ZoneClock {
  let zone = zoneClocks.get(timeZone);
  if (!zone) {
    zone = { timeZone, utcMinute: NaN, clock: { day: 0, minute: 0 }, utcHour: NaN, hourOffset: NaN };
    zoneClocks.set(timeZone, zone);
  }
  return zone;
}

const MINUTES_A_DAY = 1440;
// 1970-01-01, day 0 of the epoch, was a Thursday.
const EPOCH_WEEKDAY = 4;
const weekdayOfDay = (day: number) => (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;

/** Local minus UTC minutes as the wall clock at `utcMinute` shows them (offsets are within a day either way). */
function offsetShown(clock: WallClock, utcMinute: number): number {
  const utcDay = Math.floor(utcMinute / MINUTES_A_DAY);
  for (const day of [utcDay - 1, utcDay, utcDay + 1]) {
    if (weekdayOfDay(day) === clock.day) return day * MINUTES_A_DAY + clock.minute - utcMinute;
  }
  return NaN;
}

/**
 * The zone's offset over one UTC hour, read at both ends: equal only when it holds in whole
 * minutes for the hour (no zone changes its offset twice within an hour), NaN otherwise.
 */
function offsetOverHour(timeZone: string, utcHour: number): number {
  const first = utcHour * 60;
  const last = first + 59;
  const start = offsetShown(readWallClock(timeZone, first * MINUTE), first);
  const end = offsetShown(readWallClock(timeZone, last * MINUTE + MINUTE - 1), last);
  return start === end ? start : NaN;
}

/**
 * `formatToParts` is slow, so a zone's offset is read once per UTC hour (both ends) and each
 * minute's wall clock worked out from it; offsets in use since 1972 are whole minutes and change
 * at most once in an hour. In an hour where the offset changes, or where it is off by seconds (an
 * old local mean time), each minute is read on its own, both ends of it, and a minute whose ends
 * disagree is answered without the cache.
 */
function clockAt(zone: ZoneClock, time: number): WallClock {
  const utcMinute = Math.floor(time / MINUTE);
  if (zone.utcMinute === utcMinute) return zone.clock;
  const utcHour = Math.floor(utcMinute / 60);
  if (zone.utcHour !== utcHour) {
    zone.utcHour = utcHour;
    zone.hourOffset = offsetOverHour(zone.timeZone, utcHour);
  }
  let clock: WallClock;
  if (Number.isNaN(zone.hourOffset)) {
    const start = readWallClock(zone.timeZone, utcMinute * MINUTE);
    const end = readWallClock(zone.timeZone, utcMinute * MINUTE + MINUTE - 1);
    if (start.day !== end.day || start.minute !== end.minute) return readWallClock(zone.timeZone, time);
    clock = start;
  } else {
    const local = utcMinute + zone.hourOffset;
    const day = Math.floor(local / MINUTES_A_DAY);
    clock = Object.freeze({ day: weekdayOfDay(day), minute: local - day * MINUTES_A_DAY });
  }
  zone.utcMinute = utcMinute;
  zone.clock = clock;
  return clock;
}

/** The weekday (0 = Sunday) and minute of the day at `at` on the wall clock of a time zone. */
export function wallClock(timeZone: string, at: Date): WallClock {
  return clockAt(zoneClockOf(timeZone), at.getTime());
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

type MinuteSpans = { start: number; end: number }[][];

/**
 * A calendar's hours prepared once: spans in minutes by weekday index, its zone's clock, and
 * whether it is open in the UTC minute last asked about. Calendars with the same zone and hours
 * share one (a team's reps mostly do), so a thousand reps read a few warm objects instead of a
 * thousand scattered ones, and each answer is worked out once a minute.
 */
export interface PreparedCalendar {
  readonly spans: MinuteSpans;
  readonly zone: ZoneClock;
  utcMinute: number;
  open: boolean;
}

const hoursByCalendar = new WeakMap<RepCalendar, PreparedCalendar>();
// Grows with the distinct calendars ever seen: a handful per team.
const hoursByShape = new Map<string, PreparedCalendar>();

/** A calendar's hours, prepared once and shared by calendars of the same zone and hours. */
export function prepareCalendar(calendar: RepCalendar): PreparedCalendar {
  return hoursOf(calendar);
}

function hoursOf(calendar: RepCalendar): PreparedCalendar {
  let hours = hoursByCalendar.get(calendar);
  if (!hours) {
    const spans = weekdays.map((day) =>
      (calendar.weekly[day as Weekday] ?? []).map((span) => ({
        start: minutesOf(span.start),
        end: minutesOf(span.end),
      })),
    );
    const shape = JSON.stringify([calendar.timeZone, spans]);
    hours = hoursByShape.get(shape);
    if (!hours) {
      hours = { spans, zone: zoneClockOf(calendar.timeZone), utcMinute: NaN, open: false };
      hoursByShape.set(shape, hours);
    }
    hoursByCalendar.set(calendar, hours);
  }
  return hours;
}

function openAt(hours: PreparedCalendar, time: number): boolean {
  const utcMinute = Math.floor(time / MINUTE);
  if (hours.utcMinute === utcMinute) return hours.open;
  const open = withinSpans(hours.spans, clockAt(hours.zone, time));
  // Kept only when the zone's clock holds for the whole minute (see clockAt).
  if (hours.zone.utcMinute === utcMinute) {
    hours.utcMinute = utcMinute;
    hours.open = open;
  }
  return open;
}

function withinSpans(spans: MinuteSpans, clock: WallClock): boolean {
  const { day, minute } = clock;
  // Indexed loops: this runs once per rep per decision, and for-of with destructuring is slower here.
  const today = spans[day]!;
  for (let index = 0; index < today.length; index++) {
    const { start, end } = today[index]!;
    if (minute >= start && (end <= start || minute < end)) return true;
  }
  const yesterday = spans[(day + 6) % 7]!;
  for (let index = 0; index < yesterday.length; index++) {
    const { start, end } = yesterday[index]!;
    if (end <= start && minute < end) return true;
  }
  return false;
}

function pinnedClock(clocks: Map<string, WallClock>, zone: ZoneClock, now: Date): WallClock {
  let clock = clocks.get(zone.timeZone);
  if (!clock) {
    clock = clockAt(zone, now.getTime());
    clocks.set(zone.timeZone, clock);
  }
  return clock;
}

/**
 * Whether the wall-clock moment falls in the calendar's hours: a span of today that has begun and
 * not ended, or a span of yesterday that runs past midnight and has not ended yet.
 */
export function withinWorkingHours(calendar: RepCalendar, clock: WallClock): boolean {
  return withinSpans(hoursOf(calendar).spans, clock);
}

export function capacityOf(rep: RoutingRep, policy: TeamPolicy): number | null {
  return rep.capacity ?? policy.defaultCapacity;
}

/**
 * Why a rep cannot take a new lead at `now`, or null when they can. Wall clocks are kept per zone
 * across calls; `clocks`, when given, pins each zone's clock for one decision instead.
 */
export function exclusionOf(
  rep: RoutingRep,
  policy: TeamPolicy,
  now: Date,
  clocks?: Map<string, WallClock>,
): ExclusionReason | null {
  if (clocks && rep.active && !rep.onLeave && rep.calendar && !policy.allowOffHours) {
    const hours = hoursOf(rep.calendar);
    if (!withinSpans(hours.spans, pinnedClock(clocks, hours.zone, now))) return 'off_hours';
    return exclusionReasonOf(exclusionAt(rep, { ...policy, allowOffHours: true }, now.getTime()));
  }
  return exclusionReasonOf(exclusionAt(rep, policy, now.getTime()));
}

const exclusionReasonOf = (code: number): ExclusionReason | null => (code === 0 ? null : exclusionReasons[code - 1]!);

/**
 * `exclusionOf` as a number, for a team's thousand reps checked per lead: 0 when the rep can take
 * the lead, otherwise 1 + the reason's index in `exclusionReasons`. `time` is `now` in epoch ms.
 */
export function exclusionAt(rep: RoutingRep, policy: TeamPolicy, time: number): number {
  return exclusionIn(rep, policy, time, Math.floor(time / MINUTE));
}

/** `exclusionAt` with `time`'s UTC minute worked out by the caller, once for a team. */
function exclusionIn(rep: RoutingRep, policy: TeamPolicy, time: number, utcMinute: number): number {
  if (!rep.active) return 1;
  if (rep.onLeave) return 2;
  const calendar = rep.calendar;
  if (calendar && !policy.allowOffHours) {
    const hours = rep.preparedCalendar ?? hoursOf(calendar);
    if (!(hours.utcMinute === utcMinute ? hours.open : openAt(hours, time))) return 3;
  }
  const capacity = rep.capacity ?? policy.defaultCapacity;
  if (capacity !== null && rep.openLeads >= capacity) return 4;
  if (rep.maxNewPerDay !== null && rep.newToday >= rep.maxNewPerDay) return 5;
  return 0;
}

/**
 * What eligibility reads of a team's reps that does not change while their settings do not: kept
 * by a caller that routes many leads to the same list (the router, per profile and team), so a
 * decision reads a few small arrays instead of three objects per rep, and each distinct calendar's
 * hours once instead of once per rep.
 */
export interface PreparedTeam {
  readonly reps: readonly RoutingRep[];
  readonly policy: TeamPolicy;
  /** 1: inactive, 2: on leave, 0: neither. */
  readonly absent: Uint8Array;
  /** Index in `calendars` of each rep's hours; −1: none (or off hours allowed). */
  readonly calendarAt: Int32Array;
  readonly calendars: readonly PreparedCalendar[];
  /** Open leads and new leads a day at which each rep is full; NaN: no limit. */
  readonly capacities: Float64Array;
  readonly dailyCaps: Float64Array;
  /** Each calendar open or not, for the decision being made. */
  readonly open: Uint8Array;
}

const limit = (value: number | null | undefined) => (value === null || value === undefined ? NaN : value);

/** A team's settings laid out for `sortOut`; valid while the reps' settings and the policy stay as they are. */
export function prepareTeam(reps: readonly RoutingRep[], policy: TeamPolicy): PreparedTeam {
  const size = reps.length;
  const calendars: PreparedCalendar[] = [];
  const team = {
    reps,
    policy,
    absent: new Uint8Array(size),
    calendarAt: new Int32Array(size).fill(-1),
    calendars,
    capacities: new Float64Array(size),
    dailyCaps: new Float64Array(size),
    open: new Uint8Array(0),
  };
  for (let index = 0; index < size; index++) {
    const rep = reps[index]!;
    team.absent[index] = !rep.active ? 1 : rep.onLeave ? 2 : 0;
    if (rep.calendar && !policy.allowOffHours) {
      const hours = rep.preparedCalendar ?? hoursOf(rep.calendar);
      let at = calendars.indexOf(hours);
      if (at < 0) at = calendars.push(hours) - 1;
      team.calendarAt[index] = at;
    }
    team.capacities[index] = limit(rep.capacity ?? policy.defaultCapacity);
    team.dailyCaps[index] = limit(rep.maxNewPerDay);
  }
  return { ...team, open: new Uint8Array(calendars.length) };
}

/**
 * A team's reps sorted out at `time` (epoch ms): the positions of those who can take the lead go
 * to `eligible` (ascending), the others' `exclusionAt` codes to `exclusions` at their positions.
 * Returns how many are eligible. `prepared`, when it was made for these reps and policy, stands
 * for their settings.
 */
export function sortOut(
  reps: readonly RoutingRep[],
  policy: TeamPolicy,
  time: number,
  eligible: Int32Array,
  exclusions: Uint8Array,
  prepared?: PreparedTeam,
): number {
  const utcMinute = Math.floor(time / MINUTE);
  let count = 0;
  if (prepared && prepared.reps === reps && prepared.policy === policy) {
    const { absent, calendarAt, calendars, capacities, dailyCaps, open } = prepared;
    for (let at = 0; at < calendars.length; at++) {
      const hours = calendars[at]!;
      open[at] = (hours.utcMinute === utcMinute ? hours.open : openAt(hours, time)) ? 1 : 0;
    }
    for (let index = 0; index < reps.length; index++) {
      let code = absent[index]!;
      if (code === 0) {
        const calendar = calendarAt[index]!;
        if (calendar >= 0 && open[calendar] === 0) code = 3;
        else {
          const rep = reps[index]!;
          // NaN (no limit) compares false.
          if (rep.openLeads >= capacities[index]!) code = 4;
          else if (rep.newToday >= dailyCaps[index]!) code = 5;
        }
      }
      if (code === 0) eligible[count++] = index;
      else exclusions[index] = code;
    }
    return count;
  }
  for (let index = 0; index < reps.length; index++) {
    const code = exclusionIn(reps[index]!, policy, time, utcMinute);
    if (code === 0) eligible[count++] = index;
    else exclusions[index] = code;
  }
  return count;
}

/** Every rep's exclusion reason (null: eligible), keyed by rep id. */
export function checkEligibility(
  reps: readonly RoutingRep[],
  policy: TeamPolicy,
  now: Date,
): Map<string, ExclusionReason | null> {
  return new Map(reps.map((rep) => [rep.id, exclusionOf(rep, policy, now)]));
}
