import { Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ApiKeyScope, CreatedApiKey } from '../api/types';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { createApiKey } from './apiKeys.api';
import { API_KEY_SCOPES, scopeLabelKey } from './apiKeyScopes';

interface CreateApiKeyForm {
  name: string;
  channel?: string;
  scopes: ApiKeyScope[];
}

interface CreateApiKeyModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedApiKey) => void;
}

const FORM_FIELDS = new Set(['name', 'channel', 'scopes']);

export function CreateApiKeyModal({ open, onClose, onCreated }: CreateApiKeyModalProps) {
  const t = useT();
  const [form] = Form.useForm<CreateApiKeyForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: CreateApiKeyForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const channel = values.channel?.trim();
      const created = await createApiKey({
        name: values.name.trim(),
        scopes: values.scopes,
        ...(channel ? { channel } : {}),
      });
      form.resetFields();
      onCreated(created);
    } catch (caught) {
      const message = describeError(caught, t);
      // A validation error that names a field belongs under that field, not above the form.
      if (caught instanceof ApiError && caught.field && FORM_FIELDS.has(caught.field)) {
        form.setFields([{ name: caught.field as keyof CreateApiKeyForm, errors: [message] }]);
      } else {
        setError(message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('apiKeys.form.title')}
      okText={t('apiKeys.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'create-api-key-submit' }}
    >
      <Form<CreateApiKeyForm>
        form={form}
        layout="vertical"
        initialValues={{ scopes: ['leads:write'] }}
        onFinish={(values) => void submit(values)}
        preserve={false}
      >
        <Form.Item
          label={t('apiKeys.form.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('apiKeys.form.nameRequired') }]}
        >
          <Input placeholder={t('apiKeys.form.namePlaceholder')} maxLength={100} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item label={t('apiKeys.form.channel')} name="channel" extra={t('apiKeys.form.channelHelp')}>
          <Input placeholder={t('apiKeys.form.channelPlaceholder')} maxLength={100} data-testid="api-key-channel" />
        </Form.Item>
        <Form.Item
          label={t('apiKeys.form.scopes')}
          name="scopes"
          rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.form.scopesRequired') }]}
        >
          <Checkbox.Group
            options={API_KEY_SCOPES.map((scope) => {
              const labelKey = scopeLabelKey(scope);
              return {
                value: scope,
                label: (
                  <span>
                    {labelKey ? t(labelKey) : scope}{' '}
                    <Typography.Text type="secondary" code>
                      {scope}
                    </Typography.Text>
                  </span>
                ),
              };
            })}
          />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
