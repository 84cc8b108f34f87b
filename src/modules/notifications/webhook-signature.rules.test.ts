import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webhookEndpoint, webhookEvent } from './notification.schemas.ts';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  matchesEvent,
  signatureHeader,
  verifyWebhookSignature,
  webhookRequest,
  webhookSignature,
} from './webhook-signature.rules.ts';

const NOW = new Date('2026-12-05T04:00:00.000Z');
const T = 1796443200;
const SECRET = 'whsec_test_secret_0123';

const event = webhookEvent.parse({
  id: 'evt_1',
  event: 'sla.breached',
  occurredAt: '2026-12-05T03:59:58.000Z',
  workspaceId: 'ws_1',
  data: { leadId: 'lead_42', step: 'first_touch', name: '张三' },
});

describe('webhookSignature', () => {
  it('should match a vector computed with openssl', () => {
    // printf '%s.%s' 1796443200 '{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test_secret_0123'
    expect(webhookSignature(SECRET, T, '{"a":1}')).toBe(
      '3b19183af0e0ca729ec9c52436bdc05f4b75eec846ae60cdf016f2dd2dd9d039',
    );
  });

  it.each([
    { secret: SECRET, t: T, body: '{}' },
    { secret: 'another-secret-value', t: 1, body: '{"name":"张三"}' },
    { secret: SECRET, t: T, body: '' },
  ])('should be hex HMAC-SHA256 over "t.body" for $body', ({ secret, t, body }) => {
    const independent = createHmac('sha256', Buffer.from(secret))
      .update(Buffer.from(`${t}.${body}`))
      .digest('hex');
    expect(webhookSignature(secret, t, body)).toBe(independent);
  });
});

describe('webhookRequest', () => {
  const endpoint = webhookEndpoint.parse({
    kind: 'webhook',
    url: 'https://crm.example.com/hooks/clew',
    secret: SECRET,
  });

  it('should send the event as JSON with event, delivery and signature headers signed at now', () => {
    const request = webhookRequest(endpoint, event, 'dlv_1', NOW);
    expect(JSON.parse(request.body)).toEqual(event);
    expect(request.headers[EVENT_HEADER]).toBe('sla.breached');
    expect(request.headers[DELIVERY_HEADER]).toBe('dlv_1');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    const expected = createHmac('sha256', SECRET).update(`${T}.${request.body}`).digest('hex');
    expect(request.headers[SIGNATURE_HEADER]).toBe(`t=${T},v1=${expected}`);
  });

  it('should add one v1 per extra secret while rotating', () => {
    const request = webhookRequest(endpoint, event, 'dlv_1', NOW, ['whsec_next_secret_456']);
    expect(request.headers[SIGNATURE_HEADER]!.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
  });
});

describe('verifyWebhookSignature', () => {
  const body = JSON.stringify(event);
  const header = signatureHeader([SECRET], T, body);

  it.each([
    { name: 'a good signature', input: {}, expected: { ok: true, timestamp: T } },
    {
      name: 'a good signature 299 s late',
      input: { now: new Date(NOW.getTime() + 299_000) },
      expected: { ok: true, timestamp: T },
    },
    {
      name: 'a good signature 299 s early',
      input: { now: new Date(NOW.getTime() - 299_000) },
      expected: { ok: true, timestamp: T },
    },
    {
      name: 'a replay 301 s late',
      input: { now: new Date(NOW.getTime() + 301_000) },
      expected: { ok: false, reason: 'timestamp_out_of_tolerance' },
    },
    {
      name: 'a wider tolerance',
      input: { now: new Date(NOW.getTime() + 3_600_000), toleranceSeconds: 3_600 },
      expected: { ok: true, timestamp: T },
    },
    {
      name: 'a changed body',
      input: { body: body.replace('张三', '李四') },
      expected: { ok: false, reason: 'no_matching_signature' },
    },
    {
      name: 'the wrong secret',
      input: { secrets: ['whsec_wrong_secret_00'] },
      expected: { ok: false, reason: 'no_matching_signature' },
    },
    {
      name: 'the old and new secret (rotation)',
      input: { secrets: ['whsec_wrong_secret_00', SECRET] },
      expected: { ok: true, timestamp: T },
    },
    { name: 'no header', input: { header: undefined }, expected: { ok: false, reason: 'missing_header' } },
    { name: 'no v1', input: { header: `t=${T}` }, expected: { ok: false, reason: 'malformed_header' } },
    {
      name: 'no t',
      input: { header: header.replace(/^t=\d+,/, '') },
      expected: { ok: false, reason: 'malformed_header' },
    },
    { name: 'garbage', input: { header: 'garbage' }, expected: { ok: false, reason: 'malformed_header' } },
    {
      name: 'a short v1',
      input: { header: `t=${T},v1=abc` },
      expected: { ok: false, reason: 'no_matching_signature' },
    },
    {
      name: 't moved to now',
      input: { header: header.replace(`t=${T}`, `t=${T + 10}`) },
      expected: { ok: false, reason: 'no_matching_signature' },
    },
    {
      name: 'an unknown scheme beside v1',
      input: { header: `${header},v0=deadbeef` },
      expected: { ok: true, timestamp: T },
    },
  ])('should judge $name', ({ input, expected }) => {
    const result = verifyWebhookSignature({ body, header, secrets: [SECRET], now: NOW, ...input });
    expect(result).toEqual(expected);
  });

  it('should accept what it signs and refuse any other body (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 16 }), (signed, other, secret) => {
        const signedHeader = signatureHeader([secret], T, signed);
        expect(verifyWebhookSignature({ body: signed, header: signedHeader, secrets: [secret], now: NOW }).ok).toBe(
          true,
        );
        if (other !== signed) {
          expect(verifyWebhookSignature({ body: other, header: signedHeader, secrets: [secret], now: NOW }).ok).toBe(
            false,
          );
        }
      }),
    );
  });
});

describe('matchesEvent', () => {
  it.each([
    { patterns: ['*'], event: 'sla.breached', expected: true },
    { patterns: ['sla.*'], event: 'sla.breached', expected: true },
    { patterns: ['sla.*'], event: 'sla.reminder.80', expected: true },
    { patterns: ['sla.*'], event: 'slab.breached', expected: false },
    { patterns: ['sla.*'], event: 'sla', expected: false },
    { patterns: ['lead.assigned'], event: 'lead.assigned', expected: true },
    { patterns: ['lead.assigned'], event: 'lead.assigned_back', expected: false },
    { patterns: [], event: 'lead.assigned', expected: false },
  ])('should match $event against $patterns: $expected', ({ patterns, event, expected }) => {
    expect(matchesEvent(patterns, event)).toBe(expected);
  });
});

describe('webhookEndpoint schema', () => {
  it.each([
    { input: { url: 'https://crm.example.com/h', secret: SECRET }, ok: true },
    { input: { url: 'http://127.0.0.1:9000/h', secret: SECRET }, ok: true },
    { input: { url: 'javascript:alert(1)', secret: SECRET }, ok: false },
    { input: { url: 'file:///etc/passwd', secret: SECRET }, ok: false },
    { input: { url: 'https://crm.example.com/h', secret: 'short' }, ok: false },
    { input: { url: 'https://crm.example.com/h', secret: SECRET, events: ['sla.*', 'lead.assigned'] }, ok: true },
    { input: { url: 'https://crm.example.com/h', secret: SECRET, events: ['SLA!'] }, ok: false },
  ])('should accept $input.url with events $input.events: $ok', ({ input, ok }) => {
    expect(webhookEndpoint.safeParse({ kind: 'webhook', ...input }).success).toBe(ok);
  });
});
