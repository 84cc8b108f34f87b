import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../src/platform/clock.ts';
import { addTeam, ADMIN_EMAIL, createApiKey, loginAs, startTestClew, type Org, type TestClew } from './harness.ts';

export interface IntakeFixture {
  server: TestClew;
  /** The default team: a manager and `reps` reps. */
  org: Org;
  adminToken: string;
  /** A `leads:write` key bound to the channel name given. */
  apiKey: string;
}

/**
 * The set-up most HTTP tests share: Clew on a fresh database, a default team, the admin signed
 * in, an intake key. Registers its own beforeAll/afterAll; read the fields inside tests.
 */
export function intakeFixture(options: {
  reps: number;
  channel?: string;
  clock?: Clock;
  env?: Record<string, string>;
}): IntakeFixture {
  const fixture = {} as IntakeFixture;
  beforeAll(async () => {
    fixture.server = await startTestClew({
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    fixture.org = await addTeam(fixture.server.clew, fixture.server.workspaceId, {
      name: 'Inside',
      reps: options.reps,
    });
    fixture.adminToken = await loginAs(fixture.server.url, ADMIN_EMAIL);
    fixture.apiKey = await createApiKey(
      fixture.server.url,
      fixture.adminToken,
      ['leads:write'],
      options.channel ?? '官网注册',
    );
  });
  afterAll(async () => fixture.server?.close());
  return fixture;
}
