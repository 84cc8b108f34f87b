import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database, Db } from './platform/db/database.ts';
import type { Actor } from './platform/http/actor.ts';
import type { TtlCache } from './platform/ttl-cache.ts';
import type { IntakeSettings } from './modules/intake/intake-settings.ts';
import type { IntakeQueue } from './modules/intake/intake.service.ts';
import type { ImportSettings } from './modules/imports/import.service.ts';
import type { WorkspaceScoring } from './modules/scoring/workspace-scoring.ts';
import type { WorkspaceRouting } from './modules/routing/workspace-routing.ts';
import type { ScoringWorker } from './modules/scoring/scoring.worker.ts';
import type { DeadlineWorker } from './modules/sla/deadline.worker.ts';
import type { EventHub } from './modules/realtime/realtime.ts';
import type { DeliveryWorker } from './modules/notifications/delivery.worker.ts';
import type { NotificationSender } from './modules/notifications/notification-sender.service.ts';

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
  /** Each workspace's rules, settings and active model, cleared whenever one changes. */
  scoringCache: TtlCache<WorkspaceScoring>;
  /** Each workspace's published routing rules, teams and reps, cleared whenever one changes. */
  routingCache: TtlCache<WorkspaceRouting>;
  /** Background rescoring and model training. */
  scoringWorker: ScoringWorker;
  /** Response-deadline steps: sleeps until the next is due, performs each once. */
  deadlineWorker: DeadlineWorker;
  /** Outbound notifications: robots, webhooks, e-mail; the worker sends what is due, once. */
  notificationSender: NotificationSender;
  deliveryWorker: DeliveryWorker;
  /** CSV/XLSX imports: where uploads wait, how large they may be, the background worker. */
  imports: ImportSettings;
}
