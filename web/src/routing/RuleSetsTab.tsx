import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import type { ListResponse } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { createDraft, getRuleSet } from './routing.api';
import type { RuleSetStatus, RuleSetSummary, RuleSetView } from './routing.types';
import { RuleSetEditor } from './RuleSetEditor';
import type { RoutingDirectory } from './useRoutingDirectory';

export const STATUS_COLOR: Record<RuleSetStatus, string> = { draft: 'gold', published: 'green', retired: 'default' };

/** The version first shown: the draft being worked on, else the one in force. */
function preferred(items: readonly RuleSetSummary[]): number | null {
  return (
    (items.find((s) => s.status === 'draft') ?? items.find((s) => s.status === 'published') ?? items[0])?.version ??
    null
  );
}

/** Every rule-set version with its status; the chosen one opens in the builder. */
export function RuleSetsTab({
  directory,
  versions,
}: {
  directory: RoutingDirectory;
  versions: ApiQuery<ListResponse<RuleSetSummary>>;
}) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [chosen, setChosen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const items = versions.data?.items ?? [];
  const shown = chosen ?? preferred(items);
  const set = useApiQuery(`routing-rule-set-${shown ?? 'none'}`, (signal) =>
    shown === null ? Promise.resolve(null) : getRuleSet(shown, signal),
  );
  const hasDraft = items.some((s) => s.status === 'draft');

  const newDraft = async () => {
    setCreating(true);
    try {
      const created = await createDraft();
      versions.reload();
      setChosen(created.version);
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setCreating(false);
    }
  };
  const changed = (next: RuleSetView) => {
    set.setData(next);
    versions.reload();
  };

  if (versions.error !== undefined && !versions.data) {
    return <Alert type="error" showIcon title={describeError(versions.error, t)} />;
  }
  const teams = directory.teams.data?.items ?? [];
  const users = directory.users.data?.items ?? [];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={6}>
        <Card
          size="small"
          title={t('routing.versions')}
          extra={
            user?.role === 'admin' && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                loading={creating}
                disabled={hasDraft}
                title={hasDraft ? t('routing.draftExists') : undefined}
                onClick={() => void newDraft()}
                data-testid="routing-new-draft"
              >
                {t('routing.newDraft')}
              </Button>
            )
          }
        >
          <List
            loading={versions.loading && !versions.data}
            dataSource={items}
            locale={{ emptyText: t('routing.versions.empty') }}
            renderItem={(item) => (
              <List.Item
                onClick={() => setChosen(item.version)}
                style={{ cursor: 'pointer', background: item.version === shown ? 'rgba(22,119,255,0.06)' : undefined }}
                data-testid={`routing-version-${item.version}`}
              >
                <Flex vertical gap={2} style={{ width: '100%', paddingInline: 8 }}>
                  <Flex justify="space-between">
                    <Typography.Text strong>v{item.version}</Typography.Text>
                    <Tag color={STATUS_COLOR[item.status]}>{t(`routing.status.${item.status}`)}</Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('routing.ruleCount', { n: item.ruleCount })} ·{' '}
                    {formatDateTime(item.publishedAt ?? item.updatedAt)}
                  </Typography.Text>
                  {item.note && <Typography.Text style={{ fontSize: 12 }}>{item.note}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={18}>
        {set.error !== undefined ? (
          <Alert type="error" showIcon title={describeError(set.error, t)} />
        ) : set.data && set.data.version === shown ? (
          <RuleSetEditor
            key={`${set.data.version}-${set.data.status}-${set.data.updatedAt}`}
            set={set.data}
            catalog={directory.catalog}
            teams={teams}
            users={users}
            canEdit={user?.role === 'admin'}
            onChanged={changed}
          />
        ) : shown === null && !versions.loading ? (
          <Typography.Text type="secondary">{t('routing.builtIn')}</Typography.Text>
        ) : (
          <Skeleton active paragraph={{ rows: 6 }} />
        )}
      </Col>
    </Row>
  );
}
