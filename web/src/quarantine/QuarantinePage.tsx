import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { CursorPager } from '../leads/CursorPager';
import { listChannels, listCustomFields } from '../leads/leadEntry.api';
import { HELD_KIND_LOOK } from './heldLook';
import {
  announceQuarantineChange,
  listHeld,
  type HeldKind,
  type HeldStatus,
  type HeldSubmission,
} from './quarantine.api';
import { QuarantineDrawer } from './QuarantineDrawer';
import { QuarantineTable } from './QuarantineTable';

const PAGE_SIZE = 20;
const KINDS: HeldKind[] = ['rejected', 'quarantined'];
const STATUSES: HeldStatus[] = ['open', 'released', 'discarded'];
const empty = { items: [] };

interface Filters {
  kind?: HeldKind;
  status?: HeldStatus;
}

/** Submissions intake kept apart: a reviewer fixes and releases them, or discards them; none is ever deleted. */
export function QuarantinePage() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({ status: 'open' });
  // Every page's cursor so far; the last is on screen (null: the first). The API pages forward only.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<HeldSubmission | null>(null);
  const [merged, setMerged] = useState(false);
  const cursor = cursors.at(-1) ?? null;

  const held = useApiQuery(JSON.stringify({ filters, cursor }), (signal) =>
    listHeld({ ...filters, limit: PAGE_SIZE, cursor: cursor ?? undefined }, signal),
  );
  const channels = useApiQuery('quarantine-channels', (signal) => listChannels(signal).catch(() => empty));
  const fields = useApiQuery('quarantine-fields', (signal) => listCustomFields(signal).catch(() => empty));
  const nextCursor = held.data?.nextCursor ?? null;

  const applyFilters = (next: Filters) => {
    setFilters(next);
    setCursors([null]);
  };
  const open = (item: HeldSubmission) => {
    setMerged(false);
    setSelected(item);
  };
  const resolved = (item: HeldSubmission) => {
    setSelected(item);
    held.reload();
    announceQuarantineChange();
  };

  if (isApiError(held.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('quarantine.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('quarantine.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Space wrap size="middle">
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('quarantine.filter.kind')}
            value={filters.kind}
            onChange={(kind) => applyFilters({ ...filters, kind })}
            options={KINDS.map((kind) => ({ value: kind, label: t(HELD_KIND_LOOK[kind].label) }))}
            data-testid="quarantine-filter-kind"
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('quarantine.filter.status')}
            value={filters.status}
            onChange={(status) => applyFilters({ ...filters, status })}
            options={STATUSES.map((status) => ({ value: status, label: t(`quarantine.status.${status}`) }))}
            data-testid="quarantine-filter-status"
          />
          <Button icon={<ReloadOutlined />} onClick={held.reload} loading={held.loading}>
            {t('leads.refresh')}
          </Button>
        </Space>
      </Card>
      {held.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(held.error, t)}
          action={<Button onClick={held.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Card size="small">
        <QuarantineTable items={held.data?.items ?? []} loading={held.loading} onOpen={open} />
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <CursorPager
            pageNumber={cursors.length}
            hasNext={nextCursor !== null}
            disabled={held.loading}
            onPrevious={() => setCursors((current) => (current.length > 1 ? current.slice(0, -1) : current))}
            onNext={() => nextCursor && setCursors((current) => [...current, nextCursor])}
          />
        </Flex>
      </Card>
      <QuarantineDrawer
        item={selected}
        channels={channels.data?.items ?? []}
        fields={fields.data?.items ?? []}
        merged={merged}
        onClose={() => setSelected(null)}
        onReleased={(item, result) => {
          setMerged(result.deduplicated);
          resolved({
            ...item,
            resolution: 'released',
            resolvedLeadId: result.leadId,
            resolvedAt: new Date().toISOString(),
          });
        }}
        onDiscarded={resolved}
      />
    </Flex>
  );
}
