/**
 * Clew on the embedded database in its own process, for the import benchmark.
 *
 *   import-server.ts <dataDir> --setup   creates the database (8 reps, a custom field) and exits
 *   import-server.ts <dataDir>           serves it; prints one JSON line with the URL and a token
 *
 * Set up and served by two processes, so the server's peak memory is a running server's, not the
 * one-off database creation's. When stopped it prints a second JSON line: its peak JS heap and, with
 * BENCH_PROFILE=1, the time spent in each kind of database statement.
 */
import path from 'node:path';
import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { addTeam, ADMIN_EMAIL, client, loginAs, PASSWORD } from '../test/harness.ts';
import { statementProfiler } from './statement-profile.ts';

const dataDir = process.argv[2]!;
const setup = process.argv.includes('--setup');
const config = loadConfig({
  CLEW_DEMO: '0',
  CLEW_ADMIN_EMAIL: ADMIN_EMAIL,
  CLEW_ADMIN_PASSWORD: PASSWORD,
  LOG_LEVEL: 'silent',
  // CLEW_PGLITE_SHARED_BUFFERS: the embedded database's buffer cache, as the server would take it.
  ...(process.env.CLEW_PGLITE_SHARED_BUFFERS
    ? { CLEW_PGLITE_SHARED_BUFFERS: process.env.CLEW_PGLITE_SHARED_BUFFERS }
    : {}),
});
const database = await openDatabase({ kind: 'pglite', dataDir, sharedBuffers: config.CLEW_PGLITE_SHARED_BUFFERS });
const profile = process.env.BENCH_PROFILE === '1' ? statementProfiler(database.db) : null;
const clew = await boot(config, { database, logger: false, importDir: path.join(dataDir, 'imports') });
const url = await clew.app.listen({ port: 0, host: '127.0.0.1' });
const token = await loginAs(url, ADMIN_EMAIL);

if (setup) {
  const [workspace] = await clew.deps.db.query.workspaces.findMany({ limit: 1 });
  await addTeam(clew, workspace!.id, { name: 'Inside', reps: 8 });
  const field = await client(url, token).post('/api/v1/fields', {
    entity: 'lead',
    name: 'lead_origin',
    label: 'Lead Origin',
    type: 'text',
  });
  if (field.status !== 201) throw new Error(`custom field: ${JSON.stringify(field.body)}`);
  await clew.close();
  process.exit(0);
}

// The JavaScript heap apart from the rest (mostly the embedded database's WebAssembly memory).
const peak = { heapUsedMb: 0, rssMb: 0 };
const sample = () => {
  const { heapUsed, rss } = process.memoryUsage();
  peak.heapUsedMb = Math.max(peak.heapUsedMb, Math.round(heapUsed / 1_048_576));
  peak.rssMb = Math.max(peak.rssMb, Math.round(rss / 1_048_576));
};
setInterval(sample, 200).unref();

console.log(JSON.stringify({ url, token }));
process.on('SIGTERM', () => {
  sample();
  console.log(JSON.stringify({ memory: peak, ...(profile ? { profile: profile.totals() } : {}) }));
  void clew.close().then(() => process.exit(0));
});
