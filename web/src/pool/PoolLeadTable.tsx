import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { formatPhone } from '../leads/formatPhone';
import { useI18n } from '../i18n/I18nProvider';
import type { PoolLead } from './pool.api';

interface PoolLeadTableProps {
  leads: PoolLead[];
  loading: boolean;
  canClaim: boolean;
  canAssign: boolean;
  busyLeadId: string | null;
  onClaim: (lead: PoolLead) => void;
  onAssign: (lead: PoolLead) => void;
}

/** The leads waiting in a pool; phone and e-mail arrive masked from the server until claimed. */
export function PoolLeadTable(props: PoolLeadTableProps) {
  const { leads, loading, canClaim, canAssign, busyLeadId, onClaim, onAssign } = props;
  const { t, formatDateTime } = useI18n();
  const none = t('common.none');
  // A masked number (138****5678) is not a phone number any more; show it as it came.
  const phoneOf = (lead: PoolLead) => (lead.phone ? (lead.masked ? lead.phone : formatPhone(lead.phone)) : none);

  const columns: TableProps<PoolLead>['columns'] = [
    {
      key: 'name',
      title: t('leads.column.name'),
      render: (_, lead) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{lead.name}</Typography.Text>
          {lead.company && <Typography.Text type="secondary">{lead.company}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'phone',
      title: t('leads.column.phone'),
      render: (_, lead) => <span data-testid={`pool-phone-${lead.id}`}>{phoneOf(lead)}</span>,
    },
    { key: 'email', title: t('leads.column.email'), render: (_, lead) => lead.email ?? none },
    {
      key: 'region',
      title: t('pool.column.region'),
      render: (_, lead) => [lead.province, lead.city].filter(Boolean).join(' ') || none,
    },
    { key: 'source', title: t('leads.column.source'), dataIndex: 'source' },
    {
      key: 'grade',
      title: t('leads.column.grade'),
      render: (_, lead) => (
        <Tag>
          {lead.grade} · {lead.score}
        </Tag>
      ),
    },
    {
      key: 'tags',
      title: t('pool.column.tags'),
      render: (_, lead) => (lead.tags.length ? lead.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none),
    },
    { key: 'createdAt', title: t('leads.column.createdAt'), render: (_, lead) => formatDateTime(lead.createdAt) },
    {
      key: 'actions',
      title: t('pool.column.actions'),
      fixed: 'right',
      render: (_, lead) => (
        <Flex gap="small">
          {canClaim && (
            <Button
              type="primary"
              size="small"
              loading={busyLeadId === lead.id}
              onClick={() => onClaim(lead)}
              data-testid={`pool-claim-${lead.id}`}
            >
              {t('pool.claim')}
            </Button>
          )}
          {canAssign && (
            <Button size="small" onClick={() => onAssign(lead)} data-testid={`pool-assign-${lead.id}`}>
              {t('pool.assign.action')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Table<PoolLead>
      data-testid="pool-lead-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={leads}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('pool.empty') }}
    />
  );
}
