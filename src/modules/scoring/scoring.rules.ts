import type { ScoringEvent, ScoringLead } from './features.rules.ts';
import type { Prediction } from './learner/learner.types.ts';
import type {
  Condition,
  Grade,
  PointRuleInput,
  RuleGroup,
  ScoreFactor,
  ScoringSettings,
  UrgencyLevel,
  UrgencyRuleInput,
} from './scoring.schemas.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_FACTORS = 8;

/** A lead as the rules read it: its row and its status. */
export type RuleLead = ScoringLead & { status: string; channelId?: string | null };

export interface LeadScore {
  score: number;
  grade: Grade;
  urgency: UrgencyLevel;
  urgencyReason: string | null;
  winProbability: number | null;
  scoreFactors: ScoreFactor[];
  /** The next moment a rule's answer can change by time alone (a window passes, a trial nears, decay); null: never. */
  rescoreAt: Date | null;
}

export interface ScoringInput {
  lead: RuleLead;
  /** The lead's behaviour events (those older than the longest window may be left out). */
  events: readonly ScoringEvent[];
  pointRules: readonly PointRuleInput[];
  urgencyRules: readonly UrgencyRuleInput[];
  settings: ScoringSettings;
  /** The active model's prediction for this lead, if a model is active. */
  prediction: Prediction | null;
}

/** A lead field as rules read it: a standard field, `utm.<name>` or `custom.<name>` (tags come as an array). */
export function fieldValue(lead: RuleLead, field: string): unknown {
  if (field.startsWith('custom.')) return lead.custom[field.slice(7)];
  if (field.startsWith('utm.')) return lead.utm?.[field.slice(4)];
  return (lead as unknown as Record<string, unknown>)[field];
}

export const isBlank = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Equality as rules see it: numbers by value, text without regard to case. */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return asNumber(actual) === expected;
  if (typeof expected === 'boolean') return actual === expected;
  return String(actual ?? '').toLowerCase() === String(expected ?? '').toLowerCase();
}

function compare(actual: number | null, op: string, expected: number): boolean {
  if (actual === null) return false;
  switch (op) {
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
    default:
      return actual === expected;
  }
}

function fieldHolds(lead: RuleLead, condition: Extract<Condition, { kind: 'field' }>): boolean {
  const actual = fieldValue(lead, condition.field);
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      return !isBlank(actual);
    case 'missing':
      return isBlank(actual);
    case 'eq':
      return Array.isArray(actual) ? actual.some((item) => sameValue(item, expected)) : sameValue(actual, expected);
    case 'neq':
      return Array.isArray(actual) ? !actual.some((item) => sameValue(item, expected)) : !sameValue(actual, expected);
    case 'in': {
      const options = Array.isArray(expected) ? expected : [expected];
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((value) => options.some((option) => sameValue(value, option)));
    }
    case 'contains': {
      if (Array.isArray(actual)) return actual.some((item) => sameValue(item, expected));
      const needle = String(expected ?? '').toLowerCase();
      return needle !== '' && typeof actual === 'string' && actual.toLowerCase().includes(needle);
    }
    default:
      return compare(asNumber(actual), condition.op, asNumber(expected) ?? NaN);
  }
}

function dateProp(event: ScoringEvent, prop: string): number | null {
  const raw = event.props[prop];
  const time = typeof raw === 'string' ? Date.parse(raw) : NaN;
  return Number.isFinite(time) ? time : null;
}

/** Whether the condition holds at `now`, and the times after `now` at which its answer may change. */
function evaluate(
  condition: Condition,
  lead: RuleLead,
  events: readonly ScoringEvent[],
  now: number,
  changes: number[],
): boolean {
  if (condition.kind === 'field') return fieldHolds(lead, condition);
  if (condition.kind === 'behaviour') {
    const since = now - condition.withinDays * DAY_MS;
    let total = 0;
    for (const event of events) {
      const at = event.at.getTime();
      if (event.type !== condition.event || at > now || at <= since) continue;
      changes.push(at + condition.withinDays * DAY_MS);
      if (condition.measure === 'count') total += 1;
      else total += asNumber(event.props[condition.prop ?? 'value']) ?? 0;
    }
    return compare(total, condition.op, condition.value);
  }
  let holds = false;
  for (const event of events) {
    if (event.type !== condition.event) continue;
    const due = dateProp(event, condition.prop);
    if (due === null) continue;
    const opens = due - condition.withinHours * HOUR_MS;
    if (opens <= now && now < due) holds = true;
    if (opens > now) changes.push(opens);
    if (due > now) changes.push(due);
  }
  return holds;
}

