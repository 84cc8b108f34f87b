/**
 * The walk-forward backtest behind `npm run eval -- forecast`: for each month, the deals as they
 * stood at the month's start (`knownAt` masks every later fact), signals derived from that view,
 * a calibrated win probability times a learnt chance of closing this month, against a fixed
 * stage-percentage baseline. Pure: the runner in forecast.ts reads the CSVs and prints.
 */
import {
  calibrate,
  probabilityFor,
  type Calibration,
  type ClosedDeal,
} from '../src/modules/forecast/calibration.rules.ts';
import { forecastPeriod, type ForecastDeal, type ForecastHealth } from '../src/modules/forecast/forecast.rules.ts';
import { signalScore, type RecordedSignal, type SignalDefinition } from '../src/modules/forecast/signal-score.rules.ts';

const DAY_MS = 86_400_000;

/** The baseline's fixed stage percentages, as CRMs ship them. */
export const STAGE_PERCENT = { Prospecting: 0.1, Engaging: 0.3 } as const;
/** History months (and the calibration window) reach back this far. */
export const HISTORY_MONTHS = 6;
/** An age bucket needs this many open-deal-months of history, else the pooled closing rate is used. */
export const MIN_BUCKET_EXPOSURE = 30;
/** Trailing window for the agent and product win rates behind two signals. */
export const TRAILING_DAYS = 182;
/** An agent or product needs this many closed deals in the trailing window to earn its signal. */
export const MIN_RATE_DEALS = 10;
/** Age buckets (days since engage, at the month's start) for the closing-this-month rate. */
export const AGE_BUCKETS = [30, 60, 90, 120, 180] as const;

/**
 * Signals an integration could record from what the CRM knew at the time. Weights were set by
 * judgement before the backtest ran and are not tuned on it; calibration maps whatever score
 * they give to the observed win rate, so a bad weight costs sharpness, not calibration.
 */
export const SIGNALS: SignalDefinition[] = [
  { key: 'engaging', label: 'Deal reached the Engaging stage', weight: 1 },
  { key: 'agent_above_team', label: "Agent's 6-month win rate above the team's", weight: 2, strong: true },
  { key: 'account_won_before', label: 'The account has bought before', weight: 2, strong: true },
  { key: 'account_lost_last', label: "The account's last closed deal was lost", weight: -1 },
  { key: 'product_above_average', label: "Product's 6-month win rate above average", weight: 1 },
  { key: 'stale_90d', label: 'Engaged more than 90 days ago', weight: -2 },
];

export interface Opportunity {
  id: string;
  agent: string;
  product: string;
  account: string | null;
  stage: 'Won' | 'Lost' | 'Engaging' | 'Prospecting';
  engagedAt: Date | null;
  closedAt: Date | null;
  closeValue: number | null;
  /** The product's list price: the amount a forecast may use before the deal closes. */
  listPrice: number;
}

/** A deal as the CRM showed it at some instant: later facts are not there. */
export interface KnownDeal {
  id: string;
  agent: string;
  product: string;
  account: string | null;
  engagedAt: Date;
  outcome: 'open' | 'won' | 'lost';
  closedAt: Date | null;
  closeValue: number | null;
  listPrice: number;
}

/**
 * The pipeline as known at `t`: deals engaged before `t`, with outcome, close date and value only
 * if they closed before `t`. Prospecting deals carry no date in the data, so they cannot be placed
 * in time and are left out of every month.
 */
export function knownAt(opportunities: readonly Opportunity[], t: Date): KnownDeal[] {
  const known: KnownDeal[] = [];
  for (const o of opportunities) {
    if (!o.engagedAt || o.engagedAt >= t) continue;
    const closed = o.closedAt !== null && o.closedAt < t;
    known.push({
      id: o.id,
      agent: o.agent,
      product: o.product,
      account: o.account,
      engagedAt: o.engagedAt,
      outcome: closed ? (o.stage === 'Won' ? 'won' : 'lost') : 'open',
      closedAt: closed ? o.closedAt : null,
      closeValue: closed ? o.closeValue : null,
      listPrice: o.listPrice,
    });
  }
  return known;
}

export const monthStart = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
export const addMonths = (t: Date, n: number) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + n, 1));
export const monthKey = (t: Date) => t.toISOString().slice(0, 7);

