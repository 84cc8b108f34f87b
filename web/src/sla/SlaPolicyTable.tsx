import { Button, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { channelTypeLabel } from '../channels/channelLabels';
import type { Team } from '../channels/channels.types';
import { useT } from '../i18n/I18nProvider';
import { urgencyLabel } from '../scoring/scoringLabels';
import { SLA_TARGETS } from './sla.types';
import type { SlaPolicy } from './sla.types';
import { actionLabel, targetLabel } from './slaLabels';
import { splitDuration } from './slaPolicyForm';
import type { MessageKey } from '../i18n/zh-CN';

interface SlaPolicyTableProps {
  policies: SlaPolicy[];
  teams: Team[];
  loading: boolean;
  canEdit: boolean;
  onEdit: (policy: SlaPolicy) => void;
}

const shortUnit: Record<ReturnType<typeof splitDuration>['unit'], MessageKey> = {
  seconds: 'sla.unitShort.seconds',
  minutes: 'sla.unitShort.minutes',
  hours: 'sla.unitShort.hours',
  days: 'sla.unitShort.days',
};

export function SlaPolicyTable({ policies, teams, loading, canEdit, onEdit }: SlaPolicyTableProps) {
  const t = useT();
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  const duration = (seconds: number) => {
    const { amount, unit } = splitDuration(seconds);
    return t(shortUnit[unit], { n: amount });
  };

  const scopeOf = (policy: SlaPolicy) => {
    const { grades, urgencies, channelTypes, channelIds, teamIds } = policy.when;
    const parts = [
      ...(grades ?? []).map((grade) => t('sla.scope.grade', { grade })),
      ...(urgencies ?? []).map((level) => t(urgencyLabel[level])),
      ...(channelTypes ?? []).map((type) => t(channelTypeLabel[type])),
      ...(teamIds ?? []).map((id) => teamName.get(id) ?? id),
      ...(channelIds?.length ? [t('sla.scope.channels', { n: channelIds.length })] : []),
    ];
    if (parts.length === 0) return t('sla.scope.all');
    return (
      <Space size={4} wrap>
        {parts.map((part) => (
          <Tag key={part}>{part}</Tag>
        ))}
      </Space>
    );
  };

  const columns: TableColumnsType<SlaPolicy> = [
    {
      title: t('sla.column.name'),
      key: 'name',
      render: (_, policy) => (
        <Space size={4} wrap>
          <Typography.Text strong>{policy.name}</Typography.Text>
          {!policy.active && <Tag>{t('sla.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('sla.column.priority'), dataIndex: 'priority', key: 'priority', width: 90 },
    { title: t('sla.column.scope'), key: 'scope', render: (_, policy) => scopeOf(policy) },
    {
      title: t('sla.column.targets'),
      key: 'targets',
      render: (_, policy) => (
        <Space size={4} wrap>
          {SLA_TARGETS.filter((name) => policy.targets[name]).map((name) => (
            <Tag key={name} color="blue">
              {t(targetLabel[name])} {duration(policy.targets[name]!.seconds)}
              {policy.targets[name]!.businessTime ? '' : ` · ${t('sla.clockTime')}`}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('sla.column.ladder'),
      key: 'ladder',
      render: (_, policy) => (
        <Space orientation="vertical" size={2}>
          {policy.ladder.reminders.length > 0 && (
            <Typography.Text type="secondary">
              {t('sla.remindAt', { list: policy.ladder.reminders.map((f) => `${Math.round(f * 100)}%`).join(' / ') })}
            </Typography.Text>
          )}
          <span>{policy.ladder.atDeadline.map((action) => t(actionLabel[action])).join(' → ')}</span>
          {SLA_TARGETS.filter((name) => policy.ladders[name]).map((name) => (
            <Typography.Text key={name} type="secondary">
              {t(targetLabel[name])}: {policy.ladders[name]!.atDeadline.map((a) => t(actionLabel[a])).join(' → ')}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, policy: SlaPolicy) => (
              <Button size="small" onClick={() => onEdit(policy)} data-testid={`edit-sla-${policy.name}`}>
                {t('sla.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Table<SlaPolicy>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={policies}
      columns={columns}
      pagination={false}
      locale={{ emptyText: t('sla.empty') }}
      scroll={{ x: 900 }}
    />
  );
}
