import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { Clock } from '../../platform/clock.ts';
import { emailMessage } from './email.rules.ts';
import type {
  EmailChannel,
  Notification,
  RobotConfig,
  SmtpConfig,
  WebhookEndpoint,
  WebhookEvent,
} from './notification.schemas.ts';
import { isRetryableStatus, parseRetryAfter, retryDelay, type RetryPolicy } from './retry.rules.ts';
import { readRobotReply, robotMessage } from './robot-message.rules.ts';
import { webhookRequest } from './webhook-signature.rules.ts';

/**
 * Sends one attempt of one delivery — a robot message, a signed webhook, an e-mail — and says what
 * happened in a result the caller can log and schedule a retry from. Never throws for a failed
 * delivery. `withRetries` runs the whole schedule in process (for tests and one-off sends); a
 * durable worker would store `retryAt` instead and call the one-attempt functions again.
 *
 * Logs never carry a robot's URL (its key or access_token is in it) or any secret: only the
 * channel kind, the host, the status and the error code.
 */

export type DeliveryErrorCode =
  'timeout' | 'network' | 'http_status' | 'platform_error' | 'rate_limited' | 'smtp_rejected' | 'smtp_unavailable';

export interface DeliveryResult {
  ok: boolean;
  channel: 'wecom' | 'dingtalk' | 'feishu' | 'webhook' | 'email';
  /** HTTP status, or the SMTP reply code; null when no answer came. */
  status: number | null;
  attempt: number;
  errorCode: DeliveryErrorCode | null;
  /** The robot platform's own error code (errcode / code) when it gave one. */
  platformCode: number | null;
  /** A short, secret-free reason for the log. */
  message: string | null;
  retryable: boolean;
  /** When to try again (null: delivered, not retryable, or out of attempts). */
  retryAt: Date | null;
}

/** What the sender needs from nodemailer: a transporter's sendMail. */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string[];
    subject: string;
    text: string;
    html: string;
  }): Promise<{ response?: string; accepted?: unknown[]; rejected?: unknown[] }>;
}

