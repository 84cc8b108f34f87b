import { Alert, Card, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { TimelineProps } from 'antd';
import { describeError } from '../api/errorMessage';
import type { Touch } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { listTouches } from './leads.api';
import styles from './LeadTouchesTimeline.module.css';

function payloadEntries(payload: Record<string, unknown>): [string, string][] {
  return Object.entries(payload)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]);
}

function TouchPayload({ payload }: { payload: Record<string, unknown> }) {
  const entries = payloadEntries(payload);
  if (entries.length === 0) return null;
  return (
    <dl className={styles.payload}>
      {entries.map(([name, value]) => (
        <div key={name} className={styles.payloadRow}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LeadTouchesTimeline({ leadId, touchCount }: { leadId: string; touchCount: number }) {
  const { t, formatDateTime } = useI18n();
  // touchCount is part of the key so a merged duplicate arriving later shows up after a refresh.
  const touches = useApiQuery(`${leadId}:${touchCount}`, (signal) => listTouches(leadId, signal));
  const items = touches.data?.items ?? [];

  const timelineItems: TimelineProps['items'] = items.map((touch: Touch, index) => {
    const isCreation = index === items.length - 1;
    return {
      key: touch.id,
      color: isCreation ? 'green' : 'blue',
      // No `title`: a title column would squeeze the payload into half of a narrow card.
      content: (
        <Space orientation="vertical" size={2} className={styles.touch}>
          <Typography.Text strong>
            {isCreation ? t('leadDetail.touchCreated') : t('leadDetail.touchRepeat')}
          </Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(touch.receivedAt)}</Typography.Text>
          <Space size={4} wrap>
            <Tag>{t('leadDetail.touchSource', { source: touch.source })}</Tag>
            {touch.channel && <Tag>{t('leadDetail.touchChannel', { channel: touch.channel })}</Tag>}
          </Space>
          <TouchPayload payload={touch.payload} />
        </Space>
      ),
    };
  });

  return (
    <Card title={t('leadDetail.touches')} data-testid="lead-touches">
      {touches.error !== undefined ? (
        <Alert type="error" showIcon title={describeError(touches.error, t)} />
      ) : touches.loading && !touches.data ? (
        <Skeleton active />
      ) : timelineItems.length === 0 ? (
        <Empty description={t('leadDetail.touchesEmpty')} />
      ) : (
        <Timeline items={timelineItems} />
      )}
    </Card>
  );
}
