import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database, Db } from './platform/db/database.ts';
import type { EventHub } from './modules/realtime/realtime.ts';

/** Everything a route or service may use, handed in explicitly. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  events: EventHub;
  sessionTtlHours: number;
}
