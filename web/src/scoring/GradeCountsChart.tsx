import { useMemo } from 'react';
import { useEChart } from '../charts/useEChart';
import type { ChartOption } from '../charts/useEChart';
import { useT } from '../i18n/I18nProvider';
import { GRADE_LOOK } from './scoringLabels';
import { GRADES, type ScoringPreview } from './scoring.types';

/** Leads per grade now and under the draft, side by side. */
export function GradeCountsChart({ counts }: { counts: ScoringPreview['gradeCounts'] }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 200,
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: [...GRADES], axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('scoring.preview.now'),
          barMaxWidth: 22,
          itemStyle: { color: '#d9d9d9', borderRadius: [3, 3, 0, 0] },
          data: GRADES.map((grade) => counts.before[grade] ?? 0),
        },
        {
          type: 'bar',
          name: t('scoring.preview.draft'),
          barMaxWidth: 22,
          data: GRADES.map((grade) => ({
            value: counts.after[grade] ?? 0,
            itemStyle: { color: GRADE_LOOK[grade].hex, borderRadius: [3, 3, 0, 0] },
          })),
        },
      ],
    }),
    [counts, t],
  );
  const chartRef = useEChart(option);
  return <div ref={chartRef} style={{ height: 160 }} data-testid="scoring-preview-grades" />;
}
