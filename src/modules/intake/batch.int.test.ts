import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { intakeRejections, leads } from '../../platform/db/schema.ts';
import { client } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

describe('batch intake', () => {
  const f = intakeFixture({ reps: 3, channel: '展会导入' });

  it('should judge each item on its own: created, merged, rejected', async () => {
    await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '老客户', phone: '13800001111' });
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads/batch', {
      leads: [
        { name: '新客户甲', phone: '13800002222', company: '苏州瑞丰电子有限公司' },
        { name: '老客户', phone: '138-0000-1111' },
        { name: '坏号码', phone: '12345' },
        { name: 42 },
        { name: '新客户甲', email: 'jia@ruifeng.cn', phone: '+86 138 0000 2222' },
        'not an object',
      ],
    });
    expect(response.status).toBe(200);
    const results = response.body.results;
    expect(results.map((result: { status: string }) => result.status)).toEqual([
      'created',
      'merged',
      'rejected',
      'rejected',
      'merged',
      'rejected',
    ]);
    expect(results.map((result: { index: number }) => result.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results[2].error).toMatchObject({ code: 'INVALID_PHONE', field: 'phone' });
    expect(results[3].error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    expect(results[4].id).toBe(results[0].id);
    const merged = await f.server.clew.deps.db.select().from(leads).where(eq(leads.id, results[0].id));
    expect(merged[0]).toMatchObject({ touchCount: 2, email: 'jia@ruifeng.cn', source: '展会导入' });
    expect(f.org.repIds).toContain(merged[0]!.ownerId);
  });

  it('should keep every rejected item with its reason and payload', async () => {
    const kept = await f.server.clew.deps.db.select().from(intakeRejections);
    expect(kept.map((row) => row.code).sort()).toEqual(['INVALID_PHONE', 'VALIDATION_FAILED', 'VALIDATION_FAILED']);
    expect(kept.map((row) => row.payload)).toContainEqual('not an object');
  });

  it('should deal a batch of new leads evenly', async () => {
    const batch = Array.from({ length: 30 }, (_, index) => ({
      name: `批量${index}`,
      phone: `1770000${String(index).padStart(4, '0')}`,
    }));
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads/batch', { leads: batch });
    expect(response.body.results.every((result: { status: string }) => result.status === 'created')).toBe(true);
    const rows = await f.server.clew.deps.db.select({ ownerId: leads.ownerId, name: leads.name }).from(leads);
    const counts = f.org.repIds.map(
      (id) => rows.filter((row) => row.name.startsWith('批量') && row.ownerId === id).length,
    );
    expect(counts).toEqual([10, 10, 10]);
  });

  it('should refuse an empty batch and one over 1,000 with the field at fault', async () => {
    const empty = await client(f.server.url, f.apiKey).post('/api/v1/leads/batch', { leads: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('leads');
    const tooMany = await client(f.server.url, f.apiKey).post('/api/v1/leads/batch', {
      leads: Array.from({ length: 1001 }, () => ({ name: 'x', phone: '13800000000' })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('leads');
  });
});
