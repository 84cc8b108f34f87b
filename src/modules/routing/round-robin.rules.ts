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

/**
 * Smooth weighted round robin's running weights while a batch runs: a number per rep laid out in
 * the order of the team's member list (NaN: none yet), so a lead reads and moves them by position
 * instead of through a thousand-key record. Built from the stored record and turned back into one
 * once per batch; reps outside the list (moved away) keep theirs untouched.
 */
export class RunningWeights {
  private order: readonly { id: string }[] | null = null;
  private values = new Float64Array(0);
  private others: Map<string, number>;

  constructor(stored: Readonly<Record<string, number>> = {}) {
    this.others = new Map(Object.entries(stored));
  }

  /** The weights by position in `order` (a list in id order); the same array for as long as the list is the same. */
  alignedTo(order: readonly { id: string }[]): Float64Array {
    if (this.order === order) return this.values;
    const all = this.toMap();
    const values = new Float64Array(order.length).fill(NaN);
    for (let index = 0; index < order.length; index++) {
      const id = order[index]!.id;
      const value = all.get(id);
      if (value === undefined) continue;
      values[index] = value;
      all.delete(id);
    }
    this.order = order;
    this.values = values;
    this.others = all;
    return values;
  }

  private toMap(): Map<string, number> {
    const all = new Map(this.others);
    const { order, values } = this;
    if (order)
      for (let index = 0; index < order.length; index++)
        if (!Number.isNaN(values[index])) all.set(order[index]!.id, values[index]!);
    return all;
  }

  /** As stored: rep id → running weight, for every rep that has one. */
  toRecord(): Record<string, number> {
    return Object.fromEntries(this.toMap());
  }
}