function matches(
  when: readonly Condition[],
  lead: RuleLead,
  events: readonly ScoringEvent[],
  now: number,
  changes: number[],
) {
  // Every condition is evaluated (no short cut), so each one's future changes are known.
  let all = true;
  for (const condition of when) all = evaluate(condition, lead, events, now, changes) && all;
  return all;
}

export function gradeOf(score: number, thresholds: ScoringSettings['thresholds']): Grade {
  if (score >= thresholds.A) return 'A';
  if (score >= thresholds.B) return 'B';
  if (score >= thresholds.C) return 'C';
  return 'D';
}

/** The last time anything happened to the lead: a touch or a behaviour event. */
function lastActivity(lead: RuleLead, events: readonly ScoringEvent[], now: number): number {
  let last = lead.lastTouchAt.getTime();
  for (const event of events) {
    const at = event.at.getTime();
    if (at <= now && at > last) last = at;
  }
  return last;
}

interface RuleOutcome {
  score: number;
  factors: ScoreFactor[];
}

function ruleScore(input: ScoringInput, now: number, changes: number[]): RuleOutcome {
  const { lead, events, pointRules, settings } = input;
  const byGroup = new Map<RuleGroup, { name: string; points: number }[]>();
  for (const rule of pointRules) {
    if (!rule.active || !matches(rule.when, lead, events, now, changes)) continue;
    const list = byGroup.get(rule.group) ?? [];
    list.push({ name: rule.name, points: rule.points });
    byGroup.set(rule.group, list);
  }
  const idleDays = (now - lastActivity(lead, events, now)) / DAY_MS;
  const factors: ScoreFactor[] = [];
  let total = 0;
  for (const [group, hits] of byGroup) {
    const raw = hits.reduce((sum, hit) => sum + hit.points, 0);
    const cap = settings.caps[group];
    // Over the cap, every hit of the group shrinks alike, so the factors still add up to the score.
    let scale = cap !== null && raw > cap ? cap / raw : 1;
    if (group === 'engagement' && settings.halfLifeDays !== null && raw !== 0) {
      scale *= Math.pow(0.5, Math.max(0, idleDays) / settings.halfLifeDays);
      changes.push(now + DAY_MS);
    }
    for (const hit of hits) {
      const effect = hit.points * scale;
      factors.push({ factor: hit.name, effect: round1(effect) });
      total += effect;
    }
  }
  return { score: clampScore(total), factors };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const clampScore = (value: number) => Math.max(0, Math.min(100, Math.round(value)));
const urgencyRank: Record<UrgencyLevel, number> = { normal: 0, high: 1, critical: 2 };

function urgencyOf(
  input: ScoringInput,
  now: number,
  changes: number[],
): { level: UrgencyLevel; reason: string | null } {
  let level: UrgencyLevel = 'normal';
  let reason: string | null = null;
  for (const rule of input.urgencyRules) {
    if (!rule.active || !matches(rule.when, input.lead, input.events, now, changes)) continue;
    if (urgencyRank[rule.level] > urgencyRank[level]) {
      level = rule.level;
      reason = rule.name;
    }
  }
  return { level, reason };
}

function strongest(factors: ScoreFactor[]): ScoreFactor[] {
  return factors
    .filter((factor) => factor.effect !== 0)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, MAX_FACTORS);
}

/**
 * A lead's score, grade, urgency and the reasons, at `now`. Rules give points (capped per group,
 * engagement decaying with idleness) on a 0–100 scale; a model gives 100 × its win probability;
 * the mode says which drives the grade, or in what blend. Pure: everything it reads is passed in.
 */
