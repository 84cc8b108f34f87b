import { Button, Card, DatePicker, Form, Input, message, Select } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { ACTIVITY_TYPES, logActivity, type ActivityType } from './activities.api';

interface ActivityFormValues {
  type: ActivityType;
  summary: string;
  // A Dayjs from the picker; only its instant is needed.
  at?: { toISOString(): string } | null;
}

/** Logs a call, a WeChat chat, an e-mail, a visit or a note; the owner's contacts meet the deadlines. */
export function LeadActivityForm({ leadId, onLogged }: { leadId: string; onLogged: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ActivityFormValues>();
  const [saving, setSaving] = useState(false);
  const [messages, holder] = message.useMessage();

  const submit = async (values: ActivityFormValues) => {
    setSaving(true);
    try {
      await logActivity(leadId, {
        type: values.type,
        summary: values.summary,
        ...(values.at ? { at: values.at.toISOString() } : {}),
      });
      form.resetFields();
      void messages.success(t('activity.logged'));
      onLogged();
    } catch (error) {
      void messages.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('activity.title')} size="small" data-testid="lead-activity-form">
      {holder}
      <Form<ActivityFormValues>
        form={form}
        layout="vertical"
        initialValues={{ type: 'call' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="type" label={t('activity.type')} rules={[{ required: true }]}>
          <Select
            data-testid="activity-type"
            options={ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`activity.type.${type}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('activity.summary')}
          rules={[{ required: true, whitespace: true, message: t('activity.summaryRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="activity-summary" />
        </Form.Item>
        <Form.Item name="at" label={t('activity.at')} extra={t('activity.atHint')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="activity-submit">
          {t('activity.submit')}
        </Button>
      </Form>
    </Card>
  );
}
