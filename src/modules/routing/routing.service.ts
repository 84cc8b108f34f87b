import type { Tx } from '../../platform/db/database.ts';
import { nextInRotation } from './round-robin.rules.ts';
import { activeRepsUnder, advanceRotation, defaultTeamOf, lockRotation } from './routing.repository.ts';

export interface Assignment {
  ownerId: string;
  ownerName: string;
  teamId: string;
}

/**
 * Round robin over the active reps of the workspace's default team (and the teams below it).
 * Runs inside the intake transaction: the rotation row lock serialises concurrent intakes,
 * on one server or several, so the spread stays even and no position is used twice.
 */
export async function assignByRoundRobin(tx: Tx, workspaceId: string, now: Date): Promise<Assignment | null> {
  const teamId = await defaultTeamOf(tx, workspaceId);
  if (!teamId) return null;
  const rotation = await lockRotation(tx, workspaceId, teamId, now);
  const reps = await activeRepsUnder(tx, workspaceId, teamId);
  const ownerId = nextInRotation(
    reps.map((rep) => rep.id),
    rotation.lastUserId,
  );
  if (!ownerId) return null;
  await advanceRotation(tx, workspaceId, teamId, ownerId, now);
  const owner = reps.find((rep) => rep.id === ownerId)!;
  return { ownerId, ownerName: owner.name, teamId: owner.teamId ?? teamId };
}
