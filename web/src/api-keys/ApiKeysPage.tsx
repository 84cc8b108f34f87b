import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { listApiKeys, revokeApiKey } from './apiKeys.api';
import { ApiKeyTable } from './ApiKeyTable';
import { CreateApiKeyModal } from './CreateApiKeyModal';
import { NewApiKeyModal } from './NewApiKeyModal';

export function ApiKeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const apiKeys = useApiQuery('api-keys', listApiKeys);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revokingId, setRevokingId] = useState<string | null>(null);

  const handleCreated = (newKey: CreatedApiKey) => {
    setCreating(false);
    setCreated(newKey);
    apiKeys.reload();
  };

  const revoke = async (apiKey: ApiKey) => {
    setRevokingId(apiKey.id);
    try {
      await revokeApiKey(apiKey.id);
      message.success(t('apiKeys.revoked'));
      apiKeys.reload();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setRevokingId(null);
    }
  };

  if (isApiError(apiKeys.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('apiKeys.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-api-key">
          {t('apiKeys.create')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('apiKeys.intro')}
      </Typography.Paragraph>
      {apiKeys.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(apiKeys.error, t)}
          action={<Button onClick={apiKeys.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Card size="small">
        <ApiKeyTable
          apiKeys={apiKeys.data?.items ?? []}
          loading={apiKeys.loading}
          revokingId={revokingId}
          onRevoke={revoke}
        />
      </Card>
      <CreateApiKeyModal open={creating} onClose={() => setCreating(false)} onCreated={handleCreated} />
      <NewApiKeyModal created={created} onClose={() => setCreated(null)} />
    </Flex>
  );
}
