import { Button, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { channelTypeLabel, dedupePolicyLabel } from './channelLabels';
import type { Channel, Team } from './channels.types';

interface ChannelTableProps {
  channels: Channel[];
  teams: Team[];
  loading: boolean;
  canEdit: boolean;
  onEdit: (channel: Channel) => void;
  onWebhook: (channel: Channel) => void;
}

export function ChannelTable({ channels, teams, loading, canEdit, onEdit, onWebhook }: ChannelTableProps) {
  const { t, locale } = useI18n();
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });

  const columns: TableProps<Channel>['columns'] = [
    { key: 'name', title: t('channels.column.name'), dataIndex: 'name' },
    {
      key: 'type',
      title: t('channels.column.type'),
      render: (_, channel) => (
        <Tag color={channel.type === 'ad_webhook' ? 'purple' : 'default'}>{t(channelTypeLabel[channel.type])}</Tag>
      ),
    },
    {
      key: 'campaign',
      title: t('channels.column.campaign'),
      render: (_, channel) => channel.campaign ?? t('common.none'),
    },
    {
      key: 'ownerTeam',
      title: t('channels.column.ownerTeam'),
      render: (_, channel) =>
        channel.ownerTeamId ? (teamNames.get(channel.ownerTeamId) ?? channel.ownerTeamId) : t('common.none'),
    },
    {
      key: 'monthlyCost',
      title: t('channels.column.monthlyCost'),
      align: 'right',
      render: (_, channel) => money.format(channel.monthlyCost),
    },
    {
      key: 'dedupePolicy',
      title: t('channels.column.dedupePolicy'),
      render: (_, channel) => t(dedupePolicyLabel[channel.dedupePolicy]),
    },
    {
      key: 'active',
      title: t('channels.column.active'),
      render: (_, channel) =>
        channel.active ? <Tag color="success">{t('channels.active')}</Tag> : <Tag>{t('channels.inactive')}</Tag>,
    },
    {
      key: 'actions',
      title: t('channels.column.actions'),
      render: (_, channel) => (
        <Space size={0}>
          {canEdit && (
            <Button type="link" size="small" onClick={() => onEdit(channel)} data-testid={`edit-channel-${channel.id}`}>
              {t('channels.edit')}
            </Button>
          )}
          {channel.type === 'ad_webhook' && (
            <Button
              type="link"
              size="small"
              onClick={() => onWebhook(channel)}
              data-testid={`channel-webhook-${channel.id}`}
            >
              {t('channels.webhook')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<Channel>
      data-testid="channel-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={channels}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(channel) => (channel.active ? '' : 'clew-row-muted')}
      locale={{ emptyText: <Typography.Text type="secondary">{t('channels.empty')}</Typography.Text> }}
    />
  );
}
