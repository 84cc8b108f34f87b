import { Card, Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Lead } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatPhone } from './formatPhone';
import { LeadStatusSelect } from './LeadStatusSelect';

interface LeadDetailsCardProps {
  lead: Lead;
  onUpdated: (lead: Lead) => void;
}

export function LeadDetailsCard({ lead, onUpdated }: LeadDetailsCardProps) {
  const { t, formatDateTime } = useI18n();
  const orNone = (value: string | null) => value ?? t('common.none');

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
      // Only the id: the API has no team names yet, so keep it quiet rather than prominent.
      children: lead.teamId ? <Typography.Text type="secondary">{lead.teamId}</Typography.Text> : t('common.none'),
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
