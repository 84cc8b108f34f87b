import { assertCalendar } from '../calendars/business-calendar.service.ts';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { users, workspaces } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import { repLoadsOf } from '../routing/routing.repository.ts';
import type { UserRoutingBody } from '../routing/routing.schemas.ts';
import type { WorkspaceRouting } from '../routing/workspace-routing.ts';
import { findUser, listTeams, listUsers, type UserRow } from './identity.repository.ts';
import { toUserView, type UserView } from './identity.schemas.ts';
import { managedTeamIds } from './scope.service.ts';

export async function me(deps: { db: Db }, actor: Actor) {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Only a signed-in user has a profile');
  const user = await findUser(deps.db, actor.workspaceId, actor.userId);
  const [workspace] = await deps.db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  if (!user || !workspace) throw new AppError('UNAUTHENTICATED', 'The session is no longer valid');
  return { ...toUserView(user), locale: user.locale, workspace };
}

async function visibleUserRows(db: Db, actor: Actor): Promise<UserRow[]> {
  const { workspaceId } = actor;
  if (actor.kind === 'user' && actor.role === 'rep') return listUsers(db, workspaceId, { userId: actor.userId });
  if (actor.kind === 'user' && actor.role === 'manager') {
    const teamIds = await managedTeamIds(db, workspaceId, actor.userId, actor.teamId);
    const members = await listUsers(db, workspaceId, { teamIds });
    const self = members.some((user) => user.id === actor.userId)
      ? []
      : await listUsers(db, workspaceId, { userId: actor.userId });
    return [...self, ...members];
  }
  return listUsers(db, workspaceId, {});
}

/** The users an actor may see, mirroring lead scope: reps themselves, managers their subtree; with their open leads. */
export async function visibleUsers(deps: { db: Db }, actor: Actor): Promise<UserView[]> {
  const [rows, loads] = await Promise.all([visibleUserRows(deps.db, actor), repLoadsOf(deps.db, actor.workspaceId)]);
  const open = new Map(loads.map((load) => [load.userId, load.openLeads]));
  return rows.map((row) => toUserView(row, open.get(row.id) ?? 0));
}

export interface UserDeps {
  db: Db;
  clock: Clock;
  routingCache: TtlCache<WorkspaceRouting>;
}

/** A rep's routing profile (skills, caps, calendar, leave, weight, team); admins for anyone, managers for their people. */
export async function updateUser(deps: UserDeps, actor: Actor, id: string, body: UserRoutingBody): Promise<UserView> {
  const visible = await visibleUserRows(deps.db, actor);
  const mayEdit = actor.kind === 'api_key' || actor.role === 'admin' || actor.role === 'manager';
  if (!visible.some((user) => user.id === id)) throw notFound('User');
  if (!mayEdit) throw new AppError('FORBIDDEN', 'Only a manager or an admin can change a routing profile');
  if (body.teamId) {
    const teams = await listTeams(deps.db, actor.workspaceId);
    if (!teams.some((team) => team.id === body.teamId))
      throw new AppError('VALIDATION_FAILED', 'No such team in this workspace', 'teamId');
  }
  await assertCalendar(deps.db, actor.workspaceId, body.businessCalendarId, 'businessCalendarId');
  const now = deps.clock.now();
  const updated = await deps.db.transaction(async (tx) => {
    const before = (await findUser(tx, actor.workspaceId, id))!;
    const [row] = await tx
      .update(users)
      .set(body)
      .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, id)))
      .returning();
    const keys = Object.keys(body) as (keyof UserRoutingBody)[];
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'user.updated',
      entity: 'user',
      entityId: id,
      before: Object.fromEntries(keys.map((key) => [key, before[key]])),
      after: body,
      at: now,
    });
    await publishInvalidation(tx, 'routing');
    return row!;
  });
  deps.routingCache.clear();
  return toUserView(updated);
}
