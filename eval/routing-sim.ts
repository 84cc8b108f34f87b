/**
 * The simulated team behind `npm run eval -- routing`. One team of reps — specialists of an
 * industry's key accounts (KA) or small businesses (SMB), and generalists — each with a TRUE
 * conversion rate per segment (industry × size) that routing never sees. A history phase deals
 * past leads by plain round robin and draws their outcomes from the truth; the per-rep,
 * per-segment {wins, leads} it leaves behind is all the router learns from. The test phase sends
 * one stream of new leads through the real `pickRep` under each strategy: open leads close after a
 * working period of their own, so load rises and falls and capacity binds at peaks. A strategy is
 * judged by expected conversions, the sum of the chosen reps' true rates, so no outcome noise.
 */
import { seededRng, type Rng } from '../src/platform/random.ts';
import type { RoutingRep, TeamPolicy } from '../src/modules/routing/eligibility.rules.ts';
import { leadAttributes, type RoutingLead } from '../src/modules/routing/routing-conditions.rules.ts';
import type { StrategyName } from '../src/modules/routing/routing.schemas.ts';
import { blankLead } from '../src/modules/routing/routing.fixtures.ts';
import { liveRotation, pickRep, type BestFitSettings } from '../src/modules/routing/strategies.rules.ts';

export const industries = ['金融', '制造', '零售', '互联网'] as const;
export const sizes = ['KA', 'SMB'] as const;
export type Size = (typeof sizes)[number];
export interface Segment {
  industry: string;
  size: Size;
}
export const segments: readonly Segment[] = industries.flatMap((industry) => sizes.map((size) => ({ industry, size })));
/** The lead fields best-fit matches to skills, as a team would configure them. */
export const attributeFields = ['custom.industry', 'custom.size'];

/**
 * The world's shape, fixed before any strategy was run and not fitted to the result. Specialists
 * are 1.6× (KA) / 1.5× (SMB) a generalist on their own segment and about a quarter worse on the
 * other size (seed 000: "KA specialists convert 22% worse on SMB").
 */
export const worldShape = {
  specialistsPerIndustryAndSize: 2,
  generalists: 20,
  /** Reps who joined after the history window: a KA specialist, an SMB specialist, two generalists. */
  newHires: { ka: 1, smb: 1, generalists: 2 },
  smallCapacityReps: 5,
  baseRate: { KA: 0.1, SMB: 0.16 } as Record<Size, number>,
  /** KA 30 %, SMB 70 %; industries 30/30/20/20 %. */
  sizeMix: { KA: 0.3, SMB: 0.7 } as Record<Size, number>,
  industryMix: [0.3, 0.3, 0.2, 0.2],
  leadsPerDay: 45,
  meanOpenDays: 9,
  historyDays: 120,
  warmupDays: 15,
  testDays: 60,
};

export type RepKind = 'ka_specialist' | 'smb_specialist' | 'generalist';

export interface SimRep {
  id: string;
  kind: RepKind;
  industry: string | null;
  skills: readonly string[];
  capacity: number;
  /** Joined after the history window, so routing has no record of them. */
  newHire: boolean;
  /** TRUE conversion rate per segment (indexed as `segments`); the router never reads it. */
  trueRates: readonly number[];
}

export interface SimLead {
  day: number;
  segment: number;
  /** Working days the lead stays open with its rep. */
  openDays: number;
  attributes: readonly string[];
}

export type Records = ReadonlyMap<string, { wins: number; leads: number }>;
export const recordKey = (repId: string, segment: number) => `${repId}|${segment}`;

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));

function drawIndex(rng: Rng, weights: readonly number[]): number {
  let left = rng() * weights.reduce((sum, weight) => sum + weight, 0);
  for (let index = 0; index < weights.length; index++) {
    left -= weights[index]!;
    if (left < 0) return index;
  }
  return weights.length - 1;
}

/** How a kind of rep converts a segment relative to a generalist. */
function specialism(kind: RepKind, industry: string | null, segment: Segment): number {
  if (kind === 'generalist') return 1;
  const ownIndustry = segment.industry === industry;
  if (kind === 'ka_specialist') return segment.size === 'KA' ? (ownIndustry ? 1.6 : 1.15) : 0.78;
  return segment.size === 'SMB' ? (ownIndustry ? 1.5 : 1.1) : 0.75;
}

