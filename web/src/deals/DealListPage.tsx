import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import { listDeals, listPipelines, type DealSummary } from './deals.api';

/** The deals the user sees, with the stage each one is in. */
export function DealListPage() {
  const { t, locale, formatDateTime } = useI18n();
  const deals = useApiQuery('deals', listDeals);
  const pipelines = useApiQuery('pipelines', listPipelines);
  const stageNames = new Map(
    (pipelines.data ?? []).flatMap((pipeline) =>
      pipeline.stages.map((stage) => [stage.id, locale === 'en-US' && stage.nameEn ? stage.nameEn : stage.name]),
    ),
  );

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('deals.title')}
      </Typography.Title>
      {deals.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(deals.error, t)}
          action={<Button onClick={deals.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Card size="small">
        <Table<DealSummary>
          size="small"
          rowKey="id"
          loading={deals.loading}
          dataSource={deals.data?.items ?? []}
          data-testid="deal-table"
          columns={[
            {
              title: t('deals.name'),
              dataIndex: 'name',
              render: (name: string, deal) => <Link to={`/deals/${deal.id}`}>{name}</Link>,
            },
            { title: t('deals.stage'), dataIndex: 'stageId', render: (id: string) => stageNames.get(id) ?? '' },
            {
              title: t('deals.field.amount'),
              dataIndex: 'amount',
              render: (amount: number | null) => (amount === null ? t('common.none') : amount.toLocaleString(locale)),
            },
            { title: t('deals.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at) },
          ]}
        />
      </Card>
    </Flex>
  );
}
