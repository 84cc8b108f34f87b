import { Alert, Button, Col, Flex, Result, Row, Spin, Typography } from 'antd';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import { DealHistoryCard } from './DealHistoryCard';
import { DealRequirementsCard } from './DealRequirementsCard';
import { DealStageBar } from './DealStageBar';
import { DealTasksCard } from './DealTasksCard';
import { dealTasks, getDeal, listPipelines, type Deal } from './deals.api';

/** One deal: its stage and the gate ahead, the requirement elements, the stage tasks and the stays. */
export function DealDetailPage({ dealId }: { dealId: string }) {
  const t = useT();
  const deal = useApiQuery(`deal:${dealId}`, (signal) => getDeal(dealId, signal));
  const tasks = useApiQuery(`deal-tasks:${dealId}`, (signal) => dealTasks(dealId, signal));
  const pipelines = useApiQuery('pipelines', listPipelines);

  if (isApiError(deal.error, 404)) return <Result status="404" title={t('deals.notFound')} />;
  if (deal.error !== undefined)
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={describeError(deal.error, t)}
        action={<Button onClick={deal.reload}>{t('common.retry')}</Button>}
      />
    );
  const current = deal.data;
  const pipeline = pipelines.data?.find((candidate) => candidate.id === current?.pipelineId);
  if (!current || !pipeline) return <Spin />;

  const refresh = (next: Deal) => {
    deal.setData(next);
    tasks.reload();
  };
  const titles = new Map((tasks.data?.items ?? []).map((task) => [task.key, task.title]));

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="deal-name">
          {current.name}
        </Typography.Title>
        <Link to={`/leads/${current.leadId}`}>{t('deals.lead')}</Link>
      </Flex>
      <DealStageBar
        key={current.stageId}
        deal={current}
        pipeline={pipeline}
        onMoved={refresh}
        taskTitle={(key) => titles.get(key) ?? key}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <DealRequirementsCard key={current.updatedAt} deal={current} onSaved={refresh} />
        </Col>
        <Col xs={24} lg={12}>
          <DealTasksCard tasks={tasks.data?.items ?? []} onChanged={tasks.reload} />
        </Col>
      </Row>
      <DealHistoryCard history={current.stageHistory} />
    </Flex>
  );
}
