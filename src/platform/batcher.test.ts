import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.ts';

describe('createBatcher', () => {
  it('should group submissions that arrive together, up to maxBatch, and those that arrive meanwhile', async () => {
    const batches: number[][] = [];
    const batcher = createBatcher<number, number>(
      async (items) => {
        batches.push(items);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return items.map((item) => ({ ok: true, value: item * 2 }));
      },
      { maxBatch: 3 },
    );
    const first = Promise.all([1, 2, 3, 4].map((item) => batcher.submit(item)));
    await new Promise((resolve) => setTimeout(resolve, 1));
    const later = Promise.all([5, 6].map((item) => batcher.submit(item)));
    expect([...(await first), ...(await later)]).toEqual([2, 4, 6, 8, 10, 12]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('should reject only the item whose outcome failed', async () => {
    const batcher = createBatcher<number, number>(
      async (items) =>
        items.map((item) => (item === 2 ? { ok: false, error: new Error('two') } : { ok: true, value: item })),
      { maxBatch: 10 },
    );
    const settled = await Promise.allSettled([1, 2, 3].map((item) => batcher.submit(item)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('should retry each item alone when a whole batch throws', async () => {
    const batches: number[][] = [];
    const batcher = createBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (items.includes(3)) throw new Error('poisoned');
        return items.map((item) => ({ ok: true, value: item }));
      },
      { maxBatch: 10 },
    );
    const settled = await Promise.allSettled([1, 2, 3].map((item) => batcher.submit(item)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('should drain what is in flight', async () => {
    let written = 0;
    const batcher = createBatcher<number, number>(
      async (items) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        written += items.length;
        return items.map((item) => ({ ok: true, value: item }));
      },
      { maxBatch: 2 },
    );
    void batcher.submit(1);
    void batcher.submit(2);
    void batcher.submit(3);
    await batcher.drain();
    expect(written).toBe(3);
  });
});
