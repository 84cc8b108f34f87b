import { Agent, request } from 'undici';

export interface OpenLoopResult {
  sent: number;
  ok: number;
  failed: number;
  achievedRate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Sends requests at exponentially spaced times (a Poisson stream at `rate` per second), whether or
 * not earlier ones have answered, and measures each from its scheduled start. Unlike a
 * fixed-connection load (autocannon), a slow answer does not hold back the next request, so the
 * latency it reports is what independent visitors would see.
 */
export async function openLoop(options: {
  url: string;
  rate: number;
  seconds: number;
  headers: Record<string, string>;
  body: (index: number) => string;
}): Promise<OpenLoopResult> {
  const dispatcher = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let scheduled = start;
  let index = 0;
  const end = start + options.seconds * 1000;
  while (scheduled < end) {
    scheduled += -Math.log(1 - Math.random()) * (1000 / options.rate);
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const plannedAt = scheduled;
    const body = options.body(index++);
    inFlight.push(
      request(options.url, { method: 'POST', headers: options.headers, body, dispatcher })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode >= 400) failed++;
          else latencies.push(performance.now() - plannedAt);
        })
        .catch(() => {
          failed++;
        }),
    );
  }
  await Promise.all(inFlight);
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0);
  return {
    sent: index,
    ok: latencies.length,
    failed,
    achievedRate: Math.round(latencies.length / options.seconds),
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: Math.round(latencies.at(-1) ?? 0),
  };
}
