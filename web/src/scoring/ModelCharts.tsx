import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useEChart } from '../charts/useEChart';
import type { ChartOption } from '../charts/useEChart';
import { useT } from '../i18n/I18nProvider';
import type { CalibrationBin, LiftDecile } from './scoring.types';

const percent = (value: number) => `${Math.round(value * 100)}%`;

function Chart({ option, height, testId }: { option: ChartOption; height: number; testId: string }) {
  const chartRef = useEChart(option);
  return <div ref={chartRef} style={{ height }} data-testid={testId} />;
}

/** Predicted against observed win rate per bin: a calibrated model follows the diagonal. */
export function CalibrationChart({ bins }: { bins: readonly CalibrationBin[] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 40, bottom: 28, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const [predicted, observed, count] = (item?.value ?? []) as number[];
          if (count === undefined) return '';
          return t('scoring.report.calibrationTip', {
            predicted: percent(predicted ?? 0),
            observed: percent(observed ?? 0),
            count,
          });
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('scoring.report.predicted'),
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { formatter: percent },
      },
      yAxis: { type: 'value', min: 0, max: 1, name: t('scoring.report.observed'), axisLabel: { formatter: percent } },
      series: [
        {
          type: 'line',
          name: t('scoring.report.perfect'),
          data: [
            [0, 0],
            [1, 1],
          ],
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#bfbfbf' },
          itemStyle: { color: '#bfbfbf' },
          tooltip: { show: false },
        },
        {
          type: 'line',
          name: t('scoring.report.model'),
          data: bins.map((bin) => [bin.meanPredicted, bin.observedRate, bin.count]),
          symbolSize: (value: number[]) => Math.max(6, Math.min(18, Math.sqrt(value[2] ?? 0) * 1.5)),
          itemStyle: { color: '#1677ff' },
        },
      ],
    }),
    [bins, t],
  );
  return (
    <Card size="small" title={t('scoring.report.calibration')}>
      {bins.length === 0 ? <Empty /> : <Chart option={option} height={260} testId="scoring-calibration-chart" />}
    </Card>
  );
}

/** Win rate per decile of predicted probability (1 = the top tenth), with its lift over the base rate. */
export function LiftChart({ deciles }: { deciles: readonly LiftDecile[] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 40, bottom: 28, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: deciles.map((d) => String(d.decile)),
        name: t('scoring.report.decile'),
        nameLocation: 'middle',
        nameGap: 24,
      },
      yAxis: [
        { type: 'value', name: t('scoring.report.lift'), minInterval: 0.5 },
        {
          type: 'value',
          name: t('scoring.report.winRate'),
          min: 0,
          max: 1,
          axisLabel: { formatter: percent },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: 'bar',
          name: t('scoring.report.lift'),
          barMaxWidth: 28,
          itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
          data: deciles.map((d) => Math.round(d.lift * 100) / 100),
        },
        {
          type: 'line',
          name: t('scoring.report.winRate'),
          yAxisIndex: 1,
          itemStyle: { color: '#52c41a' },
          data: deciles.map((d) => Math.round(d.winRate * 1000) / 1000),
          tooltip: { valueFormatter: (value) => percent(Number(value)) },
        },
      ],
    }),
    [deciles, t],
  );
  return (
    <Card size="small" title={t('scoring.report.liftTitle')}>
      {deciles.length === 0 ? <Empty /> : <Chart option={option} height={260} testId="scoring-lift-chart" />}
    </Card>
  );
}

const MAX_FEATURES = 15;

/** The features the model leans on most, strongest first. */
export function ImportanceChart({ features }: { features: readonly { name: string; importance: number }[] }) {
  const t = useT();
  const top = useMemo(
    () =>
      [...features]
        .sort((a, b) => b.importance - a.importance)
        .slice(0, MAX_FEATURES)
        .reverse(),
    [features],
  );
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: top.map((feature) => feature.name), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: t('scoring.report.importance'),
          barMaxWidth: 16,
          itemStyle: { color: '#722ed1', borderRadius: [0, 3, 3, 0] },
          data: top.map((feature) => Math.round(feature.importance * 1000) / 1000),
        },
      ],
    }),
    [top, t],
  );
  return (
    <Card size="small" title={t('scoring.report.features')}>
      {top.length === 0 ? (
        <Empty />
      ) : (
        <Chart option={option} height={Math.max(160, top.length * 24 + 24)} testId="scoring-importance-chart" />
      )}
    </Card>
  );
}
