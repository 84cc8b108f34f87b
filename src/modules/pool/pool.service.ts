import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { managedTeamIds } from '../identity/scope.service.ts';
import {
  clearDefault,
  countPoolLeads,
  deletePoolRow,
  findPoolRow,
  insertPoolRow,
  listPoolLeads,
  listPoolRows,
  recheckReclaimSteps,
  settingsOf,
  teamAndAncestors,
  updatePoolRow,
  type PoolRow,
} from './pool.repository.ts';
import { canSee, maskContact } from './pool.rules.ts';
import type { PoolBody, PoolLeadView, PoolPatch, PoolSettings, PoolView } from './pool.schemas.ts';

export interface PoolDeps {
  db: Db;
  clock: Clock;
}

function toView(row: PoolRow): PoolView {
  return {
    id: row.id,
    name: row.name,
    teamId: row.teamId,
    region: row.region,
    isDefault: row.isDefault,
    settings: settingsOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const isWorkspaceAdmin = (actor: Actor) =>
  actor.kind === 'api_key' ? actor.scopes.includes('full') : actor.role === 'admin';

/** The teams whose pools the user sees: their own and every team above it, and the teams they manage. */
export async function teamsOf(db: Executor, actor: Actor & { kind: 'user' }): Promise<string[]> {
  const own = await teamAndAncestors(db, actor.workspaceId, actor.teamId);
  if (actor.role !== 'manager') return own;
  return [...new Set([...own, ...(await managedTeamIds(db, actor.workspaceId, actor.userId, actor.teamId))])];
}

/** Who sees which pools: everything (workspace admins, marketing), nothing (a narrow key), or by canSee. */
async function viewerOf(db: Executor, actor: Actor): Promise<((settings: PoolSettings) => boolean) | boolean> {
  if (isWorkspaceAdmin(actor) || actor.kind !== 'user') return isWorkspaceAdmin(actor);
  if (actor.role === 'marketing') return true;
  const rep = { id: actor.userId, teamIds: await teamsOf(db, actor) };
  return (settings) => canSee(settings, rep);
}

async function sees(db: Executor, actor: Actor, settings: PoolSettings): Promise<boolean> {
  const viewer = await viewerOf(db, actor);
  return typeof viewer === 'boolean' ? viewer : viewer(settings);
}

/** A pool the caller sees; any other answers 404, as if it were not there. */
export async function visiblePool(db: Executor, actor: Actor, poolId: string): Promise<PoolRow> {
  const row = await findPoolRow(db, actor.workspaceId, poolId);
  if (!row || !(await sees(db, actor, settingsOf(row)))) throw notFound('Pool');
  return row;
}

export async function listPools(deps: PoolDeps, actor: Actor): Promise<PoolView[]> {
  const viewer = await viewerOf(deps.db, actor);
  const rows = await listPoolRows(deps.db, actor.workspaceId);
  return rows.filter((row) => (typeof viewer === 'boolean' ? viewer : viewer(settingsOf(row)))).map(toView);
}

export async function getPool(deps: PoolDeps, actor: Actor, poolId: string): Promise<PoolView> {
  return toView(await visiblePool(deps.db, actor, poolId));
}

async function checkTeam(db: Executor, workspaceId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  const teams = await teamAndAncestors(db, workspaceId, teamId);
  if (teams.length === 0) throw new AppError('VALIDATION_FAILED', 'No such team', 'teamId');
}

export async function createPool(deps: PoolDeps, actor: Actor, body: PoolBody): Promise<PoolView> {
  const now = deps.clock.now();
  const row: PoolRow = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    name: body.name,
    teamId: body.teamId,
    region: body.region,
    isDefault: body.isDefault,
    settings: body.settings,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await checkTeam(tx, actor.workspaceId, body.teamId);
    if (row.isDefault) await clearDefault(tx, actor.workspaceId, row.teamId, row.id);
    await insertPoolRow(tx, row);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'pool.created',
      entity: 'pool',
      entityId: row.id,
      after: toView(row),
      at: now,
    });
  });
  return toView(row);
}

export async function updatePool(deps: PoolDeps, actor: Actor, poolId: string, patch: PoolPatch): Promise<PoolView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await findPoolRow(tx, actor.workspaceId, poolId, true);
    if (!before) throw notFound('Pool');
    await checkTeam(tx, actor.workspaceId, patch.teamId);
    const teamId = patch.teamId === undefined ? before.teamId : patch.teamId;
    const isDefault = patch.isDefault ?? before.isDefault;
    if (isDefault) await clearDefault(tx, actor.workspaceId, teamId, poolId);
    const after = await updatePoolRow(tx, actor.workspaceId, poolId, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.region !== undefined ? { region: patch.region } : {}),
      ...(patch.settings !== undefined ? { settings: patch.settings } : {}),
      teamId,
      isDefault,
      updatedAt: now,
    });
    if (patch.settings !== undefined) await recheckReclaimSteps(tx, actor.workspaceId, poolId, now);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'pool.updated',
      entity: 'pool',
      entityId: poolId,
      before: toView(before),
      after: toView(after),
      at: now,
    });
    return toView(after);
  });
}

/** A pool with leads waiting in it stays: they would have nowhere to be. */
export async function deletePool(deps: PoolDeps, actor: Actor, poolId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await findPoolRow(tx, actor.workspaceId, poolId, true);
    if (!before) throw notFound('Pool');
    const waiting = await countPoolLeads(tx, actor.workspaceId, poolId);
    if (waiting > 0) throw new AppError('CONFLICT', `${waiting} leads wait in this pool; move them first`);
    await deletePoolRow(tx, actor.workspaceId, poolId);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'pool.deleted',
      entity: 'pool',
      entityId: poolId,
      before: toView(before),
      at: now,
    });
  });
}

/** Workspace admins and the pool's admins see contacts; everyone else sees them masked when the pool says so. */
export async function poolLeads(deps: PoolDeps, actor: Actor, poolId: string, limit: number): Promise<PoolLeadView[]> {
  const pool = await visiblePool(deps.db, actor, poolId);
  const settings = settingsOf(pool);
  const masked =
    settings.maskContacts &&
    !isWorkspaceAdmin(actor) &&
    !(actor.kind === 'user' && settings.adminUserIds.includes(actor.userId));
  const rows = await listPoolLeads(deps.db, actor.workspaceId, poolId, limit);
  return rows.map((lead) => ({
    id: lead.id,
    name: lead.name,
    company: lead.company,
    phone: masked ? maskContact(lead.phone) : lead.phone,
    email: masked ? maskContact(lead.email) : lead.email,
    province: lead.province,
    city: lead.city,
    source: lead.source,
    tags: lead.tags,
    status: lead.status,
    grade: lead.grade,
    score: lead.score,
    masked,
    createdAt: lead.createdAt.toISOString(),
  }));
}
