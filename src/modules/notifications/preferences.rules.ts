import { instantOfWall, offsetAt } from '../sla/business-time.rules.ts';
import type {
  NotificationPreferences,
  PreferenceChannel,
  QuietHours,
  UserPreferences,
} from './notification.schemas.ts';
import { matchesEvent } from './webhook-signature.rules.ts';

/**
 * Who hears about what, where and when, pure. A team sets defaults; a user overrides any of them.
 * At `now`, an event goes to some channels at once and is held on others until quiet hours end.
 */

export const defaultPreferences: NotificationPreferences = {
  events: ['*'],
  channels: ['in_app'],
  byEvent: {},
  quietHours: null,
};

/** A user's preferences over their team's: each field the user set replaces the team's (quietHours: null turns them off). */
export function effectivePreferences(
  team: NotificationPreferences | null,
  user: UserPreferences | null,
): NotificationPreferences {
  const base = team ?? defaultPreferences;
  return {
    events: user?.events ?? base.events,
    channels: user?.channels ?? base.channels,
    byEvent: user?.byEvent ?? base.byEvent,
    quietHours: user?.quietHours === undefined ? base.quietHours : user.quietHours,
  };
}

/** How specific a pattern is for an event: exact beats the longest `prefix.*`, which beats `*`; -1 when it does not match. */
function specificity(pattern: string, event: string): number {
  if (pattern === event) return Number.MAX_SAFE_INTEGER;
  if (!matchesEvent([pattern], event)) return -1;
  return pattern === '*' ? 0 : pattern.length;
}

/** The channels chosen for an event: the most specific `byEvent` entry, else the general channels. */
export function channelsFor(preferences: NotificationPreferences, event: string): PreferenceChannel[] {
  let best: { rank: number; channels: PreferenceChannel[] } | null = null;
  for (const [pattern, channels] of Object.entries(preferences.byEvent)) {
    const rank = specificity(pattern, event);
    if (rank >= 0 && (best === null || rank > best.rank)) best = { rank, channels };
  }
  return [...new Set(best ? best.channels : preferences.channels)];
}

const DAY = 86_400_000;
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * When quiet hours that hold `now` end, or null when `now` is outside them. The window is
 * [start, end) on the zone's wall clock; start after end runs across midnight. The end instant is
 * found through the zone's offset at the end itself, so a DST change inside the night is followed.
 */
export function quietUntil(hours: QuietHours, now: Date): Date | null {
  const wall = now.getTime() + offsetAt(hours.timeZone, now.getTime());
  const intoDay = ((wall % DAY) + DAY) % DAY;
  const minute = Math.floor(intoDay / 60_000);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!quiet) return null;
  const dayStart = wall - intoDay;
  const endWall = dayStart + end * 60_000 + (minute >= end ? DAY : 0);
  return new Date(instantOfWall(hours.timeZone, endWall));
}

export interface DeliveryPlan {
  /** Channels to deliver to at once. */
  now: PreferenceChannel[];
  /** Channels to deliver to at `heldUntil`, when quiet hours end. */
  held: PreferenceChannel[];
  heldUntil: Date | null;
}

/**
 * Where an event goes at `now`: nowhere when the preferences do not subscribe to it; otherwise its
 * channels (limited to the `available` ones, those the workspace has set up), with quiet hours
 * holding all but their allowed channels unless the event is urgent.
 */
export function planDelivery(
  preferences: NotificationPreferences,
  event: string,
  now: Date,
  available: readonly PreferenceChannel[] | null = null,
): DeliveryPlan {
  if (!matchesEvent(preferences.events, event)) return { now: [], held: [], heldUntil: null };
  const channels = channelsFor(preferences, event).filter(
    (channel) => available === null || available.includes(channel),
  );
  const hours = preferences.quietHours;
  const until = hours && !matchesEvent(hours.urgentEvents, event) ? quietUntil(hours, now) : null;
  if (!hours || until === null) return { now: channels, held: [], heldUntil: null };
  const held = channels.filter((channel) => !hours.allowChannels.includes(channel));
  return {
    now: channels.filter((channel) => hours.allowChannels.includes(channel)),
    held,
    heldUntil: held.length > 0 ? until : null,
  };
}
