import { CHANNEL_TYPES } from '../channels/channels.types';
import type { MessageKey } from '../i18n/zh-CN';
import type { Translate } from '../i18n/translate';
import { LEAD_STATUSES } from '../leads/leadStatus';
import type { CustomField } from '../leads/leadEntry.api';
import type { FieldOperator, NumberOperator } from './scoring.types';

/** How a field's value is entered and compared. */
export type FieldType = 'text' | 'number' | 'bool' | 'select' | 'tags';

export interface FieldChoice {
  /** `source`, `utm.medium`, `custom.budget`… as the rule stores it. */
  path: string;
  type: FieldType;
  label: { key: MessageKey } | { text: string };
  /** The values a select field takes; `labels` words them when they are codes. */
  options?: readonly string[];
  optionLabels?: Readonly<Record<string, MessageKey>>;
  custom?: boolean;
}

const channelTypeLabels = Object.fromEntries(
  CHANNEL_TYPES.map((type) => [type, `channels.type.${type}` as MessageKey]),
) as Record<string, MessageKey>;
const statusLabels = Object.fromEntries(
  LEAD_STATUSES.map((status) => [status, `leadStatus.${status}` as MessageKey]),
) as Record<string, MessageKey>;

const text = (path: string, key: MessageKey): FieldChoice => ({ path, type: 'text', label: { key } });

/** The lead's own fields a rule can test (the server reads the same names off the lead row). */
export const STANDARD_FIELDS: readonly FieldChoice[] = [
  text('source', 'imports.target.source'),
  {
    path: 'channelType',
    type: 'select',
    label: { key: 'scoring.field.channelType' },
    options: CHANNEL_TYPES,
    optionLabels: channelTypeLabels,
  },
  { path: 'tags', type: 'tags', label: { key: 'scoring.field.tags' } },
  text('campaign', 'imports.target.campaign'),
  text('utm.source', 'imports.target.utm.source'),
  text('utm.medium', 'imports.target.utm.medium'),
  text('utm.campaign', 'imports.target.utm.campaign'),
  text('utm.term', 'imports.target.utm.term'),
  text('utm.content', 'imports.target.utm.content'),
  text('landingPage', 'imports.target.landingPage'),
  text('referrer', 'imports.target.referrer'),
  text('company', 'imports.target.company'),
  text('title', 'imports.target.title'),
  text('province', 'imports.target.province'),
  text('city', 'imports.target.city'),
  text('email', 'imports.target.email'),
  text('phone', 'imports.target.phone'),
  text('website', 'imports.target.website'),
  {
    path: 'status',
    type: 'select',
    label: { key: 'scoring.field.status' },
    options: LEAD_STATUSES,
    optionLabels: statusLabels,
  },
  { path: 'touchCount', type: 'number', label: { key: 'scoring.field.touchCount' } },
];

function customChoice(field: CustomField): FieldChoice {
  const label = { text: field.label ?? field.name };
  const path = `custom.${field.name}`;
  switch (field.type) {
    case 'number':
      return { path, type: 'number', label, custom: true };
    case 'bool':
      return { path, type: 'bool', label, custom: true };
    case 'select':
      return { path, type: 'select', label, options: field.options ?? [], custom: true };
    default:
      // Dates are kept as YYYY-MM-DD text, which compares as text.
      return { path, type: 'text', label, custom: true };
  }
}

export function fieldCatalog(customFields: readonly CustomField[]): FieldChoice[] {
  return [...STANDARD_FIELDS, ...customFields.map(customChoice)];
}

/** A field the catalogue does not know (a custom field since removed) is still shown, as text. */
export function findField(catalog: readonly FieldChoice[], path: string): FieldChoice {
  return catalog.find((choice) => choice.path === path) ?? { path, type: 'text', label: { text: path } };
}

export function fieldLabel(choice: FieldChoice, t: Translate): string {
  return 'key' in choice.label ? t(choice.label.key) : choice.label.text;
}

export const OPERATORS_BY_TYPE: Record<FieldType, readonly FieldOperator[]> = {
  text: ['eq', 'neq', 'in', 'contains', 'exists', 'missing'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing'],
  bool: ['eq', 'exists', 'missing'],
  select: ['eq', 'neq', 'in', 'exists', 'missing'],
  tags: ['contains', 'in', 'exists', 'missing'],
};

export const operatorLabel: Record<FieldOperator, MessageKey> = {
  eq: 'scoring.op.eq',
  neq: 'scoring.op.neq',
  in: 'scoring.op.in',
  contains: 'scoring.op.contains',
  gt: 'scoring.op.gt',
  gte: 'scoring.op.gte',
  lt: 'scoring.op.lt',
  lte: 'scoring.op.lte',
  exists: 'scoring.op.exists',
  missing: 'scoring.op.missing',
};

/** The short symbol a compact summary uses for a numeric comparison. */
export const operatorSymbol: Record<NumberOperator, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=' };

/** Event types the rules know, with their usual props; any other lower-case name is a custom event. */
export const KNOWN_EVENTS: readonly { type: string; label: MessageKey; sumProp?: string; dateProp?: string }[] = [
  { type: 'page_view', label: 'leadBehaviour.type.pageView', sumProp: 'seconds' },
  { type: 'download', label: 'leadBehaviour.type.download' },
  { type: 'trial_expiring', label: 'leadBehaviour.type.trialExpiring', dateProp: 'expiresAt' },
  { type: 'competitor_compare', label: 'leadBehaviour.type.competitorCompare' },
];

export function eventLabel(type: string, t: Translate): string {
  const known = KNOWN_EVENTS.find((event) => event.type === type);
  return known ? t(known.label) : type;
}
