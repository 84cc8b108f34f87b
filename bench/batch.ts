import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { freshDatabase } from '../test/harness.ts';
import { startServer } from './intake.ts';

const BATCH_SIZE = 1_000;
const REQUESTS = Number(process.env.BENCH_BATCH_REQUESTS ?? 60);
const IN_FLIGHT = 2;
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
/** One lead in ten repeats an earlier one (by phone), as real lists do. */
const REPEAT_EVERY = 10;

interface BatchFigures {
  engine: string;
  leads: number;
  seconds: number;
  leadsPerSecond: number;
  requestP50Ms: number;
  requestP99Ms: number;
  /** The server process's CPU time per 1,000 leads (on PostgreSQL without the database's own). */
  serverCpuMsPer1000: number;
  created: number;
  merged: number;
  other: number;
}

let counter = 0;
function batchBody(): string {
  const leads = Array.from({ length: BATCH_SIZE }, () => {
    counter++;
    const n = counter % REPEAT_EVERY === 0 ? counter - 7 : counter;
    return {
      name: `批量${n}`,
      phone: `13${String(200_000_000 + n).slice(-9)}`,
      email: `lead${n}@example.cn`,
      company: `批量测试${n % 997}科技有限公司`,
      province: '广东',
      city: '深圳',
      utm: { source: 'baidu', medium: 'cpc' },
    };
  });
  return JSON.stringify({ leads });
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<BatchFigures> {
  let dropDatabase = async () => {};
  const env: Record<string, string> = {};
  if (engine === 'postgres') {
    const fresh = await freshDatabase('postgres');
    await fresh.database.close();
    env.BENCH_PG_URL = fresh.url!;
    dropDatabase = fresh.drop;
  }
  const server = await startServer(engine, env);
  const post = async (body: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/leads/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` },
      body,
    });
    const results = ((await response.json()) as { results: { status: string }[] }).results;
    return { ms: performance.now() - started, results };
  };
  // Warm-up: the first batches pay for compilation and empty caches.
  for (let i = 0; i < 3; i++) await post(batchBody());

  const bodies = Array.from({ length: REQUESTS }, batchBody);
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const started = performance.now();
  const cpuBefore = server.cpuSeconds();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < bodies.length) {
        const { ms, results } = await post(bodies[next++]!);
        latencies.push(ms);
        for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = server.cpuSeconds() - cpuBefore;
  await server.stop();
  await dropDatabase();
  latencies.sort((a, b) => a - b);
  const leads = REQUESTS * BATCH_SIZE;
  const created = statuses.get('created') ?? 0;
  const merged = statuses.get('merged') ?? 0;
  return {
    engine,
    leads,
    seconds: Math.round(seconds * 100) / 100,
    leadsPerSecond: Math.round(leads / seconds),
    requestP50Ms: percentile(latencies, 50),
    requestP99Ms: percentile(latencies, 99),
    serverCpuMsPer1000: Math.round((cpuSeconds * 1_000_000) / leads),
    created,
    merged,
    other: leads - created - merged,
  };
}

export async function runBatchBench(): Promise<void> {
  const figures: BatchFigures[] = [];
  for (const engine of ENGINES) figures.push(await benchEngine(engine));
  console.log(
    `\nPOST /api/v1/leads/batch: ${REQUESTS} requests of ${BATCH_SIZE} leads, ${IN_FLIGHT} in flight, ` +
      `1 in ${REPEAT_EVERY} a repeat. ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.table(figures);
  console.log(JSON.stringify({ bench: 'batch', batchSize: BATCH_SIZE, requests: REQUESTS, results: figures }));
}
