import { describe, expect, it } from 'vitest';
import {
  buildRoutingProfile,
  builtInRuleSet,
  startOfLocalDay,
  teamMembers,
  type TeamSettings,
} from './routing-profile.rules.ts';
import { candidatesJson, candidatesOf } from './explanation.rules.ts';
import {
  routeLeads,
  routingCounts,
  storedDetails,
  storedDetailsJson,
  teamsInPlay,
  type RouterLead,
  type RoutingLive,
} from './router.rules.ts';
import type { RoutingRule } from './routing.schemas.ts';
import { blankLead, repSettings, teamSettings } from './routing.fixtures.ts';

const now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai

const team = (id: string, parentId: string | null, extra: Partial<TeamSettings> = {}) =>
  teamSettings(id, { parentId, ...extra });
const rep = repSettings;
const lead = (extra: Partial<RouterLead> = {}): RouterLead =>
  blankLead(now, { name: 'x', source: 'api', score: 50, grade: 'B', ...extra } as Partial<RouterLead>);
const emptyLive = (): RoutingLive => ({
  openLeads: new Map(),
  newToday: new Map(),
  rotations: new Map(),
  companyOwners: new Map(),
  records: new Map(),
});

const teams = [team('t-root', null), team('t-bj', 't-root'), team('t-sh', 't-root')];
const reps = [rep('a', 't-bj'), rep('b', 't-bj'), rep('c', 't-sh'), rep('d', 't-root')];
const bjRule: RoutingRule = {
  id: 'bj',
  name: 'Beijing',
  active: true,
  when: { field: 'city', op: 'equals', value: '北京市' },
  target: { kind: 'team', teamId: 't-bj' },
};

function profileWith(
  rules: RoutingRule[],
  defaultTarget = { kind: 'team', teamId: 't-root' } as const,
  affinity = 'off' as const,
) {
  return buildRoutingProfile({ teams, reps, ruleSet: { version: 3, rules, defaultTarget, affinity } });
}

describe('teamMembers', () => {
  it('should hold a team’s own reps and every team’s below it, in id order', () => {
    const members = teamMembers(teams, reps);
    expect(members.get('t-root')).toEqual(['a', 'b', 'c', 'd']);
    expect(members.get('t-bj')).toEqual(['a', 'b']);
    expect(members.get('t-sh')).toEqual(['c']);
  });

  it('should not loop on a cycle in parent links', () => {
    const members = teamMembers([team('x', 'y'), team('y', 'x')], [rep('r', 'x')]);
    expect(members.get('y')).toEqual(['r']);
  });
});

describe('builtInRuleSet', () => {
  it.each([
    ['t1', { kind: 'team', teamId: 't1' }],
    [null, { kind: 'pool' }],
  ])('should send every lead to the default team %s (or the pool)', (teamId, target) => {
    expect(builtInRuleSet(teamId)).toMatchObject({ version: 0, rules: [], defaultTarget: target });
  });
});

