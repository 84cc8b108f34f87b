import type { SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { dealRoundRobin } from './round-robin.rules.ts';
import { advanceRotation, defaultTeamCandidates, lockRotation } from './routing.repository.ts';

export interface Assignment {
  ownerId: string;
  ownerName: string;
  teamId: string;
}

export interface Deal {
  assignments: Assignment[];
  /** Moves the rotation on; run it in the same transaction as the leads' insert. */
  commit: SQLWrapper;
}

/**
 * Round robin over the active reps of the workspace's default team (and the teams below it),
 * for `count` new leads in arrival order. Runs inside the intake transaction: the rotation row
 * lock serialises concurrent intakes, on one server or several, so the spread stays even and no
 * turn is used twice. Null when there is no default team or nobody in it to deal to.
 */
export async function dealNewLeads(tx: Tx, workspaceId: string, count: number, now: Date): Promise<Deal | null> {
  if (count === 0) return null;
  const candidates = await defaultTeamCandidates(tx, workspaceId);
  if (!candidates || candidates.reps.length === 0) return null;
  const rotation = await lockRotation(tx, workspaceId, candidates.teamId, now);
  const owners = dealRoundRobin(
    candidates.reps.map((rep) => rep.id),
    rotation.lastUserId,
    count,
  );
  const repsById = new Map(candidates.reps.map((rep) => [rep.id, rep]));
  return {
    assignments: owners.map((ownerId) => {
      const rep = repsById.get(ownerId)!;
      return { ownerId, ownerName: rep.name, teamId: rep.teamId };
    }),
    commit: advanceRotation(tx, workspaceId, candidates.teamId, owners.at(-1)!, now, count),
  };
}
