import { Button, Form, Input, message, Modal } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { releaseLead } from '../pool/pool.api';

/** Gives the lead back to the team's default pool with a reason the next rep will read. */
export function ReleaseLeadButton({ leadId, onReleased }: { leadId: string; onReleased: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [messages, holder] = message.useMessage();

  const submit = async ({ reason }: { reason: string }) => {
    setSaving(true);
    try {
      await releaseLead(leadId, reason.trim());
      setOpen(false);
      form.resetFields();
      void messages.success(t('release.done'));
      onReleased();
    } catch (error) {
      void messages.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {holder}
      <Button danger onClick={() => setOpen(true)} data-testid="release-lead">
        {t('release.action')}
      </Button>
      <Modal
        open={open}
        title={t('release.title')}
        okText={t('release.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: saving, 'data-testid': 'release-confirm' }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item
            name="reason"
            label={t('release.reason')}
            rules={[{ required: true, whitespace: true, message: t('release.reasonRequired') }, { max: 500 }]}
          >
            <Input.TextArea rows={3} data-testid="release-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
