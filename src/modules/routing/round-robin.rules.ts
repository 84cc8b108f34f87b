/**
 * The next rep in a rotation, given who got the last lead. Candidates are ordered by id, and the
 * rotation continues after the last recipient even when reps join or leave, so a changed list
 * never restarts the round (HubSpot's rotation does).
 */
export function nextInRotation(candidateIds: readonly string[], lastUserId: string | null): string | null {
  if (candidateIds.length === 0) return null;
  const ordered = [...candidateIds].sort();
  if (lastUserId === null) return ordered[0]!;
  return ordered.find((id) => id > lastUserId) ?? ordered[0]!;
}

/** Deals `count` new leads in turn, continuing the rotation after `lastUserId`. */
export function dealRoundRobin(repIds: readonly string[], lastUserId: string | null, count: number): string[] {
  const owners: string[] = [];
  let last = lastUserId;
  for (let index = 0; index < count; index++) {
    const next = nextInRotation(repIds, last);
    if (!next) return [];
    owners.push(next);
    last = next;
  }
  return owners;
}
