/**
 * Synthetic closed leads for the learner's tests and benchmark, with a known truth: each example
 * carries the probability it was drawn from, so a test can tell signal from noise exactly.
 */
import { leadFeatures, type ScoringEvent, type ScoringLead } from '../features.rules.ts';
import type { FieldDefinition } from '../../fields/field.rules.ts';
import { sigmoid } from './metrics.ts';
import { seededRng, type Rng } from './random.ts';
import type { FeatureRecord, TrainingExample } from './learner.types.ts';

export interface KnownExample extends TrainingExample {
  truth: number;
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/**
 * One strong numeric signal (`signal`), a weaker categorical one (`plan`: gold > silver > bronze),
 * a tag that helps, and distractors with no effect; some values missing.
 */
export function signalExamples(n: number, seed: number): KnownExample[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => {
    const signal = gaussian(rng);
    const plan = pick(rng, ['gold', 'silver', 'bronze', 'bronze']);
    const referred = rng() < 0.2;
    const truth = sigmoid(2 * signal + (plan === 'gold' ? 0.8 : plan === 'silver' ? 0.3 : 0) + (referred ? 0.7 : 0) - 0.8);
    const features: FeatureRecord = {
      signal: rng() < 0.05 ? null : signal,
      plan,
      tags: referred ? ['referred', ...(rng() < 0.3 ? ['newsletter'] : [])] : rng() < 0.3 ? ['newsletter'] : [],
      distractor: gaussian(rng),
      colour: rng() < 0.1 ? null : pick(rng, ['red', 'green', 'blue', 'teal', 'plum', 'sand', 'rose']),
      flag: rng() < 0.5,
    };
    return { features, label: rng() < truth ? 1 : 0, truth };
  });
}

/** The same shapes of feature, none of which has anything to do with the outcome. */
export function noiseExamples(n: number, seed: number, baseRate = 0.3): KnownExample[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => {
    const features: FeatureRecord = {
      a: gaussian(rng),
      b: gaussian(rng),
      c: rng() < 0.2 ? null : gaussian(rng),
      plan: pick(rng, ['gold', 'silver', 'bronze']),
      colour: pick(rng, ['red', 'green', 'blue', 'teal', 'plum', 'sand', 'rose']),
      tags: rng() < 0.3 ? ['newsletter'] : [],
      flag: rng() < 0.5,
    };
    return { features, label: rng() < baseRate ? 1 : 0, truth: baseRate };
  });
}

const SOURCES = ['百度推广', '官网表单', '抖音', '微信公众号', '展会', '转介绍', '400电话', '知乎'];
const PROVINCES = ['广东', '浙江', '江苏', '北京', '上海', '四川', '山东', '湖北', '福建', '河南'];
const INDUSTRIES = ['制造', '零售', '教育', '医疗', '金融', '物流', '软件', '餐饮', '地产', '能源', '农业', '传媒'];
const TAGS = ['已报价', '需要演示', '价格敏感', '老客户推荐', '竞品对比', '预算已批'];
export const syntheticFields: FieldDefinition[] = [
  { name: 'budget', type: 'number', options: null },
  { name: 'industry', type: 'select', options: INDUSTRIES },
  { name: 'employees', type: 'number', options: null },
  { name: 'trial', type: 'bool', options: null },
  { name: 'decision_date', type: 'date', options: null },
];

/**
 * Realistic CRM leads, turned into features by the product's own `leadFeatures`: channel,
 * region, contact details, tags, custom fields and behaviour, over one year, with a win chance
 * that depends on several of them (and not on the rest).
 */
export function syntheticLeads(n: number, seed: number): KnownExample[] {
  const rng = seededRng(seed);
  const start = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, (_, index) => {
    const created = new Date(start + Math.floor((index / n) * 365 * 86_400_000));
    const source = pick(rng, SOURCES);
    const province = pick(rng, PROVINCES);
    const industry = rng() < 0.15 ? null : pick(rng, INDUSTRIES);
    const budget = rng() < 0.3 ? null : Math.round(Math.exp(9 + 1.5 * gaussian(rng)));
    const tags = TAGS.filter(() => rng() < 0.15);
    const pageViews = Math.floor(-Math.log(1 - rng()) * 4);
    const trial = rng() < 0.25;
    const hasEmail = rng() < 0.7;
    const lead: ScoringLead = {
      source,
      campaign: rng() < 0.5 ? `campaign-${Math.floor(rng() * 20)}` : null,
      utm: source === '百度推广' ? { source: 'baidu', medium: 'cpc', campaign: `c${Math.floor(rng() * 5)}` } : null,
      landingPage: rng() < 0.6 ? `https://example.cn/${pick(rng, ['pricing', 'demo', 'blog', 'cases'])}/x` : null,
      province,
      city: null,
      title: rng() < 0.5 ? pick(rng, ['经理', '总监', '采购', '工程师', '总经理']) : null,
      email: hasEmail ? `u${index}@${rng() < 0.5 ? 'qq.com' : 'corp.cn'}` : null,
      phone: rng() < 0.9 ? '13800000000' : null,
      company: rng() < 0.6 ? '某公司' : null,
      website: null,
      tags,
      custom: {
        budget,
        industry,
        employees: rng() < 0.4 ? null : Math.round(Math.exp(3 + 1.2 * gaussian(rng))),
        trial,
        decision_date: rng() < 0.2 ? '2024-12-31' : null,
      },
      createdAt: created,
      lastTouchAt: created,
      touchCount: Math.floor(rng() * 6),
    };
    const events: ScoringEvent[] = Array.from({ length: pageViews }, () => ({ type: 'page_view', at: created, props: { seconds: Math.round(rng() * 120) } }));
    const z =
      -2.2 +
      (source === '转介绍' ? 1.2 : source === '展会' ? 0.6 : source === '抖音' ? -0.6 : 0) +
      (budget === null ? -0.3 : 0.35 * (Math.log(budget) - 9)) +
      0.15 * Math.min(pageViews, 10) +
      (trial ? 0.7 : 0) +
      (tags.includes('预算已批') ? 1 : 0) +
      (tags.includes('价格敏感') ? -0.6 : 0) +
      (industry === '金融' || industry === '软件' ? 0.5 : 0) +
      (lead.email?.endsWith('corp.cn') ? 0.3 : 0);
    const truth = sigmoid(z);
    return { features: leadFeatures(lead, syntheticFields, events, created), label: rng() < truth ? 1 : 0, at: created, truth };
  });
}
