import { Alert, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { Link, navigate } from '../router/router';
import { DuplicateWarning } from './DuplicateWarning';
import { createLead, listChannels, listCustomFields, type LeadEntryResult } from './leadEntry.api';
import { formFieldOf, toLeadBody, type LeadFormValues } from './leadForm';
import { LeadFormFields } from './LeadFormFields';
import { useDuplicateCheck } from './useDuplicateCheck';

interface NewLeadModalProps {
  open: boolean;
  onClose: () => void;
  /** A person who already existed was merged: the list may show them higher now. */
  onMerged: () => void;
}

const empty = { items: [] };

/** Manual entry: the lead goes through the same intake as every channel's, with a duplicate hint as you type. */
export function NewLeadModal({ open, onClose, onMerged }: NewLeadModalProps) {
  const t = useT();
  const [form] = Form.useForm<LeadFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [merged, setMerged] = useState<LeadEntryResult | null>(null);
  // Choices are a convenience: a role that may not list them still enters the lead's own fields.
  const channels = useApiQuery('lead-entry-channels', (signal) => listChannels(signal).catch(() => empty));
  const fields = useApiQuery('lead-entry-fields', (signal) => listCustomFields(signal).catch(() => empty));
  const customNames = (fields.data?.items ?? []).map((field) => field.name);

  const phone = Form.useWatch('phone', form);
  const email = Form.useWatch('email', form);
  const name = Form.useWatch('name', form);
  const company = Form.useWatch('company', form);
  const matches = useDuplicateCheck({ phone, email, name, company });

  // destroyOnHidden with preserve={false} empties the form when the modal closes.
  const close = () => {
    setError(null);
    setMerged(null);
    onClose();
  };

  const submit = async (values: LeadFormValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await createLead(toLeadBody(values));
      if (!result.deduplicated) {
        close();
        navigate(`/leads/${encodeURIComponent(result.id)}`);
        return;
      }
      setMerged(result);
      onMerged();
    } catch (caught) {
      const message = describeError(caught, t);
      const field = caught instanceof ApiError ? formFieldOf(caught.field, customNames) : null;
      if (field) form.setFields([{ name: field as never, errors: [message] }]);
      else setError(message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={t('leadEntry.title')}
      okText={merged ? t('leadEntry.close') : t('leadEntry.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => (merged ? close() : form.submit())}
      onCancel={close}
      cancelButtonProps={merged ? { style: { display: 'none' } } : {}}
      okButtonProps={{ 'data-testid': 'lead-form-submit' }}
      destroyOnHidden
    >
      {merged ? (
        <Alert
          type="info"
          showIcon
          data-testid="lead-form-merged"
          title={t('leadEntry.mergedTitle')}
          description={
            <Typography.Paragraph style={{ margin: 0 }}>
              {t('leadEntry.mergedHint')}{' '}
              <Link to={`/leads/${encodeURIComponent(merged.id)}`} onClick={close} data-testid="lead-form-merged-link">
                {t('leadEntry.openExisting')}
              </Link>
            </Typography.Paragraph>
          }
        />
      ) : (
        <Form<LeadFormValues> form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false}>
          <LeadFormFields
            channels={channels.data?.items ?? []}
            fields={fields.data?.items ?? []}
            afterContacts={<DuplicateWarning matches={matches} />}
          />
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </Form>
      )}
    </Modal>
  );
}
