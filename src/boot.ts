import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { AppDeps } from './app-deps.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { INVALIDATE_CHANNEL, startEventHub, type Invalidation } from './modules/realtime/realtime.ts';
import type { IntakeSettings } from './modules/intake/intake-settings.ts';
import type { Actor } from './platform/http/actor.ts';
import { createTtlCache } from './platform/ttl-cache.ts';
import { createBatcher } from './platform/batcher.ts';
import { leadStatisticsRefresher } from './platform/db/stats-refresher.ts';
import { workspaceRouting, type WorkspaceRouting } from './modules/routing/workspace-routing.ts';
import { writeIntakeBatch, type IntakeResult, type Submission } from './modules/intake/intake.service.ts';
import { createImportWorker, type ImportWorkerOptions } from './modules/imports/import.worker.ts';
import { workspaceScoring, type WorkspaceScoring } from './modules/scoring/workspace-scoring.ts';
import { createScoringWorker, type ScoringWorkerOptions } from './modules/scoring/scoring.worker.ts';
import { createDeadlineWorker, type DeadlineWorkerOptions } from './modules/sla/deadline.worker.ts';
import { DEADLINES_CHANNEL } from './modules/sla/deadline.repository.ts';
import { createDeliveryWorker, type DeliveryWorkerOptions } from './modules/notifications/delivery.worker.ts';
import {
  createNotificationSender,
  createSmtpTransport,
  type NotificationSenderDeps,
} from './modules/notifications/notification-sender.service.ts';
import { DELIVERIES_CHANNEL, personalEmail } from './modules/notifications/notification-write.ts';
import { smtpSettings } from './platform/config.ts';
import { ensureDefaultPipelines } from './modules/pipeline/pipeline.repository.ts';
import { bootstrapFirstWorkspace, type BootstrapResult } from './modules/workspaces/workspace.service.ts';

// Large enough to amortise a transaction under load, small enough to keep each one short.
const INTAKE_MAX_BATCH = 1_000;
// A revocation reaches every instance by NOTIFY at once; this bounds a missed one.
const CREDENTIAL_CACHE_MS = 30_000;

