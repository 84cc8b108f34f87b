import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { getTableColumns, sql, type ExtractTablesWithRelations, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn, PgDatabase, PgQueryResultHKT, PgTable, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { listenWithReconnect } from './pg-listener.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either the database or an open transaction. */
export type Executor = Db | Tx;

export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  kind: EngineKind;
  db: Db;
  /** Subscribes to a NOTIFY channel; messages arrive only after the sending transaction commits. */
  /**
   * `onResync` runs when notifications may have been missed (the PostgreSQL listener reconnected
   * after the server dropped it); the embedded engine never misses one.
   */
  listen(channel: string, onMessage: (payload: string) => void, onResync?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));
const MIGRATION_LOCK_KEY = 7_262_001;

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir: string | null; sharedBuffers?: string }
  | { kind: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'pglite'
    ? openPglite(options.dataDir, options.sharedBuffers)
    : openPostgres(options.url, options.poolSize ?? 10);
}

const JSON_OID = 114;
const JSONB_OID = 3802;
/**
 * JSON parameters are sent to PGlite as UTF-8 bytes in binary format: for json that is its text,
 * for jsonb the text after a version byte (1). PGlite's own encoder counts a string's UTF-8 length
 * one character at a time in JavaScript: for the intake's row sets (megabytes per batch) that took
 * a sixth of a batch's time.
 */
const jsonText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const JSONB_VERSION = Buffer.from([1]);
const jsonAsUtf8 = {
  [JSON_OID]: (value: unknown) => Buffer.from(jsonText(value), 'utf8'),
  [JSONB_OID]: (value: unknown) => Buffer.concat([JSONB_VERSION, Buffer.from(jsonText(value), 'utf8')]),
} as never;

/** `dataDir: null` keeps everything in memory (tests). */
async function openPglite(dataDir: string | null, sharedBuffers = '128MB'): Promise<Database> {
  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
  }
  try {
    // PGlite's write-ahead log otherwise grows to 1 GB before a checkpoint trims it.
    const startParams = [
      ...PGlite.defaultStartParams,
      ...['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'],
      // PostgreSQL's buffer cache lives inside this process's WebAssembly memory, which never shrinks.
      ...['-c', `shared_buffers=${sharedBuffers}`],
    ];
    // pg_trgm ships inside the package; fuzzy company matching needs it on both engines.
    const options = { startParams, extensions: { pg_trgm }, serializers: jsonAsUtf8 };
    const client = dataDir ? new PGlite(path.join(dataDir, 'pg'), options) : new PGlite(options);
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    return {
      kind: 'pglite',
      db,
      listen: async (channel, onMessage) => {
        const unlisten = await client.listen(channel, onMessage);
        return () => unlisten();
      },
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle client dropped by the server is replaced on the next checkout; nothing to do here.
  });
  await migrateUnderLock(url);
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    db,
    listen: async (channel, onMessage, onResync = () => {}) => {
      const stop = await listenWithReconnect(url, channel, onMessage, onResync);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      listeners.clear();
      await pool.end();
    },
  };
}

/** Several instances may start at once; only one applies migrations, the others wait for it. */
async function migrateUnderLock(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** Raw SQL for what the query builder cannot say (recursive CTEs); both drivers return `rows`. */
/**
 * Newest-first ordering that matches our indexes: drizzle-kit writes `.desc()` index columns as
 * DESC NULLS LAST, while drizzle's desc() orders DESC (nulls first), which the planner cannot
 * read off such an index — it sorted every lead of the workspace for each page instead.
 */
export const descNullsLast = (column: PgColumn) => sql`${column} DESC NULLS LAST`;

export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs several data-modifying statements as one round trip (`WITH s0 AS (…), s1 AS (…) SELECT …`).
 * PostgreSQL executes every data-modifying CTE exactly once, referenced or not; on PGlite each
 * round trip costs a few hundred microseconds, so the intake path writes this way.
 */
export async function writeTogether(
  db: Executor,
  statements: SQLWrapper[],
  finalSelect: SQL = sql`SELECT 1`,
): Promise<void> {
  if (statements.length === 0) return;
  const ctes = sql.join(
    statements.map((statement, index) => sql`${sql.raw(`s${index}`)} AS (${statement.getSQL()})`),
    sql`, `,
  );
  await db.execute(sql`WITH ${ctes} ${finalSelect}`);
}

/** A column's type as a record definition list can name it (serial types are a CREATE TABLE shorthand). */
function recordType(column: PgColumn): string {
  const type = column.getSQLType();
  return { bigserial: 'bigint', serial: 'integer', smallserial: 'smallint' }[type] ?? type;
}

/**
 * Rows as one JSON parameter, read by `json_to_recordset` as the named columns: a record per row
 * without its null values (a missing key reads as NULL). Typed and sparse, PGlite reads 1,000
 * leads in about 20 ms where `json_populate_recordset` over the whole row type took 50.
 */
function jsonRecordset(columns: PgColumn[], rows: Record<string, unknown>[], keys: string[]): SQL {
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    keys.forEach((key, index) => {
      const value = row[key];
      if (value !== null && value !== undefined) record[columns[index]!.name] = value;
    });
    return record;
  });
  const definitions = columns.map((column) => `"${column.name}" ${recordType(column)}`).join(', ');
  return sql`json_to_recordset(${JSON.stringify(records)}::json) AS r(${sql.raw(definitions)})`;
}

/**
 * A multi-row INSERT that sends its rows as one JSON parameter (jsonRecordset). Binding every
 * value separately costs more than the insert itself on the embedded database (intake writes
 * dozens of rows per batch); PostgreSQL reads it as fast. Dates travel as ISO strings.
 */
export function bulkInsertStatement<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean } = {},
): SQL {
  // Columns are the union of the rows' keys: a row without a key inserts NULL there.
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => key in columns);
  const used = keys.map((key) => columns[key]!);
  const columnList = sql.raw(used.map((column) => `"${column.name}"`).join(', '));
  const conflict = sql.raw(options.onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '');
  const source = jsonRecordset(used, rows as Record<string, unknown>[], keys);
  return sql`INSERT INTO ${table} (${columnList}) SELECT ${columnList} FROM ${source}${conflict}`;
}

/**
 * Sets `keys` on many rows in one statement, each row's values coming from its record (matched on
 * workspace_id and id), sent as one JSON parameter like bulkInsertStatement.
 */
export function bulkUpdateStatement<T extends PgTable>(
  table: T,
  rows: T['$inferInsert'][],
  keys: readonly string[],
): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const fields = ['workspaceId', 'id', ...keys.filter((key) => key in columns && key !== 'id')];
  const assignments = sql.raw(
    fields
      .slice(2)
      .map((key) => `"${columns[key]!.name}" = r."${columns[key]!.name}"`)
      .join(', '),
  );
  const source = jsonRecordset(
    fields.map((key) => columns[key]!),
    rows as Record<string, unknown>[],
    fields,
  );
  return sql`UPDATE ${table} AS t SET ${assignments} FROM ${source} WHERE t.workspace_id = r.workspace_id AND t.id = r.id`;
}
