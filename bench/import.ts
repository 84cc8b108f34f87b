import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  contactHeaders,
  expectedOutcome,
  importRows,
  missingDatasets,
  readDataset,
  writeCsvFile,
  X_EDUCATION_CSV,
  type Dataset,
} from '../test/import-fixtures.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const POLL_MS = 500;

const SERVER_HEAP_MB = process.env.BENCH_SERVER_HEAP_MB ? Number(process.env.BENCH_SERVER_HEAP_MB) : null;

function serverProcess(dataDir: string, args: string[] = []) {
  const serving = args.length === 0;
  const flags = [
    // BENCH_SERVER_HEAP_MB: cap the serving process's V8 heap (by default V8 lets garbage pile up
    // to a few hundred MB before collecting it, which counts in the RSS).
    ...(serving && SERVER_HEAP_MB ? [`--max-old-space-size=${SERVER_HEAP_MB}`] : []),
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the serving process, written when it stops.
    ...(serving && process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ];
  return spawn(process.execPath, [...flags, '--import', 'tsx', 'bench/import-server.ts', dataDir, ...args], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The most memory the process has held (Linux: VmHWM); null elsewhere. */
function peakRssMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function dataset(): Dataset {
  const missing = missingDatasets();
  if (!missing) return readDataset(X_EDUCATION_CSV);
  console.warn(`${missing}; the file gets made-up columns only`);
  return {
    headers: ['Lead Source', 'Lead Origin'],
    rows: [
      ['Olark Chat', 'API'],
      ['Google', 'Landing Page Submission'],
    ],
  };
}

export async function runImportBench(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clew-import-bench-'));
  const dataDir = path.join(workDir, 'data');
  const csvPath = path.join(workDir, 'leads.csv');
  try {
    const real = dataset();
    await writeCsvFile(csvPath, [...contactHeaders, ...real.headers], importRows(real, ROWS));
    const fileMb = fs.statSync(csvPath).size / 1_048_576;

    const setup = serverProcess(dataDir, ['--setup']);
    const [setupCode] = (await once(setup, 'exit')) as [number];
    if (setupCode !== 0) throw new Error(`setting up the database failed (${setupCode})`);

    const server = serverProcess(dataDir);
    const lines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
    const { url, token } = JSON.parse((await lines.next()).value as string) as { url: string; token: string };
    const rssAtStart = peakRssMb(server.pid!);
    const auth = { authorization: `Bearer ${token}` };

    const headers = new Set([...contactHeaders, ...real.headers]);
    const mapping = Object.fromEntries(
      Object.entries({
        姓名: 'name',
        手机: 'phone',
        公司: 'company',
        'Lead Source': 'source',
        'Lead Origin': 'custom.lead_origin',
        City: 'city',
      }).filter(([header]) => headers.has(header)),
    );
    const form = new FormData();
    form.append('mapping', JSON.stringify(mapping));
    // A file-backed blob: the client streams the file too.
    form.append('file', await fs.openAsBlob(csvPath), 'leads.csv');
    const startedAt = performance.now();
    const posted = await fetch(`${url}/api/v1/imports`, { method: 'POST', headers: auth, body: form });
    const { id } = (await posted.json()) as { id: string };
    if (posted.status !== 202) throw new Error(`upload refused: ${posted.status}`);
    const uploadSeconds = (performance.now() - startedAt) / 1000;

    let status: Record<string, number | string | null> = {};
    let countedSeconds: number | null = null;
    for (let polls = 0; polls < 3_600_000 / POLL_MS; polls++) {
      const response = await fetch(`${url}/api/v1/imports/${id}`, { headers: auth });
      status = (await response.json()) as typeof status;
      if (countedSeconds === null && Number(status.total) > 0) countedSeconds = (performance.now() - startedAt) / 1000;
      if (status.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const peak = peakRssMb(server.pid!);

    server.kill('SIGTERM');
    const last = JSON.parse(((await lines.next()).value as string | undefined) ?? '{}') as {
      memory?: { heapUsedMb: number; rssMb: number };
      profile?: Record<string, { ms: number; count: number; firstTenthMeanMs: number; lastTenthMeanMs: number }>;
    };
    await once(server, 'exit');
    const profile = last.profile ?? null;

    const expected = expectedOutcome(ROWS);
    const figures = {
      bench: 'import',
      engine: 'pglite',
      rows: ROWS,
      fileMb: Math.round(fileMb * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(ROWS / seconds),
      uploadSeconds: Math.round(uploadSeconds * 10) / 10,
      countedAfterSeconds: countedSeconds === null ? null : Math.round(countedSeconds * 10) / 10,
      peakRssMb: peak,
      rssAtReadyMb: rssAtStart,
      peakJsHeapMb: last.memory?.heapUsedMb ?? null,
      serverHeapLimitMb: SERVER_HEAP_MB,
      pgliteSharedBuffers: process.env.CLEW_PGLITE_SHARED_BUFFERS ?? '128MB',
      status: status.status,
      total: status.total,
      created: status.created,
      merged: status.merged,
      quarantined: status.quarantined,
      rejected: status.rejected,
      asExpected:
        status.created === expected.created &&
        status.merged === expected.merged &&
        status.rejected === expected.rejected,
      cores: os.cpus().length,
      node: process.version,
      ...(profile ? { databaseMs: profile } : {}),
    };

    console.log(
      `\nPOST /api/v1/imports: a ${ROWS.toLocaleString('en')}-row CSV (${figures.fileMb} MB) on the embedded ` +
        `database (data on disk), polled every ${POLL_MS} ms until done. ${figures.cores} cores, Node ${process.version}` +
        `${SERVER_HEAP_MB ? `, server heap capped at ${SERVER_HEAP_MB} MB` : ''}\n`,
    );
    console.table([
      {
        rows: ROWS,
        seconds: figures.seconds,
        'rows/s': figures.rowsPerSecond,
        'upload s': figures.uploadSeconds,
        'counted at s': figures.countedAfterSeconds,
        'peak RSS MB': peak,
        'peak JS heap MB': figures.peakJsHeapMb,
        created: figures.created,
        merged: figures.merged,
        rejected: figures.rejected,
        'as expected': figures.asExpected,
      },
    ]);
    if (profile) {
      console.log('\nDatabase time by statement (the rest of the wall time is JavaScript):');
      console.table(
        Object.entries(profile).map(([statement, figures]) => ({
          statement,
          ms: figures.ms,
          count: figures.count,
          'first 10% mean ms': figures.firstTenthMeanMs,
          'last 10% mean ms': figures.lastTenthMeanMs,
        })),
      );
    }
    console.log(JSON.stringify(figures));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
