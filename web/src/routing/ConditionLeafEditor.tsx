import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Select } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { fieldLabel, findField, type FieldChoice } from '../scoring/conditionFields';
import type { ConditionLeaf, ConditionOperator, Scalar } from './routing.types';
import { reshapeLeaf } from './ruleDraft';
import { ROUTING_OPERATORS_BY_TYPE } from './routingFields';

interface ConditionLeafEditorProps {
  leaf: ConditionLeaf;
  catalog: readonly FieldChoice[];
  readOnly: boolean;
  onChange: (next: ConditionLeaf) => void;
  onRemove?: () => void;
  testId: string;
}

/** Field, operator and the value inputs that operator takes; numbers for number fields. */
export function ConditionLeafEditor({ leaf, catalog, readOnly, onChange, onRemove, testId }: ConditionLeafEditorProps) {
  const t = useT();
  const choice = findField(catalog, leaf.field);
  const numeric = choice.type === 'number';
  const operators = ROUTING_OPERATORS_BY_TYPE[choice.type];

  const chooseField = (path: string) => {
    const next = findField(catalog, path);
    const allowed = ROUTING_OPERATORS_BY_TYPE[next.type];
    const op = allowed.includes(leaf.op) ? leaf.op : allowed[0]!;
    const kept = next.type === choice.type ? { ...leaf, field: path } : { field: path, op };
    onChange(reshapeLeaf(kept, op, next.type === 'number'));
  };
  const chooseOperator = (op: ConditionOperator) => onChange(reshapeLeaf(leaf, op, numeric));
  const optionChoices = (choice.options ?? []).map((option) => {
    const label = choice.optionLabels?.[option];
    return { value: option, label: label ? t(label) : option };
  });
  const fieldOptions = [
    { label: t('routing.condition.leadFields'), custom: false },
    { label: t('routing.condition.customFields'), custom: true },
  ]
    .map((group) => ({
      label: group.label,
      options: catalog
        .filter((c) => !!c.custom === group.custom)
        .map((c) => ({ value: c.path, label: fieldLabel(c, t) })),
    }))
    .filter((group) => group.options.length > 0);

  let valueInput = null;
  if (leaf.op === 'in') {
    const values = Array.isArray(leaf.value) ? leaf.value.map(String) : [];
    valueInput = (
      <Select
        mode={choice.type === 'select' ? 'multiple' : 'tags'}
        tokenSeparators={[',', '，']}
        options={optionChoices}
        open={choice.type === 'select' ? undefined : false}
        value={values}
        disabled={readOnly}
        onChange={(next: string[]) => {
          const parsed: Scalar[] = numeric ? next.map(Number).filter(Number.isFinite) : next;
          onChange({ ...leaf, value: parsed });
        }}
        placeholder={t('routing.condition.valuesPlaceholder')}
        style={{ minWidth: 200, flex: 1 }}
        data-testid={`${testId}-values`}
      />
    );
  } else if (leaf.op === 'range') {
    valueInput = (
      <>
        <InputNumber
          value={leaf.min ?? null}
          disabled={readOnly}
          onChange={(next) => onChange({ ...leaf, min: next ?? undefined })}
          prefix={t('routing.condition.min')}
          style={{ width: 130 }}
          data-testid={`${testId}-min`}
        />
        <InputNumber
          value={leaf.max ?? null}
          disabled={readOnly}
          onChange={(next) => onChange({ ...leaf, max: next ?? undefined })}
          prefix={t('routing.condition.max')}
          style={{ width: 130 }}
          data-testid={`${testId}-max`}
        />
      </>
    );
  } else if (leaf.op === 'exists') {
    valueInput = null;
  } else if (choice.type === 'bool') {
    valueInput = (
      <Select
        value={leaf.value === false ? 'false' : 'true'}
        disabled={readOnly}
        onChange={(next) => onChange({ ...leaf, value: next === 'true' })}
        options={[
          { value: 'true', label: t('scoring.value.yes') },
          { value: 'false', label: t('scoring.value.no') },
        ]}
        style={{ width: 100 }}
        data-testid={`${testId}-value`}
      />
    );
  } else if (numeric) {
    valueInput = (
      <InputNumber
        value={typeof leaf.value === 'number' ? leaf.value : null}
        disabled={readOnly}
        onChange={(next) => onChange({ ...leaf, value: next ?? undefined })}
        style={{ width: 130 }}
        aria-label={t('routing.condition.value')}
        data-testid={`${testId}-value`}
      />
    );
  } else if (choice.type === 'select') {
    valueInput = (
      <Select
        value={typeof leaf.value === 'string' && leaf.value ? leaf.value : undefined}
        disabled={readOnly}
        onChange={(next: string) => onChange({ ...leaf, value: next })}
        options={optionChoices}
        placeholder={t('routing.condition.value')}
        style={{ minWidth: 140 }}
        data-testid={`${testId}-value`}
      />
    );
  } else {
    valueInput = (
      <Input
        value={leaf.value === undefined ? '' : String(leaf.value)}
        disabled={readOnly}
        onChange={(event) => onChange({ ...leaf, value: event.target.value })}
        maxLength={200}
        placeholder={t('routing.condition.value')}
        style={{ width: 180 }}
        aria-label={t('routing.condition.value')}
        data-testid={`${testId}-value`}
      />
    );
  }

  return (
    <Flex gap="small" wrap align="center" data-testid={testId}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        value={leaf.field}
        disabled={readOnly}
        onChange={chooseField}
        options={fieldOptions}
        style={{ width: 170 }}
        aria-label={t('routing.condition.field')}
        data-testid={`${testId}-field`}
      />
      <Select
        value={leaf.op}
        disabled={readOnly}
        onChange={chooseOperator}
        options={operators.map((op) => ({ value: op, label: t(`routing.op.${op}`) }))}
        style={{ width: 120 }}
        aria-label={t('routing.condition.operator')}
        data-testid={`${testId}-op`}
      />
      {valueInput}
      {onRemove && !readOnly && (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('routing.condition.remove')}
          data-testid={`${testId}-remove`}
        />
      )}
    </Flex>
  );
}
