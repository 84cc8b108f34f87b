import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Card, Divider, Empty, Flex, Spin, Statistic, Tag, Typography } from 'antd';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import { FactorBars } from './FactorBars';
import { GradeCountsChart } from './GradeCountsChart';
import { GradeTag } from './GradeTag';
import type { PreviewState } from './useScoringPreview';

interface ScoringPreviewPanelProps {
  preview: PreviewState;
  /** The draft has mistakes, so it is not being previewed. */
  invalid: boolean;
}

/** What the unsaved draft would do: how many leads change grade, where they go, and examples why. */
export function ScoringPreviewPanel({ preview, invalid }: ScoringPreviewPanelProps) {
  const t = useT();
  const { data, error, updating } = preview;

  let body;
  if (!data) {
    body = error === undefined && !invalid ? <Spin /> : <Empty description={t('scoring.preview.none')} />;
  } else {
    const moved = data.transitions.filter((transition) => transition.from !== transition.to && transition.count > 0);
    body = (
      <Flex vertical gap="small">
        <Statistic
          title={t('scoring.preview.changed')}
          value={data.changed}
          suffix={`/ ${data.evaluated}`}
          data-testid="scoring-preview-changed"
          data-changed={data.changed}
        />
        <Typography.Text type="secondary" data-testid="scoring-preview-summary">
          {data.changed === 0
            ? t('scoring.preview.noChange')
            : t('scoring.preview.wouldChange', { count: data.changed })}
          {data.evaluated < data.total &&
            ` ${t('scoring.preview.sampled', { evaluated: data.evaluated, total: data.total })}`}
        </Typography.Text>
        {moved.length > 0 && (
          <Flex gap={6} wrap data-testid="scoring-preview-transitions">
            {moved.map(({ from, to, count }) => (
              <Tag key={`${from}${to}`}>
                {from} <ArrowRightOutlined /> {to} × {count}
              </Tag>
            ))}
          </Flex>
        )}
        <GradeCountsChart counts={data.gradeCounts} />
        {data.examples.length > 0 && (
          <>
            <Divider titlePlacement="start" plain style={{ margin: '4px 0' }}>
              {t('scoring.preview.examples')}
            </Divider>
            <Flex vertical gap="middle" data-testid="scoring-preview-examples">
              {data.examples.map((example) => (
                <Flex vertical gap={4} key={example.id} data-testid={`scoring-preview-example-${example.id}`}>
                  <Flex gap="small" align="center" wrap>
                    <Link to={`/leads/${encodeURIComponent(example.id)}`}>{example.name}</Link>
                    {example.company && <Typography.Text type="secondary">{example.company}</Typography.Text>}
                    <GradeTag grade={example.from.grade} score={example.from.score} />
                    <ArrowRightOutlined />
                    <GradeTag grade={example.to.grade} score={example.to.score} />
                  </Flex>
                  <FactorBars factors={example.factors} />
                </Flex>
              ))}
            </Flex>
          </>
        )}
      </Flex>
    );
  }

  return (
    <Card
      size="small"
      title={t('scoring.preview.title')}
      extra={updating && !invalid ? <Spin size="small" /> : null}
      data-testid="scoring-preview"
      data-updating={updating && !invalid}
    >
      {invalid && <Alert type="warning" showIcon title={t('scoring.preview.invalid')} style={{ marginBottom: 12 }} />}
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 12 }} />
      )}
      {body}
    </Card>
  );
}
