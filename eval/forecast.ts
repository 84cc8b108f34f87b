/**
 * `npm run eval -- forecast`: a walk-forward backtest on the Maven CRM opportunities. For each
 * month, the deals open at its start as then known, Clew's calibrated forecast and the
 * stage-percentage baseline of the month's won value, against what was won.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import {
  actualFor,
  addMonths,
  forecastMonth,
  knownAt,
  mean,
  median,
  monthStart,
  STAGE_PERCENT,
  type Opportunity,
} from './forecast-backtest.ts';

export const DATASETS = path.resolve(import.meta.dirname, '../../shared/datasets');
const FOLDER = path.join(DATASETS, 'maven-crm-sales-opportunities');

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(FOLDER, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** The pipeline spells `GTX Pro` as `GTXPro`: products are matched without spaces. */
const productKey = (name: string) => name.replace(/\s+/g, '').toLowerCase();
const date = (value: string | undefined) => (value ? new Date(`${value}T00:00:00Z`) : null);

export function loadOpportunities(): Opportunity[] {
  const prices = new Map(readCsv('products.csv').map((row) => [productKey(row.product!), Number(row.sales_price)]));
  return readCsv('sales_pipeline.csv').map((row) => {
    const listPrice = prices.get(productKey(row.product!));
    if (listPrice === undefined) throw new Error(`no list price for product ${row.product}`);
    return {
      id: row.opportunity_id!,
      agent: row.sales_agent!,
      product: row.product!,
      account: row.account || null,
      stage: row.deal_stage as Opportunity['stage'],
      engagedAt: date(row.engage_date),
      closedAt: date(row.close_date),
      closeValue: row.close_value ? Number(row.close_value) : null,
      listPrice,
    };
  });
}

const money = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
const ape = (forecast: number, actual: number) => Math.abs(forecast - actual) / actual;