export interface Clew {
  app: FastifyInstance;
  deps: AppDeps;
  bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export interface BootOptions {
  clock?: Clock;
  logger?: boolean;
  /** Tests pass an already open database (a fresh PGlite in memory or a fresh PostgreSQL one). */
  database?: Database;
  /** Where uploads wait for their import; by default the data folder's imports/ (a temporary folder when a database is handed in). */
  importDir?: string;
  /** Tests shorten the worker's polling and chunks. */
  importWorker?: ImportWorkerOptions;
  scoringWorker?: ScoringWorkerOptions;
  deadlineWorker?: DeadlineWorkerOptions;
  deliveryWorker?: DeliveryWorkerOptions;
  /** Tests hand in the jitter, a shorter timeout or a transport. */
  notificationSender?: Partial<Omit<NotificationSenderDeps, 'clock' | 'logger'>>;
}

/** Opens the database (migrating it), bootstraps the first workspace and builds the server. */
export async function boot(config: Config, options: BootOptions = {}): Promise<Clew> {
  const database =
    options.database ??
    (await openDatabase(
      config.DATABASE_URL
        ? { kind: 'postgres', url: config.DATABASE_URL }
        : { kind: 'pglite', dataDir: config.CLEW_DATA_DIR, sharedBuffers: config.CLEW_PGLITE_SHARED_BUFFERS },
    ));
  const clock = options.clock ?? systemClock;
  try {
    const bootstrap = await bootstrapFirstWorkspace(
      { db: database.db, clock },
      { adminEmail: config.CLEW_ADMIN_EMAIL, adminPassword: config.CLEW_ADMIN_PASSWORD, demo: config.CLEW_DEMO },
    );
    // Workspaces made before pipelines existed get the default one (idempotent, under a lock).
    await ensureDefaultPipelines(database.db, clock.now());
    let app: FastifyInstance | null = null;
    const events = await startEventHub(database, (payload) => app?.log.warn({ payload }, 'ignored malformed event'));
    // PostgreSQL's autovacuum keeps statistics fresh; the embedded engine needs telling.
    const statistics =
      database.kind === 'pglite'
        ? leadStatisticsRefresher(database.db, (error) => app?.log.warn({ err: error }, 'ANALYZE leads failed'))
        : null;
    const settingsCache = createTtlCache<IntakeSettings>(clock, CREDENTIAL_CACHE_MS);
    const scoringCache = createTtlCache<WorkspaceScoring>(clock, CREDENTIAL_CACHE_MS);
    const scoringDeps = { db: database.db, clock, settingsCache, scoringCache };
    const scoring = (workspaceId: string) => workspaceScoring(scoringDeps, workspaceId);
    const routingCache = createTtlCache<WorkspaceRouting>(clock, CREDENTIAL_CACHE_MS);
    const routing = (workspaceId: string) => workspaceRouting({ db: database.db, clock, routingCache }, workspaceId);
    const intake = createBatcher<Submission, IntakeResult>(
      async (submissions) => {
        const outcomes = await writeIntakeBatch(
          { db: database.db, clock, serialisedTransactions: database.kind === 'pglite', scoring, routing },
          submissions,
        );
        statistics?.noteWrites(outcomes.filter((outcome) => outcome.ok && !outcome.value.deduplicated).length);
        return outcomes;
      },
      { maxBatch: INTAKE_MAX_BATCH },
    );
    const credentials = createTtlCache<Actor>(clock, CREDENTIAL_CACHE_MS);
    const caches: Record<Invalidation, { clear(): void }> = {
      credentials,
      // Scoring reads the custom fields and channels too.
      intake_settings: { clear: () => (settingsCache.clear(), scoringCache.clear()) },
      scoring: scoringCache,
      routing: routingCache,
    };
    const stopInvalidations = await database.listen(
      INVALIDATE_CHANNEL,
      (what) => caches[what as Invalidation]?.clear(),
      () => Object.values(caches).forEach((cache) => cache.clear()),
    );
    const importWorker = createImportWorker(
      { db: database.db, clock, intake, settingsCache },
      {
        onError: (error, importId) => app?.log.error({ err: error, importId }, 'import failed'),
        ...options.importWorker,
      },
    );
    const scoringWorker = createScoringWorker(scoringDeps, {
      onError: (error, what) => app?.log.error({ err: error }, `${what} failed`),
      ...options.scoringWorker,
    });
    const deadlineWorker = createDeadlineWorker(
      { db: database.db, clock, routingCache },
      { onError: (error, what) => app?.log.error({ err: error }, `${what} failed`), ...options.deadlineWorker },
    );
    // A statement adding steps wakes every instance's worker (trigger, migration 0012); a lost connection may have missed one.
    const stopDeadlineWakeUps = await database.listen(
      DEADLINES_CHANNEL,
      () => deadlineWorker.kick(),
      () => deadlineWorker.kick(),
    );
    const smtp = smtpSettings(config);
    // Personal e-mail is queued only when there is a server to send it (notification-write.ts).
    personalEmail.enabled = smtp !== null;
    const notificationSender = createNotificationSender({
      fetch: globalThis.fetch,
      clock,
      smtp: smtp ? { transport: createSmtpTransport(smtp), from: smtp.from } : null,
      logger: {
        info: (details, message) => app?.log.info(details, message),
        warn: (details, message) => app?.log.warn(details, message),
      },
      ...options.notificationSender,
    });
    const deliveryWorker = createDeliveryWorker(
      { db: database.db, clock, sender: notificationSender, publicUrl: config.CLEW_PUBLIC_URL ?? null },
      { onError: (error, what) => app?.log.error({ err: error }, `${what} failed`), ...options.deliveryWorker },
    );
    // A statement queuing deliveries wakes every instance's worker (RETURNING pg_notify, notification-write.ts).
    const stopDeliveryWakeUps = await database.listen(
      DELIVERIES_CHANNEL,
      () => deliveryWorker.kick(),
      () => deliveryWorker.kick(),
    );
    const deps: AppDeps = {
      config,
      database,
      db: database.db,
      clock,
      events,
      intake,
      sessionTtlHours: config.CLEW_SESSION_TTL_HOURS,
      credentials,
      settingsCache,
      scoringCache,
      routingCache,
      scoringWorker,
      deadlineWorker,
      notificationSender,
      deliveryWorker,
      imports: {
        dir:
          options.importDir ??
          (options.database ? path.join(os.tmpdir(), 'clew-imports') : path.join(config.CLEW_DATA_DIR, 'imports')),
        maxBytes: config.CLEW_IMPORT_MAX_MB * 1_048_576,
        worker: importWorker,
      },
    };
    app = await buildApp(deps, options.logger === undefined ? {} : { logger: options.logger });
    const built = app;
    importWorker.start();
    scoringWorker.start();
    deadlineWorker.start();
    deliveryWorker.start();
    return {
      app: built,
      deps,
      bootstrap,
      close: async () => {
        await importWorker.stop();
        await scoringWorker.stop();
        await deadlineWorker.stop();
        await stopDeadlineWakeUps();
        await deliveryWorker.stop();
        await stopDeliveryWakeUps();
        await built.close();
        await intake.drain();
        await events.stop();
        await stopInvalidations();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
