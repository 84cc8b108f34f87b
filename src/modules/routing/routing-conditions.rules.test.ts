import { describe, expect, it } from 'vitest';
import { sameValue } from '../scoring/scoring.rules.ts';
import {
  compileCondition,
  conditionHolds,
  leadAttributes,
  readLead,
  type RoutingLead,
} from './routing-conditions.rules.ts';
import { conditionTree, MAX_CONDITION_DEPTH, type ConditionNode } from './routing.schemas.ts';

const at = new Date('2026-11-23T02:00:00Z');

/** 北京一家金融公司的总监，从官网表单来，A 级。 */
function beijingFinanceLead(overrides: Partial<RoutingLead> = {}): RoutingLead {
  return {
    source: '官网',
    channelType: 'web_form',
    campaign: null,
    utm: { source: 'baidu', medium: 'cpc' },
    landingPage: null,
    province: '北京',
    city: '北京',
    title: '财务总监',
    email: 'wang@zhongxin-bank.cn',
    phone: '13800138000',
    company: '中信金融科技有限公司',
    website: null,
    tags: ['金融', '大客户'],
    custom: { industry: '金融', budget: 800_000, employees: '1200', vip: true },
    createdAt: at,
    lastTouchAt: at,
    touchCount: 1,
    status: 'new',
    score: 82,
    grade: 'A',
    urgency: 'high',
    ...overrides,
  };
}

describe('condition leaves', () => {
  it.each<[string, ConditionNode, boolean]>([
    ['equals on a standard field', { field: 'city', op: 'equals', value: '北京' }, true],
    ['equals misses another city', { field: 'city', op: 'equals', value: '上海' }, false],
    ['equals ignores case', { field: 'utm.source', op: 'equals', value: 'BAIDU' }, true],
    ['equals on a custom field', { field: 'custom.industry', op: 'equals', value: '金融' }, true],
    ['equals a number against numeric text', { field: 'custom.employees', op: 'equals', value: 1200 }, true],
    ['equals a boolean', { field: 'custom.vip', op: 'equals', value: true }, true],
    ['equals a boolean that differs', { field: 'custom.vip', op: 'equals', value: false }, false],
    ['equals on channel type', { field: 'channelType', op: 'equals', value: 'web_form' }, true],
    ['equals on grade', { field: 'grade', op: 'equals', value: 'a' }, true],
    ['equals on urgency', { field: 'urgency', op: 'equals', value: 'critical' }, false],
    ['equals one tag of the list', { field: 'tags', op: 'equals', value: '大客户' }, true],
    ['in a list of cities', { field: 'city', op: 'in', value: ['上海', '北京', '深圳'] }, true],
    ['in misses', { field: 'city', op: 'in', value: ['上海', '深圳'] }, false],
    ['in on tags: any tag in any option', { field: 'tags', op: 'in', value: ['制造', '金融'] }, true],
    ['in on grade', { field: 'grade', op: 'in', value: ['A', 'B'] }, true],
    ['contains in text', { field: 'company', op: 'contains', value: '金融' }, true],
    ['contains misses in text', { field: 'company', op: 'contains', value: '制造' }, false],
    ['contains on tags wants a whole tag', { field: 'tags', op: 'contains', value: '金' }, false],
    ['contains on tags', { field: 'tags', op: 'contains', value: '金融' }, true],
    ['contains on an empty field', { field: 'website', op: 'contains', value: 'x' }, false],
    ['range on score, inside', { field: 'score', op: 'range', min: 70, max: 100 }, true],
    ['range on score, edges inclusive', { field: 'score', op: 'range', min: 82, max: 82 }, true],
    ['range on score, below', { field: 'score', op: 'range', min: 83 }, false],
    ['range with max only', { field: 'custom.budget', op: 'range', max: 1_000_000 }, true],
    ['range on numeric text', { field: 'custom.employees', op: 'range', min: 1000 }, true],
    ['range on text that is no number', { field: 'city', op: 'range', min: 0 }, false],
    ['range on a missing field', { field: 'custom.missing', op: 'range', min: 0 }, false],
    ['exists on a filled field', { field: 'company', op: 'exists' }, true],
    ['exists on a null field', { field: 'website', op: 'exists' }, false],
    ['exists on a missing custom field', { field: 'custom.region', op: 'exists' }, false],
    ['exists on tags', { field: 'tags', op: 'exists' }, true],
  ])('%s', (_name, node, expected) => {
    expect(conditionHolds(node, beijingFinanceLead())).toBe(expected);
  });

  it('should find no tag in an empty tag list', () => {
    const lead = beijingFinanceLead({ tags: [] });
    expect(conditionHolds({ field: 'tags', op: 'exists' }, lead)).toBe(false);
    expect(conditionHolds({ field: 'tags', op: 'contains', value: '金融' }, lead)).toBe(false);
  });

  it.each<[unknown, string | number | boolean]>([
    ['北京', '北京'],
    ['Beijing', 'BEIJING'],
    ['12', 12],
    [12, '12'],
    [null, ''],
    [undefined, 'x'],
    [true, true],
    [1, true],
    ['1.50', 1.5],
    [' ', 0],
  ])('should compare %j with %j as scoring does', (actual, expected) => {
    const lead = beijingFinanceLead({ custom: { probe: actual } });
    expect(conditionHolds({ field: 'custom.probe', op: 'equals', value: expected }, lead)).toBe(
      sameValue(actual, expected),
    );
  });
});

