import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, gte, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { boot, type Clew } from '../../boot.ts';
import { fixedClock, type Clock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { importErrors, imports, leads } from '../../platform/db/schema.ts';
import {
  addTeam,
  ADMIN_EMAIL,
  client,
  freshDatabase,
  loginAs,
  PASSWORD,
  testEngine,
  until,
} from '../../../test/harness.ts';
import {
  contactHeaders,
  expectedOutcome,
  importRows,
  postForm,
  rowKind,
  toCsv,
  waitForImport,
} from '../../../test/import-fixtures.ts';

const ROWS = 3_000;
const CHUNK = 100;
const STALE_MS = 30_000;

/**
 * Restarts on the same database: the embedded one in a data folder (closed and opened again),
 * or PostgreSQL (where a second and a third instance run side by side).
 */
describe('an import across restarts', () => {
  const engine = testEngine();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clew-import-resume-'));
  const importDir = path.join(dataDir, 'imports');
  let pgUrl: string | null = null;
  let dropPg = async () => {};
  const running: Clew[] = [];

  const openSame = async (): Promise<Database> => {
    if (engine === 'pglite') return openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'db') });
    if (!pgUrl) {
      const fresh = await freshDatabase('postgres');
      await fresh.database.close();
      pgUrl = fresh.url;
      dropPg = fresh.drop;
    }
    return openDatabase({ kind: 'postgres', url: pgUrl! });
  };

  const start = async (clock?: Clock) => {
    const config = loadConfig({
      CLEW_DEMO: '0',
      CLEW_ADMIN_EMAIL: ADMIN_EMAIL,
      CLEW_ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'silent',
      CLEW_LOGIN_RATE_PER_MINUTE: '1000',
    });
    const clew = await boot(config, {
      database: await openSame(),
      logger: false,
      importDir,
      importWorker: { chunkRows: CHUNK, pollMs: 50, staleMs: STALE_MS },
      ...(clock ? { clock } : {}),
    });
    running.push(clew);
    return { clew, url: await clew.app.listen({ port: 0, host: '127.0.0.1' }) };
  };

  const stop = async (clew: Clew) => {
    running.splice(running.indexOf(clew), 1);
    await clew.close();
  };

  afterAll(async () => {
    for (const clew of running) await clew.close();
    await dropPg();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // The embedded database's first start in a new folder (initdb) alone can take half a minute here.
  it(
    'should resume after a stop and after a crash mid-chunk, counting every row once and creating no lead twice',
    { timeout: 180_000 },
    async () => {
      const first = await start();
      const [workspace] = await first.clew.deps.db.query.workspaces.findMany({ limit: 1 });
      const workspaceId = workspace!.id;
      await addTeam(first.clew, workspaceId, { name: 'Inside', reps: 2 });
      let token = await loginAs(first.url, ADMIN_EMAIL);
      const csv = toCsv(
        [...contactHeaders, '来源'],
        importRows({ headers: ['来源'], rows: [['展会'], ['官网注册']] }, ROWS),
      );
      const started = await postForm(
        first.url,
        token,
        '/api/v1/imports',
        { name: 'expo.csv', content: csv },
        {
          mapping: JSON.stringify({ 姓名: 'name', 手机: 'phone', 公司: 'company', 来源: 'source' }),
        },
      );
      expect(started.status).toBe(202);
      const id: string = started.body.id;

      // Stop the server once a few chunks are in: it finishes the chunk in hand and lets go.
      for (let attempt = 0; attempt < 2_000; attempt++) {
        const status = await client(first.url, token).get(`/api/v1/imports/${id}`);
        if (status.body.processed >= 3 * CHUNK) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await stop(first.clew);

      // A crash: the last chunk's leads were written, but not its counters (that transaction never
      // committed), and a worker that is now dead still holds the import.
      const crashedAt = new Date();
      const database = await openSame();
      const [stopped] = await database.db.select().from(imports).where(eq(imports.id, id));
      expect(stopped).toMatchObject({ status: 'running', heartbeatAt: null });
      expect(stopped!.processed).toBeLessThan(ROWS);
      const lost = { from: stopped!.processed - CHUNK, created: 0, merged: 0, rejected: 0 };
      for (let index = lost.from; index < stopped!.processed; index++) {
        const kind = rowKind(index);
        lost[kind === 'new' ? 'created' : kind === 'repeat' ? 'merged' : 'rejected']++;
      }
      await database.db
        .update(imports)
        .set({
          processed: lost.from,
          created: sql`${imports.created} - ${lost.created}`,
          merged: sql`${imports.merged} - ${lost.merged}`,
          rejected: sql`${imports.rejected} - ${lost.rejected}`,
          heartbeatAt: crashedAt,
        })
        .where(eq(imports.id, id));
      // Row numbers count the header as row 1.
      await database.db
        .delete(importErrors)
        .where(and(eq(importErrors.importId, id), gte(importErrors.rowNumber, lost.from + 2)));
      await database.close();

      // A restart while the dead worker's claim is fresh: nobody takes the import over.
      const clock = fixedClock(crashedAt);
      const second = await start(clock);
      const third = engine === 'postgres' ? await start(clock) : null;
      token = await loginAs(second.url, ADMIN_EMAIL);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = await client(second.url, token).get(`/api/v1/imports/${id}`);
      expect(waiting.body).toMatchObject({ status: 'running', processed: lost.from });

      // Once the claim is stale, one instance takes it over and finishes it.
      clock.advance(STALE_MS + 1_000);
      const done = await waitForImport(second.url, token, id);
      const expected = expectedOutcome(ROWS);
      expect(done).toMatchObject({
        status: 'done',
        total: ROWS,
        processed: ROWS,
        // The lost chunk's new people exist already: the second pass merges into them.
        created: expected.created - lost.created,
        merged: expected.merged + lost.created,
        rejected: expected.rejected,
        quarantined: 0,
      });
      expect(done.created + done.merged + done.quarantined + done.rejected).toBe(ROWS);

      const db = second.clew.deps.db;
      const [leadCount] = await db.select({ n: count() }).from(leads).where(eq(leads.workspaceId, workspaceId));
      expect(leadCount!.n).toBe(expected.created);
      const repeated = await db
        .select({ phone: leads.phone })
        .from(leads)
        .where(eq(leads.workspaceId, workspaceId))
        .groupBy(leads.phone)
        .having(sql`count(*) > 1`);
      expect(repeated).toEqual([]);
      const [errorCount] = await db.select({ n: count() }).from(importErrors).where(eq(importErrors.importId, id));
      expect(errorCount!.n).toBe(expected.rejected);
      // The upload is removed just after the import is marked done: wait for it rather than race it.
      await until(
        async () => fs.readdirSync(importDir),
        (files) => files.length === 0,
        'the upload to be removed',
      );
      expect(fs.readdirSync(importDir)).toEqual([]);
      if (third) await stop(third.clew);
    },
  );
});
