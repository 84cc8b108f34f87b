import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { useLeadEvent } from '../realtime/leadEvents';
import { getBoard } from './board.api';
import type { Board, BoardMetrics } from './board.types';
import { METRIC_NAMES } from './board.types';
import { MetricCell } from './MetricCell';
import { TouchRateChart } from './TouchRateChart';

const REFRESH_MS = 30_000;
// A burst of events (a batch import dealing fifty leads) is one reload, not fifty.
const EVENT_SETTLE_MS = 1_000;

interface Row {
  key: string;
  kind: 'rep' | 'team' | 'total';
  name: string;
  metrics: BoardMetrics;
}

/** Teams in the order the server sends (a team, then those below it), indented by depth. */
function teamOptions(teams: Board['teams']) {
  const depth = new Map<string, number>();
  return teams.map((team) => {
    const level = team.parentId ? (depth.get(team.parentId) ?? 0) + 1 : 0;
    depth.set(team.id, level);
    return { value: team.id, label: `${'\u00a0\u00a0'.repeat(level)}${team.name}` };
  });
}

/** The red / amber / green process board: reps, their teams and the totals, refreshed as work happens. */
export function BoardPage() {
  const { t, locale } = useI18n();
  const [teamId, setTeamId] = useState<string | null>(null);
  const board = useApiQuery(`board-${teamId ?? 'all'}`, (signal) => getBoard(teamId, signal));
  const { reload } = board;

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);
  const settle = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(settle.current), []);
  const soon = () => {
    window.clearTimeout(settle.current);
    settle.current = window.setTimeout(reload, EVENT_SETTLE_MS);
  };
  useLeadEvent('lead.assigned', soon);
  useLeadEvent('lead.touched', soon);
  useLeadEvent('lead.urgent', soon);

  const data = board.data;
  const rows: Row[] = data
    ? [
        ...data.reps.map((rep) => ({
          key: `rep-${rep.userId}`,
          kind: 'rep' as const,
          name: rep.name,
          metrics: rep.metrics,
        })),
        ...data.teamRows.map((team) => ({
          key: `team-${team.teamId}`,
          kind: 'team' as const,
          name: t('board.teamRow', { name: team.name }),
          metrics: team.metrics,
        })),
        { key: 'total', kind: 'total', name: t('board.totals'), metrics: data.totals },
      ]
    : [];
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('board.title')}
        </Typography.Title>
        <Flex gap="small" align="center" wrap>
          {data && data.teams.length > 0 && (
            <Select
              value={teamId ?? ''}
              onChange={(value: string) => setTeamId(value || null)}
              options={[{ value: '', label: t('board.allTeams') }, ...teamOptions(data.teams)]}
              style={{ minWidth: 200 }}
              aria-label={t('board.team')}
              data-testid="board-team"
            />
          )}
          <Typography.Text type="secondary" data-testid="board-updated">
            {data ? t('board.updated', { time: time.format(new Date(data.at)) }) : ''}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={reload} loading={board.loading}>
            {t('board.refresh')}
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t('board.hint')}</Typography.Text>
      {board.error !== undefined && <Alert type="error" showIcon title={describeError(board.error, t)} />}
      <Table<Row>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={board.loading && !data}
        dataSource={rows}
        data-testid="board-table"
        onRow={(row) => ({ 'data-kind': row.kind }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('board.rep'),
            dataIndex: 'name',
            fixed: 'left',
            render: (name: string, row) =>
              row.kind === 'rep' ? name : <Typography.Text strong>{name}</Typography.Text>,
          },
          ...METRIC_NAMES.map((name) => ({
            key: name,
            title: t(`board.metric.${name}`),
            render: (_: unknown, row: Row) => <MetricCell name={name} metrics={row.metrics} />,
          })),
        ]}
      />
      {data && data.reps.length > 0 && (
        <Card size="small" title={t('board.chartTitle')}>
          <TouchRateChart reps={data.reps} />
        </Card>
      )}
    </Flex>
  );
}
