import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { listTeams, listUsers } from '../identity/identity.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import { builtInRuleSet } from './routing-profile.rules.ts';
import { loadRoutingSettings } from './routing.repository.ts';
import type { RoutingTarget, RuleSetBody, RuleSetView } from './routing.schemas.ts';
import {
  findRuleSet,
  insertRuleSet,
  listRuleSets,
  nextVersion,
  publishedRuleSet,
  retirePublished,
  updateRuleSet,
  type RuleSetRow,
} from './rule-set.repository.ts';
import type { WorkspaceRouting } from './workspace-routing.ts';

export interface RuleSetDeps {
  db: Db;
  clock: Clock;
  routingCache: TtlCache<WorkspaceRouting>;
}

export function toRuleSetView(row: RuleSetRow): RuleSetView {
  return {
    version: row.version,
    status: row.status,
    note: row.note,
    rules: row.rules as RuleSetView['rules'],
    defaultTarget: row.defaultTarget as RuleSetView['defaultTarget'],
    affinity: row.affinity,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export async function ruleSets(deps: RuleSetDeps, actor: Actor) {
  const rows = await listRuleSets(deps.db, actor.workspaceId);
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  }));
}

export async function ruleSet(deps: RuleSetDeps, actor: Actor, version: number): Promise<RuleSetView> {
  const row = await findRuleSet(deps.db, actor.workspaceId, version);
  if (!row) throw notFound('Rule set');
  return toRuleSetView(row);
}

/** Versions are numbered per workspace; one lock per workspace keeps two new drafts from taking one number. */
async function lockVersions(tx: Executor, workspaceId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`routing-rule-sets:${workspaceId}`}, 0))`);
}

/** A new draft: a copy of the given version, else of the published set, else of the built-in default. */
export async function createDraft(deps: RuleSetDeps, actor: Actor, from: number | undefined): Promise<RuleSetView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockVersions(tx, actor.workspaceId);
    const source =
      from !== undefined && from > 0
        ? await findRuleSet(tx, actor.workspaceId, from)
        : await publishedRuleSet(tx, actor.workspaceId);
    if (from !== undefined && from > 0 && !source) throw notFound('Rule set');
    const base = source ?? builtInRuleSet((await loadRoutingSettings(tx, actor.workspaceId)).defaultTeamId);
    const row = await insertRuleSet(tx, {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      version: await nextVersion(tx, actor.workspaceId),
      status: 'draft',
      // The note is the author's words in their language; the server writes none of its own.
      note: null,
      rules: base.rules,
      defaultTarget: base.defaultTarget as Record<string, unknown>,
      affinity: base.affinity,
      createdBy: actor.kind === 'user' ? actor.userId : null,
      createdAt: now,
      updatedAt: now,
    });
    return toRuleSetView(row);
  });
}

export async function saveDraft(deps: RuleSetDeps, actor: Actor, version: number, body: RuleSetBody) {
  await checkTargets(deps.db, actor.workspaceId, body);
  return deps.db.transaction(async (tx) => {
    const row = await findRuleSet(tx, actor.workspaceId, version, true);
    if (!row) throw notFound('Rule set');
    if (row.status !== 'draft') throw new AppError('CONFLICT', `Version ${version} is ${row.status}; copy it to edit`);
    const saved = await updateRuleSet(tx, actor.workspaceId, version, {
      rules: body.rules,
      defaultTarget: body.defaultTarget,
      affinity: body.affinity,
      note: body.note ?? row.note,
      updatedAt: deps.clock.now(),
    });
    return toRuleSetView(saved);
  });
}

/** Publishing retires the set in force; every instance reloads the rules at once. */
export async function publish(deps: RuleSetDeps, actor: Actor, version: number): Promise<RuleSetView> {
  const now = deps.clock.now();
  const published = await deps.db.transaction(async (tx) => {
    await lockVersions(tx, actor.workspaceId);
    const row = await findRuleSet(tx, actor.workspaceId, version, true);
    if (!row) throw notFound('Rule set');
    if (row.status !== 'draft') throw new AppError('CONFLICT', `Version ${version} is ${row.status}, not a draft`);
    await checkTargets(tx, actor.workspaceId, {
      rules: row.rules as RuleSetBody['rules'],
      defaultTarget: row.defaultTarget as RoutingTarget,
    });
    await retirePublished(tx, actor.workspaceId);
    const saved = await updateRuleSet(tx, actor.workspaceId, version, { status: 'published', publishedAt: now });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'routing.published',
      entity: 'routing_rule_set',
      entityId: saved.id,
      after: { version },
      at: now,
    });
    await publishInvalidation(tx, 'routing');
    return saved;
  });
  deps.routingCache.clear();
  return toRuleSetView(published);
}

/** Every team and rep a rule names must exist in the workspace, or leads would fall into the pool unseen. */
async function checkTargets(
  db: Executor,
  workspaceId: string,
  set: { rules: { target: RoutingTarget }[]; defaultTarget: RoutingTarget },
) {
  const [teams, users] = await Promise.all([listTeams(db, workspaceId), listUsers(db, workspaceId, {})]);
  const teamIds = new Set(teams.map((team) => team.id));
  const userIds = new Set(users.filter((user) => user.active).map((user) => user.id));
  const problem = (target: RoutingTarget, field: string): AppError | null => {
    if (target.kind === 'team' && !teamIds.has(target.teamId))
      return new AppError('VALIDATION_FAILED', 'No such team in this workspace', `${field}.teamId`);
    if (target.kind === 'user' && !userIds.has(target.userId))
      return new AppError('VALIDATION_FAILED', 'No such active user in this workspace', `${field}.userId`);
    return null;
  };
  const error =
    set.rules.map((rule, index) => problem(rule.target, `rules.${index}.target`)).find(Boolean) ??
    problem(set.defaultTarget, 'defaultTarget');
  if (error) throw error;
}
