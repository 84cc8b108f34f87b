import { Card, Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Lead } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { listRoutingTeams } from '../routing/routing.api';
import { formatPhone } from './formatPhone';
import { LeadStatusSelect } from './LeadStatusSelect';

interface LeadDetailsCardProps {
  lead: Lead;
  onUpdated: (lead: Lead) => void;
}

export function LeadDetailsCard({ lead, onUpdated }: LeadDetailsCardProps) {
  const { t, formatDateTime } = useI18n();
  const orNone = (value: string | null) => value ?? t('common.none');
  const teams = useApiQuery('lead-detail-teams', (signal) => listRoutingTeams(signal).catch(() => ({ items: [] })));
  // The id stays as a quiet fallback for a team the list does not hold (deleted, or the list failed).
  const teamName = lead.teamId
    ? teams.data && (teams.data.items.find((team) => team.id === lead.teamId)?.name ?? lead.teamId.slice(0, 8))
    : null;

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('leads.column.name'), children: lead.name },
    {
      key: 'status',
      label: t('leads.column.status'),
      children: <LeadStatusSelect lead={lead} onUpdated={onUpdated} />,
    },
    { key: 'company', label: t('leads.column.company'), children: orNone(lead.company) },
    { key: 'title', label: t('leadDetail.field.title'), children: orNone(lead.title) },
    {
      key: 'phone',
      label: t('leads.column.phone'),
      children: lead.phone ? (
        <Typography.Text copyable={{ text: lead.phone }}>{formatPhone(lead.phone)}</Typography.Text>
      ) : (
        t('common.none')
      ),
    },
    {
      key: 'email',
      label: t('leads.column.email'),
      children: lead.email ? <Typography.Text copyable>{lead.email}</Typography.Text> : t('common.none'),
    },
    { key: 'province', label: t('leadDetail.field.province'), children: orNone(lead.province) },
    { key: 'city', label: t('leadDetail.field.city'), children: orNone(lead.city) },
    { key: 'source', label: t('leads.column.source'), children: lead.source },
    {
      key: 'owner',
      label: t('leads.column.owner'),
      children: lead.ownerName ?? <Typography.Text type="secondary">{t('leads.unassigned')}</Typography.Text>,
    },
    { key: 'touchCount', label: t('leadDetail.field.touchCount'), children: lead.touchCount },
    { key: 'lastTouchAt', label: t('leadDetail.field.lastTouchAt'), children: formatDateTime(lead.lastTouchAt) },
    { key: 'createdAt', label: t('leads.column.createdAt'), children: formatDateTime(lead.createdAt) },
    { key: 'updatedAt', label: t('leadDetail.field.updatedAt'), children: formatDateTime(lead.updatedAt) },
    {
      key: 'team',
      label: t('leadDetail.field.team'),
      children: lead.teamId ? (teamName ?? <Typography.Text type="secondary">…</Typography.Text>) : t('common.none'),
    },
    {
      key: 'id',
      label: t('leadDetail.field.id'),
      children: (
        <Typography.Text type="secondary" copyable>
          {lead.id}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card title={t('leadDetail.details')}>
      <Descriptions column={{ xs: 1, md: 2 }} items={items} data-testid="lead-details" />
    </Card>
  );
}
