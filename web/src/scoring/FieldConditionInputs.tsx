import { Input, InputNumber, Select } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { fieldLabel, findField, OPERATORS_BY_TYPE, operatorLabel, type FieldChoice } from './conditionFields';
import type { Problems } from './scoringDraft';
import type { FieldCondition, FieldOperator, FieldValue } from './scoring.types';

const NUMERIC: readonly FieldOperator[] = ['gt', 'gte', 'lt', 'lte'];

/** The value kept when the operator or field changes, reshaped to what the new one takes. */
function reshape(value: FieldValue | undefined, op: FieldOperator, choice: FieldChoice): FieldValue | undefined {
  if (op === 'exists' || op === 'missing') return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  if (op === 'in') {
    if (Array.isArray(value)) return value;
    return first === undefined || first === '' ? [] : [String(first)];
  }
  if (NUMERIC.includes(op) || choice.type === 'number') {
    const number = typeof first === 'number' ? first : Number(first);
    return first === undefined || first === '' || !Number.isFinite(number) ? undefined : number;
  }
  if (choice.type === 'bool') return typeof first === 'boolean' ? first : true;
  if (choice.type === 'select') return choice.options?.includes(String(first)) ? String(first) : undefined;
  return first === undefined ? '' : String(first);
}

interface FieldConditionInputsProps {
  condition: FieldCondition;
  catalog: readonly FieldChoice[];
  problems: Problems;
  onChange: (next: FieldCondition) => void;
  testId: string;
}

/** Field, operator and value of a field condition; the value input follows the field's type. */
export function FieldConditionInputs({ condition, catalog, problems, onChange, testId }: FieldConditionInputsProps) {
  const t = useT();
  const choice = findField(catalog, condition.field);
  const operators = OPERATORS_BY_TYPE[choice.type];

  const chooseField = (path: string) => {
    const next = findField(catalog, path);
    const allowed = OPERATORS_BY_TYPE[next.type];
    const op = allowed.includes(condition.op) ? condition.op : allowed[0]!;
    onChange({ ...condition, field: path, op, value: reshape(condition.value, op, next) });
  };
  const chooseOperator = (op: FieldOperator) =>
    onChange({ ...condition, op, value: reshape(condition.value, op, choice) });
  const setValue = (value: FieldValue | undefined) => onChange({ ...condition, value });

  const fieldOptions = [
    {
      label: t('scoring.condition.standardFields'),
      options: catalog.filter((c) => !c.custom).map((c) => ({ value: c.path, label: fieldLabel(c, t) })),
    },
    {
      label: t('scoring.condition.customFields'),
      options: catalog.filter((c) => c.custom).map((c) => ({ value: c.path, label: fieldLabel(c, t) })),
    },
  ].filter((group) => group.options.length > 0);
  const optionChoices = (choice.options ?? []).map((option) => {
    const label = choice.optionLabels?.[option];
    return { value: option, label: label ? t(label) : option };
  });
  const status = problems.value ? ('error' as const) : undefined;

  let valueInput = null;
  const { op, value } = condition;
  if (op === 'in') {
    valueInput = (
      <Select
        mode={choice.type === 'select' ? 'multiple' : 'tags'}
        tokenSeparators={[',', '，']}
        options={optionChoices}
        open={choice.type === 'select' ? undefined : false}
        value={Array.isArray(value) ? value : []}
        onChange={(values: string[]) => setValue(values)}
        placeholder={t('scoring.condition.valuesPlaceholder')}
        style={{ minWidth: 220, flex: 1 }}
        status={status}
        data-testid={`${testId}-values`}
      />
    );
  } else if (op === 'exists' || op === 'missing') {
    valueInput = null;
  } else if (choice.type === 'bool') {
    valueInput = (
      <Select
        value={value === false ? 'false' : 'true'}
        onChange={(next) => setValue(next === 'true')}
        options={[
          { value: 'true', label: t('scoring.value.yes') },
          { value: 'false', label: t('scoring.value.no') },
        ]}
        style={{ width: 100 }}
        data-testid={`${testId}-value`}
      />
    );
  } else if (choice.type === 'number' || NUMERIC.includes(op)) {
    valueInput = (
      <InputNumber
        value={typeof value === 'number' ? value : null}
        onChange={(next) => setValue(next ?? undefined)}
        style={{ width: 140 }}
        status={status}
        aria-label={t('scoring.condition.value')}
        data-testid={`${testId}-value`}
      />
    );
  } else if (choice.type === 'select') {
    valueInput = (
      <Select
        value={typeof value === 'string' ? value : undefined}
        onChange={(next: string) => setValue(next)}
        options={optionChoices}
        placeholder={t('scoring.condition.value')}
        style={{ minWidth: 160 }}
        status={status}
        data-testid={`${testId}-value`}
      />
    );
  } else {
    valueInput = (
      <Input
        value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
        onChange={(event) => setValue(event.target.value)}
        maxLength={200}
        placeholder={t(choice.type === 'tags' ? 'scoring.condition.tagPlaceholder' : 'scoring.condition.value')}
        style={{ width: 180 }}
        status={status}
        aria-label={t('scoring.condition.value')}
        data-testid={`${testId}-value`}
      />
    );
  }

  return (
    <>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        value={condition.field}
        onChange={chooseField}
        options={fieldOptions}
        style={{ width: 180 }}
        status={problems.field ? 'error' : undefined}
        aria-label={t('scoring.condition.field')}
        data-testid={`${testId}-field`}
      />
      <Select
        value={condition.op}
        onChange={chooseOperator}
        options={operators.map((operator) => ({ value: operator, label: t(operatorLabel[operator]) }))}
        style={{ width: 130 }}
        aria-label={t('scoring.condition.operator')}
        data-testid={`${testId}-op`}
      />
      {valueInput}
    </>
  );
}
