import { describe, expect, it } from 'vitest';
import type { RoutingRep, TeamPolicy } from './eligibility.rules.ts';
import {
  bestFit,
  conversionPartsOf,
  defaultBestFitSettings,
  leastLoaded,
  liveRotation,
  pickRep,
  responsePartsOf,
  roundRobin,
  shrunkRate,
  storedRotation,
  tagMatch,
  weightedRoundRobin,
  type BestFitSettings,
} from './strategies.rules.ts';
import { candidatesJson, candidatesOf, factorsJson, factorsOf } from './explanation.rules.ts';

const now = new Date('2026-11-23T02:00:00Z');
const policy: TeamPolicy = { allowOffHours: false, defaultCapacity: null };
const fresh = () => liveRotation();

const scoresOf = (result: { order: readonly RoutingRep[]; scores: number[] }) =>
  Object.fromEntries(result.order.map((rep, index) => [rep.id, result.scores[index]]));

function rep(id: string, overrides: Partial<RoutingRep> = {}): RoutingRep {
  return {
    id,
    active: true,
    onLeave: false,
    calendar: null,
    capacity: 10,
    maxNewPerDay: null,
    openLeads: 0,
    newToday: 0,
    skills: [],
    ...overrides,
  };
}

describe('roundRobin', () => {
  it.each<[string[], string | null, string | null]>([
    [['b', 'a', 'c'], null, 'a'],
    [['a', 'b', 'c'], 'a', 'b'],
    [['a', 'b', 'c'], 'c', 'a'],
    [['a', 'c'], 'b', 'c'],
    [[], 'a', null],
  ])('should pick from %j after %j: %j', (ids, last, chosen) => {
    expect(
      roundRobin(
        ids.map((id) => rep(id)),
        last,
      ).chosen,
    ).toBe(chosen);
  });

  it('should score the next in turn 1 and the rest falling along the round', () => {
    const result = roundRobin([rep('a'), rep('b'), rep('c'), rep('d')], 'b');
    expect(scoresOf(result)).toEqual({ c: 1, d: 0.75, a: 0.5, b: 0.25 });
  });
});

