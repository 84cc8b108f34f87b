import type { CustomField } from '../leads/leadEntry.api';
import { STANDARD_FIELDS, type FieldChoice, type FieldType } from '../scoring/conditionFields';
import { GRADES, URGENCY_LEVELS } from '../scoring/scoring.types';
import type { MessageKey } from '../i18n/zh-CN';
import type { ConditionOperator } from './routing.types';

// The lead fields routing reads (src/modules/routing/routing-conditions.rules.ts reads them through
// scoring's fieldValue) plus what scoring gave the lead: score, grade and urgency.
const ROUTED_STANDARD = [
  'city',
  'province',
  'source',
  'channelType',
  'tags',
  'company',
  'title',
  'campaign',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'utm.term',
  'utm.content',
  'landingPage',
];

const urgencyLabels = Object.fromEntries(
  URGENCY_LEVELS.map((level) => [level, `routing.urgency.${level}` as MessageKey]),
) as Record<string, MessageKey>;

const SCORING_FIELDS: FieldChoice[] = [
  { path: 'score', type: 'number', label: { key: 'routing.field.score' } },
  { path: 'grade', type: 'select', label: { key: 'routing.field.grade' }, options: GRADES },
  {
    path: 'urgency',
    type: 'select',
    label: { key: 'routing.field.urgency' },
    options: URGENCY_LEVELS,
    optionLabels: urgencyLabels,
  },
];

function customChoice(field: CustomField): FieldChoice {
  const label = { text: field.label ?? field.name };
  const path = `custom.${field.name}`;
  if (field.type === 'number') return { path, type: 'number', label, custom: true };
  if (field.type === 'bool') return { path, type: 'bool', label, custom: true };
  if (field.type === 'select') return { path, type: 'select', label, options: field.options ?? [], custom: true };
  return { path, type: 'text', label, custom: true };
}

export function routingFieldCatalog(customFields: readonly CustomField[]): FieldChoice[] {
  const standard = ROUTED_STANDARD.flatMap((path) => STANDARD_FIELDS.filter((choice) => choice.path === path));
  return [...standard, ...SCORING_FIELDS, ...customFields.map(customChoice)];
}

export const ROUTING_OPERATORS_BY_TYPE: Record<FieldType, readonly ConditionOperator[]> = {
  text: ['equals', 'in', 'contains', 'exists'],
  number: ['equals', 'range', 'in', 'exists'],
  bool: ['equals', 'exists'],
  select: ['equals', 'in', 'exists'],
  tags: ['contains', 'in', 'exists'],
};
