import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { workspaceRouting, type WorkspaceRouting } from '../routing/workspace-routing.ts';
import { claimDueSteps, nextDueAt, postponeSteps, workspacesWithDueSteps } from './deadline.repository.ts';
import { performDueSteps } from './deadline.service.ts';

/** How soon to look again at due steps that could not be taken (another transaction holds them, or an error). */
const HELD_RETRY_MS = 1_000;

export interface DeadlineWorkerDeps {
  db: Db;
  clock: Clock;
  routingCache: TtlCache<WorkspaceRouting>;
}

export interface DeadlineWorkerOptions {
  /** Steps per transaction. */
  chunk?: number;
  /** The longest sleep: a safety net should a wake-up be missed (a dropped LISTEN connection). */
  maxSleepMs?: number;
  onError?: (error: unknown, what: string) => void;
}

export interface DeadlineWorker {
  /** Look again now (a NOTIFY said a step was added): re-reads the next due time. */
  kick(): void;
  /** Runs a round now, after the one in progress, and resolves with the steps this call performed (tests drive time with it). */
  runNow(): Promise<number>;
  /** The due time the worker sleeps toward (null: nothing pending, or stopped). */
  sleepingUntil(): Date | null;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The response-deadline worker, on every instance. It sleeps until the earliest pending step is
 * due (no polling), is woken by NOTIFY when a statement adds steps, and performs due steps in
 * transactions that claim them with SKIP LOCKED, act and mark them done together: a crash rolls
 * back both, a second instance skips what the first holds, so each step happens once.
 */
export function createDeadlineWorker(deps: DeadlineWorkerDeps, options: DeadlineWorkerOptions = {}): DeadlineWorker {
  const chunk = options.chunk ?? 200;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const onError = options.onError ?? (() => {});
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let again = false;
  let wakeAt: Date | null = null;
  let backOff = false;
  // Wake-ups can overlap; only the latest read of the next due time may set the timer.
  let generation = 0;

  async function workspaceRound(workspaceId: string): Promise<{ performed: number; more: boolean; claimed: number }> {
    // Read before the transaction: on the embedded engine a read beside it would wait for it.
    const routing = await workspaceRouting(deps, workspaceId);
    const now = deps.clock.now();
    try {
      const outcome = await deps.db.transaction((tx) => performDueSteps(tx, routing, workspaceId, now, chunk));
      return { performed: outcome.performed, more: outcome.claimed.length === chunk, claimed: outcome.claimed.length };
    } catch (error) {
      onError(error, `deadline steps of workspace ${workspaceId}`);
      // The batch rolled back; its steps wait out a back-off so a failing one cannot spin the worker.
      const failed = await deps.db.transaction(async (tx) =>
        (await claimDueSteps(tx, workspaceId, now, chunk)).map(({ step }) => step.id),
      );
      await postponeSteps(deps.db, workspaceId, failed, error instanceof Error ? error.message : String(error), now);
      return { performed: 0, more: false, claimed: failed.length };
    }
  }

  async function round(): Promise<number> {
    let performed = 0;
    do {
      again = false;
      try {
        const due = await workspacesWithDueSteps(deps.db, deps.clock.now());
        let claimed = 0;
        for (const workspaceId of due) {
          const result = await workspaceRound(workspaceId);
          performed += result.performed;
          claimed += result.claimed;
          again ||= result.more;
        }
        // Due steps that could not be claimed are held elsewhere: look again in a second, not at once.
        backOff = due.length > 0 && claimed === 0;
      } catch (error) {
        // The database or the workspace's settings failing: the due steps stay due; do not spin on them.
        backOff = true;
        onError(error, 'deadline worker');
      }
    } while (again && !stopped);
    return performed;
  }

  async function schedule() {
    if (stopped) return;
    const mine = ++generation;
    let delay = maxSleepMs;
    let due: Date | null = null;
    try {
      due = await nextDueAt(deps.db);
      if (due) delay = Math.min(maxSleepMs, Math.max(0, due.getTime() - deps.clock.now().getTime()));
    } catch (error) {
      onError(error, 'deadline worker');
    }
    if (stopped || running || mine !== generation) return;
    wakeAt = due;
    if (timer) clearTimeout(timer);
    // A step due now is run at once; anything later, when it falls due.
    timer = setTimeout(
      () => {
        timer = null;
        void tick();
      },
      Math.max(delay, backOff ? HELD_RETRY_MS : 10),
    );
  }

  function tick(): Promise<number> {
    if (running) {
      again = true;
      return running.then(() => 0);
    }
    running = round().finally(() => {
      running = null;
      void schedule();
    });
    return running;
  }

  return {
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      void schedule();
    },
    async runNow() {
      while (running) await running.catch(() => 0);
      return tick();
    },
    sleepingUntil: () => (stopped ? null : wakeAt),
    start() {
      stopped = false;
      void schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
