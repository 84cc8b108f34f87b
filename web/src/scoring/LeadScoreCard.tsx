import { Alert, Card, Divider, Flex, Progress, Statistic, Tooltip, Typography } from 'antd';
import type { Lead } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { FactorBars } from './FactorBars';
import { formatProbability } from './GradeTag';
import { GRADE_LOOK, urgencyLabel } from './scoringLabels';

/** A lead's grade and score, win probability, urgency and why: the factors that moved the score. */
export function LeadScoreCard({ lead }: { lead: Lead }) {
  const t = useT();
  const look = GRADE_LOOK[lead.grade];
  return (
    <Card size="small" title={t('leadScore.title')} data-testid="lead-score">
      <Flex vertical gap="middle">
        <Flex gap="large" align="center" wrap>
          <Tooltip title={t('scoring.gradeTitle', { grade: lead.grade })}>
            <Progress
              type="circle"
              size={72}
              percent={lead.score}
              strokeColor={look.hex}
              format={() => (
                <span
                  style={{ color: look.hex, fontWeight: 600 }}
                  data-testid="lead-score-grade"
                  data-grade={lead.grade}
                >
                  {lead.grade}
                </span>
              )}
            />
          </Tooltip>
          <Statistic title={t('leadScore.score')} value={lead.score} suffix="/ 100" data-testid="lead-score-value" />
          <Statistic
            title={t('leadScore.winProbability')}
            value={lead.winProbability === null ? t('common.none') : formatProbability(lead.winProbability)}
            data-testid="lead-score-probability"
          />
        </Flex>
        {lead.winProbability === null && <Typography.Text type="secondary">{t('leadScore.noModel')}</Typography.Text>}
        {lead.urgency !== 'normal' && (
          <Alert
            type={lead.urgency === 'critical' ? 'error' : 'warning'}
            showIcon
            title={t(urgencyLabel[lead.urgency])}
            description={lead.urgencyReason ?? undefined}
            data-testid="lead-score-urgency"
            data-urgency={lead.urgency}
          />
        )}
        <Divider titlePlacement="start" plain style={{ margin: 0 }}>
          {t('leadScore.factors')}
        </Divider>
        <FactorBars factors={lead.scoreFactors} testId="lead-score-factors" />
      </Flex>
    </Card>
  );
}