describe('weightedRoundRobin', () => {
  function deal(reps: RoutingRep[], count: number) {
    let weights: Record<string, number> = {};
    const owners: string[] = [];
    for (let index = 0; index < count; index++) {
      const result = weightedRoundRobin(reps, weights);
      owners.push(result.chosen!);
      weights = result.currentWeights;
    }
    return owners;
  }

  it('should spread 5:1:1 smoothly, as nginx does', () => {
    const reps = [rep('a', { weight: 5 }), rep('b', { weight: 1 }), rep('c', { weight: 1 })];
    expect(deal(reps, 7)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('should give exact shares over a whole cycle', () => {
    const reps = [rep('wang', { weight: 3 }), rep('li', { weight: 2 }), rep('zhao', { weight: 1 })];
    const owners = deal(reps, 600);
    expect(owners.filter((id) => id === 'wang')).toHaveLength(300);
    expect(owners.filter((id) => id === 'li')).toHaveLength(200);
    expect(owners.filter((id) => id === 'zhao')).toHaveLength(100);
  });

  it('should break ties by id: equal weights rotate in id order', () => {
    expect(deal([rep('c'), rep('a'), rep('b')], 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('should never pick a rep of weight 0, and nobody when all weigh 0', () => {
    expect(deal([rep('a', { weight: 0 }), rep('b')], 3)).toEqual(['b', 'b', 'b']);
    const none = weightedRoundRobin([rep('a', { weight: 0 })], { a: 2 });
    expect(none.chosen).toBeNull();
    expect(none.currentWeights).toEqual({ a: 2 });
  });

  it('should keep the running weight of a rep who is away', () => {
    const result = weightedRoundRobin([rep('a'), rep('b')], { a: 0, b: 0, c: -4 });
    expect(result.currentWeights.c).toBe(-4);
  });
});

describe('leastLoaded', () => {
  it('should pick the lowest open ÷ capacity, ties by id', () => {
    const result = leastLoaded(
      [
        rep('a', { openLeads: 5, capacity: 10 }),
        rep('c', { openLeads: 1, capacity: 5 }),
        rep('b', { openLeads: 2, capacity: 10 }),
      ],
      policy,
    );
    expect(result.chosen).toBe('b');
    expect(scoresOf(result)).toEqual({ a: 0.5, b: 0.8, c: 0.8 });
  });

  it('should weigh load against capacity, not raw counts', () => {
    const result = leastLoaded(
      [rep('a', { openLeads: 3, capacity: 5 }), rep('b', { openLeads: 10, capacity: 40 })],
      policy,
    );
    expect(result.chosen).toBe('b');
  });

  it('should count a rep without capacity against the team default, or as empty without one', () => {
    const reps = [rep('a', { openLeads: 1, capacity: 10 }), rep('b', { openLeads: 4, capacity: null })];
    expect(leastLoaded(reps, { ...policy, defaultCapacity: 80 }).chosen).toBe('b');
    expect(leastLoaded(reps, { ...policy, defaultCapacity: 2 }).chosen).toBe('a');
    expect(leastLoaded(reps, policy).chosen).toBe('b');
  });
});

describe('shrinkage', () => {
  it.each<[number, number, number, number, number]>([
    [0, 0, 0.2, 20, 0.2],
    [1, 1, 0.2, 20, 5 / 21],
    [30, 100, 0.2, 20, 34 / 120],
    [300, 1000, 0.2, 20, 304 / 1020],
    [1, 1, 0.2, 0, 1],
  ])('(%i wins of %i, team %f, k %i) → %f', (wins, leads, team, k, expected) => {
    expect(shrunkRate(wins, leads, team, k)).toBeCloseTo(expected, 10);
  });

  const team = [
    rep('new-rep', { segmentRecord: { wins: 1, leads: 1 } }),
    rep('proven-rep', { segmentRecord: { wins: 30, leads: 100 } }),
  ];
  const conversionOnly: BestFitSettings = {
    ...defaultBestFitSettings,
    weights: { tags: 0, conversion: 1, load: 0, response: 0 },
    teamRate: 0.2,
  };

  it('should not rank a new rep with one win of one above a proven 30 % rep', () => {
    const result = bestFit(team, team, [], policy, conversionOnly);
    expect(result.chosen).toBe('proven-rep');
    // The lucky newcomer's rate is held to what one lead can move k pseudo-leads at the team rate.
    expect(result.factors['new-rep']!.shrunkRate).toBeLessThanOrEqual((1 + 20 * 0.2) / (1 + 20) + 1e-4);
    expect(result.factors['proven-rep']!.shrunkRate).toBeCloseTo(0.2833, 4);
  });

  it('should rank the newcomer first without shrinkage (k = 0): the pseudo-count is what holds them back', () => {
    expect(bestFit(team, team, [], policy, { ...conversionOnly, priorStrength: 0 }).chosen).toBe('new-rep');
  });

  it('should start a rep with no record at the team rate (on par, not starved)', () => {
    const result = bestFit([rep('rookie')], team, [], policy, conversionOnly);
    expect(result.factors.rookie).toMatchObject({ shrunkRate: 0.2, conversion: 0.5 });
  });

  it('should pool the team rate from the whole team when none is given', () => {
    const result = bestFit([rep('rookie')], team, [], policy, { ...conversionOnly, teamRate: null });
    expect(result.factors.rookie!.shrunkRate).toBeCloseTo(31 / 101, 4);
  });
});

describe('bestFit', () => {
  const leadAttributes = ['金融', '北京', '中文'];
  const settings: BestFitSettings = { ...defaultBestFitSettings, teamRate: 0.2 };

  it.each<[number, number]>([
    [1, 0],
    [2, 1 / 3],
    [3, 2 / 3],
  ])('should measure tag match (case %i)', (skillsCase, expected) => {
    const skills = [['制造'], ['金融', '上海'], ['金融', '北京', 'SaaS']][skillsCase - 1]!;
    expect(tagMatch(leadAttributes, skills)).toBeCloseTo(expected, 10);
  });

  it('should match tags without regard to case and count a repeated attribute once', () => {
    expect(tagMatch(['SaaS', 'saas'], ['saas'])).toBe(1);
    expect(tagMatch([], ['金融'])).toBe(0);
  });

  it('should send a Beijing finance lead to the Beijing finance specialist', () => {
    const reps = [
      rep('generalist', { skills: ['制造', '上海'] }),
      rep('specialist', { skills: ['金融', '北京', '中文'] }),
    ];
    expect(bestFit(reps, reps, leadAttributes, policy, settings).chosen).toBe('specialist');
  });

  it('should prefer the rep who converts this segment better, other things equal', () => {
    const reps = [
      rep('ka', { segmentRecord: { wins: 10, leads: 100 } }),
      rep('smb', { segmentRecord: { wins: 40, leads: 100 } }),
    ];
    const result = bestFit(reps, reps, [], policy, settings);
    expect(result.chosen).toBe('smb');
    expect(result.factors.smb!.conversion).toBeGreaterThan(result.factors.ka!.conversion);
  });

  it('should prefer headroom and fast response, other things equal', () => {
    const byLoad = [rep('busy', { openLeads: 9 }), rep('free', { openLeads: 1 })];
    expect(bestFit(byLoad, byLoad, [], policy, settings).chosen).toBe('free');
    const byResponse = [rep('slow', { responseMinutes: 240 }), rep('quick', { responseMinutes: 5 })];
    expect(bestFit(byResponse, byResponse, [], policy, settings).chosen).toBe('quick');
  });

  it('should score response ½ at the target and with no record', () => {
    const reps = [
      rep('a', { responseMinutes: 30 }),
      rep('b', { responseMinutes: null }),
      rep('c', { responseMinutes: 0 }),
    ];
    const { factors } = bestFit(reps, reps, [], policy, settings);
    expect([factors.a!.response, factors.b!.response, factors.c!.response]).toEqual([0.5, 0.5, 1]);
  });

  it('should follow the team weights: load alone makes it least-loaded', () => {
    const reps = [rep('specialist', { skills: ['金融', '北京', '中文'], openLeads: 8 }), rep('idle', { openLeads: 0 })];
    const loadOnly = { ...settings, weights: { tags: 0, conversion: 0, load: 1, response: 0 } };
    expect(bestFit(reps, reps, leadAttributes, policy, loadOnly).chosen).toBe('idle');
    expect(bestFit(reps, reps, leadAttributes, policy, settings).chosen).toBe('specialist');
  });

  it('should break ties by id', () => {
    const reps = [rep('b'), rep('a'), rep('c')];
    expect(bestFit(reps, reps, leadAttributes, policy, settings).chosen).toBe('a');
  });
});

describe('pickRep', () => {
  const team = [
    rep('li-na', { onLeave: true }),
    rep('zhang-wei', { openLeads: 4 }),
    rep('chen-jie', { openLeads: 10 }),
    rep('wang-fang', { openLeads: 2 }),
  ];

  it('should explain every rep, in id order, with a score or the reason they were left out', () => {
    const result = pickRep({ strategy: 'least_loaded', reps: team, policy, now, rotation: fresh() });
    const { rotation, explanation, ...outcome } = result;
    expect({ ...outcome, candidates: candidatesOf(explanation) }).toEqual({
      strategy: 'least_loaded',
      chosenUserId: 'wang-fang',
      candidates: [
        { userId: 'chen-jie', score: 0, excluded: 'at_capacity' },
        { userId: 'li-na', score: 0, excluded: 'on_leave' },
        { userId: 'wang-fang', score: 0.8 },
        { userId: 'zhang-wei', score: 0.6 },
      ],
    });
    expect(rotation.lastUserId).toBe('wang-fang');
  });

  it('should rotate over the eligible reps only and move the rotation on', () => {
    const first = pickRep({ strategy: 'round_robin', reps: team, policy, now, rotation: fresh() });
    expect(first.chosenUserId).toBe('wang-fang');
    const second = pickRep({ strategy: 'round_robin', reps: team, policy, now, rotation: first.rotation });
    expect(second.chosenUserId).toBe('zhang-wei');
  });

  it('should carry the weighted rotation from lead to lead', () => {
    const reps = [rep('a', { weight: 2 }), rep('b')];
    let rotation = fresh();
    const owners: string[] = [];
    for (let index = 0; index < 3; index++) {
      const result = pickRep({ strategy: 'weighted_round_robin', reps, policy, now, rotation });
      owners.push(result.chosenUserId!);
      rotation = result.rotation;
    }
    expect(owners).toEqual(['a', 'b', 'a']);
    // As stored: a's 2 + 2 + 2 − 3 − 3 … the same as weightedRoundRobin's record.
    expect(storedRotation(rotation)).toEqual({ lastUserId: 'a', currentWeights: { a: 0, b: 0 } });
  });

  it('should keep the stored running weights of reps outside the team and move the rest', () => {
    const rotation = liveRotation({ lastUserId: 'a', currentWeights: { gone: -7, a: -1, b: 1 } });
    const result = pickRep({ strategy: 'weighted_round_robin', reps: [rep('a'), rep('b')], policy, now, rotation });
    expect(result.chosenUserId).toBe('b');
    expect(storedRotation(result.rotation)).toEqual({ lastUserId: 'b', currentWeights: { gone: -7, a: 0, b: 0 } });
    expect(weightedRoundRobin([rep('a'), rep('b')], { gone: -7, a: -1, b: 1 }).currentWeights).toEqual({
      gone: -7,
      a: 0,
      b: 0,
    });
  });

  it('should choose nobody and keep the rotation when every rep is excluded', () => {
    const rotation = liveRotation({ lastUserId: 'x', currentWeights: { x: 1 } });
    const result = pickRep({ strategy: 'best_fit', reps: [rep('a', { active: false })], policy, now, rotation });
    expect(result.chosenUserId).toBeNull();
    expect(result.rotation).toBe(rotation);
    expect(candidatesOf(result.explanation)).toEqual([{ userId: 'a', score: 0, excluded: 'inactive' }]);
    expect(storedRotation(result.rotation)).toEqual({ lastUserId: 'x', currentWeights: { x: 1 } });
  });

  it('should give best-fit its factors for the explanation', () => {
    const result = pickRep({
      strategy: 'best_fit',
      reps: team,
      policy,
      now,
      rotation: fresh(),
      leadAttributes: ['金融'],
      bestFit: { ...defaultBestFitSettings, teamRate: 0.2 },
    });
    const factors = factorsOf(result.explanation)!;
    expect(Object.keys(factors)).toEqual(['wang-fang', 'zhang-wei']);
    expect(result.chosenUserId).toBe('wang-fang');
    expect(factorsJson(result.explanation)).toBe(JSON.stringify(factors));
    expect(candidatesJson(result.explanation)).toBe(JSON.stringify(candidatesOf(result.explanation)));
  });
});

describe('best-fit tag match through the skill index', () => {
  it('gives each rep the share tagMatch gives, whatever the case, repeats and unknown attributes', () => {
    const vocabulary = ['金融', 'Finance', 'FINANCE', '北京', 'english', 'English', '大客户', 'x'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const some = () => vocabulary.filter(() => next() < 0.4);
    for (let round = 0; round < 50; round++) {
      const team = Object.freeze(Array.from({ length: 8 }, (_, index) => rep(`r${index}`, { skills: some() })));
      const attributes = some();
      const picked = pickRep({
        strategy: 'best_fit',
        reps: team,
        policy,
        now,
        rotation: fresh(),
        leadAttributes: attributes,
      });
      const factors = factorsOf(picked.explanation)!;
      for (const member of team) {
        expect(factors[member.id]!.tags).toBe(Math.round(tagMatch(attributes, member.skills) * 10_000) / 10_000);
      }
    }
  });

  it('counts past 255 matched attributes', () => {
    const attributes = Array.from({ length: 300 }, (_, index) => `a${index}`);
    const team = [rep('many', { skills: attributes.slice(0, 280) }), rep('few', { skills: ['A1', 'a2'] })];
    const picked = pickRep({
      strategy: 'best_fit',
      reps: team,
      policy,
      now,
      rotation: fresh(),
      leadAttributes: attributes,
    });
    const factors = factorsOf(picked.explanation)!;
    expect(factors.many!.tags).toBe(Math.round((280 / 300) * 10_000) / 10_000);
    expect(factors.few!.tags).toBe(Math.round((2 / 300) * 10_000) / 10_000);
    expect(picked.chosenUserId).toBe('many');
  });

  it('sorts a frozen list given out of id order', () => {
    const team = Object.freeze([rep('b'), rep('a')]);
    const picked = pickRep({ strategy: 'round_robin', reps: team, policy, now, rotation: fresh() });
    expect(candidatesOf(picked.explanation).map((candidate) => candidate.userId)).toEqual(['a', 'b']);
    expect(picked.chosenUserId).toBe('a');
  });
});

describe('best-fit with conversion parts kept by the caller', () => {
  it('scores and explains exactly as without them, and ignores parts made for another rate', () => {
    const team = Array.from({ length: 30 }, (_, index) =>
      rep(`r${String(index).padStart(2, '0')}`, {
        openLeads: index % 7,
        responseMinutes: index % 4 === 0 ? null : index * 3,
        segmentRecord: index % 5 === 0 ? null : { wins: index % 9, leads: 3 + ((index * 7) % 40) },
        skills: index % 2 === 0 ? ['金融'] : [],
      }),
    );
    const records = team.map((member) => member.segmentRecord);
    const input = { strategy: 'best_fit' as const, reps: team, policy, now, leadAttributes: ['金融', '北京'] };
    const teamRate = 0.21;
    const bestFit = { ...defaultBestFitSettings, teamRate };
    const plain = pickRep({ ...input, rotation: fresh(), bestFit });
    const kept = pickRep({
      ...input,
      rotation: fresh(),
      bestFit,
      conversionParts: conversionPartsOf(records, teamRate, bestFit.priorStrength),
    });
    const otherRate = pickRep({
      ...input,
      rotation: fresh(),
      bestFit,
      conversionParts: conversionPartsOf(records, 0.5, bestFit.priorStrength),
    });
    for (const result of [kept, otherRate]) {
      expect(result.chosenUserId).toBe(plain.chosenUserId);
      expect(candidatesJson(result.explanation)).toBe(candidatesJson(plain.explanation));
      expect(factorsJson(result.explanation)).toBe(factorsJson(plain.explanation));
    }
  });
});

describe('best-fit with segment records and response parts laid out by the caller', () => {
  const team = Array.from({ length: 24 }, (_, index) =>
    rep(`r${String(index).padStart(2, '0')}`, {
      openLeads: index % 5,
      responseMinutes: index % 3 === 0 ? null : index * 4,
      segmentRecord: index % 4 === 0 ? null : { wins: index % 6, leads: 2 + ((index * 5) % 30) },
      skills: index % 3 === 1 ? ['金融'] : ['北京'],
    }),
  );
  const input = { strategy: 'best_fit' as const, policy, now, leadAttributes: ['金融', '北京'] };
  // The same reps without their records on them: only the laid-out records can give them.
  const bare = (list: readonly RoutingRep[]) => list.map((member) => ({ ...member, segmentRecord: undefined }));
  const explained = (result: ReturnType<typeof pickRep>) => [
    result.chosenUserId,
    candidatesJson(result.explanation),
    factorsJson(result.explanation),
  ];

  it.each([null, 0.3])('scores and explains exactly as with the records on the reps (team rate %s)', (teamRate) => {
    const bestFit = { ...defaultBestFitSettings, teamRate };
    const plain = pickRep({ ...input, reps: team, rotation: fresh(), bestFit });
    const reps = bare(team);
    const laidOut = pickRep({
      ...input,
      reps,
      rotation: fresh(),
      bestFit,
      segmentRecords: team.map((member) => member.segmentRecord),
      responseParts: responsePartsOf(reps, bestFit.responseTargetMinutes),
    });
    expect(explained(laidOut)).toEqual(explained(plain));
    // Given out of id order, the records follow their reps.
    const shuffled = [...team].reverse();
    const unordered = pickRep({
      ...input,
      reps: bare(shuffled),
      rotation: fresh(),
      bestFit,
      segmentRecords: shuffled.map((member) => member.segmentRecord),
    });
    expect(explained(unordered)).toEqual(explained(plain));
  });

  it('ignores response parts made for another target', () => {
    const bestFit = { ...defaultBestFitSettings, teamRate: 0.2 };
    const plain = pickRep({ ...input, reps: team, rotation: fresh(), bestFit });
    const other = pickRep({
      ...input,
      reps: team,
      rotation: fresh(),
      bestFit,
      responseParts: responsePartsOf(team, bestFit.responseTargetMinutes * 3),
    });
    expect(explained(other)).toEqual(explained(plain));
  });
});
