import fs from 'node:fs';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import type { IntakeSettings } from '../intake/intake-settings.ts';
import { intakeMany, type ChannelActor, type IntakeQueue } from '../intake/intake.service.ts';
import { MAX_BATCH_LEADS } from '../intake/intake.schemas.ts';
import { detectCsvEncoding, ImportFileError, openTable, readHead, removeFile, type SheetRow } from './import.files.ts';
import {
  abandonImport,
  claimImport,
  ClaimLost,
  failImport,
  finishImport,
  heartbeat,
  recordChunk,
  releaseImport,
  unclaimedImports,
  type ImportErrorRow,
  type ImportRow,
} from './import.repository.ts';
import { countOutcomes, rowErrorMessage, rowToLead, type RowStatus } from './import.rules.ts';

export interface ImportWorkerDeps {
  db: Db;
  clock: Clock;
  intake: IntakeQueue;
  settingsCache: TtlCache<IntakeSettings>;
}

export interface ImportWorkerOptions {
  /** How often to look for imports nobody holds (another instance's, after it died). */
  pollMs?: number;
  /** A claim whose heartbeat is older than this is taken over. */
  staleMs?: number;
  /** How often the heartbeat moves while the file is counted. */
  heartbeatMs?: number;
  /** After this long unheld, an import whose file this instance lacks is failed. */
  abandonMs?: number;
  /** Rows per intake call and per recorded step; at most intake's batch size. */
  chunkRows?: number;
  onError?: (error: unknown, importId: string) => void;
}

export interface ImportWorker {
  /** Look for work now (a new upload), instead of at the next poll. */
  kick(): void;
  start(): void;
  /** Finishes the chunk in hand, lets the import go (the next start resumes it) and stops. */
  stop(): Promise<void>;
}

/**
 * Runs imports in the background, one at a time per instance. An import is claimed by writing
 * its heartbeat (SKIP LOCKED, so instances never share one); each chunk of rows goes through
 * intake and its outcome is recorded with the new `processed` in one transaction, so after a
 * crash or a restart the import resumes where its counters stop.
 */
