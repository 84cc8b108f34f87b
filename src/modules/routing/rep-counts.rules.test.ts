import { describe, expect, it } from 'vitest';
import { buildRoutingProfile, type RepSettings, type TeamSettings } from './routing-profile.rules.ts';
import { RepCounts } from './rep-counts.rules.ts';
import { candidatesOf } from './explanation.rules.ts';
import { routeLeads, routingCounts, type RouterLead, type RoutingLive } from './router.rules.ts';
import type { StrategyName } from './routing.schemas.ts';
import { seededRng } from '../../platform/random.ts';

describe('RepCounts', () => {
  it('is a map of counts that lists the ids written, in order, and starts over when cleared', () => {
    const counts = new RepCounts([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...counts]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    counts.set('a', 3);
    counts.delete('b');
    const written = Array.from({ length: counts.written }, (_, index) => counts.writtenAt(index));
    expect(written).toEqual(['a', 'b', 'a', 'b']);
    const generation = counts.generation;
    counts.clear();
    expect(counts.size).toBe(0);
    expect(counts.written).toBe(0);
    expect(counts.generation).toBe(generation + 1);
  });

  it('starts its journal over instead of growing without end', () => {
    const counts = new RepCounts();
    for (let index = 0; index < 10_000; index++) counts.set(`r${index % 7}`, index);
    expect(counts.written).toBeLessThanOrEqual(4096);
    expect(counts.generation).toBeGreaterThan(0);
    expect(counts.get('r0')).toBe(9996);
  });
});

const now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai

const team = (strategy: StrategyName): TeamSettings => ({
  id: 't',
  parentId: null,
  routingStrategy: strategy,
  allowOffHours: false,
  defaultCapacity: 4,
  bestFit: null,
});
const reps: RepSettings[] = Array.from({ length: 12 }, (_, index) => ({
  id: `r${String(index).padStart(2, '0')}`,
  teamId: 't',
  active: index !== 3,
  onLeave: false,
  calendar: null,
  capacity: index % 2 === 0 ? null : 3,
  maxNewPerDay: index % 3 === 0 ? 2 : null,
  skills: index % 2 === 0 ? ['金融'] : ['制造'],
  routingWeight: 1 + (index % 3),
}));
const lead = {
  city: null,
  tags: [],
  custom: { industry: '金融' },
  companyKey: null,
  score: 50,
} as unknown as RouterLead;
const live = (counts: (entries?: Iterable<readonly [string, number]>) => Map<string, number>): RoutingLive => ({
  openLeads: counts(),
  newToday: counts(),
  rotations: new Map(),
  companyOwners: new Map(),
  records: new Map(),
});

describe('routeLeads with RepCounts', () => {
  it.each(['round_robin', 'weighted_round_robin', 'least_loaded', 'best_fit'] as const)(
    'deals as with plain maps while the caller changes counts between calls (%s)',
    (strategy) => {
      const ruleSet = {
        version: 0,
        rules: [],
        defaultTarget: { kind: 'team' as const, teamId: 't' },
        affinity: 'off' as const,
      };
      // Two profiles, so neither reads the other's cached reps.
      const tracked = live(routingCounts);
      const plain = live((entries) => new Map(entries));
      const profiles = [tracked, plain].map(() => buildRoutingProfile({ teams: [team(strategy)], reps, ruleSet }));
      const rng = seededRng(11);
      for (let step = 0; step < 300; step++) {
        // The caller's own changes: releases, a day turning over, a count removed, all counts cleared.
        const change = rng();
        const id = reps[Math.floor(rng() * reps.length)]!.id;
        for (const state of [tracked, plain]) {
          if (change < 0.3) state.openLeads.set(id, Math.max(0, (state.openLeads.get(id) ?? 0) - 1));
          else if (change < 0.4) state.newToday.set(id, 0);
          else if (change < 0.45) state.openLeads.delete(id);
          else if (change < 0.47) state.newToday.clear();
        }
        const at = new Date(now.getTime() + step * 1000);
        const [a] = routeLeads(profiles[0]!, tracked, [lead], at);
        const [b] = routeLeads(profiles[1]!, plain, [lead], at);
        expect(a!.chosenUserId).toBe(b!.chosenUserId);
        expect(candidatesOf(a!.explanation)).toEqual(candidatesOf(b!.explanation));
        expect([...tracked.openLeads].sort()).toEqual([...plain.openLeads].sort());
        expect([...tracked.newToday].sort()).toEqual([...plain.newToday].sort());
      }
    },
  );

  it('reads counts again when handed other maps', () => {
    const ruleSet = {
      version: 0,
      rules: [],
      defaultTarget: { kind: 'team' as const, teamId: 't' },
      affinity: 'off' as const,
    };
    const profile = buildRoutingProfile({ teams: [team('least_loaded')], reps, ruleSet });
    const first = live(routingCounts);
    routeLeads(profile, first, [lead], now);
    const full = routingCounts(reps.map((rep) => [rep.id, 4]));
    const second = { ...live(routingCounts), openLeads: full };
    second.openLeads.set('r05', 0);
    const [decision] = routeLeads(profile, second, [lead], now);
    expect(decision!.chosenUserId).toBe('r05');
  });
});
