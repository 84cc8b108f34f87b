import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, ADMIN_EMAIL, client, loginAs, startTestClew, type TestClew } from '../../../test/harness.ts';

describe('HTTP boundary', () => {
  let server: TestClew;
  let token: string;

  beforeAll(async () => {
    server = await startTestClew();
    await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    token = await loginAs(server.url, ADMIN_EMAIL);
  });
  afterAll(async () => server?.close());

  it('should report health with the engine in use', async () => {
    const response = await client(server.url).get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: server.clew.deps.database.kind });
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it.each([
    ['malformed JSON', '{"name": "x",', 400, 'MALFORMED_JSON', undefined],
    ['a wrong type', { name: 42, phone: '13800138000' }, 400, 'VALIDATION_FAILED', 'name'],
    ['an unknown field', { name: 'x', phone: '13800138000', hacker: true }, 400, 'VALIDATION_FAILED', 'hacker'],
    ['an empty name', { name: '', phone: '13800138000' }, 400, 'VALIDATION_FAILED', 'name'],
    ['a bad e-mail', { name: 'x', email: 'not-an-email' }, 422, 'INVALID_EMAIL', 'email'],
    ['a JSON array', [1, 2, 3], 400, 'VALIDATION_FAILED', undefined],
  ])('should answer %s with a 4xx code and the field at fault', async (_label, body, status, code, field) => {
    const response = await client(server.url, token).post('/api/v1/leads', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.field).toBe(field);
  });

  it('should answer a body over 1 MB with 413', async () => {
    const response = await client(server.url, token).post('/api/v1/leads', {
      name: 'x'.repeat(1_100_000),
      phone: '13800138000',
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should answer a non-JSON content type with 415', async () => {
    const response = await client(server.url, token).post('/api/v1/leads', 'name=x', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('should answer bad query parameters and ids with 400', async () => {
    expect((await client(server.url, token).get('/api/v1/leads?limit=5000')).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'limit',
    });
    expect((await client(server.url, token).get('/api/v1/leads?status=open')).body.error.field).toBe('status');
    expect((await client(server.url, token).get('/api/v1/leads?cursor=garbage')).body.error.field).toBe('cursor');
    expect((await client(server.url, token).get('/api/v1/leads/not-a-uuid')).status).toBe(400);
  });

  it('should answer an unknown API route with 404 in the error shape', async () => {
    const response = await client(server.url, token).get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('should page through leads with a cursor without repeats', async () => {
    const key = token;
    for (let index = 0; index < 25; index++) {
      await client(server.url, key).post('/api/v1/leads', {
        name: `翻页${index}`,
        phone: `1550000${String(index).padStart(4, '0')}`,
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await client(server.url, token).get(`/api/v1/leads?limit=10${query}`);
      seen.push(...page.body.items.map((lead: { id: string }) => lead.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(25);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('should filter by status, owner and source', async () => {
    const created = await client(server.url, token).post('/api/v1/leads', {
      name: '筛选',
      phone: '13300001234',
      source: '展会',
    });
    const bySource = await client(server.url, token).get(`/api/v1/leads?source=${encodeURIComponent('展会')}`);
    expect(bySource.body.items.map((lead: { id: string }) => lead.id)).toEqual([created.body.id]);
    const byOwner = await client(server.url, token).get(
      `/api/v1/leads?ownerId=${created.body.ownerId}&status=new&limit=100`,
    );
    expect(
      byOwner.body.items.every(
        (lead: { ownerId: string; status: string }) => lead.ownerId === created.body.ownerId && lead.status === 'new',
      ),
    ).toBe(true);
  });

  it('should publish an OpenAPI 3 document generated from the route schemas', async () => {
    const response = await client(server.url).get('/api/docs/json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/auth/login', '/api/v1/api-keys']),
    );
    expect(
      response.body.paths['/api/v1/leads'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('phone');
  });
});

describe('route access', () => {
  let server: TestClew;
  beforeAll(async () => {
    server = await startTestClew();
  });
  afterAll(async () => server?.close());

  it('should answer 401 on every non-public API route when no credential is sent', async () => {
    const routes = server.clew.app.apiRoutes;
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      if ('public' in route.access) continue;
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const response = await fetch(server.url + url, {
        method: route.method,
        headers: route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' },
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
      });
      expect(response.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('should declare only health, login, the hosted forms’ pages and the ad-platform hooks (secret-checked) as public', () => {
    const publicRoutes = server.clew.app.apiRoutes
      .filter((route) => 'public' in route.access)
      .map((route) => `${route.method} ${route.url}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/v1/health',
      'GET /api/v1/public/forms/:slug',
      'POST /api/v1/auth/login',
      'POST /api/v1/hooks/:channelId',
      'POST /api/v1/public/forms/:slug/submissions',
    ]);
  });
});
