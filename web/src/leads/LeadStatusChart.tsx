import { Card } from 'antd';
import { useMemo } from 'react';
import type { Lead } from '../api/types';
import { useEChart } from '../charts/useEChart';
import type { ChartOption } from '../charts/useEChart';
import { useT } from '../i18n/I18nProvider';
import { LEAD_STATUS_LOOK, LEAD_STATUSES } from './leadStatus';

/** How the leads on screen split across statuses; the API has no aggregate endpoint yet. */
export function LeadStatusChart({ leads }: { leads: Lead[] }) {
  const t = useT();

  const option = useMemo<ChartOption>(() => {
    const counts = new Map(LEAD_STATUSES.map((status) => [status, 0]));
    for (const lead of leads) counts.set(lead.status, (counts.get(lead.status) ?? 0) + 1);
    return {
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: LEAD_STATUSES.map((status) => t(LEAD_STATUS_LOOK[status].label)),
        axisTick: { show: false },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('leads.chart.count'),
          barMaxWidth: 36,
          data: LEAD_STATUSES.map((status) => ({
            value: counts.get(status) ?? 0,
            itemStyle: { color: LEAD_STATUS_LOOK[status].hex, borderRadius: [4, 4, 0, 0] },
          })),
        },
      ],
    };
  }, [leads, t]);

  const chartRef = useEChart(option);

  return (
    <Card size="small" title={t('leads.chart.title')}>
      <div ref={chartRef} style={{ height: 180 }} data-testid="lead-status-chart" />
    </Card>
  );
}
