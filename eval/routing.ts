/**
 * `npm run eval -- routing`: what best-fit routing is worth against round robin on a simulated
 * team (eval/routing-sim.ts). Per seed, one world, one round-robin history to learn from and one
 * stream of new leads, routed under every strategy through the real `pickRep`. Best-fit runs with
 * the product's `defaultBestFitSettings`, as a team gets it out of the box; nothing is tuned on the
 * truth. "oracle" knows the true rates and is shown only as the ceiling, not as a strategy.
 */
import os from 'node:os';
import { defaultBestFitSettings, type BestFitSettings } from '../src/modules/routing/strategies.rules.ts';
import {
  buildWorld,
  capacityFairness,
  leadStream,
  learnHistory,
  simulate,
  worldShape,
  type RunResult,
  type SimStrategy,
} from './routing-sim.ts';

const SEEDS = (process.env.EVAL_SEEDS ?? '1,2,3').split(',').map(Number);
/**
 * The product's strategies, best-fit with its default settings, and three references that are not
 * settings to choose from: best-fit with the tag part or the conversion part switched off (how much
 * each part of the default brings), and the oracle that knows the true rates (the ceiling).
 */
const variants: { name: string; strategy: SimStrategy; bestFit: BestFitSettings; label: string }[] = [
  { name: 'round_robin', strategy: 'round_robin', bestFit: defaultBestFitSettings, label: 'round_robin' },
  {
    name: 'weighted_round_robin',
    strategy: 'weighted_round_robin',
    bestFit: defaultBestFitSettings,
    label: 'weighted_round_robin (weight = capacity)',
  },
  { name: 'least_loaded', strategy: 'least_loaded', bestFit: defaultBestFitSettings, label: 'least_loaded' },
  { name: 'best_fit', strategy: 'best_fit', bestFit: defaultBestFitSettings, label: 'best_fit (default settings)' },
  {
    name: 'best_fit_records_only',
    strategy: 'best_fit',
    bestFit: { ...defaultBestFitSettings, weights: { ...defaultBestFitSettings.weights, tags: 0 } },
    label: '  ablation: best_fit, tags weight 0',
  },
  {
    name: 'best_fit_tags_only',
    strategy: 'best_fit',
    bestFit: { ...defaultBestFitSettings, weights: { ...defaultBestFitSettings.weights, conversion: 0 } },
    label: '  ablation: best_fit, conversion weight 0',
  },
  { name: 'oracle', strategy: 'oracle', bestFit: defaultBestFitSettings, label: 'oracle (knows the truth; ceiling)' },
];
const NAMES = variants.map((variant) => variant.name);
const GOAL = { bestFitLiftPercent: 15, overCapacityShare: 0 };

const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

interface Figures {
  leads: number;
  toPool: number;
  expectedConversions: number;
  conversionRate: number;
  liftPercent: number;
  overCapacityShare: number;
  peakLoad: number;
  fairness: number;
}

function figuresOf(run: RunResult, baseline: RunResult, repCount: number, fairness: number): Figures {
  return {
    leads: run.scoredLeads,
    toPool: run.toPool,
    expectedConversions: round(run.expectedConversions, 2),
    conversionRate: round(run.expectedConversions / run.scoredLeads),
    liftPercent: round(
      (100 * (run.expectedConversions - baseline.expectedConversions)) / baseline.expectedConversions,
      2,
    ),
    overCapacityShare: round(run.repsOverCapacity / repCount),
    peakLoad: round(run.peakLoad, 3),
    fairness: round(fairness),
  };
}

function runSeed(seed: number) {
  const reps = buildWorld(seed);
  const records = learnHistory(reps, seed, defaultBestFitSettings);
  const leads = leadStream(seed, worldShape.warmupDays + worldShape.testDays);
  const runs = variants.map(({ strategy, bestFit }) =>
    simulate({ strategy, reps, leads, records, bestFit, scoreFromDay: worldShape.warmupDays }),
  );
  const baseline = runs[0]!;
  const strategies = Object.fromEntries(
    runs.map((run, index) => [
      NAMES[index]!,
      figuresOf(run, baseline, reps.length, capacityFairness(reps, run.leadsPerRep)),
    ]),
  ) as Record<string, Figures>;
  const cells = [...records.values()];
  const history = {
    decidedLeads: cells.reduce((sum, cell) => sum + cell.leads, 0),
    repSegmentRecords: cells.length,
    meanLeadsPerRecord: round(mean(cells.map((cell) => cell.leads)), 1),
    repsWithoutHistory: reps.filter((rep) => rep.newHire).length,
  };
  return { seed, reps: reps.length, capacity: reps.reduce((sum, rep) => sum + rep.capacity, 0), history, strategies };
}

