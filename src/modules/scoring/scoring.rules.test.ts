import { describe, expect, it } from 'vitest';
import type { ScoringEvent } from './features.rules.ts';
import type { Condition, PointRuleInput, ScoringSettings, UrgencyRuleInput } from './scoring.schemas.ts';
import {
  defaultPointRules,
  defaultScoringSettings,
  defaultUrgencyRules,
  eventHorizonDays,
  gradeOf,
  scoreLead,
  type RuleLead,
} from './scoring.rules.ts';

const now = new Date('2026-11-23T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

function lead(overrides: Partial<RuleLead> = {}): RuleLead {
  return {
    source: '官网',
    channelType: 'web_form',
    campaign: null,
    utm: { source: 'baidu' },
    landingPage: null,
    province: '广东',
    city: '深圳',
    title: '总经理',
    email: 'li@acme.cn',
    phone: '+8613800138000',
    company: '深圳市腾飞科技有限公司',
    website: null,
    tags: ['线上渠道-主动咨询'],
    custom: { registered_capital: 8_000_000, industry: '制造' },
    createdAt: daysAgo(10),
    lastTouchAt: now,
    touchCount: 1,
    status: 'new',
    ...overrides,
  };
}

const settings: ScoringSettings = {
  ...defaultScoringSettings,
  caps: { fit: null, engagement: null, bant: null },
  halfLifeDays: null,
};

function rule(when: Condition, points = 10, group: PointRuleInput['group'] = 'fit'): PointRuleInput {
  return { name: 'r', group, points, active: true, when: [when] };
}

function scoreWith(when: Condition, subject = lead(), events: ScoringEvent[] = []) {
  return scoreLead(
    { lead: subject, events, pointRules: [rule(when)], urgencyRules: [], settings, prediction: null },
    now,
  ).score;
}

describe('field conditions', () => {
  it.each<[string, Condition, number]>([
    ['eq on a standard field', { kind: 'field', field: 'city', op: 'eq', value: '深圳' }, 10],
    ['eq ignores case', { kind: 'field', field: 'utm.source', op: 'eq', value: 'BAIDU' }, 10],
    ['neq', { kind: 'field', field: 'city', op: 'neq', value: '深圳' }, 0],
    ['in a list', { kind: 'field', field: 'province', op: 'in', value: ['广东', '浙江'] }, 10],
    ['not in the list', { kind: 'field', field: 'province', op: 'in', value: ['浙江'] }, 0],
    ['contains text', { kind: 'field', field: 'company', op: 'contains', value: '科技' }, 10],
    ['tags contain one tag', { kind: 'field', field: 'tags', op: 'contains', value: '线上渠道-主动咨询' }, 10],
    ['tags lack a tag', { kind: 'field', field: 'tags', op: 'contains', value: '外呼-被动响应' }, 0],
    ['custom number above', { kind: 'field', field: 'custom.registered_capital', op: 'gt', value: 5_000_000 }, 10],
    ['custom number not above', { kind: 'field', field: 'custom.registered_capital', op: 'gt', value: 9_000_000 }, 0],
    ['custom select', { kind: 'field', field: 'custom.industry', op: 'eq', value: '制造' }, 10],
    ['exists', { kind: 'field', field: 'email', op: 'exists' }, 10],
    ['missing', { kind: 'field', field: 'website', op: 'missing' }, 10],
    ['missing custom field', { kind: 'field', field: 'custom.nothing', op: 'missing' }, 10],
    ['number op on a missing value never holds', { kind: 'field', field: 'custom.nothing', op: 'lt', value: 5 }, 0],
    ['channel type', { kind: 'field', field: 'channelType', op: 'eq', value: 'web_form' }, 10],
  ])('%s', (_name, condition, expected) => {
    expect(scoreWith(condition)).toBe(expected);
  });
});

describe('behaviour conditions', () => {
  const views: ScoringEvent[] = [
    { type: 'page_view', at: daysAgo(1), props: { seconds: 100 } },
    { type: 'page_view', at: daysAgo(3), props: { seconds: 90 } },
    { type: 'page_view', at: daysAgo(9), props: { seconds: 500 } },
    { type: 'download', at: daysAgo(20), props: {} },
  ];
  it.each<[string, Condition, number]>([
    [
      'seconds summed within 7 days',
      { kind: 'behaviour', event: 'page_view', measure: 'sum', prop: 'seconds', withinDays: 7, op: 'gt', value: 180 },
      10,
    ],
    [
      'the window leaves old views out',
      { kind: 'behaviour', event: 'page_view', measure: 'sum', prop: 'seconds', withinDays: 7, op: 'gt', value: 200 },
      0,
    ],
    [
      'count within 30 days',
      { kind: 'behaviour', event: 'page_view', measure: 'count', withinDays: 30, op: 'eq', value: 3 },
      10,
    ],
    [
      'a download in 30 days',
      { kind: 'behaviour', event: 'download', measure: 'count', withinDays: 30, op: 'gte', value: 1 },
      10,
    ],
    [
      'no download in 14 days',
      { kind: 'behaviour', event: 'download', measure: 'count', withinDays: 14, op: 'gte', value: 1 },
      0,
    ],
  ])('%s', (_name, condition, expected) => {
    expect(scoreWith(condition, lead(), views)).toBe(expected);
  });

  it('ignores events dated in the future', () => {
    const future: ScoringEvent[] = [{ type: 'download', at: new Date(now.getTime() + 60_000), props: {} }];
    expect(
      scoreWith(
        { kind: 'behaviour', event: 'download', measure: 'count', withinDays: 30, op: 'gte', value: 1 },
        lead(),
        future,
      ),
    ).toBe(0);
  });

  it('asks to be scored again when the oldest counted event leaves the window', () => {
    const result = scoreLead(
      {
        lead: lead(),
        events: views,
        pointRules: [
          rule({
            kind: 'behaviour',
            event: 'page_view',
            measure: 'sum',
            prop: 'seconds',
            withinDays: 7,
            op: 'gt',
            value: 180,
          }),
        ],
        urgencyRules: [],
        settings,
        prediction: null,
      },
      now,
    );
    expect(result.rescoreAt).toEqual(new Date(daysAgo(3).getTime() + 7 * 86_400_000));
  });
});

describe('urgency', () => {
  const trial = (expiresInHours: number): ScoringEvent => ({
    type: 'trial_expiring',
    at: daysAgo(1),
    props: { expiresAt: new Date(now.getTime() + expiresInHours * 3_600_000).toISOString() },
  });
  const urgencyOf = (events: ScoringEvent[]) =>
    scoreLead(
      { lead: lead(), events, pointRules: [], urgencyRules: defaultUrgencyRules(), settings, prediction: null },
      now,
    );

  it.each([
    ['a trial expiring in 47 h is critical', [trial(47)], 'critical'],
    ['a trial expiring in 49 h is not yet', [trial(49)], 'normal'],
    ['an expired trial is no longer urgent', [trial(-1)], 'normal'],
    ['a competitor comparison 2 days ago is high', [{ type: 'competitor_compare', at: daysAgo(2), props: {} }], 'high'],
    ['one 8 days ago is not', [{ type: 'competitor_compare', at: daysAgo(8), props: {} }], 'normal'],
    ['the higher level wins', [trial(10), { type: 'competitor_compare', at: daysAgo(2), props: {} }], 'critical'],
  ] as [string, ScoringEvent[], string][])('%s', (_name, events, level) => {
    expect(urgencyOf(events).urgency).toBe(level);
  });

  it('says why', () => {
    expect(urgencyOf([trial(5)]).urgencyReason).toBe('试用 48 小时内到期');
    expect(urgencyOf([]).urgencyReason).toBeNull();
  });

  it('knows when a trial will enter the window, and when it will leave it', () => {
    expect(urgencyOf([trial(72)]).rescoreAt).toEqual(new Date(now.getTime() + 24 * 3_600_000));
    expect(urgencyOf([trial(10)]).rescoreAt).toEqual(new Date(now.getTime() + 10 * 3_600_000));
  });
});

describe('caps, decay and grades', () => {
  const engaged: ScoringEvent[] = [{ type: 'download', at: daysAgo(30), props: {} }];
  const downloadRule = rule(
    { kind: 'behaviour', event: 'download', measure: 'count', withinDays: 90, op: 'gte', value: 1 },
    40,
    'engagement',
  );

  it('caps a group and shrinks its factors alike', () => {
    const result = scoreLead(
      {
        lead: lead(),
        events: [],
        pointRules: [
          { ...rule({ kind: 'field', field: 'company', op: 'exists' }, 30), name: 'company' },
          { ...rule({ kind: 'field', field: 'email', op: 'exists' }, 30), name: 'email' },
        ],
        urgencyRules: [],
        settings: { ...settings, caps: { fit: 40, engagement: null, bant: null } },
        prediction: null,
      },
      now,
    );
    expect(result.score).toBe(40);
    expect(result.scoreFactors).toEqual([
      { factor: 'company', effect: 20 },
      { factor: 'email', effect: 20 },
    ]);
  });

  it('halves engagement after one half-life without activity, but not fit', () => {
    const idle = lead({ lastTouchAt: daysAgo(30) });
    const input = {
      lead: idle,
      events: engaged,
      pointRules: [downloadRule, rule({ kind: 'field', field: 'company', op: 'exists' }, 10)],
      urgencyRules: [],
      settings: { ...settings, halfLifeDays: 30 },
      prediction: null,
    };
    expect(scoreLead(input, now).score).toBe(30);
    expect(scoreLead({ ...input, settings }, now).score).toBe(50);
  });

  it('clamps the score to 0..100', () => {
    const negative = rule({ kind: 'field', field: 'company', op: 'exists' }, -50);
    expect(
      scoreLead({ lead: lead(), events: [], pointRules: [negative], urgencyRules: [], settings, prediction: null }, now)
        .score,
    ).toBe(0);
  });

  it.each([
    [100, 'A'],
    [70, 'A'],
    [69, 'B'],
    [45, 'B'],
    [44, 'C'],
    [20, 'C'],
    [19, 'D'],
    [0, 'D'],
  ] as const)('score %i is grade %s', (score, grade) => {
    expect(gradeOf(score, defaultScoringSettings.thresholds)).toBe(grade);
  });

  it('skips inactive rules', () => {
    const inactive = { ...rule({ kind: 'field', field: 'company', op: 'exists' }), active: false };
    expect(
      scoreLead({ lead: lead(), events: [], pointRules: [inactive], urgencyRules: [], settings, prediction: null }, now)
        .score,
    ).toBe(0);
  });
});

describe('model and blend', () => {
  const prediction = { probability: 0.8, factors: [{ factor: 'source = 官网', effect: 12 }] };
  const fit = rule({ kind: 'field', field: 'company', op: 'exists' }, 40);
  const input = (mode: ScoringSettings['mode']) => ({
    lead: lead(),
    events: [],
    pointRules: [fit],
    urgencyRules: [] as UrgencyRuleInput[],
    settings: { ...settings, mode, blendWeight: 0.25 },
    prediction,
  });

  it.each([
    ['rules', 40],
    ['model', 80],
    ['blend', 50],
  ] as const)('%s mode scores %i', (mode, score) => {
    expect(scoreLead(input(mode), now).score).toBe(score);
  });

  it('always reports the win probability, and blends the factors by weight', () => {
    const blended = scoreLead(input('blend'), now);
    expect(blended.winProbability).toBe(0.8);
    expect(blended.scoreFactors).toEqual([
      { factor: 'r', effect: 30 },
      { factor: 'source = 官网', effect: 3 },
    ]);
  });

  it('falls back to the rules while no model is active', () => {
    expect(scoreLead({ ...input('model'), prediction: null }, now)).toMatchObject({ score: 40, winProbability: null });
  });
});

describe('defaults', () => {
  it('grade a decision-maker who inquired on the website and read for 4 minutes as A', () => {
    const events: ScoringEvent[] = [{ type: 'page_view', at: daysAgo(1), props: { seconds: 240 } }];
    const result = scoreLead(
      {
        lead: lead(),
        events,
        pointRules: defaultPointRules(),
        urgencyRules: defaultUrgencyRules(),
        settings: defaultScoringSettings,
        prediction: null,
      },
      now,
    );
    expect(result.grade).toBe('A');
    expect(result.scoreFactors[0]).toEqual({ factor: '7 天内浏览超过 3 分钟', effect: 20 });
  });

  it('read events back as far as the longest window', () => {
    expect(eventHorizonDays(defaultPointRules(), [])).toBe(30);
    expect(eventHorizonDays([], defaultUrgencyRules())).toBe(365);
  });
});
