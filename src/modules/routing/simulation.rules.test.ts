import { describe, expect, it } from 'vitest';
import { candidatesOf } from './explanation.rules.ts';
import { buildRoutingProfile, type RepSettings, type TeamSettings } from './routing-profile.rules.ts';
import type { SegmentRecords } from './router.rules.ts';
import type { RoutingRule, StrategyName } from './routing.schemas.ts';
import { blankLead, repSettings, teamSettings } from './routing.fixtures.ts';
import {
  conversionEstimator,
  replayLeads,
  segmentFieldsOf,
  summariseReplay,
  type Person,
  type ReplayLead,
  type ReplayStart,
} from './simulation.rules.ts';

const HOUR = 3_600_000;
const t0 = new Date('2026-10-05T02:00:00Z'); // 10:00 in Shanghai
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

const team = (id: string, strategy: StrategyName, extra: Partial<TeamSettings> = {}) =>
  teamSettings(id, { routingStrategy: strategy, allowOffHours: true, ...extra });
const rep = repSettings;

function profileOf(teams: TeamSettings[], reps: RepSettings[], rules: RoutingRule[] = [], defaultTeam = 't1') {
  return buildRoutingProfile({
    teams,
    reps,
    ruleSet: { version: 7, rules, defaultTarget: { kind: 'team', teamId: defaultTeam }, affinity: 'owner' },
  });
}

let serial = 0;
function lead(createdAt: Date, extra: Partial<ReplayLead> = {}): ReplayLead {
  serial += 1;
  return {
    ...blankLead(createdAt, { source: 'web', score: 0, grade: 'D' }),
    id: `lead-${serial}`,
    name: `Lead ${serial}`,
    releaseAt: null,
    ownerId: null,
    teamId: null,
    ...extra,
  } as ReplayLead;
}

const emptyStart: ReplayStart = { openLeads: new Map(), releases: [], dealtBefore: [], companyOwners: new Map() };
const chosen = (replay: { decisions: { chosenUserId: string | null }[] }) =>
  replay.decisions.map((decision) => decision.chosenUserId);

