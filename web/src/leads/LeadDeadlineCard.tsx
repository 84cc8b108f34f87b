import { Card, Descriptions, Empty, Timeline, Typography } from 'antd';
import type { Lead } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { SlaCountdown } from '../deadlines/SlaCountdown';
import { describeStep } from '../deadlines/slaStep';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import { getLeadDeadlines } from './activities.api';

/** The lead's next response deadline: which target, what happens when it passes, the time left, and the steps after it. */
export function LeadDeadlineCard({ lead }: { lead: Lead }) {
  const { t, formatDateTime } = useI18n();
  // The lead's row names the next step; the steps and their policy reload whenever it moves on.
  const steps = useApiQuery(`${lead.id}:${lead.slaDueAt}:${lead.slaStep}:${lead.updatedAt}`, (signal) =>
    lead.slaDueAt ? getLeadDeadlines(lead.id, signal) : Promise.resolve({ items: [] }),
  );
  const pending = steps.data?.items ?? [];
  const next = pending[0];
  const step = lead.slaStep ? describeStep(lead.slaStep, t) : null;
  const source = next?.source;
  const sourceName = source
    ? (source.name ?? t('deadline.card.deleted')) + (source.kind === 'pool' ? ` (${t('pool.nav')})` : '')
    : t('common.none');

  return (
    <Card title={t('deadline.card.title')} size="small" data-testid="lead-deadline-card">
      {lead.poolId ? (
        <Typography.Text data-testid="lead-in-pool">
          {t('deadline.card.inPool')} <Link to="/pool">{t('pool.nav')}</Link>
        </Typography.Text>
      ) : lead.slaDueAt ? (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('deadline.card.countdown')}>
              <SlaCountdown dueAt={lead.slaDueAt} step={lead.slaStep} testId="lead-detail-countdown" />
            </Descriptions.Item>
            <Descriptions.Item label={t('deadline.card.target')}>{step?.target ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('deadline.card.action')}>{step?.action ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('deadline.card.dueAt')}>{formatDateTime(lead.slaDueAt)}</Descriptions.Item>
            <Descriptions.Item label={t('deadline.card.policy')}>
              <span data-testid="lead-deadline-policy">{sourceName}</span>
            </Descriptions.Item>
          </Descriptions>
          {pending.length > 1 && (
            <>
              <Typography.Text type="secondary">{t('deadline.card.then')}</Typography.Text>
              <Timeline
                style={{ marginTop: 8 }}
                items={pending.slice(1).map((item) => {
                  const label = describeStep(item.step, t);
                  return {
                    key: item.id,
                    color: 'gray',
                    content: `${formatDateTime(item.dueAt)} · ${label.target} · ${label.action}`,
                  };
                })}
              />
            </>
          )}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadline.card.none')} />
      )}
    </Card>
  );
}
