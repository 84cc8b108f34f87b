import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Segmented, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locale';
import { navigate } from '../router/router';
import { previewOf, starterFields } from './fieldCatalog';
import styles from './FormEditor.module.css';
import { FormFieldsEditor } from './FormFieldsEditor';
import { FormSharePanel } from './FormSharePanel';
import { FormTextsEditor } from './FormTextsEditor';
import { createForm, updateForm } from './forms.api';
import type { Channel, CustomField, FormBody, FormField, FormTexts, HostedForm } from './forms.types';
import { PublicFormView } from './PublicFormView';

interface Draft {
  name: string;
  slug?: string;
  channelId?: string | null;
  campaign?: string;
  redirectUrl?: string;
  active: boolean;
  fields: FormField[];
  texts: FormTexts;
}

interface FormEditorProps {
  saved: HostedForm | null;
  customFields: CustomField[];
  channels: Channel[];
  onSaved: (form: HostedForm) => void;
}

// Server fields the builder has an input for; any other refusal is shown above the form.
const EDITABLE =
  /^(name|slug|channelId|campaign|redirectUrl|texts\.\w+\.(zh-CN|en-US)|fields\.\d+\.label\.(zh-CN|en-US))$/;

function draftOf(saved: HostedForm | null): Draft {
  if (!saved) return { name: '', active: true, fields: starterFields(), texts: {} };
  return {
    name: saved.name,
    slug: saved.slug,
    channelId: saved.channelId,
    campaign: saved.campaign ?? '',
    redirectUrl: saved.redirectUrl ?? '',
    active: saved.active,
    fields: saved.fields,
    texts: saved.texts,
  };
}

function bodyOf(draft: Draft): FormBody {
  const slug = draft.slug?.trim();
  return {
    name: draft.name.trim(),
    ...(slug ? { slug } : {}),
    channelId: draft.channelId ?? null,
    campaign: draft.campaign?.trim() || null,
    fields: draft.fields,
    texts: draft.texts ?? {},
    redirectUrl: draft.redirectUrl?.trim() || null,
    active: draft.active,
  };
}

export function FormEditor({ saved, customFields, channels, onSaved }: FormEditorProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [previewLocale, setPreviewLocale] = useState<Locale>('zh-CN');
  const name = Form.useWatch('name', form) ?? '';
  const fields = Form.useWatch('fields', form) ?? [];
  const texts = Form.useWatch('texts', form) ?? {};

  const save = async (draft: Draft) => {
    setSaving(true);
    setError(null);
    try {
      const body = bodyOf(draft);
      if (saved) {
        const updated = await updateForm(saved.id, body);
        // Show what the server kept (filled-in labels, tidied texts), not just what was typed.
        form.setFieldsValue(draftOf(updated));
        onSaved(updated);
        message.success(t('forms.saved'));
      } else {
        const created = await createForm(body);
        message.success(t('forms.created'));
        navigate(`/forms/${encodeURIComponent(created.id)}`, { replace: true });
      }
    } catch (caught) {
      const text = describeError(caught, t);
      if (caught instanceof ApiError && caught.field && EDITABLE.test(caught.field)) {
        const path = caught.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
        form.setFields([{ name: path as never, errors: [text] }]);
      } else {
        setError(text);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Flex align="center" gap="small">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/forms')}
            aria-label={t('forms.backToList')}
          />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {saved ? saved.name : t('forms.newTitle')}
          </Typography.Title>
        </Flex>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          onClick={() => form.submit()}
          data-testid="form-save"
        >
          {t('forms.save')}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap="middle">
            {/* The preview and the share panel stay outside: Enter in them must not save the form. */}
            <Form<Draft>
              form={form}
              layout="vertical"
              initialValues={draftOf(saved)}
              onFinish={(draft) => void save(draft)}
              className={styles.editor}
            >
              <Card size="small" title={t('forms.section.settings')}>
                <Form.Item
                  label={t('forms.field.name')}
                  name="name"
                  rules={[{ required: true, whitespace: true, message: t('forms.field.nameRequired') }]}
                >
                  <Input maxLength={100} placeholder={t('forms.field.namePlaceholder')} data-testid="form-name" />
                </Form.Item>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('forms.field.slug')} name="slug" extra={t('forms.field.slugHelp')}>
                      <Input
                        addonBefore="/f/"
                        maxLength={64}
                        placeholder={t('forms.field.slugPlaceholder')}
                        data-testid="form-slug"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('forms.field.channel')} name="channelId" extra={t('forms.field.channelHelp')}>
                      <Select
                        allowClear
                        placeholder={t('forms.field.channelPlaceholder')}
                        options={channels.map((channel) => ({ value: channel.id, label: channel.name }))}
                        data-testid="form-channel"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('forms.field.campaign')} name="campaign" extra={t('forms.field.campaignHelp')}>
                      <Input maxLength={200} data-testid="form-campaign" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      label={t('forms.field.redirectUrl')}
                      name="redirectUrl"
                      extra={t('forms.field.redirectHelp')}
                      rules={[{ type: 'url', message: t('forms.field.redirectInvalid') }]}
                    >
                      <Input maxLength={2000} placeholder="https://" data-testid="form-redirect" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  label={t('forms.field.active')}
                  name="active"
                  valuePropName="checked"
                  className={styles.last}
                >
                  <Switch data-testid="form-active" />
                </Form.Item>
              </Card>
              <Card size="small" title={t('forms.section.fields')}>
                <FormFieldsEditor fields={fields} customFields={customFields} />
              </Card>
              <Card size="small" title={t('forms.section.texts')}>
                <FormTextsEditor />
              </Card>
            </Form>
            {saved && <FormSharePanel form={saved} />}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('forms.section.preview')}
            className={styles.preview}
            extra={
              <Segmented<Locale>
                size="small"
                value={previewLocale}
                onChange={setPreviewLocale}
                options={[
                  { value: 'zh-CN', label: t('forms.preview.zh') },
                  { value: 'en-US', label: t('forms.preview.en') },
                ]}
              />
            }
          >
            <div data-testid="form-preview">
              <PublicFormView form={previewOf(name, fields, texts, customFields)} locale={previewLocale} />
            </div>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