describe('condition trees', () => {
  const finance: ConditionNode = { field: 'custom.industry', op: 'equals', value: '金融' };
  const shanghai: ConditionNode = { field: 'city', op: 'equals', value: '上海' };
  const beijing: ConditionNode = { field: 'city', op: 'equals', value: '北京' };
  const hot: ConditionNode = { field: 'score', op: 'range', min: 80 };

  it.each<[string, ConditionNode, boolean]>([
    ['all that hold', { all: [finance, beijing] }, true],
    ['all with one failing', { all: [finance, shanghai] }, false],
    ['any with one holding', { any: [shanghai, beijing] }, true],
    ['any with none holding', { any: [shanghai, { field: 'city', op: 'equals', value: '深圳' }] }, false],
    ['all of any', { all: [finance, { any: [shanghai, beijing] }] }, true],
    ['any of all', { any: [{ all: [finance, shanghai] }, { all: [hot, beijing] }] }, true],
    ['deep nesting', { all: [{ any: [{ all: [{ any: [beijing] }, hot] }] }] }, true],
    ['deep nesting failing at the bottom', { all: [{ any: [{ all: [{ any: [shanghai] }, hot] }] }] }, false],
  ])('%s', (_name, node, expected) => {
    expect(conditionHolds(node, beijingFinanceLead())).toBe(expected);
  });

  it('should give the same answers compiled once and read many times', () => {
    const test = compileCondition({ all: [finance, { any: [shanghai, beijing] }] });
    expect(test(readLead(beijingFinanceLead()))).toBe(true);
    expect(test(readLead(beijingFinanceLead({ city: '上海' })))).toBe(true);
    expect(test(readLead(beijingFinanceLead({ city: '广州' })))).toBe(false);
  });
});

describe('conditionTree schema', () => {
  function nested(depth: number): unknown {
    let node: unknown = { field: 'city', op: 'equals', value: '北京' };
    for (let level = 1; level < depth; level++) node = { all: [node] };
    return node;
  }

  it('should accept a tree at the depth limit and refuse one deeper', () => {
    expect(conditionTree.safeParse(nested(MAX_CONDITION_DEPTH)).success).toBe(true);
    expect(conditionTree.safeParse(nested(MAX_CONDITION_DEPTH + 1)).success).toBe(false);
  });

  it('should refuse a tree of more than 100 nodes', () => {
    const leaf = { field: 'city', op: 'equals', value: '北京' };
    expect(conditionTree.safeParse({ any: Array.from({ length: 99 }, () => leaf) }).success).toBe(true);
    expect(
      conditionTree.safeParse({ any: [{ all: Array.from({ length: 60 }, () => leaf) }, { all: Array(60).fill(leaf) }] })
        .success,
    ).toBe(false);
  });

  it.each<[unknown, boolean]>([
    [{ field: 'city', op: 'equals', value: '北京' }, true],
    [{ field: 'city', op: 'equals' }, false],
    [{ field: 'city', op: 'equals', value: ['北京'] }, false],
    [{ field: 'city', op: 'in', value: ['北京', '上海'] }, true],
    [{ field: 'city', op: 'in', value: '北京' }, false],
    [{ field: 'score', op: 'range', min: 60 }, true],
    [{ field: 'score', op: 'range' }, false],
    [{ field: 'score', op: 'range', min: 80, max: 60 }, false],
    [{ field: 'custom.industry', op: 'exists' }, true],
    [{ field: 'custom.行业', op: 'exists' }, false],
    [{ field: 'city', op: 'like', value: '北' }, false],
    [{ all: [] }, false],
    [{ all: [{ field: 'city', op: 'exists' }], any: [] }, false],
  ])('should judge %j valid: %s', (input, valid) => {
    expect(conditionTree.safeParse(input).success).toBe(valid);
  });
});

describe('leadAttributes', () => {
  it('should collect the chosen fields, tags one by one, blanks left out, in lower case', () => {
    expect(
      leadAttributes(beijingFinanceLead({ utm: { source: 'Baidu' } }), [
        'custom.industry',
        'city',
        'tags',
        'website',
        'utm.source',
      ]),
    ).toEqual(['金融', '北京', '金融', '大客户', 'baidu']);
  });
});
