import { Alert, Card, Empty, Skeleton, Space, Timeline, Typography } from 'antd';
import type { TimelineProps } from 'antd';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { listUsers } from '../users/users.api';
import { getTimeline } from './activities.api';
import { timelineDetail, timelineLabel, timelineOwner } from './timelineLabel';

/**
 * Every event of the lead from /timeline, newest first: submissions, activities, assignments,
 * deadline steps, releases, reclaims and claims. `revision` reloads it after a change here.
 */
export function LeadTimeline({ leadId, revision }: { leadId: string; revision: string }) {
  const { t, formatDateTime } = useI18n();
  const timeline = useApiQuery(`${leadId}:${revision}`, (signal) => getTimeline(leadId, signal));
  // Names are a convenience: a caller who may not list users sees the owner change without them.
  const users = useApiQuery('timeline-users', (signal) => listUsers(signal).catch(() => ({ items: [] })));
  const nameOf = (id: string) => users.data?.items.find((user) => user.id === id)?.name ?? null;
  const items = timeline.data?.items ?? [];

  const timelineItems: TimelineProps['items'] = items.map((item) => {
    const { title, tone } = timelineLabel(item, t);
    const detail = timelineDetail(item);
    const ownerId = timelineOwner(item);
    const owner = ownerId ? nameOf(ownerId) : null;
    return {
      key: `${item.kind}:${item.id}`,
      color: tone,
      content: (
        <Space orientation="vertical" size={0} data-testid="timeline-item" data-kind={item.kind} data-type={item.type}>
          <Typography.Text strong>
            {title}
            {owner && <Typography.Text type="secondary"> → {owner}</Typography.Text>}
          </Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(item.at)}</Typography.Text>
          {detail && <Typography.Text>{detail}</Typography.Text>}
        </Space>
      ),
    };
  });

  return (
    <Card title={t('timeline.title')} size="small" data-testid="lead-timeline">
      {timeline.error !== undefined ? (
        <Alert type="error" showIcon title={describeError(timeline.error, t)} />
      ) : timeline.loading && !timeline.data ? (
        <Skeleton active />
      ) : timelineItems.length === 0 ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <Timeline items={timelineItems} />
      )}
    </Card>
  );
}
