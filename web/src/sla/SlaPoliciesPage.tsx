import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useAuth } from '../auth/AuthProvider';
import { listTeams } from '../channels/channels.api';
import { useT } from '../i18n/I18nProvider';
import { listSlaPolicies } from './sla.api';
import type { SlaPolicy } from './sla.types';
import { SlaPolicyFormModal } from './SlaPolicyFormModal';
import { SlaPolicyTable } from './SlaPolicyTable';

/** Response-deadline policies: which leads, which targets, and what happens at a breach. */
export function SlaPoliciesPage() {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const canEdit = user?.role === 'admin';
  const policies = useApiQuery('sla-policies', listSlaPolicies);
  const teams = useApiQuery('teams', listTeams);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);

  const handleSaved = () => {
    setEditing(null);
    message.success(t('sla.saved'));
    policies.reload();
  };

  if (isApiError(policies.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('sla.title')}
        </Typography.Title>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-sla">
            {t('sla.create')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('sla.intro')}
      </Typography.Paragraph>
      {policies.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(policies.error, t)}
          action={<Button onClick={policies.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Card size="small">
        <SlaPolicyTable
          policies={policies.data?.items ?? []}
          teams={teams.data?.items ?? []}
          loading={policies.loading}
          canEdit={canEdit}
          onEdit={setEditing}
        />
      </Card>
      <SlaPolicyFormModal
        editing={editing}
        teams={teams.data?.items ?? []}
        onClose={() => setEditing(null)}
        onSaved={handleSaved}
      />
    </Flex>
  );
}
