import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, message, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLeadEvent } from '../realtime/leadEvents';
import { navigate } from '../router/router';
import { listRoutingTeams } from '../routing/routing.api';
import { listUsers } from '../users/users.api';
import { AssignFromPoolModal } from './AssignFromPoolModal';
import { assignPoolLead, claimPoolLead, listPoolLeads, listPools, type Pool, type PoolLead } from './pool.api';
import { PoolLeadTable } from './PoolLeadTable';
import { PoolSettingsForm } from './PoolSettingsForm';
import { describeRefusal } from './poolRefusal';

/** The public pools (公海) the user sees: pick one, claim or assign its leads, tune its knobs. */
export function PoolPage() {
  const { t, formatDateTime } = useI18n();
  const { user } = useAuth();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [busyLeadId, setBusyLeadId] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<PoolLead | null>(null);
  const [messages, holder] = message.useMessage();

  const pools = useApiQuery('pools', listPools);
  const poolItems = pools.data?.items ?? [];
  // The default pool first, else the first one listed, until the user picks another.
  const pool: Pool | undefined =
    poolItems.find((item) => item.id === chosenId) ?? poolItems.find((item) => item.isDefault) ?? poolItems[0];
  const leads = useApiQuery(`pool-leads:${pool?.id ?? ''}`, (signal) =>
    pool ? listPoolLeads(pool.id, signal) : Promise.resolve({ items: [] }),
  );
  const isAdmin = user?.role === 'admin';
  const isPoolAdmin = !!user && !!pool && pool.settings.adminUserIds.includes(user.id);
  const canAssign = isAdmin || isPoolAdmin || user?.role === 'manager';
  const canClaim = user?.role === 'rep' || user?.role === 'manager' || user?.role === 'admin';
  // Names for the assign and settings forms; a rep who may not list users never needs them.
  const users = useApiQuery(`pool-users:${canAssign}`, (signal) =>
    canAssign ? listUsers(signal).catch(() => ({ items: [] })) : Promise.resolve({ items: [] }),
  );
  const teams = useApiQuery(`pool-teams:${isAdmin}`, (signal) =>
    isAdmin ? listRoutingTeams(signal).catch(() => ({ items: [] })) : Promise.resolve({ items: [] }),
  );

  // One of the user's leads came into or left a pool: the list on screen may have changed.
  useLeadEvent('lead.pool', () => leads.reload());

  const claim = async (lead: PoolLead) => {
    if (!pool) return;
    setBusyLeadId(lead.id);
    try {
      await claimPoolLead(pool.id, lead.id);
      void messages.success(t('pool.claimed', { name: lead.name }));
      leads.reload();
      navigate(`/leads/${encodeURIComponent(lead.id)}`);
    } catch (error) {
      void messages.error(describeRefusal(error, t, formatDateTime));
      leads.reload();
    } finally {
      setBusyLeadId(null);
    }
  };

  const assign = async (lead: PoolLead, userId: string) => {
    if (!pool) return;
    try {
      await assignPoolLead(pool.id, lead.id, userId);
      void messages.success(t('pool.assign.done', { name: lead.name }));
    } catch (error) {
      void messages.error(describeRefusal(error, t, formatDateTime));
      throw error;
    } finally {
      leads.reload();
    }
  };

  return (
    <Flex vertical gap="middle">
      {holder}
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('pool.title')}
        </Typography.Title>
        <Flex gap="small" align="center">
          <Select
            style={{ minWidth: 240 }}
            value={pool?.id}
            loading={pools.loading}
            onChange={setChosenId}
            data-testid="pool-select"
            placeholder={t('pool.choose')}
            options={poolItems.map((item) => ({
              value: item.id,
              label: item.isDefault ? `${item.name} · ${t('pool.default')}` : item.name,
            }))}
          />
          <Button icon={<ReloadOutlined />} onClick={leads.reload} loading={leads.loading}>
            {t('pool.refresh')}
          </Button>
        </Flex>
      </Flex>
      {pools.error !== undefined && <Alert type="error" showIcon title={describeError(pools.error, t)} />}
      {leads.error !== undefined && <Alert type="error" showIcon title={describeError(leads.error, t)} />}
      {!pools.loading && poolItems.length === 0 ? (
        <Card>
          <Empty description={t('pool.none')} />
        </Card>
      ) : (
        <Card
          size="small"
          title={pool?.name}
          extra={pool?.settings.maskContacts && <Tag color="blue">{t('pool.maskedHint')}</Tag>}
        >
          <PoolLeadTable
            leads={leads.data?.items ?? []}
            loading={leads.loading}
            canClaim={canClaim}
            canAssign={canAssign}
            busyLeadId={busyLeadId}
            onClaim={(lead) => void claim(lead)}
            onAssign={setAssigning}
          />
        </Card>
      )}
      {pool && isAdmin && (
        <PoolSettingsForm
          key={`${pool.id}:${pool.updatedAt}`}
          pool={pool}
          teams={teams.data?.items ?? []}
          users={users.data?.items ?? []}
          onSaved={() => {
            void messages.success(t('pool.settings.saved'));
            pools.reload();
          }}
        />
      )}
      {assigning && (
        <AssignFromPoolModal
          leadName={assigning.name}
          users={users.data?.items ?? []}
          onAssign={(userId) => assign(assigning, userId)}
          onClose={() => setAssigning(null)}
        />
      )}
    </Flex>
  );
}
