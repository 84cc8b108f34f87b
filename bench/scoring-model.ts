/**
 * `npm run bench -- scoring-model`: the learner's speed. Training on 10,000 closed synthetic CRM
 * leads (channel, region, contact details, tags, custom fields, page views — through the
 * product's `leadFeatures`), wall-clock and CPU time, best of a few runs; then scoring single
 * leads with their factors, each call timed on its own. Goals: training ≤ 10 s, a lead ≤ 200 µs.
 */
import os from 'node:os';
import { evaluateModel, predict, trainModel } from '../src/modules/scoring/learner/index.ts';
import { syntheticLeads } from '../src/modules/scoring/learner/learner.fixtures.ts';

const LEADS = Number(process.env.BENCH_SCORING_LEADS ?? 10_000);
const TRAIN_RUNS = Number(process.env.BENCH_SCORING_RUNS ?? 3);
const PREDICTIONS = Number(process.env.BENCH_SCORING_PREDICTIONS ?? 20_000);

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function runScoringModelBench(): Promise<void> {
  const examples = syntheticLeads(LEADS, 1);
  const won = examples.filter((example) => example.label === 1).length;
  const trainings: { wallS: number; cpuS: number }[] = [];
  let model = trainModel(examples, { seed: 1 });
  for (let run = 0; run < TRAIN_RUNS; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    model = trainModel(examples, { seed: run + 1 });
    const used = process.cpuUsage(cpu);
    trainings.push({ wallS: (performance.now() - started) / 1000, cpuS: (used.user + used.system) / 1e6 });
  }
  const evaluationStarted = performance.now();
  const { report } = evaluateModel(examples, { seed: 1 });
  const evaluationS = (performance.now() - evaluationStarted) / 1000;

  const fresh = syntheticLeads(2000, 2).map((example) => example.features);
  for (let i = 0; i < 2000; i++) predict(model, fresh[i % fresh.length]!);
  const micros: number[] = [];
  for (let i = 0; i < PREDICTIONS; i++) {
    const started = process.hrtime.bigint();
    predict(model, fresh[i % fresh.length]!);
    micros.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  micros.sort((a, b) => a - b);
  const bestWall = Math.min(...trainings.map((training) => training.wallS));
  const bestCpu = Math.min(...trainings.map((training) => training.cpuS));
  const figures = {
    bench: 'scoring-model',
    leads: LEADS,
    won,
    trainWallS: round(bestWall, 2),
    trainCpuS: round(bestCpu, 2),
    trainWallRunsS: trainings.map((training) => round(training.wallS, 2)),
    evaluateWallS: round(evaluationS, 2),
    trees: model.trainedOn.trees,
    blend: model.blend,
    columns: model.encoder.columnCount,
    modelJsonKb: round(JSON.stringify(model).length / 1024),
    holdoutAuc: round(report.metrics.auc, 3),
    predictP50Us: round(percentile(micros, 0.5)),
    predictP99Us: round(percentile(micros, 0.99)),
    predictMeanUs: round(micros.reduce((sum, value) => sum + value, 0) / micros.length),
    loadAverage: os.loadavg().map((load) => round(load, 2)),
    cores: os.cpus().length,
  };
  console.table([
    {
      measure: `train on ${LEADS} closed leads (${won} won), best of ${TRAIN_RUNS}`,
      value: `${figures.trainWallS} s wall, ${figures.trainCpuS} s CPU`,
      goal: '≤ 10 s',
    },
    {
      measure: 'hold-out evaluation (train on 80 %, score 20 %)',
      value: `${figures.evaluateWallS} s, AUC ${figures.holdoutAuc}`,
      goal: '',
    },
    {
      measure: 'model',
      value: `${figures.trees} trees, blend ${figures.blend}, ${figures.columns} columns, ${figures.modelJsonKb} KB JSON`,
      goal: '',
    },
    {
      measure: `predict one lead with factors (${PREDICTIONS} calls)`,
      value: `p50 ${figures.predictP50Us} µs, p99 ${figures.predictP99Us} µs, mean ${figures.predictMeanUs} µs`,
      goal: '≤ 200 µs',
    },
    { measure: 'load average (1, 5, 15 min)', value: figures.loadAverage.join(', '), goal: `${figures.cores} cores` },
  ]);
  console.log(JSON.stringify(figures));
}
