import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, repLoads, teams, users } from '../../platform/db/schema.ts';
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

const CONCURRENT = 1000;

/**
 * A thousand intakes at once: on PGlite through one server's batches, on PostgreSQL split across
 * two servers on one database, where only the rotation and load row locks keep the deal exact.
 */
describe('routing under 1,000 concurrent intakes', () => {
  let first: TestClew;
  let second: TestClew | null = null;
  let org: Org;
  let apiKey: string;
  const servers = () => (second ? [first, second] : [first]);

  beforeAll(async () => {
    first = await startTestClew();
    if (testEngine() === 'postgres') second = await startTestClew({ sameDatabaseAs: first });
    org = await addTeam(first.clew, first.workspaceId, { name: 'Inside', reps: 7 });
    apiKey = await createApiKey(first.url, await loginAs(first.url, ADMIN_EMAIL));
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  async function postMany(prefix: string) {
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) => {
        const server = servers()[index % servers().length]!;
        return client(server.url, apiKey).post('/api/v1/leads', {
          name: `${prefix}${index}`,
          phone: `1${prefix === 'rr' ? '37' : '38'}0000${String(index).padStart(4, '0')}`,
        });
      }),
    );
    expect(responses.filter((response) => response.status !== 201).map((response) => response.body)).toEqual([]);
    return responses;
  }

  it('should deal round robin exactly: every rep 142 or 143 of 1,000, none lost', async () => {
    await postMany('rr');
    const rows = await first.clew.deps.db.select({ ownerId: leads.ownerId }).from(leads);
    expect(rows).toHaveLength(CONCURRENT);
    const perRep = org.repIds.map((id) => rows.filter((row) => row.ownerId === id).length);
    expect(perRep.reduce((sum, count) => sum + count, 0)).toBe(CONCURRENT);
    expect(Math.min(...perRep)).toBe(Math.floor(CONCURRENT / 7));
    expect(Math.max(...perRep)).toBe(Math.ceil(CONCURRENT / 7));
  });

  it('should push no rep past their capacity: the rest wait in the pool', async () => {
    const db = first.clew.deps.db;
    // Each rep may hold 20 more open leads than now; least-loaded fills them from the emptiest.
    const loads = await db.select().from(repLoads).where(eq(repLoads.workspaceId, first.workspaceId));
    for (const load of loads)
      await db
        .update(users)
        .set({ capacity: load.openLeads + 20 })
        .where(eq(users.id, load.userId));
    await db.update(teams).set({ routingStrategy: 'least_loaded' }).where(eq(teams.id, org.teamId));
    for (const server of servers()) server.clew.deps.routingCache.clear();

    const responses = await postMany('cap');
    const owners = responses.map((response) => response.body.ownerId as string | null);
    expect(owners.filter((owner) => owner !== null)).toHaveLength(7 * 20);
    expect(owners.filter((owner) => owner === null)).toHaveLength(CONCURRENT - 7 * 20);
    const after = await db.select().from(repLoads).where(eq(repLoads.workspaceId, first.workspaceId));
    const capacity = new Map(loads.map((load) => [load.userId, load.openLeads + 20]));
    for (const load of after) expect(load.openLeads).toBe(capacity.get(load.userId));
  });
});
