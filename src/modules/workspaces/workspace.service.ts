import { randomUUID } from 'node:crypto';
import { insertJob } from '../scoring/scoring.repository.ts';
import { insertModel } from '../scoring/model.repository.ts';
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { leads, leadTouches, routingRuleSets, teams, users, workspaces } from '../../platform/db/schema.ts';
import type { Role } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  demoBestFitTeams,
  demoDefaultTeam,
  demoRepProfiles,
  demoRoutingRules,
  demoTeams,
  demoUsers,
  generateDemoLeads,
} from '../demo/demo-data.rules.ts';
import { demoPoolSettings, demoPooledLeads, demoSlaPolicies } from '../demo/demo-deadlines.rules.ts';
import { hashPassword } from '../identity/password.ts';
import { insertPoolRow } from '../pool/pool.repository.ts';
import { insertPolicyRow, policyToColumns } from '../sla/sla-policy.repository.ts';
import { slaPolicy } from '../sla/sla.schemas.ts';
import { companyMatchKey } from '../leads/company.rules.ts';
import { newSecret } from '../identity/token.rules.ts';
import { insertDefaultPipeline } from '../pipeline/pipeline.repository.ts';

export interface WorkspaceDeps {
  db: Db;
  clock: Clock;
}

export interface NewWorkspace {
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
}

export async function insertWorkspace(db: Executor, id: string, name: string, now: Date) {
  await db.insert(workspaces).values({ id, workspaceId: id, name, createdAt: now });
}

export async function insertTeam(
  db: Executor,
  team: {
    workspaceId: string;
    name: string;
    kind: 'region' | 'branch' | 'group';
    parentId?: string | null;
    managerId?: string | null;
  },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db.insert(teams).values({ id, parentId: null, managerId: null, ...team, createdAt: now });
  return id;
}

export async function insertUser(
  db: Executor,
  user: { workspaceId: string; email: string; name: string; passwordHash: string; role: Role; teamId?: string | null },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db.insert(users).values({ id, teamId: null, ...user, email: user.email.toLowerCase(), createdAt: now });
  return id;
}

export async function setDefaultTeam(db: Executor, workspaceId: string, teamId: string): Promise<void> {
  await db.update(workspaces).set({ defaultTeamId: teamId }).where(eq(workspaces.id, workspaceId));
}

/** A workspace with its first admin and the default pipeline, so stage gates work from the start. */
export async function createWorkspace(deps: WorkspaceDeps, input: NewWorkspace) {
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.adminPassword);
  return deps.db.transaction(async (tx) => {
    const workspaceId = randomUUID();
    await insertWorkspace(tx, workspaceId, input.name, now);
    const adminId = await insertUser(
      tx,
      { workspaceId, email: input.adminEmail, name: input.adminName ?? 'Admin', passwordHash, role: 'admin' },
      now,
    );
    await insertDefaultPipeline(tx, workspaceId, now);
    await recordAudit(tx, {
      workspaceId,
      actorType: 'system',
      action: 'workspace.created',
      entity: 'workspace',
      entityId: workspaceId,
      after: { name: input.name, adminEmail: input.adminEmail },
      at: now,
    });
    return { workspaceId, adminId };
  });
}

/**
 * The demo organisation: three regions, their branches and groups, three managers, a dozen
 * reps, a marketing user and `leadCount` leads. Every demo user shares the admin's password.
 */
