import { describe, expect, it } from 'vitest';
import { defaultBestFitSettings } from '../src/modules/routing/strategies.rules.ts';
import {
  buildWorld,
  capacityFairness,
  jainIndex,
  leadStream,
  learnHistory,
  recordKey,
  segments,
  simulate,
  worldShape,
  type SimLead,
  type SimRep,
  type SimStrategy,
} from './routing-sim.ts';

const strategies: SimStrategy[] = ['round_robin', 'weighted_round_robin', 'least_loaded', 'best_fit', 'oracle'];
const testDays = worldShape.warmupDays + worldShape.testDays;

function rep(id: string, capacity: number, rate = 0.1): SimRep {
  return {
    id,
    kind: 'generalist',
    industry: null,
    skills: [],
    capacity,
    newHire: false,
    trueRates: segments.map(() => rate),
  };
}

const lead = (day: number, openDays: number, segment = 0): SimLead => ({ day, segment, openDays, attributes: [] });

function run(seed: number, strategy: SimStrategy) {
  const reps = buildWorld(seed);
  const records = learnHistory(reps, seed, defaultBestFitSettings);
  const leads = leadStream(seed, testDays);
  return {
    records,
    result: simulate({ strategy, reps, leads, records, bestFit: defaultBestFitSettings, scoreFromDay: 15 }),
  };
}

describe('routing simulation', () => {
  it('should give the same world, history and figures for the same seed, and others for another', () => {
    const first = run(7, 'best_fit');
    const again = run(7, 'best_fit');
    expect(again.result).toEqual(first.result);
    expect([...again.records]).toEqual([...first.records]);
    expect(buildWorld(7)).toEqual(buildWorld(7));
    expect(run(8, 'best_fit').result.expectedConversions).not.toBe(first.result.expectedConversions);
  });

  it('should learn records only from the history: none for new reps, one per closed history lead', () => {
    const reps = buildWorld(3);
    const records = learnHistory(reps, 3, defaultBestFitSettings);
    for (const hire of reps.filter((each) => each.newHire)) {
      segments.forEach((_, segment) => expect(records.has(recordKey(hire.id, segment))).toBe(false));
    }
    expect(reps.some((each) => each.newHire)).toBe(true);

    let closed = 0;
    simulate({
      strategy: 'round_robin',
      reps: reps.filter((each) => !each.newHire),
      leads: leadStream(3 ^ 0x4157, worldShape.historyDays),
      records: null,
      bestFit: defaultBestFitSettings,
      scoreFromDay: 0,
      onClose: () => (closed += 1),
    });
    const cells = [...records.values()];
    expect(cells.reduce((sum, cell) => sum + cell.leads, 0)).toBe(closed);
    for (const cell of cells) expect(cell.wins).toBeLessThanOrEqual(cell.leads);

    const snapshot = JSON.stringify([...records]);
    simulate({
      strategy: 'best_fit',
      reps,
      leads: leadStream(3, testDays),
      records,
      bestFit: defaultBestFitSettings,
      scoreFromDay: 0,
    });
    expect(JSON.stringify([...records])).toBe(snapshot);
  });

  it('should draw history outcomes from the true rates', () => {
    const reps = [rep('a', 1000, 0.05), rep('b', 1000, 0.5)];
    const records = learnHistory(reps, 11, defaultBestFitSettings);
    const rateOf = (id: string) => {
      const cells = segments.map((_, segment) => records.get(recordKey(id, segment)) ?? { wins: 0, leads: 0 });
      return cells.reduce((sum, cell) => sum + cell.wins, 0) / cells.reduce((sum, cell) => sum + cell.leads, 0);
    };
    expect(rateOf('a')).toBeCloseTo(0.05, 1);
    expect(rateOf('b')).toBeCloseTo(0.5, 1);
  });

  it.each(strategies)('should never put a rep over capacity, sending the rest to the pool (%s)', (strategy) => {
    const reps = [rep('a', 1), rep('b', 2), rep('c', 1)];
    const leads = Array.from({ length: 10 }, () => lead(0, 5));
    const result = simulate({ strategy, reps, leads, records: null, bestFit: defaultBestFitSettings, scoreFromDay: 0 });
    expect(result).toMatchObject({ scoredLeads: 10, toPool: 6, repsOverCapacity: 0, peakLoad: 1 });
    expect(result.leadsPerRep).toEqual([1, 2, 1]);
  });

  it.each(strategies)(
    'should keep every rep within capacity when the simulated team is overloaded (%s)',
    (strategy) => {
      const reps = buildWorld(5);
      const records = learnHistory(reps, 5, defaultBestFitSettings);
      // Two streams at once: about twice the team's capacity in open leads.
      const leads = [...leadStream(5, testDays), ...leadStream(6, testDays)].sort((x, y) => x.day - y.day);
      const result = simulate({ strategy, reps, leads, records, bestFit: defaultBestFitSettings, scoreFromDay: 0 });
      expect(result.toPool).toBeGreaterThan(0);
      expect(result.repsOverCapacity).toBe(0);
      expect(result.peakLoad).toBe(1);
    },
  );

  it("should score fairness as Jain's index of leads ÷ capacity", () => {
    expect(jainIndex([1, 1, 1, 1])).toBe(1);
    expect(jainIndex([1, 0, 0, 0])).toBe(0.25);
    expect(jainIndex([2, 1])).toBeCloseTo(0.9, 10);
    expect(capacityFairness([rep('a', 2), rep('b', 1)], [4, 2])).toBe(1);
    expect(capacityFairness([rep('a', 2), rep('b', 1)], [2, 2])).toBeCloseTo(0.9, 10);
  });

  it('should count leads per rep as dealt: round robin skips a full rep, and fairness follows', () => {
    // Day 0: a, b, then b is full so a. Day 1 (day 0's leads closed): b, a, then b is full so a.
    const reps = [rep('a', 2), rep('b', 1)];
    const leads = [0, 0, 0, 1, 1, 1].map((day) => lead(day, 1));
    const result = simulate({
      strategy: 'round_robin',
      reps,
      leads,
      records: null,
      bestFit: defaultBestFitSettings,
      scoreFromDay: 0,
    });
    expect(result.leadsPerRep).toEqual([4, 2]);
    expect(capacityFairness(reps, result.leadsPerRep)).toBe(1);
  });

  it('should add up the true rate of the chosen rep as expected conversions', () => {
    const reps = [rep('a', 1, 0.2), rep('b', 1, 0.6)];
    const result = simulate({
      strategy: 'oracle',
      reps,
      leads: [lead(0, 3), lead(0, 3), lead(0, 3)],
      records: null,
      bestFit: defaultBestFitSettings,
      scoreFromDay: 0,
    });
    expect(result.expectedConversions).toBeCloseTo(0.8, 10);
    expect(result.leadsPerRep).toEqual([1, 1]);
  });
});
