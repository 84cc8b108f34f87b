import type { SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { nextInRotation } from './round-robin.rules.ts';
import { advanceRotation, defaultTeamCandidates, lockRotation } from './routing.repository.ts';

export interface Assignment {
  ownerId: string;
  ownerName: string;
  teamId: string;
  /** Moves the rotation on; run it in the same transaction as the lead's insert. */
  commit: SQLWrapper;
}

/**
 * Round robin over the active reps of the workspace's default team (and the teams below it).
 * Runs inside the intake transaction: the rotation row lock serialises concurrent intakes,
 * on one server or several, so the spread stays even and no position is used twice.
 */
export async function assignByRoundRobin(tx: Tx, workspaceId: string, now: Date): Promise<Assignment | null> {
  const candidates = await defaultTeamCandidates(tx, workspaceId);
  if (!candidates || candidates.reps.length === 0) return null;
  const rotation = await lockRotation(tx, workspaceId, candidates.teamId, now);
  const ownerId = nextInRotation(
    candidates.reps.map((rep) => rep.id),
    rotation.lastUserId,
  )!;
  const owner = candidates.reps.find((rep) => rep.id === ownerId)!;
  return {
    ownerId,
    ownerName: owner.name,
    teamId: owner.teamId,
    commit: advanceRotation(tx, workspaceId, candidates.teamId, ownerId, now),
  };
}
