import { Alert, App, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { HandOverModal } from './HandOverModal';
import { RepEditModal } from './RepEditModal';
import type { RoutingTeam, RoutingUser } from './routing.types';
import { TeamEditModal } from './TeamEditModal';
import type { RoutingDirectory } from './useRoutingDirectory';

const limit = (value: number | null, none: string) => (value === null ? none : String(value));

/** How each team deals its leads and each rep's routing profile, open leads and hand-over. */
export function TeamsRepsTab({ directory }: { directory: RoutingDirectory }) {
  const t = useT();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const { teams, users } = directory;
  const [editingTeam, setEditingTeam] = useState<RoutingTeam | null>(null);
  const [editingRep, setEditingRep] = useState<RoutingUser | null>(null);
  const [leaving, setLeaving] = useState<RoutingUser | null>(null);
  const teamName = new Map((teams.data?.items ?? []).map((team) => [team.id, team.name]));
  const reps = (users.data?.items ?? []).filter((user) => user.role === 'rep' || user.role === 'manager');
  const error = teams.error ?? users.error;

  return (
    <Flex vertical gap="middle">
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Card size="small" title={t('routing.teams')}>
        <Table<RoutingTeam>
          size="small"
          rowKey="id"
          pagination={false}
          loading={teams.loading && !teams.data}
          dataSource={teams.data?.items ?? []}
          data-testid="routing-teams"
          columns={[
            { title: t('routing.team.name'), dataIndex: 'name' },
            {
              title: t('routing.team.strategy'),
              render: (_, team) => <Tag color="blue">{t(`routing.strategy.${team.routingStrategy}`)}</Tag>,
            },
            {
              title: t('routing.team.allowOffHours'),
              render: (_, team) => (team.allowOffHours ? t('scoring.value.yes') : t('scoring.value.no')),
            },
            {
              title: t('routing.team.defaultCapacity'),
              align: 'right',
              render: (_, team) => limit(team.defaultCapacity, t('routing.unlimited')),
            },
            {
              title: '',
              render: (_, team) => (
                <Button size="small" onClick={() => setEditingTeam(team)} data-testid={`routing-team-edit-${team.id}`}>
                  {t('routing.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('routing.reps')}>
        <Table<RoutingUser>
          size="small"
          rowKey="id"
          pagination={false}
          loading={users.loading && !users.data}
          dataSource={reps}
          data-testid="routing-reps"
          scroll={{ x: true }}
          columns={[
            {
              title: t('routing.rep.name'),
              render: (_, rep) => (
                <Flex vertical>
                  <Typography.Text>{rep.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {rep.teamId ? (teamName.get(rep.teamId) ?? '') : t('common.none')}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('routing.rep.skills'),
              render: (_, rep) => rep.skills.map((skill) => <Tag key={skill}>{skill}</Tag>),
            },
            {
              title: t('routing.rep.openLeads'),
              align: 'right',
              render: (_, rep) => (
                <span data-testid={`routing-rep-open-${rep.id}`}>
                  {rep.openLeads ?? 0} / {limit(rep.capacity, '∞')}
                </span>
              ),
            },
            {
              title: t('routing.rep.maxNewPerDay'),
              align: 'right',
              render: (_, rep) => limit(rep.maxNewPerDay, '∞'),
            },
            { title: t('routing.rep.weight'), dataIndex: 'routingWeight', align: 'right' },
            {
              title: t('routing.rep.state'),
              render: (_, rep) => (
                <Space size={4}>
                  {!rep.active && <Tag>{t('routing.rep.inactive')}</Tag>}
                  {rep.onLeave && <Tag color="orange">{t('routing.rep.onLeave')}</Tag>}
                  {rep.active && !rep.onLeave && <Tag color="green">{t('routing.rep.available')}</Tag>}
                  {rep.calendar && <Tag color="cyan">{rep.calendar.timeZone}</Tag>}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, rep) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditingRep(rep)} data-testid={`routing-rep-edit-${rep.id}`}>
                    {t('routing.edit')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    // Handing over one's own leads is another manager's call.
                    disabled={!rep.active || rep.id === me?.id}
                    onClick={() => setLeaving(rep)}
                    data-testid={`routing-rep-hand-over-${rep.id}`}
                  >
                    {t('routing.handOver.action')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editingTeam && (
        <TeamEditModal
          team={editingTeam}
          catalog={directory.catalog}
          onClose={() => setEditingTeam(null)}
          onSaved={() => {
            setEditingTeam(null);
            teams.reload();
            message.success(t('routing.team.saved'));
          }}
        />
      )}
      {editingRep && (
        <RepEditModal
          rep={editingRep}
          onClose={() => setEditingRep(null)}
          onSaved={() => {
            setEditingRep(null);
            users.reload();
            message.success(t('routing.rep.saved'));
          }}
        />
      )}
      {leaving && (
        <HandOverModal
          rep={leaving}
          onClose={() => setLeaving(null)}
          onDone={(result) => {
            setLeaving(null);
            users.reload();
            message.success(t('routing.handOver.done', { moved: result.moved, toPool: result.toPool }));
          }}
        />
      )}
    </Flex>
  );
}
