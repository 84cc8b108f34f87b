import { Alert, Card, Flex, Input, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { getAllocationReport } from './routing.api';
import type { AllocationReport } from './routing.types';

type ReportRep = AllocationReport['reps'][number];

const lastFullMonth = () => {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return month.toISOString().slice(0, 7);
};
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** A month's allocation: leads, decisions and conversion per rep, lasting low conversion, and fairness against capacity. */
export function ReportTab() {
  const t = useT();
  const [month, setMonth] = useState(lastFullMonth);
  const report = useApiQuery(`routing-report-${month}`, (signal) => getAllocationReport(month, signal));
  const data = report.data?.month === month ? report.data : undefined;

  return (
    <Flex vertical gap="middle">
      <Flex gap="small" align="center">
        <Typography.Text>{t('routing.report.month')}</Typography.Text>
        <Input
          type="month"
          value={month}
          onChange={(event) => event.target.value && setMonth(event.target.value)}
          style={{ width: 170 }}
          data-testid="routing-report-month"
        />
      </Flex>
      {report.error !== undefined && <Alert type="error" showIcon title={describeError(report.error, t)} />}
      {data && (
        <Card size="small">
          <Flex gap="large" wrap>
            <Statistic
              title={t('routing.report.jain')}
              value={data.fairness.jainIndex ?? '—'}
              precision={data.fairness.jainIndex === null ? undefined : 3}
            />
            <Statistic
              title={t('routing.report.maxMin')}
              value={data.fairness.maxMinRatio ?? '—'}
              precision={data.fairness.maxMinRatio === null ? undefined : 2}
            />
          </Flex>
        </Card>
      )}
      <Table<ReportRep>
        size="small"
        rowKey="userId"
        pagination={false}
        loading={report.loading}
        dataSource={data?.reps ?? []}
        data-testid="routing-report"
        columns={[
          { title: t('routing.sim.rep'), dataIndex: 'name' },
          { title: t('routing.report.leads'), dataIndex: 'leads', align: 'right' },
          { title: t('routing.report.decided'), dataIndex: 'decided', align: 'right' },
          { title: t('routing.report.won'), dataIndex: 'won', align: 'right' },
          { title: t('routing.report.rate'), align: 'right', render: (_, rep) => percent(rep.conversionRate) },
          {
            title: '',
            render: (_, rep) =>
              rep.lowConversion && (
                <Tag color="red" title={t('routing.report.lowHint', { months: data?.thresholds.months ?? 0 })}>
                  {t('routing.report.low')}
                </Tag>
              ),
          },
        ]}
        expandable={{
          rowExpandable: (rep) => rep.segments.length > 0,
          expandedRowRender: (rep) => (
            <Flex gap="small" wrap>
              {rep.segments.map((segment) => (
                <Tag key={segment.segment}>
                  {segment.segment}: {segment.leads} · {percent(segment.conversionRate)}
                </Tag>
              ))}
            </Flex>
          ),
        }}
      />
    </Flex>
  );
}
