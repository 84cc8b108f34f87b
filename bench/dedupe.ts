/**
 * `npm run bench -- dedupe`: the de-duplication lookups at 1,000,000 leads in one workspace.
 * For each engine it fills a fresh database with realistic leads (the eval's generator: Chinese
 * names and companies, +86 mobiles, e-mails; keys by the app's own companyMatchKey and
 * personNameKey), rebuilds the migration's indexes, ANALYZEs, then times single lookups one
 * after another: exact match by phone and by e-mail (hits and misses), the same-name lookup,
 * the intake's own candidate query, and the fuzzy company search (pg_trgm, threshold 0.5); then
 * the same exact lookups unprepared, as a baseline, and an index experiment (runExperiments).
 */
import { unscoredLead } from '../src/modules/scoring/scoring.rules.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../src/platform/db/schema.ts';
import { openDatabase, queryRows, type Database, type Db, type Executor } from '../src/platform/db/database.ts';
import { findMatchCandidates, findSimilarCompanies } from '../src/modules/dedupe/dedupe.repository.ts';
import { companyCore, personNameKey, plausibleNameMatches } from '../src/modules/dedupe/dedupe.rules.ts';
import {
  findByContacts,
  findSameNameCompanies,
  insertLeadsStatement,
  type LeadRow,
} from '../src/modules/leads/lead.repository.ts';
import { companyMatchKey } from '../src/modules/leads/company.rules.ts';
import { insertTeam, insertUser, insertWorkspace } from '../src/modules/workspaces/workspace.service.ts';
import { freshDatabase } from '../test/harness.ts';
import {
  companyText,
  ContactRegistry,
  newCompany,
  newMobile,
  newPerson,
  pick,
  seededRng,
  type Rng,
} from '../eval/dedupe-variants.ts';
import { brandChars } from '../eval/dedupe-data.ts';

