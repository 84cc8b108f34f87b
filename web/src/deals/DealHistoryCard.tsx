import { Card, Table, Tag } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { StageStay } from './deals.api';

const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;

/** Each stay in a stage, with its time and, for a skip, the reason the manager reads. */
export function DealHistoryCard({ history }: { history: StageStay[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Card size="small" title={t('deals.history')}>
      <Table<StageStay>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...history].reverse()}
        data-testid="deal-history"
        columns={[
          { title: t('deals.stage'), dataIndex: 'stageName' },
          { title: t('deals.enteredAt'), dataIndex: 'enteredAt', render: (at: string) => formatDateTime(at) },
          {
            title: t('deals.timeInStage'),
            dataIndex: 'timeInStageMs',
            render: (ms: number) => t('deals.hours', { n: hours(ms) }),
          },
          {
            title: t('deals.skipReason'),
            dataIndex: 'skipReason',
            render: (reason: string | null, stay) =>
              stay.skipped ? (
                <>
                  <Tag color="warning">{t('deals.skipped')}</Tag>
                  {reason}
                </>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
    </Card>
  );
}
