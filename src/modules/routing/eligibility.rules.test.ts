import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  exclusionAt,
  exclusionOf,
  prepareTeam,
  sortOut,
  wallClock,
  type RoutingRep,
  type TeamPolicy,
} from './eligibility.rules.ts';
import { repCalendar, type RepCalendar } from './routing.schemas.ts';

const weekdaysNineToSix = (timeZone: string): RepCalendar => ({
  timeZone,
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '18:00' }]]),
  ),
});

/** 夜班：周一 22:00 到周二 06:00（上海时间）。 */
const mondayNightShift: RepCalendar = {
  timeZone: 'Asia/Shanghai',
  weekly: { mon: [{ start: '22:00', end: '06:00' }] },
};

function rep(overrides: Partial<RoutingRep> = {}): RoutingRep {
  return {
    id: 'zhang-wei',
    active: true,
    onLeave: false,
    calendar: weekdaysNineToSix('Asia/Shanghai'),
    capacity: 10,
    maxNewPerDay: 5,
    openLeads: 0,
    newToday: 0,
    skills: [],
    ...overrides,
  };
}

const policy: TeamPolicy = { allowOffHours: false, defaultCapacity: 20 };

describe('wallClock', () => {
  it.each<[string, string, number, string]>([
    ['Asia/Shanghai', '2026-11-23T01:00:00Z', 1, '09:00'],
    ['Asia/Shanghai', '2026-11-22T16:00:00Z', 1, '00:00'],
    ['America/New_York', '2026-11-23T14:00:00Z', 1, '09:00'],
    ['America/New_York', '2026-07-06T13:00:00Z', 1, '09:00'],
    ['UTC', '2026-11-22T23:59:00Z', 0, '23:59'],
  ])('should read %s at %s as day %i, %s', (zone, at, day, time) => {
    const minute = Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
    expect(wallClock(zone, new Date(at))).toEqual({ day, minute });
  });
});

