import { assertCalendar } from '../calendars/business-calendar.service.ts';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { teams } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import type { TeamRoutingBody } from '../routing/routing.schemas.ts';
import type { WorkspaceRouting } from '../routing/workspace-routing.ts';
import { listTeams } from './identity.repository.ts';
import { managedTeamIds } from './scope.service.ts';

export interface TeamDeps {
  db: Db;
  clock: Clock;
  routingCache: TtlCache<WorkspaceRouting>;
}

/** How a team deals its leads (strategy, off-hours, default capacity, best-fit weights); its manager or an admin. */
export async function updateTeamRouting(deps: TeamDeps, actor: Actor, id: string, body: TeamRoutingBody) {
  const all = await listTeams(deps.db, actor.workspaceId);
  const team = all.find((row) => row.id === id);
  if (!team) throw notFound('Team');
  if (actor.kind === 'user' && actor.role !== 'admin') {
    const managed =
      actor.role === 'manager' ? await managedTeamIds(deps.db, actor.workspaceId, actor.userId, actor.teamId) : [];
    if (!managed.includes(id))
      throw new AppError('FORBIDDEN', 'Only the team’s manager or an admin can change how it deals leads');
  }
  await assertCalendar(deps.db, actor.workspaceId, body.businessCalendarId, 'businessCalendarId');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(teams)
      .set(body)
      .where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, id)));
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'team.routing_updated',
      entity: 'team',
      entityId: id,
      before: Object.fromEntries(Object.keys(body).map((key) => [key, team[key as keyof typeof team]])),
      after: body,
      at: now,
    });
    await publishInvalidation(tx, 'routing');
  });
  deps.routingCache.clear();
  return (await listTeams(deps.db, actor.workspaceId)).find((row) => row.id === id)!;
}