const LEADS = Number(process.env.BENCH_DEDUPE_LEADS ?? 1_000_000);
const LOOKUPS = Number(process.env.BENCH_DEDUPE_LOOKUPS ?? 2000);
/** Fuzzy searches take up to a few hundred ms each at this size: fewer of them. */
const FUZZY_LOOKUPS = Number(process.env.BENCH_DEDUPE_FUZZY_LOOKUPS ?? 500);
const ENGINES = (process.env.BENCH_DEDUPE_ENGINES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const THRESHOLD = 0.5;
const CHUNK = 10_000;
const WARM_UP = 200;
const SAMPLE_EVERY = Math.max(1, Math.floor(LEADS / 20_000));

interface Sample {
  phone: string | null;
  email: string | null;
  nameKey: string | null;
  companyKey: string | null;
}

interface Timing {
  lookup: string;
  n: number;
  /** Wall-clock ms, as the caller waits. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /**
   * CPU ms the lookup cost, Node and database together: what it would take on an idle machine,
   * where the wall-clock figures above also hold the time spent waiting for a shared core.
   */
  cpuP50: number;
  cpuP99: number;
  /** Rows returned, on average. */
  rows: number;
}

/** CPU nanoseconds a database server process has used, when it is one (PostgreSQL's backend). */
type ServerCpu = (() => number) | null;

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function timing(lookup: string, durations: number[], cpu: number[], rows: number[]): Timing {
  return {
    lookup,
    n: durations.length,
    p50: round(percentile(durations, 0.5)),
    p95: round(percentile(durations, 0.95)),
    p99: round(percentile(durations, 0.99)),
    max: round(Math.max(...durations)),
    mean: round(durations.reduce((sum, value) => sum + value, 0) / durations.length),
    cpuP50: round(percentile(cpu, 0.5)),
    cpuP99: round(percentile(cpu, 0.99)),
    rows: Math.round((rows.reduce((sum, value) => sum + value, 0) / rows.length) * 10) / 10,
  };
}

async function measure<T>(
  lookup: string,
  inputs: T[],
  run: (input: T) => Promise<unknown[]>,
  serverCpu: ServerCpu,
): Promise<Timing> {
  for (const input of inputs.slice(0, Math.min(WARM_UP, Math.ceil(inputs.length / 10)))) await run(input);
  const durations: number[] = [];
  const cpu: number[] = [];
  const rows: number[] = [];
  for (const input of inputs) {
    const serverBefore = serverCpu?.() ?? 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await run(input);
    durations.push(performance.now() - started);
    const own = process.cpuUsage(cpuBefore);
    const server = (serverCpu?.() ?? 0) - serverBefore;
    cpu.push((own.user + own.system) / 1000 + server / 1e6);
    rows.push(result.length);
  }
  return timing(lookup, durations, cpu, rows);
}

/** The leads, as the intake would have written them, with the app's own keys. */
function* leadRows(rng: Rng, registry: ContactRegistry, workspaceId: string, owners: { id: string; teamId: string }[]) {
  const start = Date.UTC(2025, 0, 1);
  for (let index = 0; index < LEADS; index++) {
    // Common full names at about their real share (张伟 is one Chinese in five thousand).
    const person = newPerson(rng, registry, { commonNameShare: 0.005 });
    const company = person.company ? companyText(person.company) : null;
    const owner = owners[index % owners.length]!;
    const at = new Date(start + Math.floor((index / LEADS) * 700 * 86_400_000));
    const row: LeadRow = {
      id: randomUUID(),
      workspaceId,
      name: person.name,
      nameKey: personNameKey(person.name),
      phone: person.mobile ? `+86${person.mobile}` : null,
      email: person.email,
      company,
      companyKey: companyMatchKey(company),
      website: null,
      title: person.title,
      province: null,
      city: null,
      source: '官网注册',
      channelId: null,
      campaign: null,
      utm: null,
      landingPage: null,
      referrer: null,
      tags: [],
      custom: {},
      ...unscoredLead,
      status: 'new',
      ownerId: owner.id,
      teamId: owner.teamId,
      touchCount: 1,
      lastTouchAt: at,
      createdAt: at,
      updatedAt: at,
      slaDueAt: null,
      slaStep: null,
      poolId: null,
    };
    yield row;
  }
}

interface Filled {
  workspaceId: string;
  samples: Sample[];
  /** Each lead's trade name (companyCore of its key), for the index experiment. */
  cores: { id: string; core: string }[];
  seconds: Record<string, number>;
}

async function fill(database: Database): Promise<Filled> {
  const { db } = database;
  const now = new Date();
  const workspaceId = randomUUID();
  await insertWorkspace(db, workspaceId, 'bench', now);
  const teamId = await insertTeam(db, { workspaceId, name: '电销组', kind: 'group' }, now);
  const owners: { id: string; teamId: string }[] = [];
  for (let index = 0; index < 20; index++) {
    const id = await insertUser(
      db,
      { workspaceId, email: `rep${index}@bench.clew`, name: `销售${index}`, passwordHash: 'x', role: 'rep', teamId },
      now,
    );
    owners.push({ id, teamId });
  }
  // Loading into indexed tables costs ten times more; the migration's own definitions are
  // dropped and run again afterwards, so the indexes are exactly the shipped ones.
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'leads' AND indexname <> 'leads_pkey'`,
  );
  for (const { indexname } of indexes) await db.execute(sql.raw(`DROP INDEX "${indexname}"`));

  const seconds: Record<string, number> = {};
  let started = performance.now();
  const rng = seededRng(1_000_003);
  const registry = new ContactRegistry();
  const samples: Sample[] = [];
  const cores: Filled['cores'] = [];
  let chunk: LeadRow[] = [];
  let count = 0;
  for (const row of leadRows(rng, registry, workspaceId, owners)) {
    if (count++ % SAMPLE_EVERY === 0) samples.push(row);
    const core = companyCore(row.companyKey);
    if (core) cores.push({ id: row.id, core });
    chunk.push(row);
    if (chunk.length === CHUNK) {
      await db.execute(insertLeadsStatement(chunk));
      chunk = [];
      if (count % 100_000 === 0) process.stderr.write(`  ${count.toLocaleString('en')} leads\n`);
    }
  }
  if (chunk.length > 0) await db.execute(insertLeadsStatement(chunk));
  seconds.insert = (performance.now() - started) / 1000;
  for (const { indexname, indexdef } of indexes) {
    started = performance.now();
    await db.execute(sql.raw(indexdef));
    seconds[indexname] = (performance.now() - started) / 1000;
  }
  started = performance.now();
  await db.execute(sql`ANALYZE leads`);
  seconds.analyze = (performance.now() - started) / 1000;
  return { workspaceId, samples, cores, seconds };
}

/** A company key that is no lead's: a fresh firm from the same generator. */
function unknownCompanyKeys(rng: Rng, count: number, existing: Set<string>): string[] {
  const keys: string[] = [];
  while (keys.length < count) {
    const key = companyMatchKey(companyText(newCompany(rng, false)));
    if (key && !existing.has(key)) keys.push(key);
  }
  return keys;
}

/** The key with one character of its trade name (or of the whole key) replaced: a typo. */
function typoKey(rng: Rng, key: string): string {
  const chars = [...key];
  const index = Math.floor(rng() * chars.length);
  chars[index] = pick(rng, brandChars).char;
  return chars.join('');
}

function shuffled<T>(rng: Rng, list: T[], count: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return Array.from({ length: count }, (_, index) => copy[index % copy.length]!);
}

async function explain(db: Executor, query: ReturnType<typeof sql>): Promise<string> {
  const rows = await queryRows<Record<string, string>>(db, sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
  return rows.map((row) => Object.values(row)[0]).join('\n');
}

/** pg_trgm's floor for `%` raised to the threshold for one transaction, as findSimilarCompanies does. */
function raisedFloor<T>(db: Db, work: (tx: Executor) => Promise<T>) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(THRESHOLD)}, true)`);
    return work(tx);
  });
}