describe('routeLeads', () => {
  it('should deal round robin inside the matched team and record version, rule and candidates', () => {
    const live = emptyLive();
    const decisions = routeLeads(
      profileWith([bjRule]),
      live,
      [lead({ city: '北京市' }), lead({ city: '北京市' }), lead({ city: '北京市' })],
      now,
    );
    expect(decisions.map((decision) => decision.chosenUserId)).toEqual(['a', 'b', 'a']);
    expect(decisions[0]).toMatchObject({ ruleSetVersion: 3, ruleId: 'bj', strategy: 'round_robin', teamId: 't-bj' });
    expect(candidatesOf(decisions[0]!.explanation).map((candidate) => candidate.userId)).toEqual(['a', 'b']);
    expect(live.openLeads.get('a')).toBe(2);
    expect(live.rotations.get('t-bj')?.lastUserId).toBe('a');
  });

  it('should take the default target when no rule matches, and the pool when told', () => {
    const profile = profileWith([bjRule], { kind: 'pool' } as never);
    const [decision] = routeLeads(profile, emptyLive(), [lead({ city: '上海市' })], now);
    expect(decision).toMatchObject({ ruleId: null, strategy: 'pool', chosenUserId: null });
    expect(candidatesOf(decision!.explanation)).toEqual([]);
    expect(candidatesJson(decision!.explanation)).toBe('[]');
  });

  it('should give a company someone owns to its owner, whatever the rules say, unless the policy is off or flag', () => {
    const live = () => ({ ...emptyLive(), companyOwners: new Map([['华远', 'c']]) });
    const leadOf = lead({ city: '北京市', companyKey: '华远' });
    const owner = buildRoutingProfile({
      teams,
      reps,
      ruleSet: { version: 1, rules: [bjRule], defaultTarget: { kind: 'pool' }, affinity: 'owner' },
    });
    expect(routeLeads(owner, live(), [leadOf], now)[0]).toMatchObject({ kind: 'affinity', chosenUserId: 'c' });
    const flag = buildRoutingProfile({
      teams,
      reps,
      ruleSet: { version: 1, rules: [bjRule], defaultTarget: { kind: 'pool' }, affinity: 'flag' },
    });
    expect(routeLeads(flag, live(), [leadOf], now)[0]).toMatchObject({
      kind: 'rules',
      teamId: 't-bj',
      details: { flagged: true, affinityOwnerId: 'c' },
    });
    expect(routeLeads(profileWith([bjRule]), live(), [leadOf], now)[0]!.chosenUserId).toBe('a');
  });

  it('should route a second new contact of one company in the same batch to the first one’s rep', () => {
    const profile = buildRoutingProfile({
      teams,
      reps,
      ruleSet: { version: 1, rules: [], defaultTarget: { kind: 'team', teamId: 't-root' }, affinity: 'owner' },
    });
    const decisions = routeLeads(
      profile,
      emptyLive(),
      [lead({ companyKey: 'k' }), lead({ companyKey: 'x' }), lead({ companyKey: 'k' })],
      now,
    );
    expect(decisions.map((decision) => decision.chosenUserId)).toEqual(['a', 'b', 'a']);
    expect(decisions[2]!.kind).toBe('affinity');
  });

  it('should skip an account owner on leave and let the rules decide', () => {
    const away = [rep('a', 't-bj'), rep('b', 't-bj', { onLeave: true })];
    const profile = buildRoutingProfile({
      teams,
      reps: away,
      ruleSet: { version: 1, rules: [bjRule], defaultTarget: { kind: 'pool' }, affinity: 'owner' },
    });
    const live = { ...emptyLive(), companyOwners: new Map([['k', 'b']]) };
    expect(routeLeads(profile, live, [lead({ city: '北京市', companyKey: 'k' })], now)[0]).toMatchObject({
      kind: 'rules',
      chosenUserId: 'a',
    });
  });

  it('should fall back to a named rep’s team when that rep cannot take the lead', () => {
    const named: RoutingRule = { ...bjRule, id: 'vip', target: { kind: 'user', userId: 'b' } };
    const onLeave = buildRoutingProfile({
      teams,
      reps: [rep('a', 't-bj'), rep('b', 't-bj', { onLeave: true })],
      ruleSet: { version: 1, rules: [named], defaultTarget: { kind: 'pool' }, affinity: 'off' },
    });
    const [decision] = routeLeads(onLeave, emptyLive(), [lead({ city: '北京市' })], now);
    expect(decision).toMatchObject({
      chosenUserId: 'a',
      details: { fallbackFrom: { userId: 'b', excluded: 'on_leave' } },
    });
    const present = profileWith([named]);
    expect(routeLeads(present, emptyLive(), [lead({ city: '北京市' })], now)[0]).toMatchObject({
      strategy: 'direct',
      chosenUserId: 'b',
    });
  });

  it('should fill reps to capacity and then leave leads unowned, with every exclusion given', () => {
    const capped = buildRoutingProfile({
      teams: [team('t', null, { defaultCapacity: 1 })],
      reps: [rep('a', 't'), rep('b', 't')],
      ruleSet: builtInRuleSet('t'),
    });
    const decisions = routeLeads(capped, emptyLive(), [lead(), lead(), lead()], now);
    expect(decisions.map((decision) => decision.chosenUserId)).toEqual(['a', 'b', null]);
    expect(candidatesOf(decisions[2]!.explanation)).toEqual([
      { userId: 'a', score: 0, excluded: 'at_capacity' },
      { userId: 'b', score: 0, excluded: 'at_capacity' },
    ]);
  });

  it('should count today’s deals against a daily cap', () => {
    const capped = buildRoutingProfile({
      teams: [team('t', null)],
      reps: [rep('a', 't', { maxNewPerDay: 2 }), rep('b', 't')],
      ruleSet: builtInRuleSet('t'),
    });
    const live = { ...emptyLive(), newToday: new Map([['a', 1]]) };
    const decisions = routeLeads(capped, live, [lead(), lead(), lead(), lead()], now);
    expect(decisions.map((decision) => decision.chosenUserId)).toEqual(['a', 'b', 'b', 'b']);
  });

  it('should feed best-fit the rep’s record for the lead’s segment and report the factors', () => {
    const bestFit = buildRoutingProfile({
      teams: [team('t', null, { routingStrategy: 'best_fit' })],
      reps: [rep('a', 't'), rep('b', 't')],
      ruleSet: builtInRuleSet('t'),
    });
    const records = new Map([
      [
        'custom.industry',
        new Map([
          ['b', new Map([['金融', { wins: 30, leads: 60 }]])],
          ['a', new Map([['金融', { wins: 3, leads: 60 }]])],
        ]),
      ],
    ]);
    const [decision] = routeLeads(bestFit, { ...emptyLive(), records }, [lead({ custom: { industry: '金融' } })], now);
    expect(decision).toMatchObject({ strategy: 'best_fit', chosenUserId: 'b', details: { segment: '金融' } });
    const { factors } = storedDetails(decision!);
    expect(factors?.b?.conversion).toBeGreaterThan(factors!.a!.conversion);
    // What the service writes is the same JSON as the objects would make.
    expect(JSON.parse(storedDetailsJson(decision!))).toEqual(storedDetails(decision!));
    expect(storedDetailsJson(decision!)).toBe(JSON.stringify(storedDetails(decision!)));
    expect(candidatesJson(decision!.explanation)).toBe(JSON.stringify(candidatesOf(decision!.explanation)));
  });

  it('should send leads for a team that no longer exists to the pool, saying which', () => {
    const gone: RoutingRule = { ...bjRule, target: { kind: 'team', teamId: 'nope' } };
    const [decision] = routeLeads(profileWith([gone]), emptyLive(), [lead({ city: '北京市' })], now);
    expect(decision).toMatchObject({ chosenUserId: null, strategy: 'pool', details: { missingTeamId: 'nope' } });
  });
});

