import { SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Lead } from '../api/types';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { AssignmentHistory } from './AssignmentHistory';
import { exclusionLabel, strategyLabel } from './assignmentLabels';
import { getAssignment, getRuleSet, listAssignments, listRoutingTeams, listRoutingUsers } from './routing.api';
import type { Assignment, Candidate } from './routing.types';
import { ReassignModal } from './ReassignModal';

type Factors = Record<string, { tags: number; conversion: number; load: number; response: number; shrunkRate: number }>;

const none = { items: [] };

/** Loads what the explanation names things by; a role that may not list something just sees ids. */
function useExplanation(lead: Lead, leadsRules: boolean) {
  const key = `${lead.id}-${lead.ownerId ?? 'pool'}`;
  const current = useApiQuery(`assignment-${key}`, (signal) => getAssignment(lead.id, signal));
  const history = useApiQuery(`assignments-${key}`, (signal) => listAssignments(lead.id, signal));
  const users = useApiQuery('assignment-users', (signal) => listRoutingUsers(signal).catch(() => none));
  const teams = useApiQuery('assignment-teams', (signal) => listRoutingTeams(signal).catch(() => none));
  const version = current.data?.ruleSetVersion ?? 0;
  const ruleSet = useApiQuery(`assignment-rule-set-${version}-${leadsRules}`, (signal) =>
    leadsRules && version > 0 ? getRuleSet(version, signal).catch(() => null) : Promise.resolve(null),
  );
  return { current, history, users, teams, ruleSet };
}

/** "Why this rep": the rule set and rule that matched, the strategy, every candidate and why any was passed over. */
export function LeadAssignmentCard({ lead, onReassigned }: { lead: Lead; onReassigned: (lead: Lead) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const leads = user?.role === 'admin' || user?.role === 'manager';
  const { current, history, users, teams, ruleSet } = useExplanation(lead, leads);
  const [reassigning, setReassigning] = useState(false);
  const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
  // A rep may not list users, but the lead itself names its owner.
  if (lead.ownerId && lead.ownerName && !names.has(lead.ownerId)) names.set(lead.ownerId, lead.ownerName);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : t('common.none'));
  const teamName = (id: string | null) =>
    id ? ((teams.data?.items ?? []).find((team) => team.id === id)?.name ?? id.slice(0, 8)) : t('common.none');

  const why: Assignment | undefined = current.data;
  const factors = why?.details.factors as Factors | undefined;
  const ruleName = why?.ruleId
    ? (ruleSet.data?.rules.find((rule) => rule.id === why.ruleId)?.name ?? why.ruleId)
    : t('routing.why.noRule');
  const affinityOwner = typeof why?.details.affinityOwnerId === 'string' ? why.details.affinityOwnerId : null;
  const factorLine = (f: Factors[string]) =>
    (['tags', 'conversion', 'load', 'response'] as const)
      .map((name) => `${t(`routing.weight.${name}`)} ${f[name].toFixed(2)}`)
      .join(' · ');
  const fallback = why?.details.fallbackFrom as { userId: string; excluded: string } | undefined;

  let body;
  if (current.error !== undefined && !why) {
    body = isApiError(current.error, 404) ? (
      <Typography.Text type="secondary">{t('routing.why.none')}</Typography.Text>
    ) : (
      <Alert type="error" showIcon title={describeError(current.error, t)} />
    );
  } else if (!why) {
    body = <Skeleton active paragraph={{ rows: 3 }} />;
  } else {
    body = (
      <Flex vertical gap="middle">
        <Descriptions size="small" column={1} data-testid="lead-assignment-summary">
          <Descriptions.Item label={t('routing.why.how')}>{t(`routing.kind.${why.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('routing.why.version')}>
            {why.ruleSetVersion === null
              ? t('common.none')
              : why.ruleSetVersion === 0
                ? t('routing.why.builtIn')
                : `v${why.ruleSetVersion}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('routing.why.rule')}>
            <span data-testid="lead-assignment-rule">{ruleName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('routing.why.team')}>{teamName(why.teamId)}</Descriptions.Item>
          <Descriptions.Item label={t('routing.why.strategy')}>{strategyLabel(why.strategy, t)}</Descriptions.Item>
          <Descriptions.Item label={t('routing.why.chosen')}>
            <span data-testid="lead-assignment-chosen">
              {why.chosenUserId ? nameOf(why.chosenUserId) : t('routing.why.toPool')}
            </span>
          </Descriptions.Item>
          {why.reason && <Descriptions.Item label={t('routing.reason')}>{why.reason}</Descriptions.Item>}
        </Descriptions>
        {affinityOwner && (
          <Alert
            type={why.details.flagged ? 'warning' : 'info'}
            showIcon
            title={t(why.details.flagged ? 'routing.why.flagged' : 'routing.why.affinity', {
              name: nameOf(affinityOwner),
            })}
          />
        )}
        {fallback && (
          <Alert
            type="info"
            showIcon
            title={t('routing.why.fallback', {
              name: nameOf(fallback.userId),
              reason: exclusionLabel(fallback.excluded, t),
            })}
          />
        )}
        {why.candidates.length > 0 && (
          <Table<Candidate>
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={why.candidates}
            data-testid="lead-assignment-candidates"
            columns={[
              {
                title: t('routing.sim.rep'),
                // The card is narrow: the best-fit factors go under the name rather than in a column of their own.
                render: (_, c) => (
                  <Flex vertical>
                    <Typography.Text style={{ whiteSpace: 'nowrap' }}>{nameOf(c.userId)}</Typography.Text>
                    {factors?.[c.userId] && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {factorLine(factors[c.userId]!)}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              { title: t('routing.why.score'), align: 'right', render: (_, c) => c.score.toFixed(3) },
              {
                title: t('routing.why.outcome'),
                render: (_, c) =>
                  c.userId === why.chosenUserId ? (
                    <Tag color="green">{t('routing.why.picked')}</Tag>
                  ) : c.excluded ? (
                    <Tag color="orange" data-excluded={c.excluded}>
                      {exclusionLabel(c.excluded, t)}
                    </Tag>
                  ) : (
                    <Tag>{t('routing.why.eligible')}</Tag>
                  ),
              },
            ]}
          />
        )}
        <Typography.Text strong>{t('routing.why.history')}</Typography.Text>
        <AssignmentHistory items={history.data?.items ?? []} nameOf={nameOf} />
      </Flex>
    );
  }

  return (
    <Card
      size="small"
      title={t('routing.why.title')}
      data-testid="lead-assignment"
      extra={
        leads && (
          <Button size="small" icon={<SwapOutlined />} onClick={() => setReassigning(true)} data-testid="lead-reassign">
            {t('routing.reassign.action')}
          </Button>
        )
      }
    >
      {body}
      {reassigning && (
        <ReassignModal
          lead={lead}
          users={users.data?.items ?? []}
          onClose={() => setReassigning(false)}
          onDone={(next) => {
            setReassigning(false);
            onReassigned(next);
            message.success(t('routing.reassign.done', { name: nameOf(next.ownerId) }));
          }}
        />
      )}
    </Card>
  );
}