/** findMatchCandidates as it was before it was prepared: drizzle's unnamed statement, planned at every call. */
function unpreparedMatchCandidates(db: Db, workspaceId: string, keys: { phone?: string; email?: string }) {
  return db
    .select({
      id: schema.leads.id,
      name: schema.leads.name,
      nameKey: schema.leads.nameKey,
      phone: schema.leads.phone,
      email: schema.leads.email,
      company: schema.leads.company,
      companyKey: schema.leads.companyKey,
      ownerId: schema.leads.ownerId,
      ownerName: schema.users.name,
      createdAt: schema.leads.createdAt,
    })
    .from(schema.leads)
    .leftJoin(
      schema.users,
      and(eq(schema.users.id, schema.leads.ownerId), eq(schema.users.workspaceId, schema.leads.workspaceId)),
    )
    .where(
      and(
        eq(schema.leads.workspaceId, workspaceId),
        keys.phone ? eq(schema.leads.phone, keys.phone) : eq(schema.leads.email, keys.email!),
      ),
    )
    .orderBy(schema.leads.createdAt)
    .limit(50);
}

/** findSimilarCompanies' query (run it under raisedFloor), for its plan. */
function similarSql(workspaceId: string, companyKey: string) {
  const core = companyCore(companyKey);
  const containsCore =
    core && [...core].length >= 3 ? sql`OR l.company_key LIKE ${`%${core.replace(/[\\%_]/g, '\\$&')}%`}` : sql``;
  return sql`
    SELECT l.id, l.company_key
    FROM leads l
    LEFT JOIN users u ON u.id = l.owner_id AND u.workspace_id = l.workspace_id
    WHERE l.workspace_id = ${workspaceId} AND (l.company_key % ${companyKey} ${containsCore})
    ORDER BY similarity(l.company_key, ${companyKey}) DESC, l.created_at LIMIT 40`;
}

