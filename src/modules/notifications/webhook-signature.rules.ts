import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookEndpoint, WebhookEvent } from './notification.schemas.ts';

/**
 * Outbound webhooks and their signature, pure.
 *
 * The scheme (the one Stripe documents, https://docs.stripe.com/webhooks#verify-manually):
 *  - The body is the JSON of a WebhookEvent: `{id, event, occurredAt, workspaceId, data}`.
 *  - `Clew-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. While a
 *    secret is being rotated, one v1 per secret is sent; a receiver accepts any that matches.
 *  - The timestamp is inside the signed text, so a captured request cannot be replayed later than
 *    the receiver's tolerance (five minutes by default) with a fresh `t`.
 *  - Every attempt is signed anew (a retry hours later still passes the tolerance); `Clew-Delivery`
 *    stays the same across retries of one delivery, so receivers de-duplicate on it (or on `id`).
 *  - Receivers must verify against the raw bytes received, before parsing the JSON.
 */

export const SIGNATURE_HEADER = 'clew-signature';
export const EVENT_HEADER = 'clew-event';
export const DELIVERY_HEADER = 'clew-delivery';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/** The signature header: `t=…,v1=…[,v1=…]`, one v1 per secret. */
export function signatureHeader(secrets: readonly string[], timestampSeconds: number, body: string): string {
  return [
    `t=${timestampSeconds}`,
    ...secrets.map((secret) => `v1=${webhookSignature(secret, timestampSeconds, body)}`),
  ].join(',');
}

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** The request for one attempt of one delivery: the body, signed at `now`. */
export function webhookRequest(
  endpoint: Pick<WebhookEndpoint, 'url' | 'secret'>,
  event: WebhookEvent,
  deliveryId: string,
  now: Date,
  extraSecrets: readonly string[] = [],
): WebhookRequest {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    url: endpoint.url,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Clew-Webhooks/1',
      [EVENT_HEADER]: event.event,
      [DELIVERY_HEADER]: deliveryId,
      [SIGNATURE_HEADER]: signatureHeader([endpoint.secret, ...extraSecrets], timestamp, body),
    },
  };
}

/** Whether an endpoint subscribed to an event: an exact name, a `prefix.*`, or `*`. */
export function matchesEvent(patterns: readonly string[], event: string): boolean {
  return patterns.some(
    (pattern) =>
      pattern === '*' || pattern === event || (pattern.endsWith('.*') && event.startsWith(pattern.slice(0, -1))),
  );
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | {
      ok: false;
      reason: 'missing_header' | 'malformed_header' | 'timestamp_out_of_tolerance' | 'no_matching_signature';
    };

function sameHex(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  // Equal lengths by now, so timingSafeEqual compares in constant time.
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

/**
 * For receivers: whether a request came from Clew. `body` is the raw body as received; `secrets`
 * the endpoint's secret(s) (two while rotating); the timestamp must be within `toleranceSeconds`
 * of `now` either way.
 */
export function verifyWebhookSignature(input: {
  body: string;
  header: string | null | undefined;
  secrets: readonly string[];
  now: Date;
  toleranceSeconds?: number;
}): VerifyResult {
  if (!input.header) return { ok: false, reason: 'missing_header' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const element of input.header.split(',')) {
    const separator = element.indexOf('=');
    if (separator < 1) return { ok: false, reason: 'malformed_header' };
    const key = element.slice(0, separator).trim();
    const value = element.slice(separator + 1).trim();
    if (key === 't') timestamp = /^\d{1,12}$/.test(value) ? Number(value) : null;
    else if (key === 'v1') signatures.push(value);
    // Other schemes (v0, a future v2) are ignored, as Stripe's receivers do.
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed_header' };
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > tolerance) {
    return { ok: false, reason: 'timestamp_out_of_tolerance' };
  }
  // Every pair is compared (no early exit) so timing says nothing about which secret matched.
  let matched = false;
  for (const secret of input.secrets) {
    const expected = webhookSignature(secret, timestamp, input.body);
    for (const signature of signatures) matched = sameHex(expected, signature) || matched;
  }
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'no_matching_signature' };
}
