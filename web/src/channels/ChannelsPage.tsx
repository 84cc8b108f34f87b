import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { listChannels, listTeams } from './channels.api';
import type { Channel } from './channels.types';
import { ChannelFormModal } from './ChannelFormModal';
import { ChannelTable } from './ChannelTable';
import { HookDrawer } from './HookDrawer';
import { TagRulesCard } from './TagRulesCard';

export function ChannelsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  // The server lets admins and marketing change channels; managers may only set up their webhooks.
  const canEdit = user?.role === 'admin' || user?.role === 'marketing';
  const channels = useApiQuery('channels', listChannels);
  const teams = useApiQuery('teams', listTeams);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [hookChannel, setHookChannel] = useState<Channel | null>(null);

  const handleSaved = () => {
    setEditing(null);
    message.success(t('channels.saved'));
    channels.reload();
  };

  if (isApiError(channels.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('channels.title')}
        </Typography.Title>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-channel">
            {t('channels.create')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('channels.intro')}
      </Typography.Paragraph>
      {channels.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(channels.error, t)}
          action={<Button onClick={channels.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Card size="small">
        <ChannelTable
          channels={channels.data?.items ?? []}
          teams={teams.data?.items ?? []}
          loading={channels.loading}
          canEdit={canEdit}
          onEdit={setEditing}
          onWebhook={setHookChannel}
        />
      </Card>
      {canEdit && <TagRulesCard channels={channels.data?.items ?? []} />}
      <ChannelFormModal
        editing={editing}
        teams={teams.data?.items ?? []}
        onClose={() => setEditing(null)}
        onSaved={handleSaved}
      />
      <HookDrawer channel={hookChannel} onClose={() => setHookChannel(null)} />
    </Flex>
  );
}
