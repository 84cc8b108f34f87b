import { describe, expect, it } from 'vitest';
import { notificationPreferences, quietHours, userPreferences } from './notification.schemas.ts';
import { channelsFor, effectivePreferences, planDelivery, quietUntil } from './preferences.rules.ts';

const shanghaiNights = quietHours.parse({ start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai' });

describe('quietUntil', () => {
  it.each([
    // Asia/Shanghai is UTC+8 all year.
    { name: '21:59:59 local, before the night', now: '2026-12-05T13:59:59Z', expected: null },
    { name: '22:00 local, the night starts', now: '2026-12-05T14:00:00Z', expected: '2026-12-06T00:00:00.000Z' },
    { name: '23:30 local, before midnight', now: '2026-12-05T15:30:00Z', expected: '2026-12-06T00:00:00.000Z' },
    { name: '00:00 local, midnight itself', now: '2026-12-05T16:00:00Z', expected: '2026-12-06T00:00:00.000Z' },
    { name: '03:00 local, after midnight', now: '2026-12-05T19:00:00Z', expected: '2026-12-06T00:00:00.000Z' },
    {
      name: '07:59:59.999 local, the last moment',
      now: '2026-12-05T23:59:59.999Z',
      expected: '2026-12-06T00:00:00.000Z',
    },
    { name: '08:00 local, the night is over', now: '2026-12-06T00:00:00Z', expected: null },
    { name: '12:00 local, midday', now: '2026-12-06T04:00:00Z', expected: null },
    {
      name: 'New Year’s Eve 23:00 local, across the year',
      now: '2026-12-31T15:00:00Z',
      expected: '2027-01-01T00:00:00.000Z',
    },
  ])('should hold across midnight in Asia/Shanghai at $name', ({ now, expected }) => {
    expect(quietUntil(shanghaiNights, new Date(now))?.toISOString() ?? null).toBe(expected);
  });

  it.each([
    { now: '2026-12-05T03:59:00Z', expected: null },
    { now: '2026-12-05T04:00:00Z', expected: '2026-12-05T06:00:00.000Z' },
    { now: '2026-12-05T05:59:00Z', expected: '2026-12-05T06:00:00.000Z' },
    { now: '2026-12-05T06:00:00Z', expected: null },
  ])('should hold a same-day window (12:00–14:00 Shanghai) at $now', ({ now, expected }) => {
    const lunch = quietHours.parse({ start: '12:00', end: '14:00', timeZone: 'Asia/Shanghai' });
    expect(quietUntil(lunch, new Date(now))?.toISOString() ?? null).toBe(expected);
  });

  it.each([
    // 2026-03-08 02:00 New York springs forward: 08:00 EDT is 12:00Z, not 13:00Z.
    { name: 'spring forward', now: '2026-03-08T03:30:00Z', expected: '2026-03-08T12:00:00.000Z' },
    // 2026-11-01 02:00 New York falls back: 08:00 EST is 13:00Z.
    { name: 'fall back', now: '2026-11-01T02:30:00Z', expected: '2026-11-01T13:00:00.000Z' },
  ])('should end at 08:00 local across a DST change in New York ($name)', ({ now, expected }) => {
    const nights = quietHours.parse({ start: '22:00', end: '08:00', timeZone: 'America/New_York' });
    expect(quietUntil(nights, new Date(now))?.toISOString()).toBe(expected);
  });

  it('should refuse quiet hours that start when they end, and unknown zones', () => {
    expect(quietHours.safeParse({ start: '22:00', end: '22:00', timeZone: 'Asia/Shanghai' }).success).toBe(false);
    expect(quietHours.safeParse({ start: '22:00', end: '08:00', timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});

describe('planDelivery', () => {
  const prefs = notificationPreferences.parse({
    events: ['sla.*', 'lead.assigned'],
    channels: ['in_app', 'email', 'wecom'],
    byEvent: { 'sla.*': ['in_app', 'dingtalk'], 'sla.breached': ['in_app', 'email', 'dingtalk'] },
    quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai', urgentEvents: ['sla.breached'] },
  });
  const day = new Date('2026-12-05T04:00:00Z'); // 12:00 Shanghai
  const night = new Date('2026-12-05T15:30:00Z'); // 23:30 Shanghai
  const morning = new Date('2026-12-06T00:00:00.000Z');

  it.each([
    {
      name: 'an event not subscribed to',
      event: 'pool.claimed',
      at: day,
      expected: { now: [], held: [], heldUntil: null },
    },
    {
      name: 'a subscribed event by day, general channels',
      event: 'lead.assigned',
      at: day,
      expected: { now: ['in_app', 'email', 'wecom'], held: [], heldUntil: null },
    },
    {
      name: 'the same event at night: in-app now, the rest in the morning',
      event: 'lead.assigned',
      at: night,
      expected: { now: ['in_app'], held: ['email', 'wecom'], heldUntil: morning },
    },
    {
      name: 'a prefix byEvent entry',
      event: 'sla.reminder',
      at: day,
      expected: { now: ['in_app', 'dingtalk'], held: [], heldUntil: null },
    },
    {
      name: 'a prefix byEvent entry at night',
      event: 'sla.reminder',
      at: night,
      expected: { now: ['in_app'], held: ['dingtalk'], heldUntil: morning },
    },
    {
      name: 'an urgent event at night: the exact entry, nothing held',
      event: 'sla.breached',
      at: night,
      expected: { now: ['in_app', 'email', 'dingtalk'], held: [], heldUntil: null },
    },
  ])('should route $name', ({ event, at, expected }) => {
    expect(planDelivery(prefs, event, at)).toEqual(expected);
  });

  it('should only use channels the workspace has set up', () => {
    expect(planDelivery(prefs, 'lead.assigned', night, ['in_app', 'email'])).toEqual({
      now: ['in_app'],
      held: ['email'],
      heldUntil: morning,
    });
  });

  it('should hold nothing and name no time when quiet hours allow every chosen channel', () => {
    const inAppOnly = { ...prefs, channels: ['in_app' as const], byEvent: {} };
    expect(planDelivery(inAppOnly, 'lead.assigned', night)).toEqual({ now: ['in_app'], held: [], heldUntil: null });
  });
});

describe('effectivePreferences and channelsFor', () => {
  const team = notificationPreferences.parse({
    events: ['*'],
    channels: ['in_app', 'wecom'],
    quietHours: { start: '22:00', end: '08:00', timeZone: 'Asia/Shanghai' },
  });

  it.each([
    { name: 'no user preferences', user: null, expected: team },
    { name: 'an empty user object', user: {}, expected: team },
    {
      name: 'the user’s channels',
      user: { channels: ['email'] },
      expected: { ...team, channels: ['email'] },
    },
    {
      name: 'the user turning quiet hours off',
      user: { quietHours: null },
      expected: { ...team, quietHours: null },
    },
    {
      name: 'the user’s own quiet hours',
      user: { quietHours: { start: '23:00', end: '07:00', timeZone: 'Asia/Shanghai' } },
      expected: { ...team, quietHours: quietHours.parse({ start: '23:00', end: '07:00', timeZone: 'Asia/Shanghai' }) },
    },
  ])('should take the team’s preferences under $name', ({ user, expected }) => {
    expect(effectivePreferences(team, user === null ? null : userPreferences.parse(user))).toEqual(expected);
  });

  it('should fall back to in-app for every event without any preferences', () => {
    expect(planDelivery(effectivePreferences(null, null), 'lead.assigned', new Date('2026-12-05T15:30:00Z'))).toEqual({
      now: ['in_app'],
      held: [],
      heldUntil: null,
    });
  });

  it.each([
    { event: 'sla.breached', expected: ['email'] },
    { event: 'sla.reminder.at80', expected: ['wecom'] },
    { event: 'sla.reminder', expected: ['dingtalk'] },
    { event: 'lead.assigned', expected: ['feishu'] },
  ])('should pick the most specific byEvent entry for $event', ({ event, expected }) => {
    const prefs = notificationPreferences.parse({
      byEvent: { '*': ['feishu'], 'sla.*': ['dingtalk'], 'sla.reminder.*': ['wecom'], 'sla.breached': ['email'] },
    });
    expect(channelsFor(prefs, event)).toEqual(expected);
  });
});
