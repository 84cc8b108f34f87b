import { Alert, Button, Flex, Form, Input, Popconfirm } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import type { Channel, CustomField } from '../leads/leadEntry.api';
import { formFieldOf, type LeadFormValues } from '../leads/leadForm';
import { LeadFormFields } from '../leads/LeadFormFields';
import { fixFormValues, releaseBody } from './heldLook';
import { discardHeld, releaseHeld, type HeldSubmission } from './quarantine.api';

interface HeldFixFormProps {
  item: HeldSubmission;
  channels: Channel[];
  fields: CustomField[];
  onReleased: (result: { leadId: string; deduplicated: boolean }) => void;
  onDiscarded: (item: HeldSubmission) => void;
}

/** The submission as a lead form, prefilled with what the server recognised: fix it, then release or discard. */
export function HeldFixForm({ item, channels, fields, onReleased, onDiscarded }: HeldFixFormProps) {
  const t = useT();
  const [form] = Form.useForm<LeadFormValues>();
  const [busy, setBusy] = useState<'release' | 'discard' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const customNames = fields.map((field) => field.name);

  const fail = (caught: unknown) => {
    const message = describeError(caught, t);
    // The server names the field still wrong ("lead.phone"); the message goes under that input.
    const field = caught instanceof ApiError ? formFieldOf(caught.field, customNames) : null;
    if (field) form.setFields([{ name: field as never, errors: [message] }]);
    else setError(message);
  };

  const release = async (values: LeadFormValues) => {
    setBusy('release');
    setError(null);
    try {
      onReleased(await releaseHeld(item.id, releaseBody(item, values)));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    setBusy('discard');
    setError(null);
    try {
      onDiscarded(await discardHeld(item.id, note.trim() || undefined));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Form<LeadFormValues>
      form={form}
      layout="vertical"
      initialValues={fixFormValues(item)}
      onFinish={(values) => void release(values)}
      data-testid="held-fix-form"
    >
      <LeadFormFields channels={channels} fields={fields} channelLocked={item.channelId !== null} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="held-error" />}
      <Flex gap="small" justify="flex-end">
        <Popconfirm
          title={t('quarantine.discardConfirm')}
          description={
            <Input.TextArea
              value={note}
              onChange={(event) => setNote(event.target.value)}
              maxLength={500}
              rows={2}
              placeholder={t('quarantine.discardNote')}
              data-testid="held-discard-note"
            />
          }
          okText={t('quarantine.discard')}
          cancelText={t('common.cancel')}
          onConfirm={() => discard()}
          okButtonProps={{ danger: true, 'data-testid': 'held-discard-confirm' }}
        >
          <Button danger loading={busy === 'discard'} disabled={busy !== null} data-testid="held-discard">
            {t('quarantine.discard')}
          </Button>
        </Popconfirm>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy === 'release'}
          disabled={busy !== null}
          data-testid="held-release"
        >
          {t('quarantine.release')}
        </Button>
      </Flex>
    </Form>
  );
}
