import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../platform/db/schema.ts';
import {
  addTeam,
  addUser,
  addWorkspace,
  ADMIN_EMAIL,
  client,
  createApiKey,
  loginAs,
  startTestClew,
  type Org,
  type TestClew,
} from '../../../test/harness.ts';

describe('identity, roles and data scope', () => {
  let server: TestClew;
  let north: Org;
  let south: Org;
  let adminToken: string;
  let intakeKey: string;
  const leadIdsByRep = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestClew();
    const region = await addTeam(server.clew, server.workspaceId, { name: 'Region', reps: 0, makeDefault: false });
    north = await addTeam(server.clew, server.workspaceId, { name: 'North', reps: 2, parentId: region.teamId });
    south = await addTeam(server.clew, server.workspaceId, { name: 'South', reps: 1, makeDefault: false });
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
    intakeKey = await createApiKey(server.url, adminToken);
    for (let index = 0; index < 4; index++) {
      const lead = await client(server.url, intakeKey).post('/api/v1/leads', {
        name: `客户${index}`,
        phone: `1390000000${index}`,
      });
      leadIdsByRep.set(lead.body.ownerId, lead.body.id);
    }
    // One lead for the South rep, by reassignment.
    const southLead = await client(server.url, intakeKey).post('/api/v1/leads', {
      name: '南方客户',
      phone: '13900000009',
    });
    await client(server.url, adminToken).patch(`/api/v1/leads/${southLead.body.id}`, { ownerId: south.repIds[0] });
    leadIdsByRep.set(south.repIds[0]!, southLead.body.id);
  });
  afterAll(async () => server?.close());

  it('should refuse a wrong password with 401 INVALID_CREDENTIALS', async () => {
    const response = await client(server.url).post('/api/v1/auth/login', {
      email: ADMIN_EMAIL,
      password: 'wrong-password',
    });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('should answer 401 without credentials and for a revoked session', async () => {
    expect((await client(server.url).get('/api/v1/leads')).status).toBe(401);
    const token = await loginAs(server.url, north.repEmails[0]!);
    await client(server.url, token).post('/api/v1/auth/logout');
    expect((await client(server.url, token).get('/api/v1/me')).status).toBe(401);
  });

  it('should let a rep see only their own leads and answer 404 for another rep’s', async () => {
    const [mine, theirs] = north.repIds;
    const token = await loginAs(server.url, north.repEmails[0]!);
    const list = await client(server.url, token).get('/api/v1/leads?limit=100');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((lead: { ownerId: string }) => lead.ownerId === mine)).toBe(true);
    const other = await client(server.url, token).get(`/api/v1/leads/${leadIdsByRep.get(theirs!)}`);
    expect(other.status).toBe(404);
    const patch = await client(server.url, token).patch(`/api/v1/leads/${leadIdsByRep.get(theirs!)}`, {
      status: 'contacted',
    });
    expect(patch.status).toBe(404);
  });

  it('should let a manager see the team subtree only', async () => {
    const token = await loginAs(server.url, north.managerEmail);
    const list = await client(server.url, token).get('/api/v1/leads?limit=100');
    const owners = new Set(list.body.items.map((lead: { ownerId: string }) => lead.ownerId));
    expect([...owners].sort()).toEqual([...north.repIds].sort());
    expect((await client(server.url, token).get(`/api/v1/leads/${leadIdsByRep.get(south.repIds[0]!)}`)).status).toBe(
      404,
    );
  });

  it('should let a regional manager see the groups below', async () => {
    const token = await loginAs(server.url, north.managerEmail.replace('north', 'region'));
    const list = await client(server.url, token).get('/api/v1/leads?limit=100');
    const owners = new Set(list.body.items.map((lead: { ownerId: string }) => lead.ownerId));
    expect([...owners].sort()).toEqual([...north.repIds].sort());
  });

  it('should let the admin see every lead', async () => {
    const list = await client(server.url, adminToken).get('/api/v1/leads?limit=100');
    expect(list.body.items).toHaveLength(5);
  });

  it('should answer 403 when a rep manages API keys or reassigns', async () => {
    const token = await loginAs(server.url, north.repEmails[0]!);
    const response = await client(server.url, token).post('/api/v1/api-keys', { name: 'x', scopes: ['leads:write'] });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    const mine = leadIdsByRep.get(north.repIds[0]!)!;
    const reassign = await client(server.url, token).patch(`/api/v1/leads/${mine}`, { ownerId: north.repIds[1] });
    expect(reassign.status).toBe(403);
  });

  it('should let a leads:write key create leads but not read them', async () => {
    const response = await client(server.url, intakeKey).get('/api/v1/leads');
    expect(response.status).toBe(403);
  });

  it('should let a full key read the whole workspace', async () => {
    const fullKey = await createApiKey(server.url, adminToken, ['full'], 'CRM sync');
    const list = await client(server.url, fullKey).get('/api/v1/leads?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(5);
  });

  it('should keep marketing to intake keys', async () => {
    await addUser(server.clew, server.workspaceId, 'marketing', 'marketing@test.clew');
    const token = await loginAs(server.url, 'marketing@test.clew');
    expect((await client(server.url, token).post('/api/v1/api-keys', { name: 'm', scopes: ['full'] })).status).toBe(
      403,
    );
    expect(
      (await client(server.url, token).post('/api/v1/api-keys', { name: 'm', scopes: ['leads:write'] })).status,
    ).toBe(201);
  });

  it('should show an API key once, store only its hash and stop accepting it once revoked', async () => {
    const created = await client(server.url, adminToken).post('/api/v1/api-keys', {
      name: 'once',
      scopes: ['leads:write'],
    });
    expect(created.body.key).toMatch(/^clew_/);
    // Used once first, so the revocation has a cached credential to clear.
    expect(
      (await client(server.url, created.body.key).post('/api/v1/leads', { name: 'y', phone: '13800000076' })).status,
    ).toBe(201);
    const stored = await server.clew.deps.db.select().from(apiKeys);
    expect(stored.some((row) => row.keyHash === created.body.key || row.prefix === created.body.key)).toBe(false);
    const listed = await client(server.url, adminToken).get('/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect((await client(server.url, adminToken).delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    const refused = await client(server.url, created.body.key).post('/api/v1/leads', {
      name: 'x',
      phone: '13800000077',
    });
    expect(refused.status).toBe(401);
  });

  it('should hide the admin’s full keys from marketing, who can neither list nor revoke them', async () => {
    const full = await client(server.url, adminToken).post('/api/v1/api-keys', { name: 'ERP', scopes: ['full'] });
    const token = await loginAs(server.url, 'marketing@test.clew');
    const listed = await client(server.url, token).get('/api/v1/api-keys');
    expect(listed.body.items.map((key: { id: string }) => key.id)).not.toContain(full.body.id);
    expect((await client(server.url, token).delete(`/api/v1/api-keys/${full.body.id}`)).status).toBe(404);
    expect((await client(server.url, full.body.key).get('/api/v1/leads')).status).toBe(200);
  });

  it('should isolate workspaces: another workspace sees none of these leads', async () => {
    await addWorkspace(server.clew, 'Other Co', 'admin@other.clew');
    const token = await loginAs(server.url, 'admin@other.clew');
    const list = await client(server.url, token).get('/api/v1/leads');
    expect(list.body.items).toEqual([]);
    const someLead = [...leadIdsByRep.values()][0]!;
    expect((await client(server.url, token).get(`/api/v1/leads/${someLead}`)).status).toBe(404);
    expect((await client(server.url, token).patch(`/api/v1/leads/${someLead}`, { status: 'qualified' })).status).toBe(
      404,
    );
    const keys = await client(server.url, token).get('/api/v1/api-keys');
    expect(keys.body.items).toEqual([]);
    const users = await client(server.url, token).get('/api/v1/users');
    expect(users.body.items.map((user: { email: string }) => user.email)).toEqual(['admin@other.clew']);
  });

  it('should refuse a cookie-authenticated write without the CSRF header', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: 'correct-horse-battery' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const headers = { cookie };
    expect((await client(server.url).get('/api/v1/me', headers)).status).toBe(200);
    const body = { name: 'k', scopes: ['leads:write'] };
    expect((await client(server.url).post('/api/v1/api-keys', body, headers)).status).toBe(403);
    expect((await client(server.url).post('/api/v1/api-keys', body, { ...headers, 'x-clew-csrf': '1' })).status).toBe(
      201,
    );
  });
});