export async function runForecastEval(): Promise<void> {
  const opportunities = loadOpportunities();
  const closes = opportunities.flatMap((o) => (o.closedAt ? [o.closedAt] : []));
  const first = monthStart(new Date(Math.min(...closes.map((d) => d.getTime()))));
  const last = monthStart(new Date(Math.max(...closes.map((d) => d.getTime()))));

  const rows = [];
  // A sanity check beside the stage baseline: last month's won value, carried over.
  let previousWon: number | null = null;
  for (let m = first; m <= last; m = addMonths(m, 1)) {
    const known = knownAt(opportunities, m);
    const forecast = forecastMonth(known, m);
    const flat = forecastMonth(known, m, { useSignals: false });
    const actual = actualFor(opportunities, m);
    rows.push({ ...forecast, clewFlat: flat.clew, naive: previousWon, ...actual });
    previousWon = actual.won;
  }

  const header = [
    'month',
    'open',
    'hist',
    'actual won',
    'Clew',
    'Clew err',
    'baseline',
    'base err',
    'last month',
    'last err',
    'won from pipe',
    'Clew pipe',
    'pipe err',
    'base pipe err',
    'strong',
  ];
  const table = rows.map((r) => [
    r.month,
    String(r.openDeals),
    String(r.historyMonths),
    money(r.won),
    money(r.clew),
    pct(ape(r.clew, r.won)),
    money(r.baseline),
    pct(ape(r.baseline, r.won)),
    r.naive === null ? '-' : money(r.naive),
    r.naive === null ? '-' : pct(ape(r.naive, r.won)),
    money(r.wonFromPipeline),
    money(r.clewPipeline),
    pct(ape(r.clewPipeline, r.wonFromPipeline)),
    pct(ape(r.baseline, r.wonFromPipeline)),
    pct(r.health.strong),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('Forecast backtest: maven-crm-sales-opportunities, walk-forward by month');
  console.log(
    `baseline: open Engaging deals at list price × ${STAGE_PERCENT.Engaging * 100} %; Clew: calibrated win probability × learnt chance of closing this month, plus the mean in-month new business`,
  );
  console.log(line(header));
  for (const row of table) console.log(line(row));

  // Months with at least one month of outcomes behind them; the first month has none, so Clew equals the baseline's fallback there.
  const scored = rows.filter((r) => r.historyMonths > 0);
  const summarise = (errors: number[]) => ({ mdape: median(errors), mape: mean(errors) });
  const figures = {
    months: scored.map((r) => r.month),
    total: {
      clew: summarise(scored.map((r) => ape(r.clew, r.won))),
      clewWithoutSignals: summarise(scored.map((r) => ape(r.clewFlat, r.won))),
      baseline: summarise(scored.map((r) => ape(r.baseline, r.won))),
      lastMonth: summarise(scored.map((r) => ape(r.naive ?? 0, r.won))),
    },
    pipeline: {
      clew: summarise(scored.map((r) => ape(r.clewPipeline, r.wonFromPipeline))),
      baseline: summarise(scored.map((r) => ape(r.baseline, r.wonFromPipeline))),
    },
  };
  console.log(`\nsummary over ${scored.length} months with history (${figures.months[0]} … ${figures.months.at(-1)}):`);
  console.log(
    `  total won in month:        Clew MdAPE ${pct(figures.total.clew.mdape)}, MAPE ${pct(figures.total.clew.mape)}; baseline MdAPE ${pct(figures.total.baseline.mdape)}, MAPE ${pct(figures.total.baseline.mape)}`,
  );
  console.log(
    `  won from open pipeline:    Clew MdAPE ${pct(figures.pipeline.clew.mdape)}, MAPE ${pct(figures.pipeline.clew.mape)}; baseline MdAPE ${pct(figures.pipeline.baseline.mdape)}, MAPE ${pct(figures.pipeline.baseline.mape)}`,
  );
  console.log(
    `  sanity, total won:         last month's won value carried over MdAPE ${pct(figures.total.lastMonth.mdape)}, MAPE ${pct(figures.total.lastMonth.mape)}`,
  );
  console.log(
    `  ablation, total won:       Clew without signals (one calibrated win rate) MdAPE ${pct(figures.total.clewWithoutSignals.mdape)}, MAPE ${pct(figures.total.clewWithoutSignals.mape)}`,
  );
  const latest = rows.at(-1)!;
  console.log(
    `\ncalibration at ${latest.month} (${latest.calibration.closedInWindow} closed deals in the window, source ${latest.calibration.source}):`,
  );
  for (const bin of latest.calibration.bins) {
    console.log(
      `  score ${bin.minScore}…${bin.maxScore}: ${bin.won}/${bin.closed} won → ${pct(bin.probability)} [${pct(bin.low)}, ${pct(bin.high)}]`,
    );
  }
  const round = (n: number) => Math.round(n * 10000) / 10000;
  console.log(
    JSON.stringify({
      eval: 'forecast',
      dataset: 'maven-crm-sales-opportunities',
      months: figures.months.length,
      from: figures.months[0],
      to: figures.months.at(-1),
      stagePercent: STAGE_PERCENT,
      total: {
        clewMdape: round(figures.total.clew.mdape),
        clewMape: round(figures.total.clew.mape),
        clewWithoutSignalsMdape: round(figures.total.clewWithoutSignals.mdape),
        clewWithoutSignalsMape: round(figures.total.clewWithoutSignals.mape),
        baselineMdape: round(figures.total.baseline.mdape),
        baselineMape: round(figures.total.baseline.mape),
        lastMonthMdape: round(figures.total.lastMonth.mdape),
        lastMonthMape: round(figures.total.lastMonth.mape),
      },
      pipeline: {
        clewMdape: round(figures.pipeline.clew.mdape),
        clewMape: round(figures.pipeline.clew.mape),
        baselineMdape: round(figures.pipeline.baseline.mdape),
        baselineMape: round(figures.pipeline.baseline.mape),
      },
    }),
  );
}
