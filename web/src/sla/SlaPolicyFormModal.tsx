import { Divider, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { channelTypeLabel } from '../channels/channelLabels';
import { CHANNEL_TYPES } from '../channels/channels.types';
import type { Team } from '../channels/channels.types';
import { useT } from '../i18n/I18nProvider';
import { urgencyLabel } from '../scoring/scoringLabels';
import { GRADES, URGENCY_LEVELS } from '../scoring/scoring.types';
import { createSlaPolicy, updateSlaPolicy } from './sla.api';
import type { SlaPolicy } from './sla.types';
import { actionLabel } from './slaLabels';
import { formToInput, policyToForm, type SlaPolicyForm } from './slaPolicyForm';
import { SlaTargetsEditor } from './SlaTargetsEditor';
import { DEADLINE_ACTIONS } from './sla.types';

interface SlaPolicyFormModalProps {
  /** The policy to edit; 'new' to create one; null when closed. */
  editing: SlaPolicy | 'new' | null;
  teams: Team[];
  onClose: () => void;
  onSaved: (policy: SlaPolicy) => void;
}

const FORM_FIELDS = new Set(['name', 'priority', 'active', 'needTags', 'needTagsRequired']);
const REMINDER_PERCENTS = [25, 50, 75, 80, 90];

export function SlaPolicyFormModal({ editing, teams, onClose, onSaved }: SlaPolicyFormModalProps) {
  const t = useT();
  const [form] = Form.useForm<SlaPolicyForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const existing = editing !== 'new' && editing !== null ? editing : null;
  const actionOptions = DEADLINE_ACTIONS.map((action) => ({ value: action, label: t(actionLabel[action]) }));

  const submit = async (values: SlaPolicyForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const input = formToInput(values, existing);
      onSaved(existing ? await updateSlaPolicy(existing.id, input) : await createSlaPolicy(input));
    } catch (caught) {
      const message = describeError(caught, t);
      if (caught instanceof ApiError && caught.field && FORM_FIELDS.has(caught.field)) {
        form.setFields([{ name: caught.field as keyof SlaPolicyForm, errors: [message] }]);
      } else {
        setError(message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={editing !== null}
      width={880}
      title={t(existing ? 'sla.form.editTitle' : 'sla.form.createTitle')}
      okText={t('sla.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'sla-form-submit' }}
    >
      <Form<SlaPolicyForm>
        form={form}
        layout="vertical"
        initialValues={policyToForm(existing)}
        onFinish={(values) => void submit(values)}
        preserve={false}
      >
        <Form.Item
          label={t('sla.form.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('sla.form.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('sla.form.namePlaceholder')} data-testid="sla-name" />
        </Form.Item>
        <Form.Item label={t('sla.form.priority')} name="priority" extra={t('sla.form.priorityHelp')}>
          <InputNumber min={0} max={1_000_000} precision={0} />
        </Form.Item>
        <Form.Item label={t('sla.form.active')} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Divider titlePlacement="start">{t('sla.form.scope')}</Divider>
        <Typography.Paragraph type="secondary">{t('sla.form.scopeHelp')}</Typography.Paragraph>
        <Form.Item label={t('sla.form.grades')} name="grades">
          <Select mode="multiple" allowClear options={GRADES.map((grade) => ({ value: grade, label: grade }))} />
        </Form.Item>
        <Form.Item label={t('sla.form.urgencies')} name="urgencies">
          <Select
            mode="multiple"
            allowClear
            options={URGENCY_LEVELS.map((level) => ({ value: level, label: t(urgencyLabel[level]) }))}
          />
        </Form.Item>
        <Form.Item label={t('sla.form.channelTypes')} name="channelTypes">
          <Select
            mode="multiple"
            allowClear
            options={CHANNEL_TYPES.map((type) => ({ value: type, label: t(channelTypeLabel[type]) }))}
          />
        </Form.Item>
        <Form.Item label={t('sla.form.teams')} name="teamIds">
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
        <Divider titlePlacement="start">{t('sla.form.targets')}</Divider>
        <SlaTargetsEditor actionOptions={actionOptions} />
        <Divider titlePlacement="start">{t('sla.form.ladder')}</Divider>
        <Form.Item label={t('sla.form.reminders')} name="reminderPercents" extra={t('sla.form.remindersHelp')}>
          <Select
            mode="multiple"
            allowClear
            options={REMINDER_PERCENTS.map((percent) => ({ value: percent, label: `${percent}%` }))}
          />
        </Form.Item>
        <Form.Item
          label={t('sla.form.atDeadline')}
          name="atDeadline"
          extra={t('sla.form.atDeadlineHelp')}
          rules={[{ required: true, message: t('sla.form.atDeadlineRequired') }]}
        >
          <Select mode="multiple" options={actionOptions} data-testid="sla-at-deadline" />
        </Form.Item>
        <Divider titlePlacement="start">{t('sla.form.needTagsTitle')}</Divider>
        <Form.Item label={t('sla.form.needTags')} name="needTags" extra={t('sla.form.needTagsHelp')}>
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item label={t('sla.form.needTagsRequired')} name="needTagsRequired">
          <InputNumber min={1} max={20} precision={0} />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
