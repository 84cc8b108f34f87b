import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { workspaces } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { findUser, listUsers } from './identity.repository.ts';
import { toUserView } from './identity.schemas.ts';
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

/** The users an actor may see, mirroring lead scope: reps themselves, managers their subtree. */
export async function visibleUsers(deps: { db: Db }, actor: Actor) {
  const { workspaceId } = actor;
  if (actor.kind === 'user' && actor.role === 'rep') {
    return (await listUsers(deps.db, workspaceId, { userId: actor.userId })).map(toUserView);
  }
  if (actor.kind === 'user' && actor.role === 'manager') {
    const teamIds = await managedTeamIds(deps.db, workspaceId, actor.userId, actor.teamId);
    const members = await listUsers(deps.db, workspaceId, { teamIds });
    const self = members.some((user) => user.id === actor.userId)
      ? []
      : await listUsers(deps.db, workspaceId, { userId: actor.userId });
    return [...self, ...members].map(toUserView);
  }
  return (await listUsers(deps.db, workspaceId, {})).map(toUserView);
}
