import { describe, expect, it } from 'vitest';
import type { RoutingLead } from './routing-conditions.rules.ts';
import { compileRuleSet, routeLead, type RuleSetInput } from './routing-rules.rules.ts';
import { routingRuleSet } from './routing.schemas.ts';
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
