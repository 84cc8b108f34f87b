import { Alert, Button, Card, Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import type { User } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { updatePoolSettings, type Pool } from './pool.api';
import { toFormValues, toSettings, type PoolSettingsValues } from './poolSettingsForm';

interface PoolSettingsFormProps {
  pool: Pool;
  teams: { id: string; name: string }[];
  users: User[];
  onSaved: (pool: Pool) => void;
}

/** Every knob of one pool, for workspace admins; an empty number turns the knob off. */
export function PoolSettingsForm({ pool, teams, users, onSaved }: PoolSettingsFormProps) {
  const t = useT();
  const [form] = Form.useForm<PoolSettingsValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const protectionOn = Form.useWatch('protectionOn', form);

  const submit = async (values: PoolSettingsValues) => {
    setSaving(true);
    setError(null);
    try {
      // The page says so: this form is remounted with the saved settings.
      onSaved(await updatePoolSettings(pool.id, toSettings(values)));
    } catch (cause) {
      const field = cause instanceof ApiError && cause.field ? ` (${cause.field})` : '';
      setError(describeError(cause, t) + field);
    } finally {
      setSaving(false);
    }
  };

  const number = (name: keyof PoolSettingsValues, label: MessageKey, unit: MessageKey | null, disabled = false) => (
    <Col xs={24} md={12} xl={8}>
      <Form.Item name={name} label={t(label)}>
        <InputNumber
          min={0}
          style={{ width: '100%' }}
          placeholder={t('pool.settings.off')}
          suffix={unit ? t(unit) : undefined}
          disabled={disabled}
          data-testid={`pool-setting-${name}`}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Card title={t('pool.settings.title')} size="small" data-testid="pool-settings">
      <Form<PoolSettingsValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(pool.settings)}
        onFinish={(values) => void submit(values)}
      >
        <Divider titlePlacement="start">{t('pool.settings.claiming')}</Divider>
        <Row gutter={16}>
          {number('claimsPerDay', 'pool.settings.claimsPerDay', 'pool.unit.leads')}
          {number('maxHeld', 'pool.settings.maxHeld', 'pool.unit.leads')}
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="countWon" label={t('pool.settings.countWon')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {number('minGapMinutes', 'pool.settings.minGap', 'pool.unit.minutes')}
          {number('cooldownDays', 'pool.settings.cooldown', 'pool.unit.days')}
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="timeZone" label={t('pool.settings.timeZone')} extra={t('pool.settings.timeZoneHint')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('pool.settings.keeping')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="protectionOn" label={t('pool.settings.protection')} valuePropName="checked">
              <Switch data-testid="pool-setting-protectionOn" />
            </Form.Item>
          </Col>
          {number('protectionBaseDays', 'pool.settings.protectionBase', 'pool.unit.days', !protectionOn)}
          {number('protectionPerActivityDays', 'pool.settings.protectionExtension', 'pool.unit.days', !protectionOn)}
          {number('protectionCapDays', 'pool.settings.protectionCap', 'pool.unit.days', !protectionOn)}
          {number('reclaimNoFollowUpDays', 'pool.settings.reclaimNoFollowUp', 'pool.unit.days')}
          {number('reclaimNoProgressDays', 'pool.settings.reclaimNoProgress', 'pool.unit.days')}
        </Row>
        <Divider titlePlacement="start">{t('pool.settings.access')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="maskContacts" label={t('pool.settings.maskContacts')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="visibleTeamIds" label={t('pool.settings.visibility')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('pool.settings.everyTeam')}
                options={teams.map((team) => ({ value: team.id, label: team.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="adminUserIds" label={t('pool.settings.admins')}>
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={users.map((user) => ({ value: user.id, label: user.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="pool-settings-save">
          {t('pool.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}
