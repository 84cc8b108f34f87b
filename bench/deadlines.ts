/**
 * `npm run bench -- deadlines`: the response-deadline worker on PGlite (on disk, as the embedded
 * default runs). BENCH_DEADLINES pending steps (default 100,000) on as many leads: all but
 * BENCH_DEADLINES_STREAM (default 1,000) due days away, those falling due over the next
 * BENCH_DEADLINES_SECONDS (default 20) seconds. The worker runs on the system clock, sleeping until
 * the next due step; the time from a step's due time to its pop-up (the NOTIFY delivered on commit)
 * is its latency. Then CPU while idle: the process's CPU time over 10 s with only far steps pending.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemClock } from '../src/platform/clock.ts';
import { openDatabase, queryRows } from '../src/platform/db/database.ts';
import { createTtlCache } from '../src/platform/ttl-cache.ts';
import { insertLeadsStatement, type LeadRow } from '../src/modules/leads/lead.repository.ts';
import { EVENTS_CHANNEL, type RealtimeEvent } from '../src/modules/realtime/realtime.ts';
import type { WorkspaceRouting } from '../src/modules/routing/workspace-routing.ts';
import { unscoredLead } from '../src/modules/scoring/scoring.rules.ts';
import { DEADLINES_CHANNEL, insertDeadlinesStatement } from '../src/modules/sla/deadline.repository.ts';
import { planRows } from '../src/modules/sla/deadline.rules.ts';
import { insertPolicyRow, policyToColumns } from '../src/modules/sla/sla-policy.repository.ts';
import { slaPolicy } from '../src/modules/sla/sla.schemas.ts';
import { createDeadlineWorker } from '../src/modules/sla/deadline.worker.ts';
import { insertWorkspace } from '../src/modules/workspaces/workspace.service.ts';

const TOTAL = Number(process.env.BENCH_DEADLINES ?? 100_000);
const STREAM = Number(process.env.BENCH_DEADLINES_STREAM ?? 1_000);
const STREAM_SECONDS = Number(process.env.BENCH_DEADLINES_SECONDS ?? 20);
const IDLE_SECONDS = 10;
const CHUNK = 5_000;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function benchLead(
  workspaceId: string,
  id: string,
  index: number,
  ownerId: string,
  created: Date,
  due: number,
): LeadRow {
  return {
    ...unscoredLead,
    id,
    workspaceId,
    name: `客户${index}`,
    nameKey: null,
    phone: null,
    email: null,
    company: null,
    companyKey: null,
    website: null,
    title: null,
    province: null,
    city: null,
    source: 'bench',
    channelId: null,
    campaign: null,
    utm: null,
    landingPage: null,
    referrer: null,
    tags: [],
    custom: {},
    status: 'new',
    ownerId,
    teamId: null,
    touchCount: 1,
    lastTouchAt: created,
    createdAt: created,
    updatedAt: created,
    slaDueAt: new Date(due),
    slaStep: 'firstTouch:deadline:notify_owner',
    poolId: null,
  };
}

export async function runDeadlinesBench(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clew-bench-deadlines-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const db = database.db;
  const workspaceId = randomUUID();
  const ownerId = randomUUID();
  const created = new Date();
  await insertWorkspace(db, workspaceId, 'bench', created);
  const policy = slaPolicy.parse({
    id: randomUUID(),
    name: 'bench',
    priority: 1,
    targets: { firstTouch: { seconds: 1_800, businessTime: false } },
    ladder: { reminders: [], atDeadline: ['notify_owner'] },
  });
  await insertPolicyRow(db, {
    id: policy.id,
    workspaceId,
    ...policyToColumns(policy),
    createdAt: created,
    updatedAt: created,
  });

  process.stderr.write(`filling ${TOTAL.toLocaleString('en')} leads and pending steps\n`);
  const fillStarted = performance.now();
  const dueOf = new Map<string, number>();
  const fill = async (from: number, to: number, dueAt: (index: number) => number, streamed: boolean) => {
    for (let chunk = from; chunk < to; chunk += CHUNK) {
      const leads: LeadRow[] = [];
      const steps = [];
      for (let index = chunk; index < Math.min(to, chunk + CHUNK); index++) {
        const id = randomUUID();
        const due = dueAt(index);
        leads.push(benchLead(workspaceId, id, index, ownerId, created, due));
        steps.push(
          ...planRows(
            workspaceId,
            id,
            ownerId,
            policy,
            null,
            new Date(due - 1_800_000),
            ['firstTouch'],
            created,
            randomUUID,
          ),
        );
        if (streamed) dueOf.set(id, due);
      }
      await db.execute(insertLeadsStatement(leads));
      await db.execute(insertDeadlinesStatement(steps));
    }
  };
  // Days away: these only have to be there (and stay asleep).
  const far = Date.now() + 3 * 86_400_000;
  await fill(STREAM, TOTAL, (index) => far + index * 1000, false);
  await db.execute(sql`ANALYZE`);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  process.stderr.write(`filled in ${fillSeconds.toFixed(1)} s\n`);

  const latencies: number[] = [];
  const stopListening = await database.listen(EVENTS_CHANNEL, (payload) => {
    const heard = Date.now();
    const json = JSON.parse(payload) as RealtimeEvent | RealtimeEvent[];
    for (const event of Array.isArray(json) ? json : [json]) {
      const due = dueOf.get(String(event.data.leadId));
      if (event.type === 'lead.deadline' && due !== undefined) latencies.push(heard - due);
    }
  });
  const worker = createDeadlineWorker({
    db,
    clock: systemClock,
    routingCache: createTtlCache<WorkspaceRouting>(systemClock, 600_000),
  });
  // As boot wires it: a statement adding steps wakes the worker.
  const stopWakeUps = await database.listen(DEADLINES_CHANNEL, () => worker.kick());
  worker.start();
  // The stream: due from 5 s after it is written, spread evenly over STREAM_SECONDS.
  const streamStart = Date.now() + 5_000;
  await fill(0, STREAM, (index) => streamStart + Math.floor((index / STREAM) * STREAM_SECONDS * 1000), true);
  while (latencies.length < STREAM && Date.now() < streamStart + STREAM_SECONDS * 1000 + 60_000) await sleep(200);

  // Idle: only far steps pending; the worker should sleep (its safety wake-up at most once a minute).
  const cpuBefore = process.cpuUsage();
  const idleStarted = performance.now();
  await sleep(IDLE_SECONDS * 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const idleCpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - idleStarted)) * 100;
  await worker.stop();
  await stopWakeUps();
  await stopListening();
  const [counts] = await queryRows<{ done: number; pending: number; audits: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM lead_deadlines WHERE state = 'done') AS done,
        (SELECT count(*)::int FROM lead_deadlines WHERE state = 'pending') AS pending,
        (SELECT count(*)::int FROM audit_log WHERE action LIKE 'sla.%') AS audits`,
  );
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const figures = {
    pending: TOTAL,
    stream: STREAM,
    streamSeconds: STREAM_SECONDS,
    performed: latencies.length,
    p50Ms: latencies.length ? quantile(latencies, 0.5) : null,
    p99Ms: latencies.length ? quantile(latencies, 0.99) : null,
    maxMs: latencies.at(-1) ?? null,
    idleCpuPercent: Math.round(idleCpuPercent * 100) / 100,
    done: counts!.done,
    stillPending: counts!.pending,
    audits: counts!.audits,
    fillSeconds: Math.round(fillSeconds),
    load: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
  console.log('| pending | due in stream | performed | p50 due→pop-up | p99 | max | idle CPU | audits |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${TOTAL.toLocaleString('en')} | ${STREAM.toLocaleString('en')} over ${STREAM_SECONDS} s | ${figures.performed} | ${figures.p50Ms} ms | ${figures.p99Ms} ms | ${figures.maxMs} ms | ${figures.idleCpuPercent} % | ${figures.audits} |`,
  );
  console.log(JSON.stringify(figures));
}
