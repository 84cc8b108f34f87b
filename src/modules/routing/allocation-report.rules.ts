/** A rep converts "low" below this share of their reference rate (their team's, else the workspace's). */
export const LOW_CONVERSION_SHARE = 0.7;
/** How many months in a row, ending with the report's month, the rate must stay low to be flagged. */
export const LOW_CONVERSION_MONTHS = 3;
/** Fewer decided leads than this in a month say too little to judge that month. */
export const MIN_DECIDED_PER_MONTH = 5;

export interface Tally {
  leads: number;
  decided: number;
  won: number;
}

/** Leads created in one month that one person owns, in one segment. */
export interface OutcomeCell extends Tally {
  month: string;
  userId: string;
  segment: string;
}

export interface ReportPerson {
  userId: string;
  name: string;
  teamId: string | null;
  /** Their own capacity, else their team's default; null: none. */
  capacity: number | null;
  /** An active rep: someone routing deals to, so part of the fairness figures. */
  routable: boolean;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month's first instant and the next month's, in UTC. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [, year, index] = MONTH.exec(month)!;
  const start = new Date(Date.UTC(Number(year), Number(index) - 1, 1));
  const end = new Date(Date.UTC(Number(year), Number(index), 1));
  return { start, end };
}

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/** The last month that has fully ended at `now`, in UTC. */
export function lastFullMonth(now: Date): string {
  return monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
}

/** `count` months ending with `month`, oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  const { start } = monthRange(month);
  return Array.from({ length: count }, (_, index) =>
    monthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - (count - 1 - index), 1))),
  );
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** Won over decided (won or lost); null while nothing is decided. */
export function conversionRate(tally: Pick<Tally, 'decided' | 'won'>): number | null {
  return tally.decided === 0 ? null : round4(tally.won / tally.decided);
}

/**
 * Lasting low conversion: in every one of the last LOW_CONVERSION_MONTHS months the rep decided
 * at least MIN_DECIDED_PER_MONTH leads and converted below LOW_CONVERSION_SHARE of the reference.
 * One bad month, or a month with too few outcomes to tell, is not a pattern.
 */
export function lastingLowConversion(history: readonly { rep: Tally; reference: Tally }[]): boolean {
  const recent = history.slice(-LOW_CONVERSION_MONTHS);
  if (recent.length < LOW_CONVERSION_MONTHS) return false;
  return recent.every(({ rep, reference }) => {
    if (rep.decided < MIN_DECIDED_PER_MONTH || reference.decided === 0) return false;
    return rep.won / rep.decided < LOW_CONVERSION_SHARE * (reference.won / reference.decided);
  });
}

/** Jain's fairness index: 1 when all values are equal, 1/n when one holds everything; null with nothing to compare. */
export function jainIndex(values: readonly number[]): number | null {
  let sum = 0;
  let squares = 0;
  for (const value of values) {
    sum += value;
    squares += value * value;
  }
  return squares === 0 ? null : round4((sum * sum) / (values.length * squares));
}

export interface Fairness {
  /** Routable reps with a capacity: leads received over capacity. */
  reps: { userId: string; leads: number; capacity: number; perCapacity: number }[];
  jainIndex: number | null;
  /** Highest over lowest leads per capacity; null when someone got none (unbounded) or nobody is listed. */
  maxMinRatio: number | null;
  /** Routable reps with no capacity of their own or their team's: outside the figures. */
  withoutCapacity: { userId: string; leads: number }[];
}

/** How evenly the month's leads fell against the reps' capacities. */
export function fairnessOf(reps: readonly { userId: string; leads: number; capacity: number | null }[]): Fairness {
  const measured = reps.flatMap((rep) =>
    rep.capacity && rep.capacity > 0
      ? [
          {
            userId: rep.userId,
            leads: rep.leads,
            capacity: rep.capacity,
            perCapacity: round4(rep.leads / rep.capacity),
          },
        ]
      : [],
  );
  const ratios = measured.map((rep) => rep.leads / rep.capacity);
  const lowest = Math.min(...ratios);
  return {
    reps: measured,
    jainIndex: jainIndex(ratios),
    maxMinRatio: ratios.length === 0 || lowest === 0 ? null : round4(Math.max(...ratios) / lowest),
    withoutCapacity: reps
      .filter((rep) => !(rep.capacity && rep.capacity > 0))
      .map((rep) => ({ userId: rep.userId, leads: rep.leads })),
  };
}

