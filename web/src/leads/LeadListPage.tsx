import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { useLeadEvent } from '../realtime/leadEvents';
import { listUsers } from '../users/users.api';
import { CursorPager } from './CursorPager';
import { LeadFilters } from './LeadFilters';
import { listLeads } from './leads.api';
import { LeadStatusChart } from './LeadStatusChart';
import { LeadTable } from './LeadTable';
import { NewLeadModal } from './NewLeadModal';
import { useLeadListState } from './useLeadListState';

const PAGE_SIZE = 20;

export function LeadListPage() {
  const t = useT();
  const list = useLeadListState();
  const { filters, cursor } = list;
  const [entering, setEntering] = useState(false);

  const leads = useApiQuery(JSON.stringify({ filters, cursor }), (signal) =>
    listLeads({ ...filters, limit: PAGE_SIZE, cursor: cursor ?? undefined }, signal),
  );
  // Owner choices are a convenience: if the caller may not list users, the filter stays empty.
  const users = useApiQuery('users', (signal) => listUsers(signal).catch(() => ({ items: [] })));

  const items = leads.data?.items ?? [];
  const nextCursor = leads.data?.nextCursor ?? null;

  // A lead routed to someone just now may belong on this page; refetch what is on screen.
  useLeadEvent('lead.assigned', () => leads.reload());
  // Released or reclaimed to a pool, or claimed from one: the lead leaves or joins this list.
  useLeadEvent('lead.pool', () => leads.reload());
  // A performed deadline step moves the lead's countdown to its next step.
  useLeadEvent('lead.deadline', (event) => {
    if (items.some((lead) => lead.id === event.leadId)) leads.reload();
  });
  // A merged duplicate bumps a lead to the top of the "last touched" picture; keep rows fresh.
  useLeadEvent('lead.touched', (event) => {
    if (items.some((lead) => lead.id === event.leadId)) leads.reload();
  });

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('leads.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)} data-testid="new-lead">
          {t('leadEntry.open')}
        </Button>
      </Flex>
      <Card size="small">
        {/* Keyed by the filters so "reset" also clears the typed-in source text. */}
        <LeadFilters
          key={JSON.stringify(filters)}
          value={filters}
          onChange={list.setFilters}
          users={users.data?.items ?? []}
          usersLoading={users.loading}
          onRefresh={leads.reload}
          refreshing={leads.loading}
        />
      </Card>
      {leads.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(leads.error, t)}
          action={<Button onClick={leads.reload}>{t('common.retry')}</Button>}
        />
      )}
      <LeadStatusChart leads={items} />
      <Card size="small">
        <LeadTable leads={items} loading={leads.loading} />
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <CursorPager
            pageNumber={list.pageNumber}
            hasNext={nextCursor !== null}
            disabled={leads.loading}
            onPrevious={list.goToPreviousPage}
            onNext={() => nextCursor && list.goToNextPage(nextCursor)}
          />
        </Flex>
      </Card>
      {/* Mounted only while open: its channel and field choices load when someone enters a lead. */}
      {entering && <NewLeadModal open onClose={() => setEntering(false)} onMerged={leads.reload} />}
    </Flex>
  );
}
