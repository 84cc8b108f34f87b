import { Flex, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes, MouseEvent } from 'react';
import type { Lead } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { Link, navigate } from '../router/router';
import { SlaCountdown } from '../deadlines/SlaCountdown';
import { formatProbability, GradeTag, UrgencyTag } from '../scoring/GradeTag';
import { formatPhone } from './formatPhone';
import { LeadStatusTag } from './LeadStatusTag';

interface LeadTableProps {
  leads: Lead[];
  loading: boolean;
}

const leadUrl = (lead: Lead) => `/leads/${encodeURIComponent(lead.id)}`;

export function LeadTable({ leads, loading }: LeadTableProps) {
  const { t, formatDateTime } = useI18n();
  const none = t('common.none');

  const columns: TableProps<Lead>['columns'] = [
    {
      key: 'name',
      title: t('leads.column.name'),
      render: (_, lead) => <Link to={leadUrl(lead)}>{lead.name}</Link>,
    },
    {
      key: 'grade',
      title: t('leads.column.grade'),
      render: (_, lead) => (
        <Flex gap={4} wrap={false} data-testid={`lead-grade-${lead.id}`}>
          <GradeTag grade={lead.grade} score={lead.score} />
          <UrgencyTag urgency={lead.urgency} reason={lead.urgencyReason} />
        </Flex>
      ),
    },
    {
      key: 'winProbability',
      title: t('leads.column.winProbability'),
      render: (_, lead) => (lead.winProbability === null ? none : formatProbability(lead.winProbability)),
    },
    { key: 'company', title: t('leads.column.company'), render: (_, lead) => lead.company ?? none },
    {
      key: 'phone',
      title: t('leads.column.phone'),
      render: (_, lead) => (lead.phone ? formatPhone(lead.phone) : none),
    },
    {
      key: 'email',
      title: t('leads.column.email'),
      ellipsis: true,
      render: (_, lead) => lead.email ?? none,
    },
    { key: 'source', title: t('leads.column.source'), dataIndex: 'source' },
    {
      key: 'status',
      title: t('leads.column.status'),
      render: (_, lead) => <LeadStatusTag status={lead.status} />,
    },
    {
      key: 'deadline',
      title: t('leads.column.deadline'),
      render: (_, lead) => (
        <SlaCountdown dueAt={lead.slaDueAt} step={lead.slaStep} testId={`lead-deadline-${lead.id}`} />
      ),
    },
    {
      key: 'owner',
      title: t('leads.column.owner'),
      render: (_, lead) =>
        lead.ownerName ?? <Typography.Text type="secondary">{t('leads.unassigned')}</Typography.Text>,
    },
    {
      key: 'createdAt',
      title: t('leads.column.createdAt'),
      render: (_, lead) => formatDateTime(lead.createdAt),
    },
  ];

  const rowProps = (lead: Lead): HTMLAttributes<HTMLElement> => {
    const onClick = (event: MouseEvent<HTMLElement>) => {
      // The name link navigates by itself; don't navigate a second time for it.
      if ((event.target as HTMLElement).closest('a')) return;
      navigate(leadUrl(lead));
    };
    // `data-*` is not part of HTMLAttributes, hence the spread of a plain record.
    return { onClick, style: { cursor: 'pointer' }, ...{ 'data-testid': `lead-row-${lead.id}` } };
  };

  return (
    <Table<Lead>
      data-testid="lead-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={leads}
      loading={loading}
      pagination={false}
      onRow={rowProps}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('leads.empty') }}
    />
  );
}
