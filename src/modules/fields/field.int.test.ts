import { describe, expect, it } from 'vitest';
import { client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

describe('custom fields', () => {
  const f = intakeFixture({ reps: 1 });

  it('should define fields and list them', async () => {
    const admin = client(f.server.url, f.adminToken);
    const budget = await admin.post('/api/v1/fields', {
      entity: 'lead',
      name: 'budget',
      label: '预算',
      type: 'number',
    });
    expect(budget.status).toBe(201);
    expect(budget.body).toMatchObject({ name: 'budget', type: 'number', options: null });
    await admin.post('/api/v1/fields', { entity: 'lead', name: 'segment', type: 'select', options: ['KA', 'SMB'] });
    await admin.post('/api/v1/fields', { entity: 'lead', name: 'existing_systems', type: 'text' });
    const listed = await admin.get('/api/v1/fields?entity=lead');
    const names = listed.body.items.map((field: { name: string }) => field.name);
    expect(names.sort()).toEqual(['budget', 'existing_systems', 'segment']);
  });

  it.each([
    [{ entity: 'lead', name: 'budget', type: 'number' }, 409, 'name'],
    [{ entity: 'lead', name: 'Bad Name', type: 'text' }, 400, 'name'],
    [{ entity: 'lead', name: 'tier', type: 'select' }, 400, 'options'],
    [{ entity: 'lead', name: 'note', type: 'text', options: ['a'] }, 400, 'options'],
    [{ entity: 'deal', name: 'x', type: 'text' }, 400, 'entity'],
  ])('should refuse %j with %i on %s', async (body, status, field) => {
    const response = await client(f.server.url, f.adminToken).post('/api/v1/fields', body);
    expect(response.status).toBe(status);
    expect(response.body.error.field).toBe(field);
  });

  it('should let only an admin define fields', async () => {
    const rep = await loginAs(f.server.url, f.org.repEmails[0]!);
    expect(
      (await client(f.server.url, rep).post('/api/v1/fields', { entity: 'lead', name: 'x', type: 'text' })).status,
    ).toBe(403);
  });

  it('should carry coerced custom values on intake, and refuse a bad or unknown one', async () => {
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '自定义',
      phone: '13812340000',
      custom: { budget: '5,000,000', segment: 'KA' },
    });
    expect(created.status).toBe(201);
    expect(created.body.custom).toEqual({ budget: 5_000_000, segment: 'KA' });
    const bad = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: 'x',
      phone: '13812340001',
      custom: { segment: 'Mid' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('custom.segment');
    const unknown = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: 'x',
      phone: '13812340002',
      custom: { colour: 'red' },
    });
    expect(unknown.body.error.field).toBe('custom.colour');
  });

  it('should add a repeat’s new custom values without overwriting existing ones', async () => {
    await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '自定义',
      phone: '13812340000',
      custom: { budget: 1, existing_systems: '金蝶 K/3' },
    });
    const list = await client(f.server.url, f.adminToken).get('/api/v1/leads?limit=10');
    const lead = list.body.items.find((item: { phone: string }) => item.phone === '+8613812340000');
    expect(lead.custom).toEqual({ budget: 5_000_000, segment: 'KA', existing_systems: '金蝶 K/3' });
  });

  it('should change and clear custom values through PATCH, with the audit showing both sides', async () => {
    const list = await client(f.server.url, f.adminToken).get('/api/v1/leads?limit=10');
    const lead = list.body.items.find((item: { phone: string }) => item.phone === '+8613812340000');
    const patched = await client(f.server.url, f.adminToken).patch(`/api/v1/leads/${lead.id}`, {
      custom: { segment: 'SMB', budget: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.custom).toEqual({ segment: 'SMB', existing_systems: '金蝶 K/3' });
    const refused = await client(f.server.url, f.adminToken).patch(`/api/v1/leads/${lead.id}`, {
      custom: { budget: 'lots' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('custom.budget');
  });

  it('should check a batch item’s custom values on their own', async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads/batch', {
      leads: [
        { name: 'ok', phone: '13812340010', custom: { segment: 'SMB' } },
        { name: 'bad', phone: '13812340011', custom: { budget: 'lots' } },
      ],
    });
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['created', 'rejected']);
    expect(response.body.results[1].error.field).toBe('custom.budget');
  });
});
