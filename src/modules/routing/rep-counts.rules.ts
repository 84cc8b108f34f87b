// Entries kept in the journal before it starts over (a reader then reads every count again, once).
const JOURNAL_LIMIT = 4096;

/**
 * Counts by rep id (open leads, leads dealt today) that remember which ids were written. The
 * router keeps each rep's counts on its own objects and, when handed the same `RepCounts` again,
 * reads only the ids written since instead of a thousand map entries per call (the simulator and
 * a lead-by-lead caller call it once per lead). A plain `Map` works too; it is read in full.
 */
export class RepCounts extends Map<string, number> {
  private journal: string[] = [];
  private restarts = 0;

  constructor(entries?: Iterable<readonly [string, number]>) {
    // Map's constructor would call `set` before the journal exists.
    super();
    if (entries) for (const [id, count] of entries) this.set(id, count);
  }

  override set(id: string, count: number): this {
    super.set(id, count);
    this.note(id);
    return this;
  }

  override delete(id: string): boolean {
    this.note(id);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.startOver();
  }

  /** Times the journal started over; a reader that saw another number must read every count. */
  get generation(): number {
    return this.restarts;
  }

  /** Entries written to the journal in this generation. */
  get written(): number {
    return this.journal.length;
  }

  /** The id written at `index` of the journal (0 … `written` − 1). */
  writtenAt(index: number): string {
    return this.journal[index]!;
  }

  private note(id: string) {
    if (this.journal.length >= JOURNAL_LIMIT) this.startOver();
    this.journal.push(id);
  }

  private startOver() {
    this.journal = [];
    this.restarts += 1;
  }
}