describe('replayLeads', () => {
  const capacityOne = profileOf(
    [team('t1', 'least_loaded')],
    [rep('a', 't1', { capacity: 1 }), rep('b', 't1', { capacity: 1 })],
  );

  it.each([
    { case: 'the first lead closed before the second arrived: a takes both', releaseAt: at(1), expected: ['a', 'a'] },
    { case: 'the first lead closed after the second arrived: b takes it', releaseAt: at(3), expected: ['a', 'b'] },
    { case: 'the first lead is still open: b takes it', releaseAt: null, expected: ['a', 'b'] },
  ])('releases a simulated lead when the real one closed — $case', ({ releaseAt, expected }) => {
    const replay = replayLeads(
      capacityOne,
      new Map(),
      emptyStart,
      [lead(at(0), { releaseAt }), lead(at(2))],
      'Asia/Shanghai',
    );
    expect(chosen(replay)).toEqual(expected);
  });

  it.each([
    { case: 'a starts full: b gets the lead', start: { openLeads: new Map([['a', 1]]) }, expected: ['b', null] },
    {
      case: "a's open lead closes before the first arrival",
      start: { openLeads: new Map([['a', 1]]), releases: [{ userId: 'a', at: at(-1) }] },
      expected: ['a', 'b'],
    },
    {
      case: "a's open lead closes between the arrivals",
      start: { openLeads: new Map([['a', 1]]), releases: [{ userId: 'a', at: at(1) }] },
      expected: ['b', 'a'],
    },
  ])('starts from the real open loads — $case', ({ start, expected }) => {
    const replay = replayLeads(
      capacityOne,
      new Map(),
      { ...emptyStart, ...start },
      [lead(at(0)), lead(at(2))],
      'Asia/Shanghai',
    );
    expect(chosen(replay)).toEqual(expected);
  });

  it('records each rep’s peak of open leads, the starting load included', () => {
    const profile = profileOf([team('t1', 'round_robin')], [rep('a', 't1'), rep('b', 't1')]);
    const start = { ...emptyStart, openLeads: new Map([['b', 5]]) };
    const replay = replayLeads(profile, new Map(), start, [lead(at(0)), lead(at(1)), lead(at(2))], 'UTC');
    expect(chosen(replay)).toEqual(['a', 'b', 'a']);
    expect(Object.fromEntries(replay.peakOpen)).toEqual({ a: 2, b: 6 });
  });

  // a's daily cap is one lead; a rule names a, so a lead past the cap falls back to the team (b).
  const toA: RoutingRule = {
    id: 'r1',
    name: 'to a',
    active: true,
    when: { field: 'source', op: 'exists' },
    target: { kind: 'user', userId: 'a' },
  };
  const capped = profileOf([team('t1', 'round_robin')], [rep('a', 't1', { maxNewPerDay: 1 }), rep('b', 't1')], [toA]);
  it.each([
    { case: 'two leads the same Shanghai day', hours: [0, 1], dealtBefore: [], expected: ['a', 'b'] },
    // 02:00Z + 14 h = 16:00Z, midnight in Shanghai: a new day for a.
    { case: 'the second after Shanghai midnight', hours: [0, 14], dealtBefore: [], expected: ['a', 'a'] },
    { case: 'the second just before Shanghai midnight', hours: [0, 13.9], dealtBefore: [], expected: ['a', 'b'] },
    {
      case: 'a really got one earlier that day',
      hours: [0, 14],
      dealtBefore: [{ userId: 'a', at: at(-1) }],
      expected: ['b', 'a'],
    },
    { case: 'a got one the day before', hours: [0], dealtBefore: [{ userId: 'a', at: at(-11) }], expected: ['a'] },
  ])('resets the daily count at the rep’s local midnight — $case', ({ hours, dealtBefore, expected }) => {
    const leads = hours.map((hour) => lead(at(hour)));
    const replay = replayLeads(capped, new Map(), { ...emptyStart, dealtBefore }, leads, 'Asia/Shanghai');
    expect(chosen(replay)).toEqual(expected);
  });

  it('reads the day of a rep’s own calendar time zone', () => {
    const calendar = { timeZone: 'UTC', weekly: { mon: [{ start: '00:00', end: '23:59' }] } };
    const profile = profileOf(
      [team('t1', 'round_robin')],
      [rep('a', 't1', { maxNewPerDay: 1, calendar }), rep('b', 't1')],
      [toA],
    );
    // 10:00Z and 23:00Z Monday: the same UTC day, though Shanghai's day turned over at 16:00Z.
    const replay = replayLeads(profile, new Map(), emptyStart, [lead(at(8)), lead(at(21))], 'Asia/Shanghai');
    expect(chosen(replay)).toEqual(['a', 'b']);
  });

  it('keeps a company with the owner it really had before the replay, and with whoever the replay gave it', () => {
    const profile = profileOf([team('t1', 'round_robin')], [rep('a', 't1'), rep('b', 't1'), rep('c', 't1')]);
    const start = { ...emptyStart, companyOwners: new Map([['acme', 'c']]) };
    const leads = [
      lead(at(0), { companyKey: 'acme' }),
      lead(at(1), { companyKey: 'beta' }),
      lead(at(2)),
      lead(at(3), { companyKey: 'beta' }),
    ];
    const replay = replayLeads(profile, new Map(), start, leads, 'UTC');
    expect(chosen(replay)).toEqual(['c', 'a', 'b', 'a']);
    expect(replay.decisions.map((decision) => decision.kind)).toEqual(['affinity', 'rules', 'rules', 'affinity']);
  });

  it('routes by the replayed rule set and says which rule matched', () => {
    const toRetail: RoutingRule = {
      id: 'retail',
      name: 'Retail team',
      active: true,
      when: { field: 'custom.industry', op: 'equals', value: 'Retail' },
      target: { kind: 'team', teamId: 't2' },
    };
    const profile = profileOf(
      [team('t1', 'round_robin'), team('t2', 'round_robin')],
      [rep('a', 't1'), rep('z', 't2')],
      [toRetail],
    );
    const leads = [lead(at(0), { custom: { industry: 'retail' } }), lead(at(1), { custom: { industry: 'banking' } })];
    const replay = replayLeads(profile, new Map(), emptyStart, leads, 'UTC');
    expect(replay.decisions.map((d) => [d.ruleSetVersion, d.ruleId, d.chosenUserId, d.teamId])).toEqual([
      [7, 'retail', 'z', 't2'],
      [7, null, 'a', 't1'],
    ]);
  });

  it('leaves the lead in the pool when nobody can take it, and writes nothing back to the start', () => {
    const start = {
      ...emptyStart,
      openLeads: new Map([
        ['a', 1],
        ['b', 1],
      ]),
    };
    const replay = replayLeads(capacityOne, new Map(), start, [lead(at(0))], 'UTC');
    expect(replay.decisions[0]!.chosenUserId).toBeNull();
    expect(candidatesOf(replay.decisions[0]!.explanation)).toMatchObject([
      { userId: 'a', excluded: 'at_capacity' },
      { userId: 'b', excluded: 'at_capacity' },
    ]);
    expect(Object.fromEntries(start.openLeads)).toEqual({ a: 1, b: 1 });
  });
});

