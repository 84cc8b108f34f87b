import { sql } from 'drizzle-orm';
import type { Executor } from './database.ts';

/**
 * Keeps the planner's statistics for the leads table fresh on the embedded database, which has no
 * autovacuum: without them, lookups by phone and e-mail scan the workspace once it has grown.
 * Statistics are gathered at the first thousand rows and then each time the table has grown
 * fourfold: lookups need only rough magnitudes (the planner scales the row estimates by the
 * table's current size), while ANALYZE samples up to 30,000 rows — at growth by half it ran ten
 * times in a 100,000-row import, 2.4 s of it.
 */
const GROWTH = 4;

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
          due = Math.max(1_000, size * GROWTH);
        })
        .catch(onError)
        .finally(() => {
          running = false;
        });
    },
  };
}