const percent = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;

function tableRow(index: number, figures: Figures, seed: number | 'mean') {
  return {
    seed,
    strategy: variants[index]!.label,
    leads: figures.leads,
    'to pool': figures.toPool,
    'expected conversions': figures.expectedConversions.toFixed(1),
    'conv. rate': `${(100 * figures.conversionRate).toFixed(2)} %`,
    'vs round robin': percent(figures.liftPercent),
    'reps over capacity': `${(100 * figures.overCapacityShare).toFixed(0)} %`,
    'peak load': figures.peakLoad.toFixed(2),
    'fairness (Jain)': figures.fairness.toFixed(3),
  };
}

export async function runRoutingEval(): Promise<void> {
  const started = performance.now();
  console.log(
    `Lead routing on a simulated team (seeds ${SEEDS.join(', ')}): ${worldShape.historyDays} working days of ` +
      `round-robin history to learn from, then ${worldShape.warmupDays} days of warm-up and ${worldShape.testDays} ` +
      `scored days of ~${worldShape.leadsPerDay} leads a day, the same stream under every strategy. ` +
      `${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  const perSeed = SEEDS.map(runSeed);
  for (const run of perSeed) {
    const { history } = run;
    console.log(
      `seed ${run.seed}: ${run.reps} reps, capacity ${run.capacity} open leads in all; history ${history.decidedLeads} ` +
        `decided leads in ${history.repSegmentRecords} rep × segment records (mean ${history.meanLeadsPerRecord} leads), ` +
        `${history.repsWithoutHistory} new reps with none`,
    );
  }
  const averaged = Object.fromEntries(
    NAMES.map((name) => {
      const all = perSeed.map((run) => run.strategies[name]!);
      const figures = Object.fromEntries(
        (Object.keys(all[0]!) as (keyof Figures)[]).map((key) => [key, round(mean(all.map((each) => each[key])), 4)]),
      ) as unknown as Figures;
      return [name, figures];
    }),
  ) as Record<string, Figures>;

  console.log(
    '\nExpected conversions = the sum of the true rate of the chosen rep for each scored lead. Fairness = ' +
      "Jain's index of each rep's leads ÷ capacity (1: every rep got leads in proportion to capacity; " +
      '1/n: one rep got all). Reps over capacity counts reps whose open leads ever exceeded their capacity.',
  );
  console.table([
    ...perSeed.flatMap((run) => NAMES.map((name, index) => tableRow(index, run.strategies[name]!, run.seed))),
    ...NAMES.map((name, index) => tableRow(index, averaged[name]!, 'mean')),
  ]);

  const lifts = perSeed.map((run) => run.strategies.best_fit!.liftPercent);
  const overCapacity = Math.max(
    ...perSeed.flatMap((run) => NAMES.map((name) => run.strategies[name]!.overCapacityShare)),
  );
  const goalMet = mean(lifts) >= GOAL.bestFitLiftPercent && overCapacity === GOAL.overCapacityShare;
  console.log(
    `best-fit vs round robin: ${lifts.map(percent).join(', ')} (mean ${percent(mean(lifts))}; goal ≥ +${GOAL.bestFitLiftPercent} %); ` +
      `reps ever over capacity, any strategy: ${(100 * overCapacity).toFixed(0)} % (goal 0) — goal ${goalMet ? 'met' : 'NOT met'}`,
  );
  const seconds = round((performance.now() - started) / 1000, 1);
  console.log(`${seconds} s in all`);
  console.log(
    JSON.stringify({
      eval: 'routing',
      seeds: SEEDS,
      bestFitSettings: defaultBestFitSettings,
      world: worldShape,
      perSeed,
      mean: averaged,
      bestFitLiftPercent: { perSeed: lifts, mean: round(mean(lifts), 2), min: round(Math.min(...lifts), 2) },
      maxOverCapacityShare: overCapacity,
      goal: GOAL,
      goalMet,
      seconds,
    }),
  );
}
