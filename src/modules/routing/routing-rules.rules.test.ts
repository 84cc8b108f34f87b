import { describe, expect, it } from 'vitest';
import { conditionHolds, type RoutingLead } from './routing-conditions.rules.ts';
import { compileRuleSet, routeLead, type RuleSetInput } from './routing-rules.rules.ts';
import { routingRuleSet, type ConditionNode } from './routing.schemas.ts';
import { blankLead } from './routing.fixtures.ts';

const at = new Date('2026-11-23T02:00:00Z');

function lead(overrides: Partial<RoutingLead>): RoutingLead {
  return blankLead(at, { channelType: 'web_form', ...overrides });
}

/** 北京分公司金融组、上海、展会线索先打标签再继续、A 级给大客户经理，其余进公海。 */
const ruleSet: RuleSetInput = {
  rules: [
    { id: 'expo', when: { field: 'source', op: 'equals', value: '展会' }, target: { kind: 'continue' } },
    {
      id: 'beijing-finance',
      when: {
        all: [
          { field: 'city', op: 'equals', value: '北京' },
          { field: 'custom.industry', op: 'equals', value: '金融' },
        ],
      },
      target: { kind: 'team', teamId: 'bj-finance' },
    },
    {
      id: 'retired',
      active: false,
      when: { field: 'city', op: 'exists' },
      target: { kind: 'team', teamId: 'nobody' },
    },
    { id: 'shanghai', when: { field: 'city', op: 'equals', value: '上海' }, target: { kind: 'team', teamId: 'sh' } },
    { id: 'grade-a', when: { field: 'grade', op: 'equals', value: 'A' }, target: { kind: 'user', userId: 'ka-li' } },
    { id: 'cold', when: { field: 'score', op: 'range', max: 10 }, target: { kind: 'pool' } },
  ],
  defaultTarget: { kind: 'team', teamId: 'inside-sales' },
};

describe('routeLead', () => {
  it.each<[string, Partial<RoutingLead>, string | null, unknown, string[]]>([
    [
      'a Beijing finance lead goes to the Beijing finance group',
      { city: '北京', custom: { industry: '金融' } },
      'beijing-finance',
      { kind: 'team', teamId: 'bj-finance' },
      [],
    ],
    [
      'the first match wins over a later one',
      { city: '北京', custom: { industry: '金融' }, grade: 'A' },
      'beijing-finance',
      { kind: 'team', teamId: 'bj-finance' },
      [],
    ],
    [
      'a Beijing retail lead falls to a later rule',
      { city: '北京', custom: { industry: '零售' }, grade: 'A' },
      'grade-a',
      { kind: 'user', userId: 'ka-li' },
      [],
    ],
    ['a named rep', { grade: 'A' }, 'grade-a', { kind: 'user', userId: 'ka-li' }, []],
    ['the pool', { score: 5 }, 'cold', { kind: 'pool' }, []],
    ['an inactive rule is skipped', { city: '广州' }, null, { kind: 'team', teamId: 'inside-sales' }, []],
    ['the default when nothing matches', {}, null, { kind: 'team', teamId: 'inside-sales' }, []],
    [
      'continue falls through to the next match',
      { source: '展会', city: '上海' },
      'shanghai',
      { kind: 'team', teamId: 'sh' },
      ['expo'],
    ],
    [
      'continue falls through to the default',
      { source: '展会' },
      null,
      { kind: 'team', teamId: 'inside-sales' },
      ['expo'],
    ],
  ])('%s', (_name, overrides, ruleId, target, passedThrough) => {
    expect(routeLead(ruleSet, lead(overrides))).toEqual({ ruleId, target, passedThrough });
  });

  it('should route by the default alone with no rules', () => {
    expect(compileRuleSet({ rules: [], defaultTarget: { kind: 'pool' } }).route(lead({}))).toEqual({
      ruleId: null,
      target: { kind: 'pool' },
      passedThrough: [],
    });
  });

  const named = { ...ruleSet, rules: ruleSet.rules.map((rule) => ({ ...rule, name: `规则 ${rule.id}` })) };

  it('should accept the example set and refuse a continue default or repeated ids', () => {
    expect(routingRuleSet.safeParse(named).success).toBe(true);
    expect(routingRuleSet.safeParse({ ...named, defaultTarget: { kind: 'continue' } }).success).toBe(false);
    expect(routingRuleSet.safeParse({ ...named, rules: [named.rules[0], named.rules[0]] }).success).toBe(false);
  });

  it('should refuse a rule without a name', () => {
    expect(routingRuleSet.safeParse({ ...named, rules: [{ ...named.rules[0], name: ' ' }] }).success).toBe(false);
  });
});