const emptyTally = (): Tally => ({ leads: 0, decided: 0, won: 0 });

function addTo(into: Tally, tally: Tally) {
  into.leads += tally.leads;
  into.decided += tally.decided;
  into.won += tally.won;
}

export interface RepReport extends Tally {
  userId: string;
  name: string;
  teamId: string | null;
  conversionRate: number | null;
  segments: (Tally & { segment: string; conversionRate: number | null })[];
  /** The report's month and the ones before it that the low-conversion flag reads, oldest first. */
  history: (Tally & { month: string; conversionRate: number | null; referenceRate: number | null })[];
  lowConversion: boolean;
}

export interface AllocationReport {
  month: string;
  thresholds: { lowConversionShare: number; months: number; minDecidedPerMonth: number };
  reps: RepReport[];
  fairness: Fairness;
}

/**
 * The month's allocation per rep and segment with the outcomes so far, each rep's conversion
 * against their team's (the workspace's when the team decided nothing that month), the
 * lasting-low flag, and the fairness of the month's leads against capacity.
 */
export function buildAllocationReport(input: {
  month: string;
  cells: readonly OutcomeCell[];
  people: readonly ReportPerson[];
  /** The reps the reader may see (a manager: their team subtree); absent: everyone. Rates still pool everyone. */
  visible?: ReadonlySet<string>;
}): AllocationReport {
  const months = monthsEnding(input.month, LOW_CONVERSION_MONTHS);
  const personOf = new Map(input.people.map((person) => [person.userId, person]));
  const byRepMonth = new Map<string, Tally>();
  const byTeamMonth = new Map<string, Tally>();
  const byMonth = new Map<string, Tally>();
  const tallyIn = (map: Map<string, Tally>, key: string) => {
    let tally = map.get(key);
    if (!tally) map.set(key, (tally = emptyTally()));
    return tally;
  };
  const segments = new Map<string, Map<string, Tally>>();
  for (const cell of input.cells) {
    const teamId = personOf.get(cell.userId)?.teamId;
    addTo(tallyIn(byRepMonth, `${cell.userId}|${cell.month}`), cell);
    if (teamId) addTo(tallyIn(byTeamMonth, `${teamId}|${cell.month}`), cell);
    addTo(tallyIn(byMonth, cell.month), cell);
    if (cell.month !== input.month) continue;
    const bySegment = segments.get(cell.userId) ?? new Map<string, Tally>();
    addTo(tallyIn(bySegment, cell.segment), cell);
    segments.set(cell.userId, bySegment);
  }

  const ids = [
    ...new Set([
      ...input.people.filter((person) => person.routable).map((person) => person.userId),
      ...segments.keys(),
    ]),
  ].filter((userId) => !input.visible || input.visible.has(userId));
  const reps = ids.map((userId): RepReport => {
    const person = personOf.get(userId);
    const history = months.map((month) => {
      const rep = byRepMonth.get(`${userId}|${month}`) ?? emptyTally();
      const team = person?.teamId ? byTeamMonth.get(`${person.teamId}|${month}`) : undefined;
      const reference = team && team.decided > 0 ? team : (byMonth.get(month) ?? emptyTally());
      return { month, rep, reference };
    });
    const total = history[history.length - 1]!.rep;
    return {
      userId,
      name: person?.name ?? '',
      teamId: person?.teamId ?? null,
      ...total,
      conversionRate: conversionRate(total),
      segments: [...(segments.get(userId) ?? new Map<string, Tally>())]
        .map(([segment, tally]) => ({ segment, ...tally, conversionRate: conversionRate(tally) }))
        .sort((a, b) => b.leads - a.leads || a.segment.localeCompare(b.segment)),
      history: history.map(({ month, rep, reference }) => ({
        month,
        ...rep,
        conversionRate: conversionRate(rep),
        referenceRate: conversionRate(reference),
      })),
      lowConversion: lastingLowConversion(history),
    };
  });
  reps.sort((a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
  const routable = reps.filter((rep) => personOf.get(rep.userId)?.routable);
  return {
    month: input.month,
    thresholds: {
      lowConversionShare: LOW_CONVERSION_SHARE,
      months: LOW_CONVERSION_MONTHS,
      minDecidedPerMonth: MIN_DECIDED_PER_MONTH,
    },
    reps,
    fairness: fairnessOf(
      routable.map((rep) => ({ userId: rep.userId, leads: rep.leads, capacity: personOf.get(rep.userId)!.capacity })),
    ),
  };
}
