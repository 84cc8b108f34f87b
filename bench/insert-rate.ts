import { sql } from 'drizzle-orm';
import type { Database } from '../src/platform/db/database.ts';

/** Sequential single-row INSERTs, each its own transaction: the engine's bare write rate. */
export async function measureInsertRate(database: Database, seconds: number) {
  const { db } = database;
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, workspace_id uuid NOT NULL, payload text NOT NULL)`,
  );
  const deadline = performance.now() + seconds * 1000;
  let rows = 0;
  while (performance.now() < deadline) {
    await db.execute(sql`INSERT INTO bench_rows (workspace_id, payload) VALUES (gen_random_uuid(), ${`row ${rows}`})`);
    rows++;
  }
  await db.execute(sql`DROP TABLE bench_rows`);
  return Math.round(rows / seconds);
}
