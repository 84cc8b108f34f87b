import { Alert, Card, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { TimelineProps } from 'antd';
import { describeError, isApiError } from '../api/errorMessage';
import type { LeadEvent } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { behaviourLook } from './behaviourLook';
import { summarizeBehaviour } from './behaviourSummary';
import styles from './LeadBehaviourCard.module.css';
import { listLeadEvents } from './leads.api';

/** Enough to read the recent story of a lead; older events matter to scoring, not to a person. */
const EVENT_LIMIT = 100;

function BehaviourEvent({ event }: { event: LeadEvent }) {
  const { t, formatDateTime, formatMonthDayTime } = useI18n();
  const look = behaviourLook(event.type);
  const label = look.label ? t(look.label) : event.type;
  const summary = summarizeBehaviour(event, { t, formatMonthDayTime });
  return (
    <div className={styles.event} data-event-type={event.type}>
      <div className={styles.head}>
        {look.tag ? (
          <Tag color={look.tag} icon={<look.icon />} className={styles.label}>
            {label}
          </Tag>
        ) : (
          <Typography.Text strong>
            <look.icon className={styles.icon} />
            {label}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" className={styles.time}>
          {formatDateTime(event.at)}
        </Typography.Text>
      </div>
      {summary && (
        <Typography.Text className={styles.summary} ellipsis={{ tooltip: summary }}>
          {summary}
        </Typography.Text>
      )}
    </div>
  );
}

export function LeadBehaviourCard({ leadId, touchCount }: { leadId: string; touchCount: number }) {
  const { t } = useI18n();
  // The page already reloads the lead on `lead.touched`; keying by the touch count makes this
  // card reload with it, without a second listener on the same event.
  const events = useApiQuery(`${leadId}:${touchCount}`, (signal) => listLeadEvents(leadId, EVENT_LIMIT, signal));
  const items = events.data?.items ?? [];

  const timelineItems: TimelineProps['items'] = items.map((event) => {
    const look = behaviourLook(event.type);
    return {
      key: event.id,
      // The type's icon sits next to its label: the timeline's dot box is too small to read it.
      color: look.dot,
      // No `title`: a title column would squeeze the summary into half of a narrow card.
      content: <BehaviourEvent event={event} />,
    };
  });

  let body;
  if (isApiError(events.error, 403)) {
    // A role that may not read events is not an error to retry; say so quietly.
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leadBehaviour.forbidden')} />;
  } else if (events.error !== undefined) {
    body = <Alert type="error" showIcon title={describeError(events.error, t)} />;
  } else if (events.loading && !events.data) {
    body = <Skeleton active />;
  } else if (timelineItems.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leadBehaviour.empty')} />;
  } else {
    body = (
      <div className={styles.scroll}>
        <Timeline items={timelineItems} />
        {items.length >= EVENT_LIMIT && (
          <Typography.Text type="secondary" className={styles.more}>
            {t('leadBehaviour.latestOnly', { count: EVENT_LIMIT })}
          </Typography.Text>
        )}
      </div>
    );
  }

  return (
    <Card title={t('leadBehaviour.title')} data-testid="lead-behaviour">
      {body}
    </Card>
  );
}
