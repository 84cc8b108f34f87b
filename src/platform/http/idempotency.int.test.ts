import { describe, expect, it } from 'vitest';
import { leads } from '../db/schema.ts';
import { client } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

describe('Idempotency-Key', () => {
  const f = intakeFixture({ reps: 2 });

  const post = (path: string, body: unknown, key: string) =>
    client(f.server.url, f.apiKey).post(path, body, { 'idempotency-key': key });

  it('should replay the first answer to a retry, creating nothing new', async () => {
    const body = { name: '重试', phone: '13700007777' };
    const first = await post('/api/v1/leads', body, 'retry-1');
    const retry = await post('/api/v1/leads', body, 'retry-1');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const rows = await f.server.clew.deps.db.select().from(leads);
    expect(rows.filter((row) => row.phone === '+8613700007777')[0]!.touchCount).toBe(1);
  });

  it('should replay a batch too', async () => {
    const body = { leads: [{ name: '批重试', phone: '13700008888' }] };
    const first = await post('/api/v1/leads/batch', body, 'batch-1');
    const retry = await post('/api/v1/leads/batch', body, 'batch-1');
    expect(retry.body).toEqual(first.body);
    expect(first.body.results[0].status).toBe('created');
  });

  it('should refuse the same key for a different body with 422', async () => {
    await post('/api/v1/leads', { name: 'A', phone: '13700009991' }, 'reused');
    const other = await post('/api/v1/leads', { name: 'B', phone: '13700009992' }, 'reused');
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotency-key' });
  });

  it('should replay a 4xx as well: the same request gets the same answer', async () => {
    const bad = { name: 'Bad', phone: '123' };
    const first = await post('/api/v1/leads', bad, 'bad-1');
    const retry = await post('/api/v1/leads', bad, 'bad-1');
    expect(first.status).toBe(422);
    expect(retry.status).toBe(422);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('should answer concurrent duplicates with the first result or 409, never a second lead', async () => {
    const body = { name: '并发重试', phone: '13700006666' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/api/v1/leads', body, 'race-1')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(responses.filter((response) => response.status === 201).map((response) => response.body.id));
    expect(ids.size).toBe(1);
    const rows = await f.server.clew.deps.db.select().from(leads);
    expect(rows.filter((row) => row.phone === '+8613700006666')[0]!.touchCount).toBe(1);
  });

  it('should keep keys apart per workspace and refuse a malformed key', async () => {
    const malformed = await post('/api/v1/leads', { name: 'x', phone: '13700005555' }, 'has space');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('idempotency-key');
  });
});
