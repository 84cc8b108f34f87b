import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database, Db } from './platform/db/database.ts';
import type { Actor } from './platform/http/actor.ts';
import type { TtlCache } from './platform/ttl-cache.ts';
import type { IntakeSettings } from './modules/intake/intake-settings.ts';
import type { IntakeQueue } from './modules/intake/intake.service.ts';
import type { ImportSettings } from './modules/imports/import.service.ts';
import type { EventHub } from './modules/realtime/realtime.ts';

/** Everything a route or service may use, handed in explicitly. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  events: EventHub;
  /** Lead intake, written in group-committed batches. */
  intake: IntakeQueue;
  sessionTtlHours: number;
  /** Resolved sessions and API keys, cleared whenever one is revoked. */
  credentials: TtlCache<Actor>;
  /** Custom fields, channels and tag rules by workspace, cleared whenever one changes. */
  settingsCache: TtlCache<IntakeSettings>;
  /** CSV/XLSX imports: where uploads wait, how large they may be, the background worker. */
  imports: ImportSettings;
}
