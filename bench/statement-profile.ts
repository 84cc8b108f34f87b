import type { Db } from '../src/platform/db/database.ts';

type Query = (text: string, ...rest: unknown[]) => Promise<unknown>;
interface Queryable {
  query: Query;
  exec: Query;
  transaction: <T>(run: (tx: Queryable) => Promise<T>) => Promise<T>;
}

/** What a statement is, by how it starts: the intake's and the import's own. */
const kinds: [RegExp, string][] = [
  [/^WITH s0 AS \(INSERT INTO "leads"/i, 'intake write: new leads + touches + audit + pop-ups (one statement)'],
  [/^WITH s0 AS \(/i, 'intake write: touches on existing leads + audit (one statement)'],
  [/^select "leads"\./i, 'intake: find leads by phone/e-mail (locked)'],
  [/^SELECT id, name_key AS/i, 'intake: same-name people and their companies'],
  [/CROSS JOIN LATERAL/i, "routing: the company's current owner"],
  [/rep_loads|FROM lead_assignments/i, 'routing: loads and today’s counts'],
  [/pg_advisory_xact_lock/i, 'intake: contact key locks'],
  [/^ANALYZE/i, 'planner statistics (ANALYZE)'],
  [/routing_cursors|WITH RECURSIVE root/i, 'intake: round robin'],
  [/intake_rejections/i, 'intake: keep rejected rows'],
  [/channel_tag_rules|"channels"|custom_fields/i, 'intake: settings'],
  [/import_errors|"imports"/i, 'import: errors + counters'],
  [/^(begin|commit|rollback|savepoint|release)/i, 'transaction control'],
];

/**
 * Times every statement the embedded database runs (PGlite runs them on this thread, so their
 * sum is the database's share of the wall time; the rest is JavaScript).
 */
export function statementProfiler(db: Db) {
  const client = (db as unknown as { $client: Queryable }).$client;
  const totals = new Map<string, { ms: number; count: number; durations: number[] }>();
  const timed = (target: Queryable, method: 'query' | 'exec') => {
    const original = target[method].bind(target);
    target[method] = async (text, ...rest) => {
      const start = performance.now();
      try {
        return await original(text, ...rest);
      } finally {
        const squeezed = String(text).replace(/\s+/g, ' ').trim();
        const kind = kinds.find(([pattern]) => pattern.test(squeezed))?.[1] ?? 'other';
        const entry = totals.get(kind) ?? { ms: 0, count: 0, durations: [] };
        const ms = performance.now() - start;
        entry.ms += ms;
        entry.count++;
        entry.durations.push(ms);
        totals.set(kind, entry);
      }
    };
  };
  timed(client, 'query');
  timed(client, 'exec');
  const transaction = client.transaction.bind(client);
  client.transaction = (run) =>
    transaction((tx) => {
      timed(tx, 'query');
      timed(tx, 'exec');
      return run(tx);
    });
  return {
    /** Per kind: total ms, count, and the mean ms of its first and last tenth (does it slow down as tables grow?). */
    totals: () =>
      Object.fromEntries(
        [...totals]
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([kind, { ms, count, durations }]) => {
            const tenth = Math.max(1, Math.floor(count / 10));
            const mean = (values: number[]) =>
              Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
            return [
              kind,
              {
                ms: Math.round(ms),
                count,
                firstTenthMeanMs: mean(durations.slice(0, tenth)),
                lastTenthMeanMs: mean(durations.slice(-tenth)),
              },
            ];
          }),
      ),
  };
}
