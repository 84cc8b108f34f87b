import { Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { channelTypeLabel, dedupePolicyLabel } from './channelLabels';
import { createChannel, updateChannel } from './channels.api';
import { CHANNEL_TYPES, DEDUPE_POLICIES } from './channels.types';
import type { Channel, ChannelType, DedupePolicy, Team } from './channels.types';

interface ChannelForm {
  type: ChannelType;
  name: string;
  campaign?: string;
  ownerTeamId?: string;
  monthlyCost: number;
  dedupePolicy: DedupePolicy;
  active: boolean;
}

interface ChannelFormModalProps {
  /** The channel to edit; 'new' to create one; null when closed. */
  editing: Channel | 'new' | null;
  teams: Team[];
  onClose: () => void;
  onSaved: (channel: Channel) => void;
}

const FORM_FIELDS = new Set(['type', 'name', 'campaign', 'ownerTeamId', 'monthlyCost', 'dedupePolicy', 'active']);

export function ChannelFormModal({ editing, teams, onClose, onSaved }: ChannelFormModalProps) {
  const t = useT();
  const [form] = Form.useForm<ChannelForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const existing = editing !== 'new' && editing !== null ? editing : null;

  const submit = async (values: ChannelForm) => {
    setSubmitting(true);
    setError(null);
    const input = {
      name: values.name.trim(),
      campaign: values.campaign?.trim() || null,
      ownerTeamId: values.ownerTeamId ?? null,
      monthlyCost: values.monthlyCost ?? 0,
      dedupePolicy: values.dedupePolicy,
      active: values.active,
    };
    try {
      const saved = existing
        ? await updateChannel(existing.id, input)
        : await createChannel({ ...input, type: values.type });
      onSaved(saved);
    } catch (caught) {
      const message = describeError(caught, t);
      if (caught instanceof ApiError && caught.field && FORM_FIELDS.has(caught.field)) {
        form.setFields([{ name: caught.field as keyof ChannelForm, errors: [message] }]);
      } else {
        setError(message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const initialValues: Partial<ChannelForm> = existing
    ? {
        type: existing.type,
        name: existing.name,
        campaign: existing.campaign ?? undefined,
        ownerTeamId: existing.ownerTeamId ?? undefined,
        monthlyCost: existing.monthlyCost,
        dedupePolicy: existing.dedupePolicy,
        active: existing.active,
      }
    : { type: 'ad_webhook', monthlyCost: 0, dedupePolicy: 'merge', active: true };

  return (
    <Modal
      open={editing !== null}
      title={t(existing ? 'channels.form.editTitle' : 'channels.form.createTitle')}
      okText={t('channels.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'channel-form-submit' }}
    >
      <Form<ChannelForm>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        preserve={false}
      >
        <Form.Item
          label={t('channels.form.type')}
          name="type"
          extra={existing ? undefined : t('channels.form.typeHelp')}
        >
          <Select
            disabled={existing !== null}
            data-testid="channel-type"
            options={CHANNEL_TYPES.map((type) => ({ value: type, label: t(channelTypeLabel[type]) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('channels.form.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('channels.form.nameRequired') }]}
        >
          <Input placeholder={t('channels.form.namePlaceholder')} maxLength={100} data-testid="channel-name" />
        </Form.Item>
        <Form.Item label={t('channels.form.campaign')} name="campaign" extra={t('channels.form.campaignHelp')}>
          <Input placeholder={t('channels.form.campaignPlaceholder')} maxLength={200} data-testid="channel-campaign" />
        </Form.Item>
        <Form.Item label={t('channels.form.ownerTeam')} name="ownerTeamId">
          <Select
            allowClear
            placeholder={t('channels.form.ownerTeamPlaceholder')}
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
        <Form.Item label={t('channels.form.monthlyCost')} name="monthlyCost">
          <InputNumber min={0} max={1e12} precision={2} step={100} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('channels.form.dedupePolicy')} name="dedupePolicy" extra={t('channels.form.dedupeHelp')}>
          <Select options={DEDUPE_POLICIES.map((policy) => ({ value: policy, label: t(dedupePolicyLabel[policy]) }))} />
        </Form.Item>
        <Form.Item label={t('channels.form.active')} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