export interface SenderLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface NotificationSenderDeps {
  fetch: typeof globalThis.fetch;
  clock: Clock;
  /** null when no SMTP server is set up: e-mail deliveries then fail as smtp_unavailable. */
  smtp: { transport: MailTransport; from: string } | null;
  logger: SenderLogger;
  /** Per attempt, from the request to the end of the reply. */
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  /** [0, 1), for the retry jitter. */
  random?: () => number;
  /** How `withRetries` waits; tests move a fixed clock instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Replies are read for their error code only; a receiver that streams megabytes is cut off. */
const MAX_REPLY_BYTES = 64 * 1024;

/** An SMTP transport with timeouts, for deps.smtp (nodemailer's defaults wait minutes). */
export function createSmtpTransport(config: SmtpConfig, timeoutMs = DEFAULT_TIMEOUT_MS): MailTransport {
  return createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user !== undefined ? { user: config.user, pass: config.password! } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_REPLY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}

function failureOf(error: unknown): { errorCode: DeliveryErrorCode; message: string } {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return { errorCode: 'timeout', message: 'no reply in time' };
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause ? String(cause.code) : null;
  return { errorCode: 'network', message: code ?? (error instanceof Error ? error.message : 'request failed') };
}

export function createNotificationSender(deps: NotificationSenderDeps) {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  function finish(
    partial: Omit<DeliveryResult, 'retryAt' | 'platformCode' | 'message'> &
      Partial<Pick<DeliveryResult, 'platformCode' | 'message'>>,
    host: string,
    retryAfterMs: number | null = null,
  ): DeliveryResult {
    const delay = partial.retryable ? retryDelay(partial.attempt, random(), deps.retryPolicy, retryAfterMs) : null;
    const result: DeliveryResult = {
      platformCode: null,
      message: null,
      ...partial,
      retryAt: delay === null ? null : new Date(deps.clock.now().getTime() + delay),
    };
    const details = {
      channel: result.channel,
      host,
      status: result.status,
      attempt: result.attempt,
      errorCode: result.errorCode,
      platformCode: result.platformCode,
      retryAt: result.retryAt?.toISOString() ?? null,
    };
    if (result.ok) deps.logger.info(details, 'notification delivered');
    else deps.logger.warn({ ...details, reason: result.message }, 'notification delivery failed');
    return result;
  }

  /**
   * Posts one attempt. No answer, or a status outside 2xx, is already the attempt's result;
   * otherwise the caller reads the reply.
   */
  async function post(
    base: { channel: DeliveryResult['channel']; attempt: number },
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ failed: DeliveryResult } | { failed: null; status: number; text: string; host: string }> {
    const host = hostOf(url);
    let response: Response;
    let text: string;
    try {
      // Redirects are not followed: a signed request goes to the address configured, nowhere else.
      response = await deps.fetch(url, {
        method: 'POST',
        body,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await readCapped(response);
    } catch (error) {
      return { failed: finish({ ...base, ok: false, status: null, retryable: true, ...failureOf(error) }, host) };
    }
    const status = response.status;
    if (status >= 200 && status < 300) return { failed: null, status, text, host };
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), deps.clock.now());
    const failed = finish(
      {
        ...base,
        ok: false,
        status,
        errorCode: 'http_status',
        retryable: isRetryableStatus(status),
        message: `HTTP ${status}`,
      },
      host,
      retryAfter,
    );
    return { failed };
  }

  async function sendRobot(config: RobotConfig, notification: Notification, attempt = 1): Promise<DeliveryResult> {
    const request = robotMessage(config, notification, deps.clock.now());
    const base = { channel: config.kind, attempt } as const;
    const reply = await post(base, request.url, JSON.stringify(request.body), {
      'content-type': 'application/json; charset=utf-8',
    });
    if (reply.failed) return reply.failed;
    const { status, host } = reply;
    // The platforms answer 200 with their own error code inside.
    const answer = readRobotReply(config.kind, reply.text);
    if (answer.ok)
      return finish({ ...base, ok: true, status, errorCode: null, retryable: false, platformCode: 0 }, host);
    return finish(
      {
        ...base,
        ok: false,
        status,
        errorCode: answer.rateLimited ? 'rate_limited' : 'platform_error',
        retryable: answer.rateLimited,
        platformCode: answer.platformCode,
        message: answer.message,
      },
      host,
    );
  }

  /** One attempt of a webhook delivery; pass the same deliveryId on every attempt. */
  async function sendWebhook(
    endpoint: WebhookEndpoint,
    event: WebhookEvent,
    deliveryId: string,
    attempt = 1,
  ): Promise<DeliveryResult> {
    const request = webhookRequest(endpoint, event, deliveryId, deps.clock.now());
    const base = { channel: 'webhook', attempt } as const;
    const reply = await post(base, request.url, request.body, request.headers);
    if (reply.failed) return reply.failed;
    return finish({ ...base, ok: true, status: reply.status, errorCode: null, retryable: false }, reply.host);
  }

  async function sendEmail(channel: EmailChannel, notification: Notification, attempt = 1): Promise<DeliveryResult> {
    const base = { channel: 'email', attempt } as const;
    if (!deps.smtp) {
      return finish(
        {
          ...base,
          ok: false,
          status: null,
          errorCode: 'smtp_unavailable',
          retryable: false,
          message: 'no SMTP server set up',
        },
        '-',
      );
    }
    const mail = emailMessage(notification);
    try {
      const info = await deps.smtp.transport.sendMail({ from: deps.smtp.from, to: channel.to, ...mail });
      const status = Number(/^\d{3}/.exec(info.response ?? '')?.[0] ?? 250);
      const rejected = info.rejected?.length ?? 0;
      if (rejected > 0) {
        return finish(
          {
            ...base,
            ok: false,
            status,
            errorCode: 'smtp_rejected',
            retryable: false,
            message: `${rejected} recipient(s) refused`,
          },
          'smtp',
        );
      }
      return finish({ ...base, ok: true, status, errorCode: null, retryable: false }, 'smtp');
    } catch (error) {
      const responseCode =
        typeof error === 'object' && error !== null && 'responseCode' in error ? Number(error.responseCode) : null;
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
      // 5xx is permanent (bad address, refused); 4xx and a server out of reach are worth another try.
      const permanent = responseCode !== null && responseCode >= 500;
      return finish(
        {
          ...base,
          ok: false,
          status: responseCode,
          errorCode: code === 'ETIMEDOUT' ? 'timeout' : permanent ? 'smtp_rejected' : 'smtp_unavailable',
          retryable: !permanent,
          message: code ?? (error instanceof Error ? error.message.slice(0, 300) : 'send failed'),
        },
        'smtp',
      );
    }
  }

  /**
   * Attempts until one succeeds, one fails for good, or the policy gives up, waiting `retryAt`
   * between them. Returns every attempt's result, the last one deciding.
   */
  async function withRetries(send: (attempt: number) => Promise<DeliveryResult>): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = [];
    for (let attempt = 1; ; attempt++) {
      const result = await send(attempt);
      results.push(result);
      if (result.ok || result.retryAt === null) return results;
      await sleep(Math.max(result.retryAt.getTime() - deps.clock.now().getTime(), 0));
    }
  }

  return { sendRobot, sendWebhook, sendEmail, withRetries, newDeliveryId: () => randomUUID() };
}

export type NotificationSender = ReturnType<typeof createNotificationSender>;
