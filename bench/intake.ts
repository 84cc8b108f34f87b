import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { openDatabase } from '../src/platform/db/database.ts';
import { freshDatabase } from '../test/harness.ts';
import { measureInsertRate } from './insert-rate.ts';
import { openLoop } from './open-loop.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const WARM_UP_S = 5;
const CONNECTIONS = 50;
/** Latency is read at this steady rate: at saturation it only measures the queue. */
const TARGET_RATE = 500;
/** Linux's USER_HZ: /proc reports CPU time in these. */
const CLOCK_TICKS = 100;

interface EngineFigures {
  engine: string;
  maxLeadsPerSecond: number;
  saturatedP50Ms: number;
  saturatedP99Ms: number;
  steadyRate: number;
  steadyP50Ms: number;
  steadyP99Ms: number;
  failed: number;
  bareInsertsPerSecond: number;
}

export async function startServer(engine: 'pglite' | 'postgres', env: Record<string, string>) {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/intake-server.ts', engine], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { url, key } = JSON.parse(line) as { url: string; key: string };
  return {
    url,
    key,
    /** CPU seconds the server process has used so far (user + system; PGlite runs inside it). */
    cpuSeconds: () => {
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

let counter = 0;
function leadBody(): string {
  counter++;
  const phone = `13${String(100_000_000 + counter).slice(-9)}`;
  return JSON.stringify({
    name: `压测${counter}`,
    phone,
    company: `压测公司${counter % 500}有限公司`,
    source: '官网注册',
  });
}

function saturate(url: string, key: string, seconds: number) {
  return autocannon({
    url: `${url}/api/v1/leads`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        setupRequest: (request) => ({ ...request, body: leadBody() }),
      },
    ],
  });
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<EngineFigures> {
  let dropDatabase = async () => {};
  const env: Record<string, string> = {};
  if (engine === 'postgres') {
    const fresh = await freshDatabase('postgres');
    await fresh.database.close();
    env.BENCH_PG_URL = fresh.url!;
    dropDatabase = fresh.drop;
  }
  const server = await startServer(engine, env);
  await saturate(server.url, server.key, WARM_UP_S);
  const saturated = await saturate(server.url, server.key, DURATION_S);
  const steady = await openLoop({
    url: `${server.url}/api/v1/leads`,
    rate: TARGET_RATE,
    seconds: DURATION_S,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` },
    body: leadBody,
  });
  await server.stop();
  await dropDatabase();

  const insertDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clew-insert-'));
  const bare =
    engine === 'pglite'
      ? { database: await openDatabase({ kind: 'pglite', dataDir: insertDir }), drop: async () => {} }
      : await freshDatabase('postgres');
  const bareInsertsPerSecond = await measureInsertRate(bare.database, 5);
  await bare.database.close();
  await bare.drop();
  fs.rmSync(insertDir, { recursive: true, force: true });

  return {
    engine,
    maxLeadsPerSecond: Math.round(saturated.requests.average),
    saturatedP50Ms: saturated.latency.p50,
    saturatedP99Ms: saturated.latency.p99,
    steadyRate: steady.achievedRate,
    steadyP50Ms: steady.p50Ms,
    steadyP99Ms: steady.p99Ms,
    failed: saturated.errors + saturated.non2xx + steady.failed,
    bareInsertsPerSecond,
  };
}

export async function runIntakeBench(): Promise<void> {
  const figures: EngineFigures[] = [];
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
  for (const engine of engines) figures.push(await benchEngine(engine));
  console.log(
    `\nPOST /api/v1/leads, unique phones. max/saturated: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s ` +
      `(after ${WARM_UP_S} s warm-up). steady: Poisson arrivals at ${TARGET_RATE}/s for ${DURATION_S} s. ` +
      `${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.table(figures);
  console.log(
    JSON.stringify({
      bench: 'intake',
      durationSeconds: DURATION_S,
      connections: CONNECTIONS,
      targetRate: TARGET_RATE,
      results: figures,
    }),
  );
}