describe('conversionEstimator', () => {
  const profile = profileOf(
    [team('t1', 'best_fit'), team('t2', 'round_robin')],
    [rep('a', 't1'), rep('b', 't1'), rep('z', 't2')],
  );
  const records = new Map<string, SegmentRecords>([
    [
      'custom.industry',
      new Map([
        ['a', new Map([['retail', { wins: 8, leads: 10 }]])],
        ['b', new Map([['retail', { wins: 2, leads: 10 }]])],
        ['z', new Map([['banking', { wins: 3, leads: 10 }]])],
        ['gone', new Map([['retail', { wins: 0, leads: 20 }]])],
      ]),
    ],
  ]);
  const people = new Map<string, Person>([
    ['a', { name: 'A', teamId: 't1', capacity: null }],
    ['b', { name: 'B', teamId: 't1', capacity: null }],
    ['z', { name: 'Z', teamId: 't2', capacity: null }],
    ['gone', { name: 'Gone', teamId: null, capacity: null }],
  ]);
  const estimate = conversionEstimator(profile, records, people);
  const retail = lead(at(0), { custom: { industry: ' Retail ' } });

  it.each([
    // Team t1 pools 10 wins of 20 in retail: 0.5. a: (8 + 20·0.5) / (10 + 20).
    { case: 'a proven rep, toward the team rate', userId: 'a', expected: 18 / 30 },
    { case: 'a weak rep, toward the team rate', userId: 'b', expected: 12 / 30 },
    // t2 has no retail record: the workspace's 10 of 40 (0.25) is the reference; z has none of their own.
    { case: 'a rep whose team has no record in the segment', userId: 'z', expected: 0.25 },
    // No team: the workspace rate, 0.25; 0 wins of 20 → (0 + 5) / 40.
    { case: 'someone outside every team', userId: 'gone', expected: 5 / 40 },
    { case: 'the pool', userId: null, expected: 0 },
  ])('shrinks the rep’s segment rate — $case', ({ userId, expected }) => {
    expect(estimate(retail, userId)).toBeCloseTo(expected, 10);
  });

  it('reads each team’s own segment field', () => {
    const byProvince = profileOf(
      [
        team('t1', 'round_robin', {
          bestFit: {
            weights: { tags: 0, conversion: 1, load: 0, response: 0 },
            segmentField: 'province',
            matchFields: [],
          },
        }),
      ],
      [rep('a', 't1')],
    );
    expect(segmentFieldsOf(byProvince)).toEqual(['custom.industry', 'province']);
    const provinceRecords = new Map<string, SegmentRecords>([
      ['province', new Map([['a', new Map([['浙江', { wins: 5, leads: 5 }]])]])],
    ]);
    const estimateByProvince = conversionEstimator(
      byProvince,
      provinceRecords,
      new Map([['a', { name: 'A', teamId: 't1', capacity: null }]]),
    );
    expect(estimateByProvince(lead(at(0), { province: '浙江' }), 'a')).toBeCloseTo(1, 10);
    expect(estimateByProvince(lead(at(0), { province: '江苏' }), 'a')).toBe(0);
  });
});

describe('summariseReplay', () => {
  it('counts leads per rep and team on both sides, the pool, expected conversions and peak load', () => {
    const profile = profileOf([team('t1', 'round_robin')], [rep('a', 't1'), rep('b', 't1')]);
    const leads = [
      lead(at(0), { ownerId: 'b', teamId: 't1' }),
      lead(at(1), { ownerId: null, teamId: null }),
      lead(at(2), { ownerId: 'gone', teamId: 't9' }),
    ];
    const replay = replayLeads(profile, new Map(), { ...emptyStart, openLeads: new Map([['a', 3]]) }, leads, 'UTC');
    const people = new Map<string, Person>([
      ['a', { name: 'A', teamId: 't1', capacity: 10 }],
      ['b', { name: 'B', teamId: 't1', capacity: null }],
      ['gone', { name: 'Gone', teamId: 't9', capacity: 4 }],
    ]);
    const rates: Record<string, number> = { a: 0.5, b: 0.25, gone: 0.1 };
    const summary = summariseReplay({
      leads,
      decisions: replay.decisions,
      peakOpen: replay.peakOpen,
      routableIds: ['a', 'b'],
      people,
      estimate: (_lead, userId) => (userId ? rates[userId]! : 0),
    });
    expect(chosen(replay)).toEqual(['a', 'b', 'a']);
    expect(summary).toEqual({
      leads: 3,
      toPool: { simulated: 0, actual: 1 },
      expectedConversions: { simulated: 1.25, actual: 0.35 },
      reps: [
        {
          userId: 'a',
          name: 'A',
          teamId: 't1',
          simulatedLeads: 2,
          actualLeads: 0,
          capacity: 10,
          peakLoad: 0.5,
          expectedConversions: { simulated: 1, actual: 0 },
        },
        {
          userId: 'b',
          name: 'B',
          teamId: 't1',
          simulatedLeads: 1,
          actualLeads: 1,
          capacity: null,
          peakLoad: null,
          expectedConversions: { simulated: 0.25, actual: 0.25 },
        },
        {
          userId: 'gone',
          name: 'Gone',
          teamId: 't9',
          simulatedLeads: 0,
          actualLeads: 1,
          capacity: 4,
          peakLoad: 0,
          expectedConversions: { simulated: 0, actual: 0.1 },
        },
      ],
      teams: [
        { teamId: null, simulatedLeads: 0, actualLeads: 1 },
        { teamId: 't1', simulatedLeads: 3, actualLeads: 1 },
        { teamId: 't9', simulatedLeads: 0, actualLeads: 1 },
      ],
    });
  });
});
