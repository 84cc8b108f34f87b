/**
 * The next rep in a rotation, given who got the last lead. Candidates are ordered by id, and the
 * rotation continues after the last recipient even when reps join or leave, so a changed list
 * never restarts the round (HubSpot's rotation does).
 */
export function nextInRotation(candidateIds: readonly string[], lastUserId: string | null): string | null {
  if (candidateIds.length === 0) return null;
  const ordered = isSorted(candidateIds) ? candidateIds : [...candidateIds].sort();
  return ordered[indexAfter(ordered, itself, lastUserId)]!;
}

function isSorted(ids: readonly string[]): boolean {
  for (let index = 1; index < ids.length; index++) if (ids[index - 1]! > ids[index]!) return false;
  return true;
}

const itself = (id: string) => id;

/**
 * Where the rotation goes on in a list ascending by id: the first item after `lastUserId`, found
 * by binary search (a team of a thousand is routed in microseconds), wrapping to 0 past the end.
 */
export function indexAfter<T>(ordered: readonly T[], idOf: (item: T) => string, lastUserId: string | null): number {
  if (lastUserId === null) return 0;
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (idOf(ordered[middle]!) > lastUserId) high = middle;
    else low = middle + 1;
  }
  return low === ordered.length ? 0 : low;
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
