import { Button, Result, Spin } from 'antd';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { navigate } from '../router/router';
import { FormEditor } from './FormEditor';
import { getForm, listChannels, listCustomFields } from './forms.api';

/** /forms/new (formId null) and /forms/:id: loads what the builder needs, then hands over. */
export function FormEditPage({ formId }: { formId: string | null }) {
  const t = useT();
  const existing = useApiQuery(`form:${formId ?? 'new'}`, (signal) =>
    formId ? getForm(formId, signal) : Promise.resolve(null),
  );
  // Choices the builder offers; without them it still works with the lead fields and no channel.
  const customFields = useApiQuery('fields', (signal) => listCustomFields(signal).catch(() => ({ items: [] })));
  const channels = useApiQuery('channels', (signal) => listChannels(signal).catch(() => ({ items: [] })));

  if (isApiError(existing.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }
  if (isApiError(existing.error, 404)) {
    return (
      <Result
        status="404"
        title={t('forms.notFound')}
        extra={<Button onClick={() => navigate('/forms')}>{t('forms.backToList')}</Button>}
      />
    );
  }
  if (existing.error !== undefined) {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={describeError(existing.error, t)}
        extra={<Button onClick={existing.reload}>{t('common.retry')}</Button>}
      />
    );
  }
  if (existing.loading || customFields.loading || channels.loading) return <Spin size="large" />;
  return (
    <FormEditor
      key={existing.data?.id ?? 'new'}
      saved={existing.data ?? null}
      customFields={customFields.data?.items ?? []}
      channels={channels.data?.items ?? []}
      onSaved={existing.setData}
    />
  );
}
