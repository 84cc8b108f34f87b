import { Alert, Form, InputNumber, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { BusinessCalendarSelect } from '../calendars/BusinessCalendarSelect';
import { useT } from '../i18n/I18nProvider';
import type { FieldChoice } from '../scoring/conditionFields';
import { fieldLabel } from '../scoring/conditionFields';
import { updateTeamRouting } from './routing.api';
import { STRATEGY_NAMES, type BestFitWeights, type RoutingTeam, type StrategyName } from './routing.types';

interface TeamForm {
  routingStrategy: StrategyName;
  allowOffHours: boolean;
  defaultCapacity: number | null;
  weights: BestFitWeights;
  segmentField: string;
  matchFields: string[];
  businessCalendarId: string | null;
}

// Offered when a team first turns to best fit: every part counts, response time a little less.
const DEFAULT_WEIGHTS: BestFitWeights = { tags: 1, conversion: 1, load: 1, response: 0.5 };
const WEIGHT_NAMES = ['tags', 'conversion', 'load', 'response'] as const;

/** How a team deals its leads: strategy, off-hours, default capacity and, for best fit, its weights. */
export function TeamEditModal({
  team,
  catalog,
  onClose,
  onSaved,
}: {
  team: RoutingTeam;
  catalog: readonly FieldChoice[];
  onClose: () => void;
  onSaved: (team: RoutingTeam) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<TeamForm>();
  const strategy = Form.useWatch('routingStrategy', form) ?? team.routingStrategy;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldOptions = catalog.map((choice) => ({ value: choice.path, label: fieldLabel(choice, t) }));

  const submit = async (values: TeamForm) => {
    setSaving(true);
    setError(null);
    try {
      const bestFit =
        values.routingStrategy === 'best_fit' || team.bestFit
          ? { weights: values.weights, segmentField: values.segmentField, matchFields: values.matchFields }
          : null;
      onSaved(
        await updateTeamRouting(team.id, {
          routingStrategy: values.routingStrategy,
          allowOffHours: values.allowOffHours,
          defaultCapacity: values.defaultCapacity ?? null,
          bestFit,
          businessCalendarId: values.businessCalendarId ?? null,
        }),
      );
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('routing.team.edit', { name: team.name })}
      okText={t('routing.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'routing-team-submit' }}
    >
      <Form<TeamForm>
        form={form}
        layout="vertical"
        initialValues={{
          routingStrategy: team.routingStrategy,
          allowOffHours: team.allowOffHours,
          defaultCapacity: team.defaultCapacity,
          weights: team.bestFit?.weights ?? DEFAULT_WEIGHTS,
          segmentField: team.bestFit?.segmentField ?? 'source',
          matchFields: team.bestFit?.matchFields ?? ['tags'],
          businessCalendarId: team.businessCalendarId ?? null,
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="routingStrategy" label={t('routing.team.strategy')}>
          <Select
            options={STRATEGY_NAMES.map((name) => ({ value: name, label: t(`routing.strategy.${name}`) }))}
            data-testid="routing-team-strategy"
          />
        </Form.Item>
        <Form.Item name="allowOffHours" label={t('routing.team.allowOffHours')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="defaultCapacity" label={t('routing.team.defaultCapacity')}>
          <InputNumber min={0} max={100_000} precision={0} placeholder={t('routing.unlimited')} />
        </Form.Item>
        <Form.Item name="businessCalendarId" label={t('routing.team.businessCalendar')}>
          <BusinessCalendarSelect testId="routing-team-calendar" />
        </Form.Item>
        {strategy === 'best_fit' && (
          <>
            {WEIGHT_NAMES.map((name) => (
              <Form.Item key={name} name={['weights', name]} label={t(`routing.weight.${name}`)}>
                <InputNumber min={0} max={100} step={0.1} />
              </Form.Item>
            ))}
            <Form.Item name="segmentField" label={t('routing.team.segmentField')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={fieldOptions} />
            </Form.Item>
            <Form.Item name="matchFields" label={t('routing.team.matchFields')}>
              <Select mode="multiple" options={fieldOptions} />
            </Form.Item>
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
