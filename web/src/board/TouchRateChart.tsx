import { useMemo } from 'react';
import { useEChart, type ChartOption } from '../charts/useEChart';
import { useT } from '../i18n/I18nProvider';
import type { BoardRep, Colour } from './board.types';

const barColour: Record<Colour, string> = { red: '#ff4d4f', amber: '#faad14', green: '#52c41a', none: '#d9d9d9' };

/** Each rep's 24-hour touch rate, coloured as on the board; reps without a ripe assignment show no bar. */
export function TouchRateChart({ reps }: { reps: readonly BoardRep[] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 200,
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => `${String(value)}%` },
      xAxis: { type: 'category', data: reps.map((rep) => rep.name), axisTick: { show: false } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('board.metric.touchRate24h'),
          barMaxWidth: 28,
          data: reps.map((rep) => {
            const { value, colour } = rep.metrics.touchRate24h;
            return {
              value: value === null ? null : Math.round(value * 1000) / 10,
              itemStyle: { color: barColour[colour], borderRadius: [3, 3, 0, 0] },
            };
          }),
        },
      ],
    }),
    [reps, t],
  );
  const chartRef = useEChart(option);
  return (
    <div
      ref={chartRef}
      style={{ height: 240 }}
      role="img"
      aria-label={t('board.chartTitle')}
      data-testid="board-chart"
    />
  );
}
