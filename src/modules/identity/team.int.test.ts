import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTeam,
  addWorkspace,
  ADMIN_EMAIL,
  client,
  loginAs,
  startTestClew,
  type TestClew,
} from '../../../test/harness.ts';

describe('teams', () => {
  let server: TestClew;
  beforeAll(async () => {
    server = await startTestClew();
    const region = await addTeam(server.clew, server.workspaceId, { name: 'North', reps: 0, makeDefault: false });
    await addTeam(server.clew, server.workspaceId, { name: 'Beijing', reps: 1, parentId: region.teamId });
    await addWorkspace(server.clew, 'Other Co', 'admin@other.clew');
  });
  afterAll(async () => server?.close());

  it('should list the workspace’s teams by name, for every role, and no other workspace’s', async () => {
    const listed = await client(server.url, await loginAs(server.url, ADMIN_EMAIL)).get('/api/v1/teams');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((team: { name: string }) => team.name)).toEqual(['Beijing', 'North']);
    expect(listed.body.items[0]).toMatchObject({ kind: 'group', parentId: listed.body.items[1].id });
    const other = await client(server.url, await loginAs(server.url, 'admin@other.clew')).get('/api/v1/teams');
    expect(other.body.items.map((team: { name: string }) => team.name)).not.toContain('North');
  });
});
