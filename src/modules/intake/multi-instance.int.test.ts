import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../platform/db/schema.ts';
import {
  addTeam,
  ADMIN_EMAIL,
  client,
  createApiKey,
  loginAs,
  startTestClew,
  testEngine,
  type Org,
  type TestClew,
} from '../../../test/harness.ts';

/**
 * Two Clew servers on one PostgreSQL database, as behind a load balancer: each has its own
 * in-process batches, so only the database's locks keep the round robin even and one person one lead.
 */
describe.runIf(testEngine() === 'postgres')('two instances on one PostgreSQL', () => {
  let first: TestClew;
  let second: TestClew;
  let org: Org;
  let apiKey: string;

  beforeAll(async () => {
    first = await startTestClew();
    second = await startTestClew({ sameDatabaseAs: first });
    org = await addTeam(first.clew, first.workspaceId, { name: 'Inside', reps: 4 });
    apiKey = await createApiKey(first.url, await loginAs(first.url, ADMIN_EMAIL));
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should deal 100 concurrent intakes split across both evenly (±1), losing none', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        client(index % 2 === 0 ? first.url : second.url, apiKey).post('/api/v1/leads', {
          name: `双实例${index}`,
          phone: `1880000${String(index).padStart(4, '0')}`,
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(201));
    const rows = await first.clew.deps.db.select({ ownerId: leads.ownerId }).from(leads);
    expect(rows).toHaveLength(100);
    const perRep = org.repIds.map((id) => rows.filter((row) => row.ownerId === id).length);
    expect(Math.max(...perRep) - Math.min(...perRep)).toBeLessThanOrEqual(1);
  });

  it('should make one lead of one person posted 20 times through both', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        client(index % 2 === 0 ? first.url : second.url, apiKey).post('/api/v1/leads', {
          name: '同一人',
          phone: index % 2 === 0 ? '13966667777' : '+86 139 6666 7777',
          ...(index % 3 === 0 ? { email: 'same.person@corp.cn' } : {}),
        }),
      ),
    );
    expect(responses.every((response) => response.status === 200 || response.status === 201)).toBe(true);
    const rows = await first.clew.deps.db.select().from(leads).where(eq(leads.phone, '+8613966667777'));
    const byEmail = await first.clew.deps.db.select().from(leads).where(eq(leads.email, 'same.person@corp.cn'));
    expect(rows).toHaveLength(1);
    expect(byEmail.map((row) => row.id)).toEqual([rows[0]!.id]);
    expect(rows[0]!.touchCount).toBe(20);
  });

  it('should stop accepting a key on both instances once it is revoked on one', async () => {
    const adminToken = await loginAs(first.url, ADMIN_EMAIL);
    const created = await client(first.url, adminToken).post('/api/v1/api-keys', {
      name: 'soon revoked',
      scopes: ['leads:write'],
    });
    const key = created.body.key as string;
    // Used once on each, so both have it cached.
    expect((await client(first.url, key).post('/api/v1/leads', { name: 'a', phone: '13500000001' })).status).toBe(201);
    expect((await client(second.url, key).post('/api/v1/leads', { name: 'b', phone: '13500000002' })).status).toBe(201);
    await client(first.url, adminToken).delete(`/api/v1/api-keys/${created.body.id}`);
    let status = 0;
    for (let attempt = 0; attempt < 50; attempt++) {
      status = (await client(second.url, key).post('/api/v1/leads', { name: 'c', phone: '13500000003' })).status;
      if (status === 401) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
  });
});
