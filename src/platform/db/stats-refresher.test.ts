import { describe, expect, it } from 'vitest';
import type { Executor } from './database.ts';
import { leadStatisticsRefresher } from './stats-refresher.ts';

/** Counts ANALYZE statements; each finishes when the test lets it. */
function fakeDatabase() {
  const pending: (() => void)[] = [];
  const db = {
    execute: () => new Promise<void>((resolve) => pending.push(resolve)),
  } as unknown as Executor;
  return {
    db,
    started: () => pending.length,
    finishAll: async () => {
      for (const resolve of pending.splice(0)) resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('leadStatisticsRefresher', () => {
  it('should gather statistics at the first thousand rows, then each time the table has grown fourfold', async () => {
    const fake = fakeDatabase();
    const refresher = leadStatisticsRefresher(fake.db, () => {});
    const analysedAt: number[] = [];
    let rows = 0;
    for (let batch = 0; batch < 200; batch++) {
      const before = fake.started();
      refresher.noteWrites(500);
      rows += 500;
      if (fake.started() > before) analysedAt.push(rows);
      await fake.finishAll();
    }
    expect(analysedAt).toEqual([1_000, 4_000, 16_000, 64_000]);
  });

  it('should not start a second ANALYZE while one is running', async () => {
    const fake = fakeDatabase();
    const refresher = leadStatisticsRefresher(fake.db, () => {});
    refresher.noteWrites(1_000);
    refresher.noteWrites(10_000);
    expect(fake.started()).toBe(1);
    await fake.finishAll();
    refresher.noteWrites(1);
    expect(fake.started()).toBe(1);
  });
});
