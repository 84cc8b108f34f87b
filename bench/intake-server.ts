/**
 * Starts Clew for a benchmark in its own process, so the load generator does not share its event
 * loop, and prints one JSON line with the URL and an intake API key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { addTeam, createApiKey, loginAs, ADMIN_EMAIL, PASSWORD } from '../test/harness.ts';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clew-bench-'));
const database =
  engine === 'postgres'
    ? await openDatabase({ kind: 'postgres', url: process.env.BENCH_PG_URL!, poolSize: 20 })
    : await openDatabase({ kind: 'pglite', dataDir: process.env.BENCH_PGLITE_MEMORY ? null : dataDir });
const config = loadConfig({
  CLEW_DEMO: '0',
  CLEW_ADMIN_EMAIL: ADMIN_EMAIL,
  CLEW_ADMIN_PASSWORD: PASSWORD,
  LOG_LEVEL: 'silent',
});
const clew = await boot(config, { database, logger: false });
const url = await clew.app.listen({ port: 0, host: '127.0.0.1' });
const [workspace] = await clew.deps.db.query.workspaces.findMany({ limit: 1 });
await addTeam(clew, workspace!.id, { name: 'Inside', reps: 8 });
const key = await createApiKey(url, await loginAs(url, ADMIN_EMAIL));
console.log(JSON.stringify({ url, key }));

process.on('SIGTERM', () => {
  void clew.close().then(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