export function createImportWorker(deps: ImportWorkerDeps, options: ImportWorkerOptions = {}): ImportWorker {
  const pollMs = options.pollMs ?? 2_000;
  const staleMs = options.staleMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const abandonMs = options.abandonMs ?? 10 * 60_000;
  // One chunk is one intake batch: the most intake takes at once.
  const chunkRows = Math.min(options.chunkRows ?? MAX_BATCH_LEADS, MAX_BATCH_LEADS);
  let stopping = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  const nextClaim = async (): Promise<ImportRow | null> => {
    const now = deps.clock.now();
    const staleBefore = new Date(now.getTime() - staleMs);
    for (const candidate of await unclaimedImports(deps.db, staleBefore, 20)) {
      // With several servers, the upload is on one server's disk: only that one can run it.
      if (!fs.existsSync(candidate.filePath)) {
        await abandonImport(
          deps.db,
          candidate.id,
          new Date(now.getTime() - abandonMs),
          'The uploaded file is no longer on the server; upload it again',
          now,
        );
        continue;
      }
      const claimed = await claimImport(deps.db, candidate.id, staleBefore, now);
      if (claimed) return claimed;
    }
    return null;
  };

  const drain = async () => {
    do {
      again = false;
      for (let job = await nextClaim(); job && !stopping; job = stopping ? null : await nextClaim()) {
        await runImport(deps, job, { heartbeatMs, chunkRows, isStopping: () => stopping }).catch((error: unknown) =>
          options.onError?.(error, job!.id),
        );
      }
    } while (again && !stopping);
  };

  const kick = () => {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => options.onError?.(error, ''))
      .finally(() => {
        running = null;
      });
  };

  return {
    kick,
    start() {
      timer ??= setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

async function runImport(
  deps: ImportWorkerDeps,
  job: ImportRow,
  options: { heartbeatMs: number; chunkRows: number; isStopping: () => boolean },
): Promise<void> {
  let beat = job.heartbeatAt!;
  const beatIfDue = async (set: { total?: number } = {}) => {
    const now = deps.clock.now();
    if (set.total === undefined && now.getTime() - beat.getTime() < options.heartbeatMs) return;
    await heartbeat(deps.db, job.id, beat, now, set);
    beat = now;
  };
  try {
    const head = await readHead(job.filePath);
    const encoding = job.format === 'csv' ? await detectCsvEncoding(job.filePath, head) : 'utf-8';

    // The total first, for the progress bar: one streaming pass that only counts.
    let total = 0;
    const counting = await openTable(job.filePath, job.format, encoding);
    try {
      for await (const _row of counting.rows) {
        if (++total % 10_000 !== 0) continue;
        if (options.isStopping()) {
          await releaseImport(deps.db, job.id, beat);
          return;
        }
        await beatIfDue();
      }
    } finally {
      await counting.close();
    }
    await beatIfDue({ total });

    const table = await openTable(job.filePath, job.format, encoding);
    const actor: ChannelActor = {
      kind: 'channel',
      workspaceId: job.workspaceId,
      source: 'import',
      channelId: job.channelId,
      label: job.fileName,
    };
    let processed = job.processed;
    let skipped = 0;
    let chunk: SheetRow[] = [];
    const flush = async () => {
      const now = await writeChunk(deps, job, actor, table.headers, chunk, processed, beat);
      beat = now;
      processed += chunk.length;
      chunk = [];
    };
    try {
      for await (const row of table.rows) {
        // Resuming: these rows were written (and counted) before the restart.
        if (skipped < job.processed) {
          skipped++;
          continue;
        }
        chunk.push(row);
        if (chunk.length === options.chunkRows) {
          await flush();
          if (options.isStopping()) {
            await releaseImport(deps.db, job.id, beat);
            return;
          }
        }
      }
      if (chunk.length > 0) await flush();
    } finally {
      await table.close();
    }
    await finishImport(deps.db, job.id, beat, deps.clock.now());
    await removeFile(job.filePath);
  } catch (error) {
    if (error instanceof ClaimLost) return;
    const message =
      error instanceof ImportFileError ? error.message : 'The import stopped on an unexpected error; run it again';
    await failImport(deps.db, job.id, beat, message, deps.clock.now());
    await removeFile(job.filePath);
    if (!(error instanceof ImportFileError)) throw error;
  }
}

/** Sends one chunk through intake and records what became of each row; returns the new heartbeat. */
async function writeChunk(
  deps: ImportWorkerDeps,
  job: ImportRow,
  actor: ChannelActor,
  headers: string[],
  rows: SheetRow[],
  processedBefore: number,
  beat: Date,
): Promise<Date> {
  const bodies = rows.map((row) => rowToLead(headers, row.cells, job.mapping, job.channelId));
  const results = await intakeMany(deps, actor, bodies, { dedupePolicy: job.dedupePolicy });
  const errors: ImportErrorRow[] = [];
  results.forEach((result, index) => {
    if (result.status !== 'rejected' && result.status !== 'quarantined') return;
    const row = rows[index]!;
    errors.push({
      workspaceId: job.workspaceId,
      importId: job.id,
      rowNumber: row.rowNumber,
      status: result.status,
      code: result.error?.code ?? 'VALIDATION_FAILED',
      field: result.error?.field ?? null,
      message: rowErrorMessage(result.error?.message ?? 'This row could not be imported', result.error?.field ?? null),
      row: headers.map((header, column) => [header, row.cells[column] ?? '']),
    });
  });
  const now = deps.clock.now();
  await recordChunk(deps.db, {
    id: job.id,
    beat,
    now,
    processedBefore,
    counts: { processed: rows.length, ...countOutcomes(results.map((result) => result.status as RowStatus)) },
    errors,
  });
  return now;
}
