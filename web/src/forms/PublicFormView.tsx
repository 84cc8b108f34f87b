import { Alert, Button, Checkbox, Form, Input, Radio, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { dictionaries, type Locale } from '../i18n/locale';
import { createTranslate, type Translate } from '../i18n/translate';
import type { PublicField, PublicForm, SubmittedValue } from './forms.types';
import styles from './PublicFormView.module.css';

export interface PublicFormInput {
  values: Record<string, SubmittedValue>;
  consent: boolean | undefined;
  hp: string;
}

interface PublicFormViewProps {
  form: PublicForm;
  locale: Locale;
  /** Left out in the builder's preview, where the button does nothing. */
  onSubmit?: (input: PublicFormInput) => Promise<void>;
}

type FormValues = Record<string, unknown>;

const itemName = (index: number) => `v${index}`;
const CONSENT = 'consent';

/** The page's own language can differ from the signed-in user's: the preview shows either. */
export function useFormT(locale: Locale): Translate {
  return useMemo(() => createTranslate(dictionaries[locale]), [locale]);
}

function text(value: Partial<Record<Locale, string>> | null, locale: Locale): string {
  if (!value) return '';
  return value[locale] ?? Object.values(value).find(Boolean) ?? '';
}

function toSubmitted(raw: unknown): SubmittedValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'boolean') return raw;
  const trimmed = String(raw).trim();
  return trimmed === '' ? null : trimmed;
}

function fieldInput(field: PublicField, t: Translate) {
  switch (field.type) {
    case 'tel':
      return <Input inputMode="tel" autoComplete="tel" maxLength={50} />;
    case 'email':
      return <Input inputMode="email" autoComplete="email" maxLength={320} />;
    case 'url':
      return <Input inputMode="url" maxLength={500} />;
    case 'number':
      return <Input inputMode="decimal" maxLength={40} />;
    case 'date':
      return <Input type="date" />;
    case 'select':
      return (
        <Select
          placeholder={t('forms.public.choose')}
          allowClear={!field.required}
          options={(field.options ?? []).map((option) => ({ value: option, label: option }))}
        />
      );
    case 'bool':
      return (
        <Radio.Group
          options={[
            { value: true, label: t('forms.public.yes') },
            { value: false, label: t('forms.public.no') },
          ]}
        />
      );
    default:
      return (
        <Input maxLength={field.key === 'name' ? 200 : 2000} autoComplete={field.key === 'name' ? 'name' : 'off'} />
      );
  }
}

function requiredRule(field: PublicField, t: Translate) {
  const message = t('forms.public.required');
  return field.type === 'bool'
    ? { required: true, type: 'boolean' as const, message }
    : { required: true, whitespace: true, message };
}

/** Words a refusal by its code, in the page's language, next to the field it names. */
function fieldMessage(error: ApiError, sent: SubmittedValue, t: Translate): string {
  if (error.code === 'INVALID_PHONE') return t('forms.public.invalidPhone');
  if (error.code === 'INVALID_EMAIL') return t('forms.public.invalidEmail');
  if (error.code === 'MISSING_CONTACT') return t('forms.public.missingContact');
  return sent === null ? t('forms.public.required') : t('forms.public.invalidValue');
}

function showServerError(
  error: unknown,
  form: PublicForm,
  values: Record<string, SubmittedValue>,
  antForm: FormInstance<FormValues>,
  t: Translate,
): string | null {
  if (!(error instanceof ApiError) || !error.field) return describeError(error, t);
  if (error.field === CONSENT) {
    antForm.setFields([{ name: CONSENT, errors: [t('forms.public.consentRequired')] }]);
    return null;
  }
  const index = form.fields.findIndex((field) => field.key === error.field);
  if (index < 0) return describeError(error, t);
  antForm.setFields([{ name: itemName(index), errors: [fieldMessage(error, values[error.field] ?? null, t)] }]);
  return null;
}

export function PublicFormView({ form, locale, onSubmit }: PublicFormViewProps) {
  const t = useFormT(locale);
  const [antForm] = Form.useForm<FormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const honeypot = useRef<HTMLInputElement>(null);
  const description = text(form.description, locale);
  const consent = text(form.consent, locale);

  const finish = async (raw: FormValues) => {
    if (!onSubmit) return;
    const values = Object.fromEntries(
      form.fields.map((field, index) => [field.key, toSubmitted(raw[itemName(index)])]),
    );
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit({
        values,
        consent: form.consent ? raw[CONSENT] === true : undefined,
        hp: honeypot.current?.value ?? '',
      });
    } catch (caught) {
      setError(showServerError(caught, form, values, antForm, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className={styles.form} data-testid="public-form">
      <Typography.Title level={3} className={styles.title}>
        {text(form.title, locale)}
      </Typography.Title>
      {description && <Typography.Paragraph className={styles.description}>{description}</Typography.Paragraph>}
      {/* In the builder's preview there is nothing to submit, and no <form> to nest in another. */}
      <Form<FormValues>
        form={antForm}
        layout="vertical"
        size="large"
        component={onSubmit ? 'form' : false}
        onFinish={(values) => void finish(values)}
      >
        {form.fields.map((field, index) => (
          <Form.Item
            key={field.key}
            name={itemName(index)}
            label={text(field.label, locale)}
            required={field.required}
            rules={field.required ? [requiredRule(field, t)] : []}
            data-testid={`public-field-${field.key}`}
          >
            {fieldInput(field, t)}
          </Form.Item>
        ))}
        {/* Humans never see or reach this input; bots that fill every input give themselves away. */}
        <div className={styles.trap} aria-hidden="true">
          <input ref={honeypot} type="text" name="clew_hp_url" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        {form.consent && (
          <Form.Item
            name={CONSENT}
            valuePropName="checked"
            rules={[
              {
                validator: (_, checked) =>
                  checked ? Promise.resolve() : Promise.reject(new Error(t('forms.public.consentRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="public-consent">{consent}</Checkbox>
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} className={styles.error} />}
        <Button
          type="primary"
          htmlType={onSubmit ? 'submit' : 'button'}
          block
          loading={submitting}
          disabled={!onSubmit}
          data-testid="public-submit"
        >
          {t('forms.public.submit')}
        </Button>
      </Form>
    </div>
  );
}
