import type { Clock } from '../../platform/clock.ts';
import { createDueWorker, type DueWorker, type PassOutcome } from '../../platform/due-worker.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { workspaceRouting, type WorkspaceRouting } from '../routing/workspace-routing.ts';
import { claimDueSteps, nextDueAt, postponeSteps, workspacesWithDueSteps } from './deadline.repository.ts';
import { performDueSteps } from './deadline.service.ts';

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

export type DeadlineWorker = DueWorker;

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

  async function pass(): Promise<PassOutcome> {
    const due = await workspacesWithDueSteps(deps.db, deps.clock.now());
    let performed = 0;
    let claimed = 0;
    let more = false;
    for (const workspaceId of due) {
      const result = await workspaceRound(workspaceId);
      performed += result.performed;
      claimed += result.claimed;
      more ||= result.more;
    }
    // Due steps that could not be claimed are held elsewhere: look again in a second, not at once.
    return { done: performed, more, held: due.length > 0 && claimed === 0 };
  }

  // The database or the workspace's settings failing leaves the due steps due; the loop backs off.
  return createDueWorker(
    { pass, nextDueAt: () => nextDueAt(deps.db) },
    { clock: deps.clock, maxSleepMs, name: 'deadline worker', onError },
  );
}
