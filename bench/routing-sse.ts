/**
 * `npm run bench -- routing-sse`: end to end, from a lead's POST leaving the client to its owner's
 * `lead.assigned` event arriving on their open SSE stream. Clew runs in its own process on PGlite
 * (the embedded default) with a team of 8 reps, every rep signed in with a stream open; leads
 * arrive as a Poisson stream at a steady rate (BENCH_SSE_RATE, default 50 per second).
 */
import { Agent, request } from 'undici';
import { startServer } from './intake.ts';
import { PASSWORD } from '../test/harness.ts';

const RATE = Number(process.env.BENCH_SSE_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_DURATION ?? 20);
const WARM_UP = 100;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function json(url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : null,
  });
  return (await response.json()) as { token: string; items: { email: string; role: string }[] };
}

/** Reads a rep's event stream, calling back with each assigned lead's id as it arrives. */
async function follow(
  url: string,
  token: string,
  onAssigned: (leadId: string, at: number) => void,
  signal: AbortSignal,
) {
  const response = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!frame.startsWith('event: lead.assigned')) continue;
          const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { leadId: string };
          onAssigned(data.leadId, at);
        }
      }
    } catch {
      // The stream ends when the bench aborts it.
    }
  })();
}

export async function runRoutingSseBench() {
  const server = await startServer('pglite', {});
  const abort = new AbortController();
  try {
    const admin = await json(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      body: { email: 'admin@test.clew', password: PASSWORD },
    });
    const users = await json(`${server.url}/api/v1/users`, { token: admin.token });
    const reps = users.items.filter((user) => user.role === 'rep');
    const arrived = new Map<string, number>();
    for (const rep of reps) {
      const login = await json(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        body: { email: rep.email, password: PASSWORD },
      });
      await follow(server.url, login.token, (leadId, at) => arrived.set(leadId, at), abort.signal);
    }
    const dispatcher = new Agent({ connections: 64 });
    const sentAt = new Map<string, number>();
    const answeredAt = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const start = performance.now();
    let scheduled = start;
    let index = 0;
    while (scheduled < start + SECONDS * 1000) {
      scheduled += -Math.log(1 - Math.random()) * (1000 / RATE);
      const wait = scheduled - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const planned = scheduled;
      const body = JSON.stringify({ name: `实时${index}`, phone: `13${String(200_000_000 + index++).slice(-9)}` });
      pending.push(
        request(`${server.url}/api/v1/leads`, {
          method: 'POST',
          dispatcher,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` },
          body,
        }).then(async (response) => {
          const lead = (await response.body.json()) as { id?: string };
          if (lead.id) {
            sentAt.set(lead.id, planned);
            answeredAt.set(lead.id, performance.now());
          }
        }),
      );
    }
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const ordered = [...sentAt].sort((a, b) => a[1] - b[1]).slice(WARM_UP);
    const latencies = ordered.flatMap(([id, at]) => (arrived.has(id) ? [arrived.get(id)! - at] : []));
    const missing = ordered.length - latencies.length;
    latencies.sort((a, b) => a - b);
    const answers = ordered.map(([id, at]) => answeredAt.get(id)! - at).sort((a, b) => a - b);
    const figures = {
      bench: 'routing-sse',
      engine: 'pglite',
      reps: reps.length,
      rate: RATE,
      seconds: SECONDS,
      measured: latencies.length,
      missing,
      p50Ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
      p90Ms: Math.round(percentile(latencies, 0.9) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
      maxMs: Math.round(latencies.at(-1)! * 10) / 10,
      postP50Ms: Math.round(percentile(answers, 0.5) * 10) / 10,
      postP99Ms: Math.round(percentile(answers, 0.99) * 10) / 10,
      goalP99Ms: 100,
    };
    console.log('lead POST → owner SSE lead.assigned, PGlite, one server process');
    console.table([
      {
        rate: `${RATE}/s`,
        measured: figures.measured,
        missing,
        p50: figures.p50Ms,
        p90: figures.p90Ms,
        p99: figures.p99Ms,
      },
    ]);
    console.log(JSON.stringify(figures));
  } finally {
    abort.abort();
    await server.stop();
  }
}