const isOpenAt = (d: KnownDeal, t: Date) => d.engagedAt < t && (d.closedAt === null || d.closedAt >= t);
const closedIn = (d: KnownDeal, from: Date, to: Date) => d.closedAt !== null && d.closedAt >= from && d.closedAt < to;

function ageBucket(d: KnownDeal, t: Date): number {
  const age = (t.getTime() - d.engagedAt.getTime()) / DAY_MS;
  const index = AGE_BUCKETS.findIndex((limit) => age < limit);
  return index === -1 ? AGE_BUCKETS.length : index;
}

interface Rate {
  closed: number;
  won: number;
}
const rateOf = (r: Rate | undefined) => (r && r.closed >= MIN_RATE_DEALS ? r.won / r.closed : null);

/** Signals for each deal open at `t`, from deals closed before `t` only. */
export function signalsAt(deals: readonly KnownDeal[], t: Date): Map<string, RecordedSignal[]> {
  const since = t.getTime() - TRAILING_DAYS * DAY_MS;
  const agents = new Map<string, Rate>();
  const products = new Map<string, Rate>();
  const all: Rate = { closed: 0, won: 0 };
  const accountWon = new Set<string>();
  const accountLast = new Map<string, { at: number; won: boolean }>();
  for (const d of deals) {
    if (d.closedAt === null || d.closedAt >= t) continue;
    const won = d.outcome === 'won';
    if (d.account) {
      if (won) accountWon.add(d.account);
      const last = accountLast.get(d.account);
      if (!last || last.at < d.closedAt.getTime()) accountLast.set(d.account, { at: d.closedAt.getTime(), won });
    }
    if (d.closedAt.getTime() < since) continue;
    for (const [map, key] of [
      [agents, d.agent],
      [products, d.product],
    ] as const) {
      const r = map.get(key) ?? { closed: 0, won: 0 };
      r.closed += 1;
      if (won) r.won += 1;
      map.set(key, r);
    }
    all.closed += 1;
    if (won) all.won += 1;
  }
  const overall = all.closed > 0 ? all.won / all.closed : null;
  const signals = new Map<string, RecordedSignal[]>();
  for (const d of deals) {
    if (!isOpenAt(d, t)) continue;
    const held: string[] = ['engaging'];
    const agentRate = rateOf(agents.get(d.agent));
    if (overall !== null && agentRate !== null && agentRate > overall) held.push('agent_above_team');
    if (d.account && accountWon.has(d.account)) held.push('account_won_before');
    if (d.account && accountLast.get(d.account)?.won === false) held.push('account_lost_last');
    const productRate = rateOf(products.get(d.product));
    if (overall !== null && productRate !== null && productRate > overall) held.push('product_above_average');
    if (t.getTime() - d.engagedAt.getTime() > 90 * DAY_MS) held.push('stale_90d');
    signals.set(
      d.id,
      held.map((key) => ({ key, at: new Date(t.getTime() - 1) })),
    );
  }
  return signals;
}

export interface MonthForecast {
  month: string;
  /** Deals open at the month's start. */
  openDeals: number;
  /** History months used (0: Clew falls back to the stage baseline). */
  historyMonths: number;
  /** Clew: the pipeline part (open deals) and the part expected from deals not yet engaged. */
  clewPipeline: number;
  clewNewBusiness: number;
  clew: number;
  baseline: number;
  health: ForecastHealth;
  /** Mean calibrated win probability and closing-this-month rate over the open deals. */
  meanWin: number;
  meanClose: number;
  calibration: Calibration;
}

/**
 * The forecast of the won value closing in [start, next month) from `known`, which must be
 * `knownAt(opportunities, start)`. History months start at the first month in which any deal
 * closed: before it the CRM recorded no outcomes, so those months say nothing about closing.
 */
