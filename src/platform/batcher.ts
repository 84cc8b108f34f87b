/**
 * Group commit: submissions that arrive while a batch is being written wait and go together in
 * the next one. A lone submission is written at once; under load, batches grow and each
 * database round trip carries many submissions.
 */
export interface Batcher<I, O> {
  submit(item: I): Promise<O>;
  /** Resolves when everything submitted so far has been written. */
  drain(): Promise<void>;
}

export type BatchOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export function createBatcher<I, O>(
  run: (items: I[]) => Promise<BatchOutcome<O>[]>,
  options: { maxBatch: number },
): Batcher<I, O> {
  type Pending = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };
  const queue: Pending[] = [];
  let running: Promise<void> | null = null;

  const settle = (pending: Pending[], outcomes: BatchOutcome<O>[]) => {
    pending.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (!outcome) entry.reject(new Error('batch returned no outcome for an item'));
      else if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  };

  const runBatch = async (pending: Pending[]) => {
    try {
      settle(pending, await run(pending.map((entry) => entry.item)));
    } catch (error) {
      if (pending.length === 1) {
        pending[0]!.reject(error);
        return;
      }
      // One bad submission must not sink the others: write each on its own.
      for (const entry of pending) await runBatch([entry]);
    }
  };

  const pump = (): Promise<void> => {
    if (!running) {
      running = (async () => {
        // Let the event loop read every request that is already waiting before the batch is cut:
        // the embedded database runs synchronously, so without this yield each batch would
        // hold only the one submission that started it.
        await new Promise((resolve) => setImmediate(resolve));
        while (queue.length > 0) {
          await runBatch(queue.splice(0, options.maxBatch));
          await new Promise((resolve) => setImmediate(resolve));
        }
        running = null;
      })();
    }
    return running;
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        void pump();
      });
    },
    drain: async () => {
      while (running) await running;
    },
  };
}