export function buildWorld(seed: number): SimRep[] {
  const rng = seededRng(seed);
  const industryFactor = segments.map(() => 0.8 + 0.45 * rng());
  const plan: { kind: RepKind; industry: string | null; newHire: boolean }[] = [];
  for (const industry of industries) {
    for (let index = 0; index < worldShape.specialistsPerIndustryAndSize; index++) {
      plan.push(
        { kind: 'ka_specialist', industry, newHire: false },
        { kind: 'smb_specialist', industry, newHire: false },
      );
    }
  }
  for (let index = 0; index < worldShape.generalists; index++)
    plan.push({ kind: 'generalist', industry: null, newHire: false });
  const { newHires } = worldShape;
  const hireIndustry = () => industries[Math.floor(rng() * industries.length)]!;
  for (let index = 0; index < newHires.ka; index++)
    plan.push({ kind: 'ka_specialist', industry: hireIndustry(), newHire: true });
  for (let index = 0; index < newHires.smb; index++)
    plan.push({ kind: 'smb_specialist', industry: hireIndustry(), newHire: true });
  for (let index = 0; index < newHires.generalists; index++)
    plan.push({ kind: 'generalist', industry: null, newHire: true });

  const small = new Set<number>();
  while (small.size < worldShape.smallCapacityReps) small.add(Math.floor(rng() * plan.length));
  return plan.map((entry, index) => {
    const ability = Math.exp(0.15 * normal(rng));
    const capacity = small.has(index)
      ? between(rng, 4, 6)
      : entry.kind === 'generalist'
        ? between(rng, 12, 20)
        : between(rng, 10, 16);
    const size = entry.kind === 'ka_specialist' ? 'KA' : 'SMB';
    return {
      id: `rep-${String(index).padStart(2, '0')}`,
      kind: entry.kind,
      industry: entry.industry,
      skills: entry.industry === null ? [] : [entry.industry, size],
      capacity,
      newHire: entry.newHire,
      trueRates: segments.map((segment, at) => {
        const rate =
          worldShape.baseRate[segment.size] *
          industryFactor[at]! *
          ability *
          specialism(entry.kind, entry.industry, segment);
        return Math.min(0.9, Math.max(0.01, rate));
      }),
    };
  });
}

function routingLead(segment: Segment, at: Date): RoutingLead {
  return blankLead(at, { custom: { industry: segment.industry, size: segment.size }, score: 50, grade: 'B' });
}

const dayStart = new Date('2026-01-05T01:00:00Z').getTime();
/** Working day `day` as a moment (calendars are not simulated, so only its order matters). */
export const dayDate = (day: number) => new Date(dayStart + day * 86_400_000);

/** A stream of leads over `days` working days: a busier start of the week, ±20 % day to day. */
export function leadStream(seed: number, days: number): SimLead[] {
  const rng = seededRng(seed);
  const weekly = [1.2, 1.1, 1.0, 0.9, 0.8];
  const sizeWeights = sizes.map((size) => worldShape.sizeMix[size]);
  const leads: SimLead[] = [];
  for (let day = 0; day < days; day++) {
    const count = Math.round(worldShape.leadsPerDay * weekly[day % 5]! * (0.8 + 0.4 * rng()));
    for (let index = 0; index < count; index++) {
      const segment = drawIndex(rng, worldShape.industryMix) * sizes.length + drawIndex(rng, sizeWeights);
      const openDays = 1 + Math.floor(-Math.log(1 - rng()) * (worldShape.meanOpenDays - 1));
      leads.push({
        day,
        segment,
        openDays,
        attributes: leadAttributes(routingLead(segments[segment]!, dayDate(day)), attributeFields),
      });
    }
  }
  return leads;
}

export type SimStrategy = StrategyName | 'oracle';

export interface RunInput {
  strategy: SimStrategy;
  reps: readonly SimRep[];
  leads: readonly SimLead[];
  /** What routing learnt; null: no records (the history phase itself). */
  records: Records | null;
  bestFit: BestFitSettings;
  /** Leads of earlier days route but do not count (the team's load builds up meanwhile). */
  scoreFromDay: number;
  /** Called when a lead closes inside the simulated days. */
  onClose?: (lead: SimLead, repId: string) => void;
}

export interface RunResult {
  strategy: SimStrategy;
  scoredLeads: number;
  toPool: number;
  expectedConversions: number;
  /** Scored leads per rep, in the order of `reps`. */
  leadsPerRep: number[];
  /** Reps whose open leads ever exceeded their capacity, counted after every assignment. */
  repsOverCapacity: number;
  /** Highest open leads ÷ capacity seen for any rep. */
  peakLoad: number;
}

export const policy: TeamPolicy = { allowOffHours: true, defaultCapacity: null };

