import type { Clock } from './clock.ts';

/** How soon to look again when due work could not be taken (held by another transaction, or an error). */
const HELD_RETRY_MS = 1_000;

/** What one pass over due rows did. */
export interface PassOutcome {
  /** Rows acted on (the count runNow resolves with). */
  done: number;
  /** A full chunk was taken: more may be due right away. */
  more: boolean;
  /** Rows are due but none could be taken: look again after HELD_RETRY_MS, not at once. */
  held?: boolean;
}

export interface DueWork {
  /** Claims and acts on due rows; a throw counts as `held` (the rows stay due, the worker must not spin). */
  pass(): Promise<PassOutcome>;
  /** The earliest due time of what is pending, or null. */
  nextDueAt(): Promise<Date | null>;
}

export interface DueWorker {
  /** Look again now (a NOTIFY said a row was added): re-reads the next due time. */
  kick(): void;
  /** Runs a round now, after the one in progress, and resolves with the rows it acted on (tests drive time with it). */
  runNow(): Promise<number>;
  /** The due time the worker sleeps toward (null: nothing pending, or stopped). */
  sleepingUntil(): Date | null;
  start(): void;
  stop(): Promise<void>;
}

export interface DueWorkerOptions {
  clock: Clock;
  /** The longest sleep: a safety net should a wake-up be missed (a dropped LISTEN connection). */
  maxSleepMs: number;
  /** Names the worker in errors passed to onError. */
  name: string;
  onError: (error: unknown, what: string) => void;
}

/**
 * The loop behind every worker of due rows (deadline steps, notification deliveries): it sleeps
 * until the earliest row is due (no polling), is woken early by kick(), runs passes while a pass
 * says more may be due or a kick came in meanwhile, and never runs two rounds at once.
 */
export function createDueWorker(work: DueWork, options: DueWorkerOptions): DueWorker {
  const { clock, maxSleepMs, name, onError } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  // Apart from `stopped`: a worker never started may still be driven by runNow (tests, a second claimer).
  let stopping = false;
  let again = false;
  let held = false;
  let wakeAt: Date | null = null;
  // Wake-ups can overlap; only the latest read of the next due time may set the timer.
  let generation = 0;

  async function round(): Promise<number> {
    let done = 0;
    do {
      again = false;
      try {
        const outcome = await work.pass();
        done += outcome.done;
        again ||= outcome.more;
        held = outcome.held ?? false;
      } catch (error) {
        held = true;
        onError(error, name);
      }
    } while (again && !stopping);
    return done;
  }

  async function schedule() {
    if (stopped) return;
    const mine = ++generation;
    let delay = maxSleepMs;
    let due: Date | null = null;
    try {
      due = await work.nextDueAt();
      if (due) delay = Math.min(maxSleepMs, Math.max(0, due.getTime() - clock.now().getTime()));
    } catch (error) {
      onError(error, name);
    }
    if (stopped || running || mine !== generation) return;
    wakeAt = due;
    if (timer) clearTimeout(timer);
    // A row due now is taken at once; anything later, when it falls due.
    timer = setTimeout(
      () => {
        timer = null;
        void tick();
      },
      Math.max(delay, held ? HELD_RETRY_MS : 10),
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
      stopping = false;
      void schedule();
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