describe('teamsInPlay', () => {
  it('should list the targeted teams and a named rep’s team, once each, sorted', () => {
    const named: RoutingRule = {
      ...bjRule,
      id: 'n',
      when: { field: 'city', op: 'equals', value: '上海市' },
      target: { kind: 'user', userId: 'c' },
    };
    const profile = profileWith([bjRule, named]);
    expect(
      teamsInPlay(profile, [lead({ city: '北京市' }), lead({ city: '上海市' }), lead({ city: '北京市' }), lead()]),
    ).toEqual(['t-bj', 't-root', 't-sh']);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['Asia/Shanghai', '2026-11-23T02:00:00Z', '2026-11-22T16:00:00.000Z'],
    ['Asia/Shanghai', '2026-11-22T16:30:00Z', '2026-11-22T16:00:00.000Z'],
    ['America/New_York', '2026-11-23T02:00:00Z', '2026-11-22T05:00:00.000Z'],
    ['UTC', '2026-11-23T23:59:59Z', '2026-11-23T00:00:00.000Z'],
  ])('should find midnight in %s for %s', (zone, at, midnight) => {
    expect(startOfLocalDay(zone, new Date(at)).toISOString()).toBe(midnight);
  });
});

describe('counts read at each member’s place', () => {
  it('excludes exactly the members at capacity or daily cap, whatever order the profile lists the reps in', () => {
    // Listed against id order, in two teams (one below the other), so list positions and the
    // profile's own order differ.
    const ids = Array.from({ length: 12 }, (_, index) => `r${String(index).padStart(2, '0')}`);
    const settings = [...ids]
      .reverse()
      .map((id, index) =>
        rep(id, index % 3 === 0 ? 't-sub' : 't-top', { capacity: index % 4 === 1 ? null : 2, maxNewPerDay: 3 }),
      );
    // No capacity of their own, and the teams give none: never full, headroom 1.
    const unlimited = new Set(settings.filter((member) => member.capacity === null).map((member) => member.id));
    const profile = buildRoutingProfile({
      teams: [team('t-top', null, { routingStrategy: 'least_loaded' }), team('t-sub', 't-top')],
      reps: settings,
      ruleSet: {
        version: 1,
        rules: [{ ...bjRule, target: { kind: 'team', teamId: 't-sub' } }],
        defaultTarget: { kind: 'team', teamId: 't-top' },
        affinity: 'off',
      },
    });
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const live: RoutingLive = {
      ...emptyLive(),
      openLeads: routingCounts(ids.map((id) => [id, Math.floor(next() * 3)])),
      newToday: routingCounts(ids.map((id) => [id, Math.floor(next() * 4)])),
    };
    for (let step = 0; step < 60; step++) {
      // The caller moves some counts between leads, and once hands over plain maps.
      const id = ids[Math.floor(next() * ids.length)]!;
      live.openLeads.set(id, Math.floor(next() * 3));
      live.newToday.set(id, Math.floor(next() * 4));
      if (step === 30) {
        live.openLeads = new Map(live.openLeads);
        live.newToday = new Map(live.newToday);
      }
      const expected = (member: string) => {
        if (!unlimited.has(member) && (live.openLeads.get(member) ?? 0) >= 2) return 'at_capacity';
        if ((live.newToday.get(member) ?? 0) >= 3) return 'daily_cap_reached';
        return undefined;
      };
      const before = new Map(ids.map((member) => [member, expected(member)]));
      const opens = new Map(live.openLeads);
      const [decision] = routeLeads(profile, live, [lead({ city: step % 2 === 0 ? '北京市' : null })], now);
      const candidates = candidatesOf(decision!.explanation);
      expect(candidates.length).toBe(step % 2 === 0 ? 4 : 12);
      for (const candidate of candidates) expect(candidate.excluded).toBe(before.get(candidate.userId));
      if (decision!.chosenUserId) expect(before.get(decision!.chosenUserId)).toBeUndefined();
      if (step % 2 === 1) {
        // Least loaded over the whole team: headroom 1 − open ÷ 2, the most headroom first, ties by id.
        const headroom = (member: string) =>
          unlimited.has(member) ? 1 : 1 - Math.min(1, (opens.get(member) ?? 0) / 2);
        const eligible = candidates.filter((candidate) => candidate.excluded === undefined);
        for (const candidate of eligible) expect(candidate.score).toBe(headroom(candidate.userId));
        const most = Math.max(...eligible.map((candidate) => headroom(candidate.userId)));
        expect(decision!.chosenUserId).toBe(
          eligible.find((candidate) => headroom(candidate.userId) === most)?.userId ?? null,
        );
      }
    }
  });
});
