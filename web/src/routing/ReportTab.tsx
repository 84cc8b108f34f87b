import { Alert, Card, Flex, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { getAllocationReport } from './routing.api';
import type { AllocationReport } from './routing.types';

type ReportRep = AllocationReport['reps'][number];

/** The last `count` months, newest first, as YYYY-MM; the current month comes first, then the full ones. */
const recentMonths = (count: number) => {
  const now = new Date();
  return Array.from({ length: count }, (_, back) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7),
  );
};
const MONTHS = recentMonths(24);
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** A month's allocation: leads, decisions and conversion per rep, lasting low conversion, and fairness against capacity. */
export function ReportTab() {
  const { t, locale } = useI18n();
  // A list in the interface's language: the browser's own month input speaks the browser's language.
  const [month, setMonth] = useState(MONTHS[1]!);
  const monthName = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const report = useApiQuery(`routing-report-${month}`, (signal) => getAllocationReport(month, signal));
  const data = report.data?.month === month ? report.data : undefined;
  const perCapacity = new Map((data?.fairness.reps ?? []).map((rep) => [rep.userId, rep]));

  return (
    <Flex vertical gap="middle">
      <Flex gap="small" align="center">
        <Typography.Text>{t('routing.report.month')}</Typography.Text>
        <Select
          value={month}
          onChange={setMonth}
          options={MONTHS.map((value) => ({ value, label: monthName.format(new Date(`${value}-01T00:00:00Z`)) }))}
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
            // What the fairness figures compare: leads for each unit of capacity.
            title: t('routing.report.perCapacity'),
            align: 'right',
            render: (_, rep) => {
              const fair = perCapacity.get(rep.userId);
              return fair ? `${fair.perCapacity.toFixed(2)} (${fair.leads} / ${fair.capacity})` : '—';
            },
          },
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
