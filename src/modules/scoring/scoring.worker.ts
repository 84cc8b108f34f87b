import { advanceJob, claimJob, finishJob, leadsAfter, lockDueLeads, workspacesWithDueLeads } from './scoring.repository.ts';
import { rescoreLeads, type ScoringDeps } from './scoring.service.ts';
import { trainNextModel } from './model.service.ts';
import { workspaceScoring } from './workspace-scoring.ts';

export interface ScoringWorkerOptions {
  /** How often to look for due leads, queued rescores and models to train. */
  pollMs?: number;
  /** Leads per rescore step (one transaction each). */
  chunk?: number;
  /** A job or model whose holder has not moved for this long is taken over. */
  staleMs?: number;
  onError?: (error: unknown, what: string) => void;
}

export interface ScoringWorker {
  kick(): void;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The background scorer, on every instance: leads whose score time alone changes (a behaviour
 * window passing, a trial nearing its end, decay), whole-workspace rescores after a rule or model
 * change, and model training. All work is claimed in the database (SKIP LOCKED, heartbeats), so
 * instances share it and a restart resumes it.
 */
export function createScoringWorker(deps: Omit<ScoringDeps, 'scoringWorker'>, options: ScoringWorkerOptions = {}): ScoringWorker {
  const pollMs = options.pollMs ?? 1_000;
  const chunk = options.chunk ?? 2_000;
  // Training runs on this thread, so a model's heartbeat cannot move while it trains.
  const staleMs = options.staleMs ?? 10 * 60_000;
  const onError = options.onError ?? (() => {});
  const self: ScoringDeps = { ...deps, scoringWorker: { kick: () => worker.kick() } };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let again = false;

  async function rescoreDue(): Promise<boolean> {
    const now = deps.clock.now();
    let any = false;
    for (const workspaceId of await workspacesWithDueLeads(deps.db, now)) {
      const scoring = await workspaceScoring(deps, workspaceId);
      const count = await deps.db.transaction(async (tx) => {
        const ids = await lockDueLeads(tx, workspaceId, now, chunk);
        await rescoreLeads(tx, scoring, workspaceId, ids, now);
        return ids.length;
      });
      any ||= count > 0;
    }
    return any;
  }

  async function runJob(): Promise<boolean> {
    const staleBefore = new Date(deps.clock.now().getTime() - staleMs);
    const job = await claimJob(deps.db, staleBefore, deps.clock.now());
    if (!job) return false;
    try {
      let { processed, cursor } = job;
      for (;;) {
        if (stopped) return true;
        const now = deps.clock.now();
        const scoring = await workspaceScoring(deps, job.workspaceId);
        const page = await leadsAfter(deps.db, job.workspaceId, cursor, chunk);
        if (page.length === 0) break;
        const ids = page.map((lead) => lead.id);
        const held = await deps.db.transaction(async (tx) => {
          await rescoreLeads(tx, scoring, job.workspaceId, ids, now);
          const next = { processed: processed + ids.length, cursor: ids.at(-1)! };
          if (!(await advanceJob(tx, job, next.processed, next.cursor, now))) {
            tx.rollback();
          }
          return next;
        });
        job.heartbeatAt = now;
        ({ processed, cursor } = held);
      }
      await finishJob(deps.db, job.id, 'done', deps.clock.now());
    } catch (error) {
      if (isRollback(error)) return true;
      await finishJob(deps.db, job.id, 'failed', deps.clock.now(), error instanceof Error ? error.message : String(error));
      onError(error, `scoring job ${job.id}`);
    }
    return true;
  }

  async function round(): Promise<void> {
    do {
      again = false;
      try {
        const staleBefore = new Date(deps.clock.now().getTime() - staleMs);
        const trained = await trainNextModel(self, staleBefore);
        const rescored = await runJob();
        const due = await rescoreDue();
        again ||= trained || rescored || due;
      } catch (error) {
        onError(error, 'scoring worker');
      }
    } while (again && !stopped);
  }

  function schedule() {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void tick();
    }, pollMs);
  }

  async function tick() {
    if (running) {
      again = true;
      return;
    }
    running = round().finally(() => {
      running = null;
      schedule();
    });
    await running;
  }

  const worker: ScoringWorker = {
    kick() {
      if (stopped) return;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      void tick();
    },
    start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
  return worker;
}

function isRollback(error: unknown): boolean {
  return error instanceof Error && error.name === 'TransactionRollbackError';
}