export async function seedDemo(deps: WorkspaceDeps, workspaceId: string, password: string, leadCount = 600) {
  const now = deps.clock.now();
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const teamIds = new Map<string, string>();
    for (const team of demoTeams) {
      const parentId = team.parent ? teamIds.get(team.parent)! : null;
      teamIds.set(team.key, await insertTeam(tx, { workspaceId, name: team.name, kind: team.kind, parentId }, now));
    }
    const userIds = new Map<string, string>();
    for (const user of demoUsers) {
      const teamId = user.team ? teamIds.get(user.team)! : null;
      const id = await insertUser(
        tx,
        { workspaceId, email: user.email, name: user.name, passwordHash, role: user.role, teamId },
        now,
      );
      userIds.set(user.key, id);
      if (user.manages) {
        await tx
          .update(teams)
          .set({ managerId: id })
          .where(eq(teams.id, teamIds.get(user.manages)!));
      }
    }
    await setDefaultTeam(tx, workspaceId, teamIds.get(demoDefaultTeam)!);
    await seedDemoRouting(tx, workspaceId, teamIds, userIds, now);
    const teamOfUser = new Map(demoUsers.map((user) => [user.key, user.team ? teamIds.get(user.team)! : null]));
    const demoLeads = generateDemoLeads(leadCount, now);
    const pooled = demoPooledLeads(demoLeads, Math.round(leadCount / 40));
    const poolId = await seedDemoDeadlines(tx, workspaceId, [userIds.get('chen.jing')!], now);
    const rows = demoLeads.map((lead) => ({
      id: randomUUID(),
      workspaceId,
      name: lead.name,
      phone: lead.phone,
      email: lead.email,
      company: lead.company,
      companyKey: companyMatchKey(lead.company),
      title: lead.title,
      province: lead.province,
      city: lead.city,
      source: lead.source,
      status: lead.status,
      closedAt: lead.closedAt,
      ownerId: pooled.has(lead) ? null : userIds.get(lead.ownerKey)!,
      teamId: pooled.has(lead) ? null : (teamOfUser.get(lead.ownerKey) ?? null),
      poolId: pooled.has(lead) ? poolId : null,
      touchCount: 1,
      lastTouchAt: lead.createdAt,
      createdAt: lead.createdAt,
      updatedAt: lead.createdAt,
    }));
    if (rows.length > 0) {
      await tx.insert(leads).values(rows);
      await tx.insert(leadTouches).values(
        rows.map((row) => ({
          id: randomUUID(),
          workspaceId,
          leadId: row.id,
          source: row.source,
          channel: null,
          payload: { name: row.name, phone: row.phone, email: row.email, company: row.company, demo: true },
          receivedAt: row.createdAt,
        })),
      );
    }
    await recordAudit(tx, {
      workspaceId,
      actorType: 'system',
      action: 'workspace.demo_seeded',
      entity: 'workspace',
      entityId: workspaceId,
      after: { teams: demoTeams.length, users: demoUsers.length, leads: rows.length },
      at: now,
    });
    // The background scorer grades every demo lead and learns from the demo's won and lost ones.
    await insertJob(tx, workspaceId, 'rules', rows.length, now);
    await insertModel(tx, workspaceId, [], null, now);
  });
}

/** Reps' skills and capacities, best fit in two groups, and the demo's rule set published as version 1. */
/** The demo's deadline policies and its public pool; answers the pool's id. */
async function seedDemoDeadlines(tx: Executor, workspaceId: string, poolAdminIds: string[], now: Date) {
  for (const [index, policy] of demoSlaPolicies.entries()) {
    const id = randomUUID();
    await insertPolicyRow(tx, {
      id,
      workspaceId,
      ...policyToColumns(slaPolicy.parse({ ...policy, id: `demo-${index}` })),
      createdAt: now,
      updatedAt: now,
    });
  }
  const poolId = randomUUID();
  await insertPoolRow(tx, {
    id: poolId,
    workspaceId,
    name: '全国公海',
    teamId: null,
    region: null,
    isDefault: true,
    settings: demoPoolSettings(poolAdminIds),
    createdAt: now,
    updatedAt: now,
  });
  return poolId;
}

async function seedDemoRouting(
  tx: Executor,
  workspaceId: string,
  teamIds: Map<string, string>,
  userIds: Map<string, string>,
  now: Date,
) {
  for (const [key, profile] of Object.entries(demoRepProfiles)) {
    await tx
      .update(users)
      .set({ skills: profile.skills, capacity: profile.capacity, maxNewPerDay: profile.maxNewPerDay ?? null })
      .where(eq(users.id, userIds.get(key)!));
  }
  for (const key of demoBestFitTeams)
    await tx
      .update(teams)
      .set({ routingStrategy: 'best_fit' })
      .where(eq(teams.id, teamIds.get(key)!));
  const { rules, defaultTarget } = demoRoutingRules((key) => teamIds.get(key)!);
  await tx.insert(routingRuleSets).values({
    id: randomUUID(),
    workspaceId,
    version: 1,
    status: 'published',
    note: '演示规则',
    rules,
    defaultTarget,
    affinity: 'owner',
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
  });
}

const BOOTSTRAP_LOCK_KEY = 7_262_002;

export interface BootstrapResult {
  created: boolean;
  adminEmail?: string;
  /** Set only when Clew generated the password; it is printed once and never stored in clear. */
  generatedPassword?: string;
  demo?: boolean;
}

/** On an empty database, the first workspace and its admin (and the demo data, if asked). */
export async function bootstrapFirstWorkspace(
  deps: WorkspaceDeps,
  options: { adminEmail?: string | undefined; adminPassword?: string | undefined; demo: boolean },
): Promise<BootstrapResult> {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const [existing] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (existing) return { created: false };
    const password = options.adminPassword ?? newSecret().slice(0, 16);
    const adminEmail = options.adminEmail ?? (options.demo ? 'admin@demo.clew.cn' : 'admin@clew.local');
    const { workspaceId } = await createWorkspace(
      { db: tx as unknown as Db, clock: deps.clock },
      { name: options.demo ? '云帆科技（演示）' : 'Clew', adminEmail, adminPassword: password, adminName: '管理员' },
    );
    if (options.demo) await seedDemo({ db: tx as unknown as Db, clock: deps.clock }, workspaceId, password);
    return {
      created: true,
      adminEmail,
      demo: options.demo,
      ...(options.adminPassword ? {} : { generatedPassword: password }),
    };
  });
}
