import { describe, expect, it } from 'vitest';
import { evaluateModel } from './evaluate.ts';
import { noiseExamples, signalExamples, syntheticLeads } from './learner.fixtures.ts';
import { auc, calibrationTable } from './metrics.ts';
import { isScoringModel, predict, trainModel } from './model.ts';
import { readiness } from './readiness.ts';

describe('learner on a known signal', () => {
  const { report, model } = evaluateModel(signalExamples(3000, 11), { seed: 1 });

  it('ranks well and finds the strong feature first, the distractors last', () => {
    expect(report.metrics.auc).toBeGreaterThan(0.85);
    expect(report.features[0]!.name).toBe('signal');
    const rank = (name: string) => report.features.findIndex((feature) => feature.name === name);
    expect(rank('distractor')).toBeGreaterThan(rank('plan'));
    expect(rank('colour')).toBeGreaterThan(rank('tags'));
  });

  it('explains a lead with the factors that push it either way', () => {
    const high = predict(model, { signal: 2.5, plan: 'gold', tags: ['referred'], distractor: 0, colour: 'red', flag: true });
    const low = predict(model, { signal: -2.5, plan: 'bronze', tags: [], distractor: 0, colour: 'red', flag: true });
    expect(high.probability).toBeGreaterThan(0.9);
    expect(low.probability).toBeLessThan(0.1);
    expect(high.factors[0]).toMatchObject({ factor: 'signal' });
    expect(high.factors[0]!.effect).toBeGreaterThan(10);
    expect(low.factors[0]!.effect).toBeLessThan(-2);
    expect(high.factors.map((factor) => factor.factor)).toContain('plan = gold');
    expect(high.factors.map((factor) => factor.factor)).toContain('tags ∋ referred');
  });

  it('scores leads with missing values and values never seen in training', () => {
    const prediction = predict(model, { plan: 'platinum', colour: undefined, tags: ['unheard-of'] });
    expect(prediction.probability).toBeGreaterThan(0);
    expect(prediction.probability).toBeLessThan(1);
    expect(prediction.factors.map((factor) => factor.factor)).toContain('signal: empty');
    expect(predict(model, {}).probability).toBeGreaterThan(0);
  });
});

describe('learner on noise', () => {
  it('does not find what is not there: hold-out AUC near 0.5, probabilities near the base rate', () => {
    const { report } = evaluateModel(noiseExamples(2000, 5, 0.3), { seed: 2 });
    expect(Math.abs(report.metrics.auc - 0.5)).toBeLessThan(0.07);
    for (const bin of report.calibration) if (bin.count >= 20) expect(Math.abs(bin.meanPredicted - 0.3)).toBeLessThan(0.08);
    expect(report.metrics.brier).toBeLessThan(report.metrics.brierBaseline + 0.01);
  });
});

describe('calibration', () => {
  it('predicts what happens: on a large fresh sample each bin is close to its observed rate and to the truth', () => {
    const model = trainModel(syntheticLeads(4000, 21), { seed: 3 });
    const fresh = syntheticLeads(4000, 22);
    const probabilities = fresh.map((example) => predict(model, example.features).probability);
    const labels = fresh.map((example) => example.label);
    const truths = fresh.map((example) => example.truth);
    for (const bin of calibrationTable(probabilities, labels)) {
      if (bin.count < 100) continue;
      // Observed rates are noisy: allow three standard errors on top of a small margin.
      const standardError = Math.sqrt((bin.meanPredicted * (1 - bin.meanPredicted)) / bin.count);
      expect(Math.abs(bin.meanPredicted - bin.observedRate)).toBeLessThan(0.02 + 3 * standardError);
      const inBin = probabilities.flatMap((p, i) => (p >= bin.from && p < bin.to ? [truths[i]!] : []));
      const meanTruth = inBin.reduce((sum, value) => sum + value, 0) / inBin.length;
      expect(Math.abs(bin.meanPredicted - meanTruth)).toBeLessThan(0.05);
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(Math.abs(mean(probabilities) - mean(labels))).toBeLessThan(0.02);
    const truthAuc = auc(
      fresh.map((example) => example.truth),
      labels,
    );
    expect(auc(probabilities, labels)).toBeGreaterThan(truthAuc - 0.04);
  }, 60_000);
});

describe('the model as data', () => {
  const examples = signalExamples(600, 3);
  const model = trainModel(examples, { seed: 9 });

  it('survives JSON: the same predictions after a round trip', () => {
    const stored = JSON.parse(JSON.stringify(model)) as unknown;
    expect(isScoringModel(stored)).toBe(true);
    if (!isScoringModel(stored)) return;
    for (const example of examples.slice(0, 50)) expect(predict(stored, example.features)).toEqual(predict(model, example.features));
  });

  it('is the same for the same seed', () => {
    expect(trainModel(examples, { seed: 9 })).toEqual(model);
    expect(JSON.stringify(trainModel(examples, { seed: 10 }))).not.toEqual(JSON.stringify(model));
  });

  it('learns from small data: 200 closed leads, 30 of them won', () => {
    const pool = signalExamples(2000, 4);
    const won = pool.filter((example) => example.label === 1).slice(0, 30);
    const lost = pool.filter((example) => example.label === 0).slice(0, 170);
    const { report, model: small } = evaluateModel([...won, ...lost], { seed: 1 });
    expect(report.metrics.nHoldout).toBe(40);
    const fresh = signalExamples(2000, 5);
    const probabilities = fresh.map((example) => predict(small, example.features).probability);
    expect(auc(probabilities, fresh.map((example) => example.label))).toBeGreaterThan(0.75);
    expect(isScoringModel({ kind: 'other', version: 1 })).toBe(false);
  });

  it('refuses to train on one class', () => {
    expect(() => trainModel(examples.map((example) => ({ ...example, label: 0 as const })), { seed: 1 })).toThrow(/both won and lost/);
  });
});

describe('readiness', () => {
  it('needs 200 closed leads with 30 won and 30 lost, and says what is missing', () => {
    expect(readiness(200, 30).ready).toBe(true);
    expect(readiness(199, 30)).toMatchObject({ ready: false, reason: expect.stringContaining('1 more closed leads') });
    expect(readiness(500, 20)).toMatchObject({ ready: false, reason: expect.stringContaining('10 more won leads') });
    expect(readiness(500, 480)).toMatchObject({ ready: false, lost: 20, reason: expect.stringContaining('10 more lost leads') });
  });
});
