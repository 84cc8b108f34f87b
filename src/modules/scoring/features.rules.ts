import { knownEventTypes } from '../behaviour/behaviour.schemas.ts';
import type { FieldDefinition } from '../fields/field.rules.ts';
import type { FeatureRecord, FeatureValue } from './learner/learner.types.ts';

/** What scoring reads of a lead: its row, as stored. */
export interface ScoringLead {
  source: string;
  channelType?: string | null;
  campaign: string | null;
  utm: Record<string, string> | null;
  landingPage: string | null;
  referrer?: string | null;
  province: string | null;
  city: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  website: string | null;
  tags: readonly string[];
  custom: Record<string, unknown>;
  createdAt: Date;
  lastTouchAt: Date;
  touchCount: number;
}

/** A behaviour event as scoring reads it. */
export interface ScoringEvent {
  type: string;
  at: Date;
  props: Record<string, unknown>;
}

const FREE_MAIL = new Set([
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'yeah.net',
  'foxmail.com',
  'aliyun.com',
  '139.com',
  '189.cn',
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
]);

function emailKind(email: string | null): string | null {
  if (!email) return null;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return FREE_MAIL.has(domain) ? 'free' : 'business';
}

function landingPath(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.pathname.split('/').slice(0, 2).join('/') || '/';
  } catch {
    return null;
  }
}

function customValue(field: FieldDefinition, value: unknown, now: Date): FeatureValue {
  if (value === null || value === undefined || value === '') return null;
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'bool':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      const time = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isFinite(time) ? Math.round((now.getTime() - time) / 86_400_000) : null;
    }
    default:
      return String(value);
  }
}

/**
 * The names of the features a lead yields, as the model report and the exclusion list show them.
 * Custom fields are `custom.<name>`; behaviour is `events.<type>.count` (and `.seconds` for page views).
 */
export const standardFeatureNames = [
  'source',
  'channelType',
  'campaign',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'landingPage',
  'province',
  'city',
  'title',
  'emailKind',
  'hasPhone',
  'hasCompany',
  'hasWebsite',
  'tags',
  'touchCount',
] as const;

/**
 * A lead as the learner sees it, at `now`. Behaviour counts everything that happened up to `now`;
 * names in `exclude` (post-contact fields, or those an admin leaves out) are left out entirely.
 */
export function leadFeatures(
  lead: ScoringLead,
  fields: readonly FieldDefinition[],
  events: readonly ScoringEvent[],
  now: Date,
  exclude: ReadonlySet<string> = new Set(),
): FeatureRecord {
  const record: Record<string, FeatureValue> = {
    source: lead.source,
    channelType: lead.channelType ?? null,
    campaign: lead.campaign,
    'utm.source': lead.utm?.source ?? null,
    'utm.medium': lead.utm?.medium ?? null,
    'utm.campaign': lead.utm?.campaign ?? null,
    landingPage: landingPath(lead.landingPage),
    province: lead.province,
    city: lead.city,
    title: lead.title,
    emailKind: emailKind(lead.email),
    hasPhone: lead.phone !== null,
    hasCompany: lead.company !== null,
    hasWebsite: lead.website !== null,
    tags: lead.tags,
    touchCount: lead.touchCount,
    'events.page_view.seconds': 0,
  };
  for (const type of knownEventTypes) record[`events.${type}.count`] = 0;
  for (const field of fields) record[`custom.${field.name}`] = customValue(field, lead.custom[field.name], now);
  const nowTime = now.getTime();
  for (const event of events) {
    if (event.at.getTime() > nowTime) continue;
    const countKey = `events.${event.type}.count`;
    record[countKey] = ((record[countKey] as number | undefined) ?? 0) + 1;
    if (event.type === 'page_view' && typeof event.props.seconds === 'number') {
      record['events.page_view.seconds'] = (record['events.page_view.seconds'] as number) + event.props.seconds;
    }
  }
  for (const name of exclude) delete record[name];
  return record;
}

export type FeatureKind = 'number' | 'category' | 'bool' | 'tags';

const standardKinds: Record<(typeof standardFeatureNames)[number], FeatureKind> = {
  source: 'category',
  channelType: 'category',
  campaign: 'category',
  'utm.source': 'category',
  'utm.medium': 'category',
  'utm.campaign': 'category',
  landingPage: 'category',
  province: 'category',
  city: 'category',
  title: 'category',
  emailKind: 'category',
  hasPhone: 'bool',
  hasCompany: 'bool',
  hasWebsite: 'bool',
  tags: 'tags',
  touchCount: 'number',
};

/** Every feature a lead of the workspace can yield, for the exclusion and post-contact pickers. */
export function featureCatalogue(fields: readonly FieldDefinition[]): { name: string; kind: FeatureKind }[] {
  const customKind = (type: FieldDefinition['type']): FeatureKind =>
    type === 'number' || type === 'date' ? 'number' : type === 'bool' ? 'bool' : 'category';
  return [
    ...standardFeatureNames.map((name) => ({ name, kind: standardKinds[name] })),
    ...fields.map((field) => ({ name: `custom.${field.name}`, kind: customKind(field.type) })),
    ...knownEventTypes.map((type) => ({ name: `events.${type}.count`, kind: 'number' as const })),
    { name: 'events.page_view.seconds', kind: 'number' },
  ];
}