export function forecastMonth(
  known: readonly KnownDeal[],
  start: Date,
  options: { useSignals?: boolean } = {},
): MonthForecast {
  // The ablation without signals scores every deal 0, so calibration is one shrunk win rate.
  const scoreOf = (signals: Map<string, RecordedSignal[]>, id: string, at: Date) =>
    options.useSignals === false
      ? { score: 0, matched: [], hasStrong: false }
      : signalScore(SIGNALS, signals.get(id) ?? [], at);
  const end = addMonths(start, 1);
  const open = known.filter((d) => isOpenAt(d, start));
  const baseline = open.reduce((sum, d) => sum + d.listPrice * STAGE_PERCENT.Engaging, 0);

  const firstClose = known.reduce<Date | null>(
    (first, d) => (d.closedAt && (!first || d.closedAt < first) ? d.closedAt : first),
    null,
  );
  const historyStarts: Date[] = [];
  if (firstClose) {
    for (let m = addMonths(start, -HISTORY_MONTHS); m < start; m = addMonths(m, 1)) {
      if (m >= monthStart(firstClose)) historyStarts.push(m);
    }
  }

  // Closing this month: per age bucket, the share of open deals at a past month's start that closed in it.
  const exposure = new Array<number>(AGE_BUCKETS.length + 1).fill(0);
  const closes = new Array<number>(AGE_BUCKETS.length + 1).fill(0);
  let newBusiness = 0;
  const closedDeals: ClosedDeal[] = [];
  for (const m of historyStarts) {
    const next = addMonths(m, 1);
    const signals = signalsAt(known, m);
    for (const d of known) {
      if (isOpenAt(d, m)) {
        const bucket = ageBucket(d, m);
        exposure[bucket]! += 1;
        if (closedIn(d, m, next)) {
          closes[bucket]! += 1;
          // Calibration history: each closed deal scored as it stood at the start of its closing month.
          const score = scoreOf(signals, d.id, m).score;
          closedDeals.push({ score, won: d.outcome === 'won', closedAt: d.closedAt! });
        }
      } else if (d.engagedAt >= m && d.engagedAt < next && d.outcome === 'won' && closedIn(d, m, next)) {
        newBusiness += d.closeValue ?? 0;
      }
    }
  }
  const pooledExposure = exposure.reduce((a, b) => a + b, 0);
  const pooled = pooledExposure > 0 ? closes.reduce((a, b) => a + b, 0) / pooledExposure : 0;
  const closeRate = (bucket: number) =>
    exposure[bucket]! >= MIN_BUCKET_EXPOSURE ? closes[bucket]! / exposure[bucket]! : pooled;

  const calibration = calibrate(closedDeals, {
    now: start,
    stageRate: STAGE_PERCENT.Engaging,
    windowDays: HISTORY_MONTHS * 31,
  });
  const signals = signalsAt(known, start);
  const fallback = historyStarts.length === 0;
  const deals: ForecastDeal[] = open.map((d) => {
    const score = scoreOf(signals, d.id, start);
    const win = probabilityFor(calibration, score.score);
    const close = fallback ? 1 : closeRate(ageBucket(d, start));
    return {
      id: d.id,
      ownerId: d.agent,
      amount: d.listPrice,
      probability: win.probability * close,
      expectedCloseAt: start,
      source: fallback ? 'stage' : win.source,
      hasStrongSignal: score.hasStrong,
    };
  });
  const forecast = forecastPeriod(deals, start, end);
  const clewNewBusiness = fallback ? 0 : newBusiness / historyStarts.length;
  const meanWin =
    open.length > 0
      ? open.reduce((s, d) => s + probabilityFor(calibration, scoreOf(signals, d.id, start).score).probability, 0) /
        open.length
      : 0;
  const meanClose =
    open.length > 0 && !fallback ? open.reduce((s, d) => s + closeRate(ageBucket(d, start)), 0) / open.length : 1;
  return {
    month: monthKey(start),
    openDeals: open.length,
    historyMonths: historyStarts.length,
    clewPipeline: forecast.amount,
    clewNewBusiness,
    clew: forecast.amount + clewNewBusiness,
    baseline,
    health: forecast.health,
    meanWin,
    meanClose,
    calibration,
  };
}

export interface MonthActual {
  /** Won value closed in the month, all deals. */
  won: number;
  /** Won value closed in the month from deals open at its start. */
  wonFromPipeline: number;
}

/** What actually happened in the month: the only place that looks past its start. */
export function actualFor(opportunities: readonly Opportunity[], start: Date): MonthActual {
  const end = addMonths(start, 1);
  let won = 0;
  let wonFromPipeline = 0;
  for (const o of opportunities) {
    if (o.stage !== 'Won' || !o.closedAt || o.closedAt < start || o.closedAt >= end) continue;
    won += o.closeValue ?? 0;
    if (o.engagedAt && o.engagedAt < start) wonFromPipeline += o.closeValue ?? 0;
  }
  return { won, wonFromPipeline };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
