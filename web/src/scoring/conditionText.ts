import type { Translate } from '../i18n/translate';
import { eventLabel, fieldLabel, findField, operatorLabel, operatorSymbol, type FieldChoice } from './conditionFields';
import type { Condition, FieldValue } from './scoring.types';

function valueText(value: FieldValue | undefined, choice: FieldChoice, t: Translate): string {
  const one = (item: string | number | boolean) => {
    if (typeof item === 'boolean') return t(item ? 'scoring.value.yes' : 'scoring.value.no');
    const label = choice.optionLabels?.[String(item)];
    return label ? t(label) : String(item);
  };
  if (value === undefined) return '';
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

/** One line saying what a condition asks, for the rule tables. */
export function conditionText(condition: Condition, catalog: readonly FieldChoice[], t: Translate): string {
  switch (condition.kind) {
    case 'field': {
      const choice = findField(catalog, condition.field);
      const parts = [fieldLabel(choice, t), t(operatorLabel[condition.op])];
      if (condition.op !== 'exists' && condition.op !== 'missing') parts.push(valueText(condition.value, choice, t));
      return parts.join(' ');
    }
    case 'behaviour': {
      const vars = {
        event: eventLabel(condition.event, t),
        prop: condition.prop ?? '',
        days: condition.withinDays,
        op: operatorSymbol[condition.op],
        value: condition.value,
      };
      return t(condition.measure === 'count' ? 'scoring.summary.count' : 'scoring.summary.sum', vars);
    }
    case 'due':
      return t('scoring.summary.due', {
        event: eventLabel(condition.event, t),
        prop: condition.prop,
        hours: condition.withinHours,
      });
  }
}