interface EngineResult {
  engine: string;
  leads: number;
  loadSeconds: Record<string, number>;
  timings: Timing[];
  experiments: Timing[];
  plans: Record<string, string>;
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<EngineResult> {
  let close: () => Promise<void>;
  let database: Database;
  let url: string | null = null;
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clew-dedupe-'));
    database = await openDatabase({ kind: 'pglite', dataDir: dir });
    close = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const fresh = await freshDatabase('postgres');
    database = fresh.database;
    url = fresh.url;
    close = async () => {
      await fresh.database.close();
      await fresh.drop();
    };
  }
  let lookupClient: pg.Client | null = null;
  try {
    process.stderr.write(`${engine}: filling ${LEADS.toLocaleString('en')} leads\n`);
    const { workspaceId, samples, cores, seconds } = await fill(database);
    process.stderr.write(`${engine}: filled in ${JSON.stringify(seconds)}\n`);
    // PostgreSQL: lookups on one connection, whose backend's CPU time /proc tells (it runs here).
    let db = database.db;
    let serverCpu: ServerCpu = null;
    if (url) {
      lookupClient = new pg.Client({ connectionString: url });
      await lookupClient.connect();
      const { rows } = await lookupClient.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const statFile = `/proc/${rows[0]!.pid}/schedstat`;
      serverCpu = () => Number(fs.readFileSync(statFile, 'utf8').split(' ')[0]);
      db = drizzlePg({ client: lookupClient, schema }) as unknown as Db;
    }
    const rng = seededRng(42);
    const withPhone = samples.filter((sample) => sample.phone);
    const withEmail = samples.filter((sample) => sample.email);
    const withCompany = samples.filter((sample) => sample.companyKey && sample.nameKey);
    const missRegistry = new ContactRegistry();
    for (const sample of withPhone) missRegistry.claimPhone(sample.phone!.slice(3));
    const existingCompanies = new Set(withCompany.map((sample) => sample.companyKey!));

    const timings: Timing[] = [];
    const run = async (lookup: string, inputs: unknown[], fn: (input: never) => Promise<unknown[]>) => {
      process.stderr.write(`${engine}: ${lookup}\n`);
      timings.push(await measure(lookup, inputs as never[], fn, serverCpu));
    };
    await run('exact: phone, existing', shuffled(rng, withPhone, LOOKUPS), (s: Sample) =>
      findMatchCandidates(db, workspaceId, { phone: s.phone }),
    );
    // Not every mobile a new lead brings is unknown to the generator's registry of these samples,
    // but a random one among 10^8 is a miss with near certainty.
    await run(
      'exact: phone, new',
      Array.from({ length: LOOKUPS }, () => `+86${newMobile(rng, missRegistry)}`),
      (phone: string) => findMatchCandidates(db, workspaceId, { phone }),
    );
    await run('exact: e-mail, existing', shuffled(rng, withEmail, LOOKUPS), (s: Sample) =>
      findMatchCandidates(db, workspaceId, { email: s.email }),
    );
    await run(
      'exact: e-mail, new',
      Array.from({ length: LOOKUPS }, (_, index) => `nobody.${index}.${Math.floor(rng() * 1e9)}@example.cn`),
      (email: string) => findMatchCandidates(db, workspaceId, { email }),
    );
    await run('same name (findMatchCandidates, nameKey)', shuffled(rng, withCompany, LOOKUPS), (s: Sample) =>
      findMatchCandidates(db, workspaceId, { nameKey: s.nameKey }),
    );
    await run(
      "intake's candidates (same names' companies, then findByContacts FOR UPDATE)",
      shuffled(rng, withCompany, LOOKUPS),
      (s: Sample) =>
        db.transaction(async (tx) => {
          const sameName = await findSameNameCompanies(tx, workspaceId, [s.nameKey!]);
          return findByContacts(tx, workspaceId, {
            phones: [`+86${newMobile(rng, missRegistry)}`],
            emails: s.email ? [s.email] : [],
            ids: plausibleNameMatches([{ ...s, phone: null }], sameName, THRESHOLD),
          });
        }),
    );
    const fuzzyInputs = {
      'existing key': shuffled(rng, withCompany, FUZZY_LOOKUPS).map((sample) => sample.companyKey!),
      'key with a typo': shuffled(rng, withCompany, FUZZY_LOOKUPS).map((sample) => typoKey(rng, sample.companyKey!)),
      'unknown firm': unknownCompanyKeys(rng, FUZZY_LOOKUPS, existingCompanies),
    };
    for (const [what, keys] of Object.entries(fuzzyInputs)) {
      await run(`fuzzy company: ${what}`, keys, (key: string) =>
        findSimilarCompanies(db, workspaceId, key, THRESHOLD, 10),
      );
    }

    const candidates = (condition: ReturnType<typeof sql>) =>
      sql`SELECT l.id FROM leads l LEFT JOIN users u ON u.id = l.owner_id AND u.workspace_id = l.workspace_id
          WHERE l.workspace_id = ${workspaceId} AND ${condition} ORDER BY l.created_at LIMIT 50`;
    const plans: Record<string, string> = {
      phone: await explain(db, candidates(sql`l.phone = ${withPhone[3]!.phone}`)),
      name: await explain(db, candidates(sql`l.name_key = ${'张伟'} AND l.company_key IS NOT NULL`)),
      fuzzyExisting: await raisedFloor(db, (tx) =>
        explain(tx, similarSql(workspaceId, fuzzyInputs['existing key'][0]!)),
      ),
      fuzzyUnknown: await raisedFloor(db, (tx) =>
        explain(tx, similarSql(workspaceId, fuzzyInputs['unknown firm'][0]!)),
      ),
    };

    const experiments = await runExperiments({
      engine,
      db,
      serverCpu,
      workspaceId,
      fuzzyInputs,
      baseline: {
        phone: shuffled(rng, withPhone, LOOKUPS).map((sample) => sample.phone!),
        'e-mail': shuffled(rng, withEmail, LOOKUPS).map((sample) => sample.email!),
      },
      cores,
      plans,
    });
    return { engine, leads: LEADS, loadSeconds: roundAll(seconds), timings, experiments, plans };
  } finally {
    await lookupClient?.end();
    await close();
  }
}