describe('rules skipped by their required text', () => {
  // Rules with a required `equals`/`in` on text are looked up by the lead's text; the others are
  // always tested. Order must hold across both kinds.
  const mixed: RuleSetInput = {
    rules: [
      { id: 'hangzhou', when: { field: 'city', op: 'equals', value: '杭州' }, target: { kind: 'team', teamId: 'hz' } },
      { id: 'high-score', when: { field: 'score', op: 'range', min: 90 }, target: { kind: 'team', teamId: 'vip' } },
      {
        id: 'expo-tag',
        when: {
          all: [
            { field: 'tags', op: 'in', value: ['Expo', '展会'] },
            { field: 'score', op: 'range', min: 10 },
          ],
        },
        target: { kind: 'continue' },
      },
      { id: 'web', when: { field: 'source', op: 'in', value: 'WEB' }, target: { kind: 'team', teamId: 'web' } },
      {
        id: 'number',
        when: { field: 'custom.size', op: 'equals', value: 500 },
        target: { kind: 'team', teamId: 'mid' },
      },
    ],
    defaultTarget: { kind: 'pool' },
  };
  const routed = (overrides: Partial<RoutingLead>) => {
    const { ruleId, passedThrough } = compileRuleSet(mixed).route(lead(overrides));
    return { ruleId, passedThrough };
  };

  it.each<[string, Partial<RoutingLead>, string | null, string[]]>([
    ['an unindexed rule before an indexed one wins', { city: '杭州', score: 95 }, 'hangzhou', []],
    ['the unindexed rule, when the indexed one misses', { city: '苏州', score: 95 }, 'high-score', []],
    ['text in any case', { source: 'web' }, 'web', []],
    ['one item of a list field', { tags: ['vip', 'EXPO'], source: 'web' }, 'web', ['expo-tag']],
    ['a required text present, the rest of the rule not', { tags: ['expo'], score: 5 }, null, []],
    ['a number rule, not indexed', { custom: { size: 500 } }, 'number', []],
    ['nothing', { city: '苏州' }, null, []],
  ])('should route %s', (_, overrides, ruleId, passedThrough) => {
    expect(routed(overrides)).toEqual({ ruleId, passedThrough });
  });
});

describe('rules skipped by every text they require', () => {
  // The walk as written in the rule set: every active rule tested in order, nothing skipped.
  function plainRoute(set: RuleSetInput, subject: RoutingLead) {
    const passedThrough: string[] = [];
    for (const rule of set.rules) {
      if (rule.active === false || !conditionHolds(rule.when, subject)) continue;
      if (rule.target.kind === 'continue') passedThrough.push(rule.id);
      else return { ruleId: rule.id, passedThrough };
    }
    return { ruleId: null, passedThrough };
  }

  it('routes as testing every rule does, with several required texts per rule, lists and case', () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const cities = ['北京', '上海', 'Hangzhou', 'HANGZHOU'];
    const industries = ['金融', '制造', 'SaaS', 'saas'];
    const tags = ['vip', 'Expo', 'expo', '续费'];
    const leaf = (): ConditionNode =>
      pick<() => ConditionNode>([
        () => ({ field: 'city', op: 'equals', value: pick(cities) }),
        () => ({ field: 'city', op: 'in', value: [pick(cities), pick(cities)] }),
        () => ({ field: 'custom.industry', op: 'in', value: [pick(industries)] }),
        () => ({ field: 'custom.industry', op: 'in', value: [] }),
        () => ({ field: 'tags', op: 'equals', value: pick(tags) }),
        () => ({ field: 'tags', op: 'in', value: [pick(tags), pick(tags)] }),
        () => ({ field: 'score', op: 'range', min: Math.floor(next() * 100) }),
        () => ({
          any: [
            { field: 'city', op: 'equals', value: pick(cities) },
            { field: 'grade', op: 'equals', value: 'A' },
          ],
        }),
      ])();
    for (let round = 0; round < 40; round++) {
      const set: RuleSetInput = {
        rules: Array.from({ length: 60 }, (_, index) => ({
          id: `r${index}`,
          active: next() > 0.05,
          when: next() < 0.2 ? leaf() : { all: Array.from({ length: 1 + Math.floor(next() * 4) }, leaf) },
          target: next() < 0.2 ? { kind: 'continue' } : { kind: 'team', teamId: `t${index}` },
        })),
        defaultTarget: { kind: 'pool' },
      };
      const compiled = compileRuleSet(set);
      for (let count = 0; count < 50; count++) {
        const subject = lead({
          city: pick(cities),
          tags: [pick(tags), pick(tags)].slice(0, Math.floor(next() * 3)),
          custom: { industry: pick(industries) },
          score: Math.floor(next() * 100),
          grade: pick(['A', 'B'] as const),
        });
        const { ruleId, passedThrough } = compiled.route(subject);
        expect({ ruleId, passedThrough }).toEqual(plainRoute(set, subject));
      }
    }
  });
});
