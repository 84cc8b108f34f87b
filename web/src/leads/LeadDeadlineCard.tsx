import { Card, Descriptions, Empty, Typography } from 'antd';
import type { Lead } from '../api/types';
import { SlaCountdown } from '../deadlines/SlaCountdown';
import { describeStep } from '../deadlines/slaStep';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router/router';

/** The lead's next response deadline: which target, what happens when it passes, and the time left. */
export function LeadDeadlineCard({ lead }: { lead: Lead }) {
  const { t, formatDateTime } = useI18n();
  const step = lead.slaStep ? describeStep(lead.slaStep, t) : null;
  return (
    <Card title={t('deadline.card.title')} size="small" data-testid="lead-deadline-card">
      {lead.poolId ? (
        <Typography.Text data-testid="lead-in-pool">
          {t('deadline.card.inPool')} <Link to="/pool">{t('pool.nav')}</Link>
        </Typography.Text>
      ) : lead.slaDueAt ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('deadline.card.countdown')}>
            <SlaCountdown dueAt={lead.slaDueAt} step={lead.slaStep} testId="lead-detail-countdown" />
          </Descriptions.Item>
          <Descriptions.Item label={t('deadline.card.target')}>{step?.target ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('deadline.card.action')}>{step?.action ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('deadline.card.dueAt')}>{formatDateTime(lead.slaDueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('deadline.card.step')}>
            <Typography.Text code>{lead.slaStep}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadline.card.none')} />
      )}
    </Card>
  );
}
