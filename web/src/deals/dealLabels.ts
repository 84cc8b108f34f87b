import type { MessageKey } from '../i18n/zh-CN';
import type { Translate } from '../i18n/translate';

const known: Record<string, MessageKey> = {
  amount: 'deals.field.amount',
  product: 'deals.field.product',
  expectedCloseAt: 'deals.field.expectedCloseAt',
  existingSystems: 'deals.field.existingSystems',
  decisionProcess: 'deals.field.decisionProcess',
  acceptanceCriteria: 'deals.field.acceptanceCriteria',
};

/** A gate's field as people call it; custom fields keep their name. */
export function fieldLabel(field: string, t: Translate): string {
  const key = known[field];
  return key ? t(key) : field.replace(/^custom\./, '');
}
