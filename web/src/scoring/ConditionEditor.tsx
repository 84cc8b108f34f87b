import { DeleteOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, InputNumber, Select, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { KNOWN_EVENTS, operatorSymbol, type FieldChoice } from './conditionFields';
import { FieldConditionInputs } from './FieldConditionInputs';
import { newCondition, type Problems } from './scoringDraft';
import { NUMBER_OPERATORS, type BehaviourCondition, type Condition, type DueCondition } from './scoring.types';

interface ConditionEditorProps {
  condition: Condition;
  catalog: readonly FieldChoice[];
  /** This condition's problems, by path within it (`value`, `withinDays`…). */
  problems: Problems;
  onChange: (next: Condition) => void;
  onRemove?: () => void;
  testId: string;
}

function EventInput({
  value,
  onChange,
  invalid,
  testId,
}: {
  value: string;
  onChange: (next: string) => void;
  invalid: boolean;
  testId: string;
}) {
  const t = useT();
  return (
    <AutoComplete
      value={value}
      onChange={(next: string) => onChange(next.trim())}
      options={KNOWN_EVENTS.map((event) => ({ value: event.type, label: `${t(event.label)} · ${event.type}` }))}
      placeholder={t('scoring.condition.event')}
      style={{ width: 200 }}
      status={invalid ? 'error' : undefined}
      aria-label={t('scoring.condition.event')}
      data-testid={`${testId}-event`}
    />
  );
}

function BehaviourInputs({
  condition,
  problems,
  onChange,
  testId,
}: {
  condition: BehaviourCondition;
  problems: Problems;
  onChange: (next: BehaviourCondition) => void;
  testId: string;
}) {
  const t = useT();
  const setEvent = (event: string) => {
    const sumProp = KNOWN_EVENTS.find((known) => known.type === event)?.sumProp;
    onChange({ ...condition, event, prop: condition.measure === 'sum' ? (sumProp ?? condition.prop) : undefined });
  };
  const setMeasure = (measure: 'count' | 'sum') => {
    const sumProp = KNOWN_EVENTS.find((known) => known.type === condition.event)?.sumProp;
    onChange({ ...condition, measure, prop: measure === 'sum' ? (condition.prop ?? sumProp) : undefined });
  };
  return (
    <>
      <EventInput value={condition.event} onChange={setEvent} invalid={!!problems.event} testId={testId} />
      <Select
        value={condition.measure}
        onChange={setMeasure}
        options={[
          { value: 'count', label: t('scoring.condition.count') },
          { value: 'sum', label: t('scoring.condition.sum') },
        ]}
        style={{ width: 120 }}
        aria-label={t('scoring.condition.measure')}
        data-testid={`${testId}-measure`}
      />
      {condition.measure === 'sum' && (
        <AutoComplete
          value={condition.prop ?? ''}
          onChange={(next: string) => onChange({ ...condition, prop: next.trim() || undefined })}
          options={[{ value: 'seconds' }, { value: 'value' }]}
          placeholder={t('scoring.condition.prop')}
          style={{ width: 130 }}
          status={problems.prop ? 'error' : undefined}
          aria-label={t('scoring.condition.prop')}
          data-testid={`${testId}-prop`}
        />
      )}
      <InputNumber
        value={condition.withinDays}
        onChange={(next) => onChange({ ...condition, withinDays: next ?? Number.NaN })}
        min={1}
        max={3650}
        precision={0}
        prefix={t('scoring.condition.within')}
        suffix={t('scoring.condition.days')}
        style={{ width: 150 }}
        status={problems.withinDays ? 'error' : undefined}
        aria-label={t('scoring.condition.withinDays')}
        data-testid={`${testId}-days`}
      />
      <Select
        value={condition.op}
        onChange={(op) => onChange({ ...condition, op })}
        options={NUMBER_OPERATORS.map((op) => ({ value: op, label: operatorSymbol[op] }))}
        style={{ width: 70 }}
        aria-label={t('scoring.condition.operator')}
        data-testid={`${testId}-op`}
      />
      <InputNumber
        value={Number.isFinite(condition.value) ? condition.value : null}
        onChange={(next) => onChange({ ...condition, value: next ?? Number.NaN })}
        style={{ width: 110 }}
        status={problems.value ? 'error' : undefined}
        aria-label={t('scoring.condition.value')}
        data-testid={`${testId}-value`}
      />
    </>
  );
}

function DueInputs({
  condition,
  problems,
  onChange,
  testId,
}: {
  condition: DueCondition;
  problems: Problems;
  onChange: (next: DueCondition) => void;
  testId: string;
}) {
  const t = useT();
  const setEvent = (event: string) => {
    const dateProp = KNOWN_EVENTS.find((known) => known.type === event)?.dateProp;
    onChange({ ...condition, event, prop: dateProp ?? condition.prop });
  };
  return (
    <>
      <EventInput value={condition.event} onChange={setEvent} invalid={!!problems.event} testId={testId} />
      <AutoComplete
        value={condition.prop}
        onChange={(next: string) => onChange({ ...condition, prop: next.trim() })}
        options={[{ value: 'expiresAt' }, { value: 'dueAt' }]}
        placeholder={t('scoring.condition.dateProp')}
        style={{ width: 140 }}
        status={problems.prop ? 'error' : undefined}
        aria-label={t('scoring.condition.dateProp')}
        data-testid={`${testId}-prop`}
      />
      <InputNumber
        value={Number.isFinite(condition.withinHours) ? condition.withinHours : null}
        onChange={(next) => onChange({ ...condition, withinHours: next ?? Number.NaN })}
        min={1}
        max={8760}
        precision={0}
        prefix={t('scoring.condition.within')}
        suffix={t('scoring.condition.hours')}
        style={{ width: 160 }}
        status={problems.withinHours ? 'error' : undefined}
        aria-label={t('scoring.condition.withinHours')}
        data-testid={`${testId}-hours`}
      />
    </>
  );
}

/** One condition of a rule: its kind, then the inputs that kind takes, then what is wrong with it. */
export function ConditionEditor({ condition, catalog, problems, onChange, onRemove, testId }: ConditionEditorProps) {
  const t = useT();
  const messages = [...new Set(Object.values(problems))];
  return (
    <Flex vertical gap={4} data-testid={testId}>
      <Flex gap="small" wrap align="center">
        <Select
          value={condition.kind}
          onChange={(kind) => kind !== condition.kind && onChange(newCondition(kind))}
          options={[
            { value: 'field', label: t('scoring.condition.kind.field') },
            { value: 'behaviour', label: t('scoring.condition.kind.behaviour') },
            { value: 'due', label: t('scoring.condition.kind.due') },
          ]}
          style={{ width: 120 }}
          aria-label={t('scoring.condition.kind')}
          data-testid={`${testId}-kind`}
        />
        {condition.kind === 'field' && (
          <FieldConditionInputs
            condition={condition}
            catalog={catalog}
            problems={problems}
            onChange={onChange}
            testId={testId}
          />
        )}
        {condition.kind === 'behaviour' && (
          <BehaviourInputs condition={condition} problems={problems} onChange={onChange} testId={testId} />
        )}
        {condition.kind === 'due' && (
          <DueInputs condition={condition} problems={problems} onChange={onChange} testId={testId} />
        )}
        {onRemove && (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={onRemove}
            aria-label={t('scoring.condition.remove')}
            data-testid={`${testId}-remove`}
          />
        )}
      </Flex>
      {messages.map((key) => (
        <Typography.Text key={key} type="danger">
          {t(key)}
        </Typography.Text>
      ))}
    </Flex>
  );
}
