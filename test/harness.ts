import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { teams } from '../src/platform/db/schema.ts';
import { boot, type Clew } from '../src/boot.ts';
import type { Clock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type Database, type EngineKind } from '../src/platform/db/database.ts';
import { hashPassword } from '../src/modules/identity/password.ts';
import type { Role } from '../src/platform/http/actor.ts';
import {
  createWorkspace,
  insertTeam,
  insertUser,
  setDefaultTeam,
} from '../src/modules/workspaces/workspace.service.ts';

export const TEST_PG_URL = process.env.CLEW_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_EMAIL = 'admin@test.clew';
export const PASSWORD = 'correct-horse-battery';

export function testEngine(): EngineKind {
  return process.env.CLEW_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** A fresh database per test file: PGlite in memory, or a new PostgreSQL database dropped after. */
export async function freshDatabase(
  engine: EngineKind = testEngine(),
): Promise<{ database: Database; url: string | null; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, url: null, drop: async () => {} };
  }
  const name = `clew_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestClew {
  clew: Clew;
  url: string;
  workspaceId: string;
  /** Set on PostgreSQL. */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** Clew on an ephemeral port with an empty workspace whose admin is ADMIN_EMAIL / PASSWORD. */
export async function startTestClew(
  options: { clock?: Clock; env?: Record<string, string>; sameDatabaseAs?: TestClew } = {},
): Promise<TestClew> {
  // A second instance on the first one's PostgreSQL database: what several servers behind a load balancer share.
  const { database, url, drop } = options.sameDatabaseAs
    ? {
        database: await openDatabase({ kind: 'postgres', url: options.sameDatabaseAs.databaseUrl! }),
        url: options.sameDatabaseAs.databaseUrl,
        drop: async () => {},
      }
    : await freshDatabase();
  const config = loadConfig({
    CLEW_DEMO: '0',
    CLEW_ADMIN_EMAIL: ADMIN_EMAIL,
    CLEW_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'silent',
    CLEW_LOGIN_RATE_PER_MINUTE: '1000',
    ...options.env,
  });
  const clew = await boot(config, { database, logger: false, ...(options.clock ? { clock: options.clock } : {}) });
  const address = await clew.app.listen({ port: 0, host: '127.0.0.1' });
  const [workspace] = await clew.deps.db.query.workspaces.findMany({ limit: 1 });
  return {
    clew,
    url: address,
    workspaceId: workspace!.id,
    databaseUrl: url,
    close: async () => {
      await clew.close();
      await drop();
    },
  };
}

let sharedHash: Promise<string> | null = null;
const passwordHash = () => (sharedHash ??= hashPassword(PASSWORD));

export interface Org {
  workspaceId: string;
  teamId: string;
  managerEmail: string;
  repEmails: string[];
  repIds: string[];
}

/** A group team (made the default team) with a manager and `reps` reps, all with PASSWORD. */
export async function addTeam(
  clew: Clew,
  workspaceId: string,
  options: { name: string; reps: number; parentId?: string; makeDefault?: boolean },
): Promise<Org> {
  const now = clew.deps.clock.now();
  const hash = await passwordHash();
  const db = clew.deps.db;
  const slug = options.name.toLowerCase().replace(/\W+/g, '-');
  const teamId = await insertTeam(
    db,
    { workspaceId, name: options.name, kind: 'group', parentId: options.parentId ?? null },
    now,
  );
  const managerEmail = `manager.${slug}.${workspaceId.slice(0, 8)}@test.clew`;
  const managerId = await insertUser(
    db,
    { workspaceId, email: managerEmail, name: `Manager ${options.name}`, passwordHash: hash, role: 'manager', teamId },
    now,
  );
  await db.update(teams).set({ managerId }).where(eq(teams.id, teamId));
  const repEmails: string[] = [];
  const repIds: string[] = [];
  for (let index = 0; index < options.reps; index++) {
    const email = `rep${index}.${slug}.${workspaceId.slice(0, 8)}@test.clew`;
    repEmails.push(email);
    repIds.push(
      await insertUser(
        db,
        { workspaceId, email, name: `Rep ${index} ${options.name}`, passwordHash: hash, role: 'rep', teamId },
        now,
      ),
    );
  }
  if (options.makeDefault !== false) await setDefaultTeam(db, workspaceId, teamId);
  return { workspaceId, teamId, managerEmail, repEmails, repIds };
}

export async function addUser(
  clew: Clew,
  workspaceId: string,
  role: Role,
  email: string,
  teamId: string | null = null,
) {
  return insertUser(
    clew.deps.db,
    { workspaceId, email, name: email, passwordHash: await passwordHash(), role, teamId },
    clew.deps.clock.now(),
  );
}

export async function addWorkspace(clew: Clew, name: string, adminEmail: string) {
  return createWorkspace(clew.deps, { name, adminEmail, adminPassword: PASSWORD });
}

/** A tiny HTTP client bound to one server and one credential. */
export function client(baseUrl: string, credential?: string) {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, body: json, headers: response.headers };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => request('POST', path, body, headers),
    patch: (path: string, body?: unknown, headers?: Record<string, string>) => request('PATCH', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => request('PUT', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => request('DELETE', path, undefined, headers),
  };
}

export async function loginAs(baseUrl: string, email: string, password = PASSWORD): Promise<string> {
  const response = await client(baseUrl).post('/api/v1/auth/login', { email, password });
  if (response.status !== 200)
    throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token as string;
}

export async function createApiKey(
  baseUrl: string,
  adminToken: string,
  scopes: string[] = ['leads:write'],
  channel = '官网注册',
) {
  const response = await client(baseUrl, adminToken).post('/api/v1/api-keys', {
    name: `key ${channel}`,
    scopes,
    channel,
  });
  if (response.status !== 201) throw new Error(`api key failed: ${JSON.stringify(response.body)}`);
  return response.body.key as string;
}

/** Reads until `done` holds (background work: a rescore, a model training), or fails saying what it waited for. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