export function scoreLead(input: ScoringInput, at: Date): LeadScore {
  const now = at.getTime();
  const changes: number[] = [];
  const rules = ruleScore(input, now, changes);
  const urgency = urgencyOf(input, now, changes);
  const { settings, prediction } = input;
  let score = rules.score;
  let factors = rules.factors;
  if (prediction && settings.mode !== 'rules') {
    const modelScore = 100 * prediction.probability;
    const weight = settings.mode === 'model' ? 1 : settings.blendWeight;
    score = clampScore((1 - weight) * rules.score + weight * modelScore);
    factors = [
      ...rules.factors.map((factor) => ({ factor: factor.factor, effect: round1(factor.effect * (1 - weight)) })),
      ...prediction.factors.map((factor) => ({ factor: factor.factor, effect: round1(factor.effect * weight) })),
    ];
  }
  const next = changes.filter((time) => time > now);
  return {
    score,
    grade: gradeOf(score, settings.thresholds),
    urgency: urgency.level,
    urgencyReason: urgency.reason,
    winProbability: prediction ? Math.round(prediction.probability * 10_000) / 10_000 : null,
    scoreFactors: strongest(factors),
    rescoreAt: next.length > 0 ? new Date(Math.min(...next)) : null,
  };
}

/** How far back scoring must read a lead's events: the longest behaviour window (due dates look at all). */
export function eventHorizonDays(
  pointRules: readonly PointRuleInput[],
  urgencyRules: readonly UrgencyRuleInput[],
): number {
  let days = 0;
  for (const rule of [...pointRules, ...urgencyRules]) {
    for (const condition of rule.when) {
      if (condition.kind === 'behaviour') days = Math.max(days, condition.withinDays);
      if (condition.kind === 'due') days = Math.max(days, 365);
    }
  }
  return days;
}

/** A new lead's score columns before the scorer has seen it. */
export const unscoredLead = {
  score: 0,
  grade: 'D',
  urgency: 'normal',
  urgencyReason: null,
  winProbability: null,
  scoreFactors: [] as ScoreFactor[],
  rescoreAt: null,
  closedAt: null,
} as const;

export const defaultScoringSettings: ScoringSettings = {
  caps: { fit: 40, engagement: 40, bant: 40 },
  halfLifeDays: 30,
  thresholds: { A: 70, B: 45, C: 20 },
  // Rules from day one; once a model is ready it has an equal say, and its factors show beside the rules'.
  mode: 'blend',
  blendWeight: 0.5,
  postContactFields: ['tags'],
};

/**
 * What a new workspace starts with, from the seeds: an active inquiry and a decision-maker's title
 * fit; over three minutes on the site or a white-paper download engage; registered capital over
 * 5 M qualifies (BANT); a trial expiring within 48 h is critical, a competitor comparison urgent.
 */
export function defaultPointRules(): PointRuleInput[] {
  return [
    {
      name: '主动咨询（网站表单）',
      group: 'fit',
      points: 15,
      active: true,
      when: [{ kind: 'field', field: 'channelType', op: 'eq', value: 'web_form' }],
    },
    {
      name: '有公司名称',
      group: 'fit',
      points: 10,
      active: true,
      when: [{ kind: 'field', field: 'company', op: 'exists' }],
    },
    {
      name: '决策层职务',
      group: 'fit',
      points: 10,
      active: true,
      when: [
        {
          kind: 'field',
          field: 'title',
          op: 'in',
          value: ['总经理', '总监', '总裁', 'CEO', 'CTO', 'CFO', '董事长', '副总'],
        },
      ],
    },
    {
      name: '7 天内浏览超过 3 分钟',
      group: 'engagement',
      points: 20,
      active: true,
      when: [
        { kind: 'behaviour', event: 'page_view', measure: 'sum', prop: 'seconds', withinDays: 7, op: 'gt', value: 180 },
      ],
    },
    {
      name: '30 天内下载白皮书',
      group: 'engagement',
      points: 15,
      active: true,
      when: [{ kind: 'behaviour', event: 'download', measure: 'count', withinDays: 30, op: 'gte', value: 1 }],
    },
    {
      name: '注册资本超过 500 万',
      group: 'bant',
      points: 15,
      active: true,
      when: [{ kind: 'field', field: 'custom.registered_capital', op: 'gt', value: 5_000_000 }],
    },
  ];
}

export function defaultUrgencyRules(): UrgencyRuleInput[] {
  return [
    {
      name: '试用 48 小时内到期',
      level: 'critical',
      active: true,
      when: [{ kind: 'due', event: 'trial_expiring', prop: 'expiresAt', withinHours: 48 }],
    },
    {
      name: '7 天内做过竞品对比',
      level: 'high',
      active: true,
      when: [{ kind: 'behaviour', event: 'competitor_compare', measure: 'count', withinDays: 7, op: 'gte', value: 1 }],
    },
  ];
}