describe('wall clocks kept across decisions', () => {
  const clockAt = (zone: string, at: string) => {
    const { day, minute } = wallClock(zone, new Date(at));
    return `${day} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  };

  it('should move on to the next minute at its first millisecond, and back again', () => {
    expect(clockAt('Asia/Shanghai', '2026-11-23T01:59:00.000Z')).toBe('1 09:59');
    expect(clockAt('Asia/Shanghai', '2026-11-23T01:59:59.999Z')).toBe('1 09:59');
    expect(clockAt('Asia/Shanghai', '2026-11-23T02:00:00.000Z')).toBe('1 10:00');
    expect(clockAt('Asia/Shanghai', '2026-11-23T01:59:30.000Z')).toBe('1 09:59');
  });

  it('should follow New York into daylight saving time (02:00 becomes 03:00)', () => {
    expect(clockAt('America/New_York', '2026-03-08T06:59:00.000Z')).toBe('0 01:59');
    expect(clockAt('America/New_York', '2026-03-08T06:59:59.999Z')).toBe('0 01:59');
    expect(clockAt('America/New_York', '2026-03-08T07:00:00.000Z')).toBe('0 03:00');
  });

  it('should follow New York out of daylight saving time (01:59 is followed by 01:00)', () => {
    expect(clockAt('America/New_York', '2026-11-01T05:59:30.000Z')).toBe('0 01:59');
    expect(clockAt('America/New_York', '2026-11-01T06:00:00.000Z')).toBe('0 01:00');
    expect(clockAt('America/New_York', '2026-11-01T06:59:59.999Z')).toBe('0 01:59');
    expect(clockAt('America/New_York', '2026-11-01T07:00:00.000Z')).toBe('0 02:00');
  });

  it('should not keep a minute for a zone whose offset is off by seconds (Shanghai mean time, +8:05:43)', () => {
    expect(clockAt('Asia/Shanghai', '1900-01-01T00:00:10Z')).toBe('1 08:05');
    expect(clockAt('Asia/Shanghai', '1900-01-01T00:00:30Z')).toBe('1 08:06');
    expect(clockAt('Asia/Shanghai', '1900-01-01T00:00:10Z')).toBe('1 08:05');
  });

  it('should close a calendar at 18:00 right after it was open at 17:59:59', () => {
    const calendar = weekdaysNineToSix('Asia/Shanghai');
    expect(exclusionOf(rep({ calendar }), policy, new Date('2026-11-23T09:59:59.999Z'))).toBeNull();
    expect(exclusionOf(rep({ calendar }), policy, new Date('2026-11-23T10:00:00.000Z'))).toBe('off_hours');
    expect(exclusionOf(rep({ calendar }), policy, new Date('2026-11-23T09:59:00.000Z'))).toBeNull();
  });

  it('should open a New York calendar by its own clock on the day daylight saving time starts', () => {
    const sundayMorning: RepCalendar = {
      timeZone: 'America/New_York',
      weekly: { sun: [{ start: '03:00', end: '04:00' }] },
    };
    expect(exclusionOf(rep({ calendar: sundayMorning }), policy, new Date('2026-03-08T06:59:59Z'))).toBe('off_hours');
    expect(exclusionOf(rep({ calendar: sundayMorning }), policy, new Date('2026-03-08T07:00:00Z'))).toBeNull();
  });

  it('should tell apart calendars with the same hours in different zones', () => {
    const at = new Date('2026-11-23T02:00:00Z'); // 10:00 in Shanghai, 21:00 on Sunday in New York
    const reps = [
      rep({ id: 'shanghai', calendar: weekdaysNineToSix('Asia/Shanghai') }),
      rep({ id: 'shanghai-too', calendar: weekdaysNineToSix('Asia/Shanghai') }),
      rep({ id: 'new-york', calendar: weekdaysNineToSix('America/New_York') }),
    ];
    expect([...checkEligibility(reps, policy, at)]).toEqual([
      ['shanghai', null],
      ['shanghai-too', null],
      ['new-york', 'off_hours'],
    ]);
  });
});

describe('working hours', () => {
  // 2026-11-23 is a Monday; Shanghai is UTC+8 all year, New York UTC−5 in winter and UTC−4 in summer.
  it.each<[string, RepCalendar, string, boolean]>([
    ['just before the day starts (08:59 上海)', weekdaysNineToSix('Asia/Shanghai'), '2026-11-23T00:59:00Z', false],
    ['as the day starts (09:00 上海)', weekdaysNineToSix('Asia/Shanghai'), '2026-11-23T01:00:00Z', true],
    ['just before the day ends (17:59 上海)', weekdaysNineToSix('Asia/Shanghai'), '2026-11-23T09:59:00Z', true],
    ['as the day ends (18:00 上海)', weekdaysNineToSix('Asia/Shanghai'), '2026-11-23T10:00:00Z', false],
    ['Friday evening UTC is Saturday in Shanghai', weekdaysNineToSix('Asia/Shanghai'), '2026-11-27T17:00:00Z', false],
    ['Saturday morning', weekdaysNineToSix('Asia/Shanghai'), '2026-11-28T02:00:00Z', false],
    ['Sunday 09:30 in Shanghai', weekdaysNineToSix('Asia/Shanghai'), '2026-11-22T01:30:00Z', false],
    ['Sunday in UTC, Monday 07:30 in Shanghai', weekdaysNineToSix('Asia/Shanghai'), '2026-11-22T23:30:00Z', false],
    [
      'Saturday in UTC, Friday 16:30 in Los Angeles',
      weekdaysNineToSix('America/Los_Angeles'),
      '2026-11-28T00:30:00Z',
      true,
    ],
    ['New York before 09:00 EST', weekdaysNineToSix('America/New_York'), '2026-11-23T13:59:00Z', false],
    ['New York at 09:00 EST', weekdaysNineToSix('America/New_York'), '2026-11-23T14:00:00Z', true],
    ['New York at 09:00 EDT (summer time)', weekdaysNineToSix('America/New_York'), '2026-07-06T13:00:00Z', true],
    ['New York at 08:00 EDT', weekdaysNineToSix('America/New_York'), '2026-07-06T12:00:00Z', false],
    ['night shift before it starts (21:59)', mondayNightShift, '2026-11-23T13:59:00Z', false],
    ['night shift as it starts (22:00)', mondayNightShift, '2026-11-23T14:00:00Z', true],
    ['night shift across midnight (Tue 03:00)', mondayNightShift, '2026-11-23T19:00:00Z', true],
    ['night shift just before it ends (Tue 05:59)', mondayNightShift, '2026-11-23T21:59:00Z', true],
    ['night shift as it ends (Tue 06:00)', mondayNightShift, '2026-11-23T22:00:00Z', false],
    ['no night shift the night before Monday (Mon 03:00)', mondayNightShift, '2026-11-22T19:00:00Z', false],
    [
      'a span to 24:00 covers the last minute',
      { timeZone: 'Asia/Shanghai', weekly: { mon: [{ start: '00:00', end: '24:00' }] } },
      '2026-11-23T15:59:00Z',
      true,
    ],
    [
      'a split day: lunch break',
      {
        timeZone: 'Asia/Shanghai',
        weekly: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '18:00' },
          ],
        },
      },
      '2026-11-23T04:30:00Z',
      false,
    ],
  ])('%s: %s', (_name, calendar, at, working) => {
    expect(exclusionOf(rep({ calendar }), policy, new Date(at))).toBe(working ? null : 'off_hours');
  });

  it('should let a team that allows off-hours assign at night', () => {
    const night = new Date('2026-11-23T15:00:00Z');
    expect(exclusionOf(rep(), policy, night)).toBe('off_hours');
    expect(exclusionOf(rep(), { ...policy, allowOffHours: true }, night)).toBeNull();
  });

  it('should treat a rep without a calendar as always available', () => {
    expect(exclusionOf(rep({ calendar: null }), policy, new Date('2026-11-28T20:00:00Z'))).toBeNull();
  });
});

describe('exclusion reasons', () => {
  const working = new Date('2026-11-23T02:00:00Z');
  it.each<[string, Partial<RoutingRep>, TeamPolicy, string | null]>([
    ['eligible', {}, policy, null],
    ['inactive', { active: false }, policy, 'inactive'],
    ['on leave', { onLeave: true }, policy, 'on_leave'],
    ['inactive is told before leave', { active: false, onLeave: true }, policy, 'inactive'],
    ['one below capacity', { openLeads: 9 }, policy, null],
    ['at capacity', { openLeads: 10 }, policy, 'at_capacity'],
    ['the team default capacity', { capacity: null, openLeads: 20 }, policy, 'at_capacity'],
    ['below the team default', { capacity: null, openLeads: 19 }, policy, null],
    ['no capacity anywhere', { capacity: null, openLeads: 10_000 }, { ...policy, defaultCapacity: null }, null],
    ['one below the daily cap', { newToday: 4 }, policy, null],
    ['the daily cap reached', { newToday: 5 }, policy, 'daily_cap_reached'],
    ['no daily cap', { maxNewPerDay: null, newToday: 500 }, policy, null],
  ])('%s', (_name, overrides, teamPolicy, reason) => {
    expect(exclusionOf(rep(overrides), teamPolicy, working)).toBe(reason);
  });

  it('should give every rep of a team a reason or null', () => {
    const result = checkEligibility(
      [rep({ id: 'a' }), rep({ id: 'b', onLeave: true }), rep({ id: 'c', calendar: weekdaysNineToSix('UTC') })],
      policy,
      working,
    );
    expect([...result]).toEqual([
      ['a', null],
      ['b', 'on_leave'],
      ['c', 'off_hours'],
    ]);
  });
});

describe('repCalendar schema', () => {
  it.each<[unknown, boolean]>([
    [weekdaysNineToSix('Asia/Shanghai'), true],
    [mondayNightShift, true],
    [{ timeZone: 'Mars/Olympus', weekly: {} }, false],
    [{ timeZone: 'Asia/Shanghai', weekly: { mon: [{ start: '09:00', end: '09:00' }] } }, false],
    [{ timeZone: 'Asia/Shanghai', weekly: { mon: [{ start: '9:00', end: '18:00' }] } }, false],
    [{ timeZone: 'Asia/Shanghai', weekly: { holiday: [] } }, false],
  ])('should judge %j valid: %s', (input, valid) => {
    expect(repCalendar.safeParse(input).success).toBe(valid);
  });
});

describe('wall clocks worked out from the hour offset', () => {
  const direct = (timeZone: string, at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const part = (type: string) => parts.find((item) => item.type === type)!.value;
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    return { day: days.indexOf(part('weekday')), minute: Number(part('hour')) * 60 + Number(part('minute')) };
  };
  const zones = [
    'Asia/Shanghai',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'America/St_Johns',
    'Africa/Monrovia',
    'Asia/Kolkata',
    'Pacific/Apia',
    'UTC',
  ];

  it.each(zones)('agree with Intl minute by minute across offset changes and at random moments (%s)', (zone) => {
    // Walks through 2026's changes (both directions), 1971 (Monrovia's −0:44:30) and 1900 (mean times).
    const walks = [
      '2026-03-08T00:00:00Z',
      '2026-04-04T12:00:00Z',
      '2026-10-03T12:00:00Z',
      '2026-11-01T00:00:00Z',
      '1971-06-01T00:00:00Z',
      '1900-01-01T00:00:00Z',
    ];
    for (const from of walks) {
      const start = Date.parse(from);
      for (let step = 0; step < 36 * 60; step += 7) {
        const at = start + step * 60_000 + ((step * 7919) % 60_000);
        expect(wallClock(zone, new Date(at)), `${zone} ${new Date(at).toISOString()}`).toEqual(direct(zone, at));
      }
    }
    let seed = 3;
    for (let round = 0; round < 300; round++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const at = Date.parse('1890-01-01T00:00:00Z') + (seed / 2 ** 31) * 160 * 365.25 * 86_400_000;
      expect(wallClock(zone, new Date(at)), `${zone} ${new Date(at).toISOString()}`).toEqual(direct(zone, at));
    }
  });
});

describe('sorting a team out with its settings prepared', () => {
  const calendars: (RepCalendar | null)[] = [
    null,
    weekdaysNineToSix('Asia/Shanghai'),
    weekdaysNineToSix('America/New_York'),
    weekdaysNineToSix('Asia/Kathmandu'),
    mondayNightShift,
    { timeZone: 'Australia/Lord_Howe', weekly: { sat: [{ start: '10:00', end: '14:30' }] } },
  ];
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;

  it.each<TeamPolicy>([
    { allowOffHours: false, defaultCapacity: 6 },
    { allowOffHours: false, defaultCapacity: null },
    { allowOffHours: true, defaultCapacity: 3 },
  ])('gives every rep the code exclusionAt gives, at any moment (%j)', (policy) => {
    const team = Array.from({ length: 60 }, (_, index) =>
      rep({
        id: `r${index}`,
        active: next() > 0.1,
        onLeave: next() < 0.1,
        calendar: pick(calendars),
        capacity: pick([null, 0, 4, 8]),
        maxNewPerDay: pick([null, 0, 2, 5]),
        openLeads: Math.floor(next() * 9),
        newToday: Math.floor(next() * 6),
      }),
    );
    const prepared = prepareTeam(team, policy);
    const start = Date.parse('2026-03-28T00:00:00Z');
    for (let round = 0; round < 400; round++) {
      // Across a week with a daylight-saving change, minute boundaries included.
      const time =
        start + Math.floor(next() * 8 * 24 * 60) * 60_000 + (round % 3 === 0 ? 0 : Math.floor(next() * 60_000));
      // Counts move between decisions; settings do not.
      for (const member of team) {
        member.openLeads = Math.floor(next() * 9);
        member.newToday = Math.floor(next() * 6);
      }
      const eligible = new Int32Array(team.length);
      const exclusions = new Uint8Array(team.length);
      const count = sortOut(team, policy, time, eligible, exclusions, prepared);
      const expected = team.map((member) => exclusionAt(member, policy, time));
      const codes = Array.from(exclusions);
      for (let at = 0; at < count; at++) codes[eligible[at]!] = 0;
      expect(codes).toEqual(expected);
      expect(Array.from(eligible.subarray(0, count))).toEqual(
        expected.flatMap((code, index) => (code === 0 ? [index] : [])),
      );
    }
  });

  it('is not used for another list or policy', () => {
    const team = [rep({ id: 'a', capacity: 1, openLeads: 1 })];
    const prepared = prepareTeam(team, policy);
    const eligible = new Int32Array(1);
    const exclusions = new Uint8Array(1);
    const changed = [rep({ id: 'a', capacity: 5, openLeads: 1, calendar: null })];
    expect(sortOut(changed, policy, Date.parse('2026-11-23T02:00:00Z'), eligible, exclusions, prepared)).toBe(1);
    expect(sortOut(team, { ...policy }, Date.parse('2026-11-23T02:00:00Z'), eligible, exclusions, prepared)).toBe(0);
    expect(exclusions[0]).toBe(4);
  });
});
