import { useMemo } from 'react';
import { useEChart, type ChartOption } from '../charts/useEChart';
import { useT } from '../i18n/I18nProvider';
import type { SimulationRep } from './routing.types';

/** Leads per rep under the simulated rule set beside what they really got. */
export function SimulationChart({ reps }: { reps: readonly SimulationRep[] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 200,
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: reps.map((rep) => rep.name), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('routing.sim.actual'),
          barMaxWidth: 22,
          itemStyle: { color: '#bfbfbf', borderRadius: [3, 3, 0, 0] },
          data: reps.map((rep) => rep.actualLeads),
        },
        {
          type: 'bar',
          name: t('routing.sim.simulated'),
          barMaxWidth: 22,
          itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
          data: reps.map((rep) => rep.simulatedLeads),
        },
      ],
    }),
    [reps, t],
  );
  const chartRef = useEChart(option);
  return <div ref={chartRef} style={{ height: 260 }} data-testid="routing-sim-chart" />;
}
