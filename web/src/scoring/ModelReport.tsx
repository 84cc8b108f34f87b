import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Skeleton, Spin, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { activateModel, getModel } from './scoring.api';
import type { ModelMetrics, ScoringModel } from './scoring.types';
import type { Translate } from '../i18n/translate';
import { CalibrationChart, ImportanceChart, LiftChart } from './ModelCharts';
import { modelStatusLabel } from './scoringLabels';

const STATUS_TAG = { training: 'processing', ready: 'success', failed: 'error' } as const;

const SPLIT_LABEL = {
  time: 'scoring.report.split.time',
  random: 'scoring.report.split.random',
  given: 'scoring.report.split.given',
} as const;

/** How the held-out leads were chosen, and their win rate. */
function holdoutHint(metrics: ModelMetrics, t: Translate): string {
  const parts = [t(metrics.split ? SPLIT_LABEL[metrics.split] : 'scoring.report.nHoldoutHint')];
  const rate = metrics.holdoutBaseRate ?? metrics.baseRate;
  if (typeof rate === 'number') parts.push(t('scoring.report.baseRate', { rate: `${Math.round(rate * 100)}%` }));
  return parts.join(' · ');
}

function Metric({
  title,
  value,
  hint,
  testId,
}: {
  title: string;
  value: string | number;
  hint: string;
  testId: string;
}) {
  return (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic title={title} value={value} data-testid={testId} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      </Card>
    </Col>
  );
}

/** One model version's honest evaluation on the held-out leads, and the switch to make it score. */
export function ModelReport({ model, onActivated }: { model: ScoringModel; onActivated: () => void }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  // Keyed by status too, so the report loads again once training ends.
  const report = useApiQuery(`${model.id}:${model.status}`, (signal) => getModel(model.id, signal));
  const [activating, setActivating] = useState(false);
  const data = report.data?.id === model.id ? report.data : undefined;

  const activate = async () => {
    setActivating(true);
    try {
      await activateModel(model.id);
      message.success(t('scoring.model.activated', { version: model.version }));
      onActivated();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setActivating(false);
    }
  };

  let body;
  if (model.status === 'training') {
    body = (
      <Spin tip={t('scoring.model.training')}>
        <div style={{ height: 80 }} />
      </Spin>
    );
  } else if (model.status === 'failed') {
    body = <Alert type="error" showIcon title={t('scoring.model.failed')} description={model.error ?? undefined} />;
  } else if (report.error !== undefined && !data) {
    body = (
      <Alert
        type="error"
        showIcon
        title={describeError(report.error, t)}
        action={<Button onClick={report.reload}>{t('common.retry')}</Button>}
      />
    );
  } else if (!data) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else {
    const metrics = data.metrics;
    body = (
      <Flex vertical gap="middle">
        {metrics && (
          <Row gutter={[12, 12]}>
            <Metric
              title="AUC"
              value={metrics.auc.toFixed(3)}
              hint={t('scoring.report.aucHint')}
              testId="scoring-metric-auc"
            />
            <Metric
              title="Brier"
              value={metrics.brier.toFixed(3)}
              hint={
                typeof metrics.brierBaseline === 'number'
                  ? t('scoring.report.brierBaseline', { baseline: metrics.brierBaseline.toFixed(3) })
                  : t('scoring.report.brierHint')
              }
              testId="scoring-metric-brier"
            />
            <Metric
              title={t('scoring.report.nTrain')}
              value={metrics.nTrain}
              hint={t('scoring.report.nTrainHint')}
              testId="scoring-metric-ntrain"
            />
            <Metric
              title={t('scoring.report.nHoldout')}
              value={metrics.nHoldout}
              hint={holdoutHint(metrics, t)}
              testId="scoring-metric-nholdout"
            />
          </Row>
        )}
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <CalibrationChart bins={data.calibration} />
          </Col>
          <Col xs={24} lg={12}>
            <LiftChart deciles={data.lift} />
          </Col>
        </Row>
        <ImportanceChart features={data.features} />
      </Flex>
    );
  }

  return (
    <Card
      size="small"
      data-testid={`scoring-model-report-${model.id}`}
      title={
        <Flex gap="small" align="center" wrap>
          {t('scoring.model.version', { version: model.version })}
          <Tag color={STATUS_TAG[model.status]}>{t(modelStatusLabel[model.status])}</Tag>
          {model.active && (
            <Tag icon={<CheckCircleOutlined />} color="green">
              {t('scoring.model.active')}
            </Tag>
          )}
        </Flex>
      }
      extra={
        model.status === 'ready' && !model.active ? (
          <Button
            type="primary"
            onClick={() => void activate()}
            loading={activating}
            data-testid="scoring-model-activate"
          >
            {t('scoring.model.activate')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">
          {t('scoring.model.trainedAt', { at: formatDateTime(model.finishedAt ?? model.createdAt) })}
          {model.exclude.length > 0 && ` · ${t('scoring.model.excluded', { fields: model.exclude.join(', ') })}`}
        </Typography.Text>
        {body}
      </Flex>
    </Card>
  );
}
