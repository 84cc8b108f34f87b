import { sql } from 'drizzle-orm';
import type { Executor } from './database.ts';

/**
 * Keeps the planner's statistics for the leads table fresh on the embedded database, which has no
 * autovacuum: without them, lookups by phone and e-mail scan the workspace once it has grown.
 * Statistics are gathered each time the table has grown by half since the last time (and at the
 * first thousand rows), so the cost stays a small share of the writes.
 */
export function leadStatisticsRefresher(db: Executor, onError: (error: unknown) => void) {
  let written = 0;
  let due = 1_000;
  let running = false;
  return {
    noteWrites(rows: number): void {
      written += rows;
      if (written < due || running) return;
      running = true;
      const size = written;
      db.execute(sql`ANALYZE leads`)
        .then(() => {
          due = Math.max(1_000, Math.round(size * 1.5));
        })
        .catch(onError)
        .finally(() => {
          running = false;
        });
    },
  };
}
