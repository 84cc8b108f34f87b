import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { AppDeps } from './app-deps.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { startEventHub } from './modules/realtime/realtime.ts';
import { bootstrapFirstWorkspace, type BootstrapResult } from './modules/workspaces/workspace.service.ts';

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
}

/** Opens the database (migrating it), bootstraps the first workspace and builds the server. */
export async function boot(config: Config, options: BootOptions = {}): Promise<Clew> {
  const database =
    options.database ??
    (await openDatabase(
      config.DATABASE_URL
        ? { kind: 'postgres', url: config.DATABASE_URL }
        : { kind: 'pglite', dataDir: config.CLEW_DATA_DIR },
    ));
  const clock = options.clock ?? systemClock;
  try {
    const bootstrap = await bootstrapFirstWorkspace(
      { db: database.db, clock },
      { adminEmail: config.CLEW_ADMIN_EMAIL, adminPassword: config.CLEW_ADMIN_PASSWORD, demo: config.CLEW_DEMO },
    );
    let app: FastifyInstance | null = null;
    const events = await startEventHub(database, (payload) => app?.log.warn({ payload }, 'ignored malformed event'));
    const deps: AppDeps = {
      config,
      database,
      db: database.db,
      clock,
      events,
      sessionTtlHours: config.CLEW_SESSION_TTL_HOURS,
    };
    app = await buildApp(deps, options.logger === undefined ? {} : { logger: options.logger });
    const built = app;
    return {
      app: built,
      deps,
      bootstrap,
      close: async () => {
        await built.close();
        await events.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