/** The reference that knows the truth: the eligible rep with the highest true rate. Not a product strategy. */
function oracle(reps: readonly SimRep[], open: readonly number[], segment: number): number {
  let best = -1;
  for (let index = 0; index < reps.length; index++) {
    if (open[index]! >= reps[index]!.capacity) continue;
    if (best < 0 || reps[index]!.trueRates[segment]! > reps[best]!.trueRates[segment]!) best = index;
  }
  return best;
}

export function simulate(input: RunInput): RunResult {
  const { reps, records } = input;
  const indexOf = new Map(reps.map((rep, index) => [rep.id, index]));
  const open = reps.map(() => 0);
  const closing = new Map<number, { lead: SimLead; rep: number }[]>();
  const overCapacity = new Set<number>();
  const leadsPerRep = reps.map(() => 0);
  let rotation = liveRotation();
  let scoredLeads = 0;
  let toPool = 0;
  let expectedConversions = 0;
  let peakLoad = 0;
  let day = -1;
  for (const lead of input.leads) {
    while (day < lead.day) {
      day += 1;
      for (const closed of closing.get(day) ?? []) {
        open[closed.rep]! -= 1;
        input.onClose?.(closed.lead, reps[closed.rep]!.id);
      }
      closing.delete(day);
    }
    let chosen: number;
    if (input.strategy === 'oracle') chosen = oracle(reps, open, lead.segment);
    else {
      const team: RoutingRep[] = reps.map((rep, index) => ({
        id: rep.id,
        active: true,
        onLeave: false,
        calendar: null,
        capacity: rep.capacity,
        maxNewPerDay: null,
        openLeads: open[index]!,
        newToday: 0,
        skills: rep.skills,
        weight: rep.capacity,
        responseMinutes: null,
        segmentRecord: records?.get(recordKey(rep.id, lead.segment)) ?? null,
      }));
      const pick = pickRep({
        strategy: input.strategy,
        reps: team,
        policy,
        now: dayDate(lead.day),
        rotation,
        leadAttributes: lead.attributes,
        bestFit: input.bestFit,
      });
      rotation = pick.rotation;
      chosen = pick.chosenUserId === null ? -1 : indexOf.get(pick.chosenUserId)!;
    }
    const scored = lead.day >= input.scoreFromDay;
    if (scored) scoredLeads += 1;
    if (chosen < 0) {
      if (scored) toPool += 1;
      continue;
    }
    const rep = reps[chosen]!;
    open[chosen]! += 1;
    if (open[chosen]! > rep.capacity) overCapacity.add(chosen);
    peakLoad = Math.max(peakLoad, open[chosen]! / rep.capacity);
    const closesOn = lead.day + lead.openDays;
    const due = closing.get(closesOn);
    if (due) due.push({ lead, rep: chosen });
    else closing.set(closesOn, [{ lead, rep: chosen }]);
    if (scored) {
      leadsPerRep[chosen]! += 1;
      expectedConversions += rep.trueRates[lead.segment]!;
    }
  }
  return {
    strategy: input.strategy,
    scoredLeads,
    toPool,
    expectedConversions,
    leadsPerRep,
    repsOverCapacity: overCapacity.size,
    peakLoad,
  };
}

/**
 * The history routing learns from: the reps of that time (new hires absent) dealt past leads by
 * plain round robin; each lead that closed within the window is decided, won with its rep's true rate.
 */
export function learnHistory(reps: readonly SimRep[], seed: number, bestFit: BestFitSettings): Records {
  const veterans = reps.filter((rep) => !rep.newHire);
  const byId = new Map(veterans.map((rep) => [rep.id, rep]));
  const outcomes = seededRng(seed ^ 0x5eed);
  const records = new Map<string, { wins: number; leads: number }>();
  simulate({
    strategy: 'round_robin',
    reps: veterans,
    leads: leadStream(seed ^ 0x4157, worldShape.historyDays),
    records: null,
    bestFit,
    scoreFromDay: 0,
    onClose: (lead, repId) => {
      const key = recordKey(repId, lead.segment);
      const record = records.get(key) ?? { wins: 0, leads: 0 };
      record.leads += 1;
      if (outcomes() < byId.get(repId)!.trueRates[lead.segment]!) record.wins += 1;
      records.set(key, record);
    },
  });
  return records;
}

/** Jain's fairness index: 1 when every value is equal, 1/n when one holds everything. */
export function jainIndex(values: readonly number[]): number {
  const sum = values.reduce((total, value) => total + value, 0);
  const squares = values.reduce((total, value) => total + value * value, 0);
  return squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/** Fairness of a run: Jain's index of each rep's scored leads ÷ their capacity. */
export const capacityFairness = (reps: readonly SimRep[], leadsPerRep: readonly number[]) =>
  jainIndex(reps.map((rep, index) => leadsPerRep[index]! / rep.capacity));
