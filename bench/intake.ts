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

const DURATION_S = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = 50;

interface EngineFigures {
  engine: string;
  leadsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  bareInsertsPerSecond: number;
}

async function startServer(engine: 'pglite' | 'postgres', env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/intake-server.ts', engine], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { url, key } = JSON.parse(line) as { url: string; key: string };
  return {
    url,
    key,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function driveIntake(url: string, key: string) {
  let counter = 0;
  const result = await autocannon({
    url: `${url}/api/v1/leads`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        setupRequest: (request) => {
          counter++;
          const phone = `13${String(100_000_000 + counter).slice(-9)}`;
          return {
            ...request,
            body: JSON.stringify({
              name: `压测${counter}`,
              phone,
              company: `压测公司${counter % 500}有限公司`,
              source: '官网注册',
            }),
          };
        },
      },
    ],
  });
  return result;
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
  const result = await driveIntake(server.url, server.key);
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
    leadsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    bareInsertsPerSecond,
  };
}

export async function runIntakeBench(): Promise<void> {
  const figures: EngineFigures[] = [];
  for (const engine of ['pglite', 'postgres'] as const) figures.push(await benchEngine(engine));
  console.log(
    `\nPOST /api/v1/leads — ${CONNECTIONS} connections, ${DURATION_S} s, unique phones, ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.table(figures);
  console.log(
    JSON.stringify({ bench: 'intake', durationSeconds: DURATION_S, connections: CONNECTIONS, results: figures }),
  );
}
