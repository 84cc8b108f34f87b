import { Checkbox, Form, InputNumber, Select, Switch, Table } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { SLA_TARGETS } from './sla.types';
import type { DeadlineAction, SlaTargetName } from './sla.types';
import { targetLabel } from './slaLabels';
import { DURATION_UNITS } from './slaPolicyForm';
import type { DurationUnit, SlaPolicyForm } from './slaPolicyForm';
import type { MessageKey } from '../i18n/zh-CN';

const unitLabel: Record<DurationUnit, MessageKey> = {
  seconds: 'sla.unit.seconds',
  minutes: 'sla.unit.minutes',
  hours: 'sla.unit.hours',
  days: 'sla.unit.days',
};

interface SlaTargetsEditorProps {
  actionOptions: { value: DeadlineAction; label: string }[];
}

/** One row per target: on or off, how long, in business time or not, and its own deadline actions. */
export function SlaTargetsEditor({ actionOptions }: SlaTargetsEditorProps) {
  const t = useT();
  const form = Form.useFormInstance<SlaPolicyForm>();
  const targets = Form.useWatch('targets', form);
  const enabledCount = SLA_TARGETS.filter((name) => targets?.[name]?.enabled).length;

  const columns = [
    {
      title: t('sla.form.target'),
      key: 'target',
      render: (_: unknown, name: SlaTargetName) => (
        <Form.Item name={['targets', name, 'enabled']} valuePropName="checked" noStyle>
          <Checkbox data-testid={`sla-target-${name}`}>{t(targetLabel[name])}</Checkbox>
        </Form.Item>
      ),
    },
    {
      title: t('sla.form.duration'),
      key: 'duration',
      render: (_: unknown, name: SlaTargetName) => (
        <span style={{ display: 'inline-flex', gap: 8 }}>
          <Form.Item name={['targets', name, 'amount']} noStyle rules={[{ required: true }]}>
            <InputNumber
              min={1}
              max={2_592_000}
              precision={0}
              disabled={!targets?.[name]?.enabled}
              style={{ width: 90 }}
              data-testid={`sla-amount-${name}`}
            />
          </Form.Item>
          <Form.Item name={['targets', name, 'unit']} noStyle>
            <Select
              disabled={!targets?.[name]?.enabled}
              style={{ width: 100 }}
              options={DURATION_UNITS.map((unit) => ({ value: unit, label: t(unitLabel[unit]) }))}
              data-testid={`sla-unit-${name}`}
            />
          </Form.Item>
        </span>
      ),
    },
    {
      title: t('sla.form.businessTime'),
      key: 'businessTime',
      render: (_: unknown, name: SlaTargetName) => (
        <Form.Item name={['targets', name, 'businessTime']} valuePropName="checked" noStyle>
          <Switch size="small" disabled={!targets?.[name]?.enabled} />
        </Form.Item>
      ),
    },
    {
      title: t('sla.form.ownActions'),
      key: 'ownActions',
      render: (_: unknown, name: SlaTargetName) => (
        <Form.Item name={['targets', name, 'ownActions']} noStyle>
          <Select
            mode="multiple"
            allowClear
            disabled={!targets?.[name]?.enabled}
            placeholder={t('sla.form.ownActionsPlaceholder')}
            options={actionOptions}
            style={{ minWidth: 220 }}
          />
        </Form.Item>
      ),
    },
  ];

  return (
    <>
      <Table<SlaTargetName>
        size="small"
        pagination={false}
        rowKey={(name) => name}
        dataSource={[...SLA_TARGETS]}
        columns={columns}
      />
      {targets !== undefined && enabledCount === 0 && <Form.ErrorList errors={[t('sla.form.targetRequired')]} />}
    </>
  );
}