/**
 * Comparisons, not what ships, each labelled so in the output:
 * 1. BASELINE: the exact lookup by phone and by e-mail as it was before it was prepared (drizzle's
 *    unnamed statement, parsed and planned at every call), for a before/after in one run;
 * 2. EXPERIMENT: a trigram index on the trade name (companyCore of the key) instead of the whole key — a
 *    schema change, made here in the bench's own database only (a column filled from the app's
 *    companyCore and a GIN index on it), searched with the raised floor.
 */
async function runExperiments(input: {
  engine: string;
  db: Db;
  serverCpu: ServerCpu;
  workspaceId: string;
  fuzzyInputs: Record<string, string[]>;
  /** Existing phones and e-mails for the baseline. */
  baseline: Record<'phone' | 'e-mail', string[]>;
  cores: { id: string; core: string }[];
  plans: Record<string, string>;
}): Promise<Timing[]> {
  const { engine, db, serverCpu, workspaceId, fuzzyInputs, plans } = input;
  const experiments: Timing[] = [];
  process.stderr.write(`${engine}: baseline, exact lookups planned at every call\n`);
  for (const [what, keys] of Object.entries(input.baseline)) {
    experiments.push(
      await measure(
        `BASELINE exact: ${what}, existing, planned at every call (unnamed statement, as before)`,
        keys,
        (value) => unpreparedMatchCandidates(db, workspaceId, what === 'phone' ? { phone: value } : { email: value }),
        serverCpu,
      ),
    );
  }

  process.stderr.write(`${engine}: experiment, trade-name index (filling ${input.cores.length} rows)\n`);
  const started = performance.now();
  await db.execute(sql`ALTER TABLE leads ADD COLUMN bench_company_core text`);
  for (let start = 0; start < input.cores.length; start += 20_000) {
    const rows = JSON.stringify(input.cores.slice(start, start + 20_000));
    await db.execute(sql`
      UPDATE leads l SET bench_company_core = v.core
      FROM json_to_recordset(${rows}::json) AS v(id uuid, core text) WHERE l.id = v.id`);
  }
  await db.execute(sql`CREATE INDEX bench_company_core_trgm_idx ON leads USING gin (bench_company_core gin_trgm_ops)`);
  await db.execute(sql`ANALYZE leads`);
  process.stderr.write(`${engine}: trade-name index ready in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  const coreSql = (core: string) => sql`
    SELECT l.id, similarity(l.bench_company_core, ${core}) AS score
    FROM leads l LEFT JOIN users u ON u.id = l.owner_id AND u.workspace_id = l.workspace_id
    WHERE l.workspace_id = ${workspaceId} AND l.bench_company_core % ${core}
      AND similarity(l.bench_company_core, ${core}) >= ${THRESHOLD}
    ORDER BY score DESC, l.created_at LIMIT 10`;
  for (const [what, keys] of Object.entries(fuzzyInputs)) {
    const coreKeys = keys.flatMap((key) => companyCore(key) ?? []);
    process.stderr.write(`${engine}: experiment, trade-name index, ${what}\n`);
    experiments.push(
      await measure(
        `EXPERIMENT trade-name index: ${what}, % floor = ${THRESHOLD}`,
        coreKeys,
        (core) => raisedFloor(db, (tx) => queryRows(tx, coreSql(core))),
        serverCpu,
      ),
    );
  }
  plans.tradeNameIndexUnknown = await raisedFloor(db, (tx) =>
    explain(tx, coreSql(companyCore(fuzzyInputs['unknown firm']![0]!) ?? '')),
  );
  return experiments;
}

function roundAll(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, Math.round(value * 10) / 10]));
}

export async function runDedupeBench(): Promise<void> {
  const results: EngineResult[] = [];
  const load = os.loadavg()[0]!.toFixed(1);
  for (const engine of ENGINES) results.push(await benchEngine(engine));
  console.log(
    `\nDe-duplication lookups at ${LEADS.toLocaleString('en')} leads in one workspace, one at a time, ` +
      `${LOOKUPS} of each exact and name lookup, ${FUZZY_LOOKUPS} of each fuzzy one, after a tenth as many ` +
      `(at most ${WARM_UP}) to warm up; ms. ${os.cpus().length} cores, Node ${process.version}, ` +
      `load average ${load} at start, ${os.loadavg()[0]!.toFixed(1)} at end. Targets: exact p99 ≤ 1 ms, fuzzy ≤ 100 ms.\n`,
  );
  for (const result of results) {
    console.log(`${result.engine} — load: ${JSON.stringify(result.loadSeconds)} s`);
    console.table(result.timings);
    console.log(`${result.engine} — baseline and experiments (not shipped):`);
    console.table(result.experiments);
    for (const [name, plan] of Object.entries(result.plans))
      console.log(`${result.engine} EXPLAIN ${name}:\n${plan}\n`);
  }
  console.log(
    JSON.stringify({
      bench: 'dedupe',
      leads: LEADS,
      lookups: LOOKUPS,
      fuzzyLookups: FUZZY_LOOKUPS,
      threshold: THRESHOLD,
      targets: { exactP99Ms: 1, fuzzyP99Ms: 100 },
      results: results.map(({ plans: _plans, ...result }) => result),
    }),
  );
}
