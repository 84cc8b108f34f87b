import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Executor } from './database.ts';

const dialect = new PgDialect();
const NAME = /^[a-z_][a-z0-9_]*$/;
/** SQLSTATE invalid_sql_statement_name: EXECUTE of a statement the session does not have. */
const NO_SUCH_STATEMENT = '26000';

/**
 * Statements each PGlite instance has prepared, by name. PGlite is one session for its whole
 * life, so a statement prepared once serves every later call; a new instance (reopened after a
 * close) is a new key and prepares again.
 */
const preparedOnPglite = new WeakMap<PGlite, Map<string, { text: string; ready: Promise<void> }>>();

/**
 * Runs `query` as a named prepared statement: parsed and planned once per connection, then only
 * executed. Drizzle sends every query unnamed, so each call is parsed and planned anew — for an
 * index probe that is most of its cost (PGlite's planner in WebAssembly, ~2 ms of 2.7).
 *
 * PostgreSQL: node-postgres prepares a named statement once per pooled connection itself.
 * PGlite parses every query it is given (its protocol layer always sends an unnamed Parse), so
 * the statement is made with SQL `PREPARE` at first use and run with `EXECUTE`, its arguments
 * written as escaped literals (EXECUTE takes no bound parameters). In a transaction the query runs
 * as an ordinary one: a PGlite transaction cannot be told apart from another instance's.
 *
 * `name` must stand for this one query text: the same name with another text is an error.
 */
export async function queryPrepared<T>(db: Executor, name: string, query: SQL): Promise<T[]> {
  if (!NAME.test(name)) throw new Error(`Prepared statement name ${name} is not a plain identifier`);
  const client = db instanceof PgTransaction ? null : (db as { $client?: unknown }).$client;
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (client instanceof PGlite) return executeOnPglite<T>(client, name, text, params);
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    const result = await client.query({ name, text, values: params });
    return result.rows as T[];
  }
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

async function executeOnPglite<T>(client: PGlite, name: string, text: string, params: unknown[]): Promise<T[]> {
  const execute = `EXECUTE ${name}(${params.map(literal).join(', ')})`;
  // The simple query protocol: one message, where query() sends five (Parse, Describe, Bind,
  // Describe, Execute) — about 40% of what is left of a lookup's cost once it is not planned.
  const run = async () => ((await client.exec(execute))[0]?.rows ?? []) as T[];
  await prepareOnPglite(client, name, text);
  try {
    return await run();
  } catch (error) {
    // Someone ran DEALLOCATE (or DISCARD ALL) on the session: prepare again, once.
    if ((error as { code?: string }).code !== NO_SUCH_STATEMENT) throw error;
    preparedOnPglite.get(client)?.delete(name);
    await prepareOnPglite(client, name, text);
    return await run();
  }
}

async function prepareOnPglite(client: PGlite, name: string, text: string): Promise<void> {
  let statements = preparedOnPglite.get(client);
  if (!statements) preparedOnPglite.set(client, (statements = new Map()));
  let entry = statements.get(name);
  if (entry && entry.text !== text) throw new Error(`Prepared statement ${name} is already another query`);
  if (!entry) {
    // Kept as a promise so that calls arriving together prepare it once.
    const ready = client.exec(`PREPARE ${name} AS ${text}`).then(() => undefined);
    entry = { text, ready };
    statements.set(name, entry);
    ready.catch(() => statements.delete(name));
  }
  await entry.ready;
}

/** A parameter as a SQL literal; PostgreSQL casts it to the type the statement inferred. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') {
    // PostgreSQL text holds no NUL; in the statement text it would cut the literal short.
    if (value.includes('\0')) throw new Error('A text parameter contains a NUL character');
    return pg.escapeLiteral(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return pg.escapeLiteral(String(value));
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  throw new Error(`A prepared statement parameter of type ${typeof value} cannot be written as a literal`);
}
