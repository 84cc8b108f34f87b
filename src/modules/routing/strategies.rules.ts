import { capacityOf, sortOut, type PreparedTeam, type RoutingRep, type TeamPolicy } from './eligibility.rules.ts';
import {
  decisionBytes,
  decisionDoubles,
  decisionWords,
  factorsOf,
  bestFitScore,
  idsOf,
  type BestFitParts,
  type Explanation,
} from './explanation.rules.ts';
import { RunningWeights } from './round-robin.rules.ts';
import type { BestFitWeights, StrategyName } from './routing.schemas.ts';

export type { BestFitFactors, CandidateScore } from './explanation.rules.ts';

/** What a team's rotation remembers between leads, as stored per team. */
export interface RotationState {
  lastUserId: string | null;
  /** Smooth weighted round robin's running weights, per rep. */
  currentWeights: Record<string, number>;
}

/** A rotation while a batch runs: the running weights move in place, laid out for the team's list. */
export interface LiveRotation {
  lastUserId: string | null;
  weights: RunningWeights;
}

export const liveRotation = (stored?: RotationState): LiveRotation => ({
  lastUserId: stored?.lastUserId ?? null,
  weights: new RunningWeights(stored?.currentWeights),
});

export const storedRotation = (live: LiveRotation): RotationState => ({
  lastUserId: live.lastUserId,
  currentWeights: live.weights.toRecord(),
});

export interface BestFitSettings {
  weights: BestFitWeights;
  /** Pseudo-count k: how many leads' worth of the team average a rep's own record starts with. */
  priorStrength: number;
  /** Team conversion rate for the lead's segment; null: pooled from the team's records. */
  teamRate: number | null;
  /** Response time (minutes) that scores one half; faster scores more. */
  responseTargetMinutes: number;
}

export const defaultBestFitSettings: BestFitSettings = {
  weights: { tags: 0.3, conversion: 0.4, load: 0.2, response: 0.1 },
  priorStrength: 20,
  teamRate: null,
  responseTargetMinutes: 30,
};

export interface PickInput {
  strategy: StrategyName;
  /** The team's reps, eligible or not. */
  reps: readonly RoutingRep[];
  policy: TeamPolicy;
  now: Date;
  rotation: LiveRotation;
  /** The lead's attributes (industry, region, product, language, tags), for best-fit's tag match. */
  leadAttributes?: readonly string[];
  bestFit?: BestFitSettings;
  /** `skillIndexOf(reps)`, when the caller keeps it for a list that does not change (the router does). */
  skillIndex?: SkillIndex;
  /** The team's pooled rate for the lead's segment, when the caller keeps it (used when the settings give none). */
  pooledTeamRate?: number;
  /** `conversionPartsOf` the reps' records of the lead's segment, when the caller keeps them; used when the rate agrees. */
  conversionParts?: ConversionParts;
  /**
   * Each rep's record of the lead's segment by position in `reps`, when the caller has them laid
   * out (the router does, per segment); otherwise each rep's `segmentRecord` is read.
   */
  segmentRecords?: readonly SegmentRecord[];
  /** `prepareTeam(reps, policy)`, when the caller keeps it for a list whose reps' settings do not change. */
  preparedTeam?: PreparedTeam;
  /** `responsePartsOf(reps, …)`, when the caller keeps it for a list that does not change; used when the target agrees. */
  responseParts?: ResponseParts;
}

type SegmentRecord = { wins: number; leads: number } | null | undefined;

export interface PickResult {
  strategy: StrategyName;
  chosenUserId: string | null;
  /** Every rep of the team with a score or the reason left out, and best-fit's factors. */
  explanation: Explanation;
  /** The rotation after this pick (the same object when nobody was chosen); its running weights moved in place. */
  rotation: LiveRotation;
}

const byId = (a: RoutingRep, b: RoutingRep) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// Frozen lists found in id order: a frozen list cannot change, so it is not checked again for every lead.
const frozenInOrder = new WeakSet<readonly RoutingRep[]>();

/** The reps in id order; the same array when it already is (the service loads them so), without a sort. */
function sortedById(reps: readonly RoutingRep[]): readonly RoutingRep[] {
  if (frozenInOrder.has(reps)) return reps;
  for (let index = 1; index < reps.length; index++) {
    if (reps[index - 1]!.id > reps[index]!.id) return [...reps].sort(byId);
  }
  if (Object.isFrozen(reps)) frozenInOrder.add(reps);
  return reps;
}

/*
 * Each strategy works over `reps` (the team, in id order) and `eligible`, the positions in `reps`
 * of the reps that may take the lead (ascending), and writes each eligible rep's score at its
 * position in `scores`: nothing per rep is allocated, so a team of a thousand makes no garbage.
 * Each returns the chosen position, or -1.
 */

/** Position in `eligible` of the first rep after `lastUserId` in id order, wrapping to 0. */
function turnAfter(reps: readonly RoutingRep[], eligible: Int32Array, count: number, lastUserId: string | null) {
  if (lastUserId === null) return 0;
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reps[eligible[middle]!]!.id > lastUserId) high = middle;
    else low = middle + 1;
  }
  return low === count ? 0 : low;
}

function roundRobinAt(
  reps: readonly RoutingRep[],
  eligible: Int32Array,
  count: number,
  lastUserId: string | null,
  scores: Float64Array,
): number {
  if (count === 0) return -1;
  const start = turnAfter(reps, eligible, count, lastUserId);
  // The turn's distance from `start` along the round: (turn − start + count) mod count, without the division.
  for (let turn = 0; turn < count; turn++) {
    scores[eligible[turn]!] = 1 - (turn >= start ? turn - start : turn - start + count) / count;
  }
  return eligible[start]!;
}

function weightedRoundRobinAt(
  reps: readonly RoutingRep[],
  eligible: Int32Array,
  count: number,
  running: Float64Array,
  scores: Float64Array,
): number {
  let total = 0;
  let chosen = -1;
  let best = -Infinity;
  for (let turn = 0; turn < count; turn++) {
    const at = eligible[turn]!;
    const weight = Math.max(0, reps[at]!.weight ?? 1);
    if (weight === 0) {
      scores[at] = 0;
      continue;
    }
    const before = running[at]!;
    const now = (Number.isNaN(before) ? 0 : before) + weight;
    running[at] = now;
    total += weight;
    scores[at] = now;
    if (now > best) {
      best = now;
      chosen = at;
    }
  }
  // Nobody chosen means nobody's weight moved.
  if (chosen >= 0) running[chosen]! -= total;
  return chosen;
}

function loadRatio(rep: RoutingRep, policy: TeamPolicy): number {
  const capacity = capacityOf(rep, policy);
  if (capacity === null) return 0;
  return capacity <= 0 ? 1 : Math.min(1, rep.openLeads / capacity);
}

function leastLoadedAt(
  reps: readonly RoutingRep[],
  eligible: Int32Array,
  count: number,
  policy: TeamPolicy,
  scores: Float64Array,
): number {
  let chosen = -1;
  let best = -Infinity;
  for (let turn = 0; turn < count; turn++) {
    const at = eligible[turn]!;
    const headroom = 1 - loadRatio(reps[at]!, policy);
    scores[at] = headroom;
    if (headroom > best) {
      best = headroom;
      chosen = at;
    }
  }
  return chosen;
}

/**
 * Empirical-Bayes conversion rate: the rep's record plus `k` pseudo-leads at the team rate. A new
 * rep starts at the team rate and moves toward their own rate as their record grows, so one lucky
 * win does not outrank a proven record and a new rep is not starved either.
 */
export function shrunkRate(wins: number, leads: number, teamRate: number, k: number): number {
  return (wins + k * teamRate) / (leads + k);
}

function pooledRate(reps: readonly RoutingRep[], records?: readonly SegmentRecord[]): number {
  let wins = 0;
  let leads = 0;
  for (let index = 0; index < reps.length; index++) {
    const record = records ? records[index] : reps[index]!.segmentRecord;
    if (!record) continue;
    wins += record.wins;
    leads += record.leads;
  }
  return leads === 0 ? 0 : wins / leads;
}

const normalisedSkills = new WeakMap<readonly string[], ReadonlySet<string>>();

/** A rep's skills in lower case, once per skills array (a cached team is not re-read for every lead). */
function skillSet(skills: readonly string[]): ReadonlySet<string> {
  let set = normalisedSkills.get(skills);
  if (!set) {
    set = new Set(skills.map((skill) => skill.toLowerCase()));
    normalisedSkills.set(skills, set);
  }
  return set;
}

/** Share of the wanted attributes (distinct, lower case) found among the skills. */
function share(wanted: readonly string[], skills: readonly string[]): number {
  if (wanted.length === 0) return 0;
  const have = skillSet(skills);
  let matched = 0;
  for (let index = 0; index < wanted.length; index++) if (have.has(wanted[index]!)) matched += 1;
  return matched / wanted.length;
}

const distinctLowerCase = (attributes: readonly string[]) => [
  ...new Set(attributes.map((value) => value.toLowerCase())),
];

/** Share of the lead's attributes found in the rep's skills, without regard to case. */
export function tagMatch(leadAttributes: readonly string[], skills: readonly string[]): number {
  return share(distinctLowerCase(leadAttributes), skills);
}

/** For each skill (lower case), the positions of the reps of a list who have it, ascending. */
export type SkillIndex = ReadonlyMap<string, Int32Array>;

/**
 * A list's skills turned around, so a lead's few attributes find the reps who have them instead of
 * every rep being asked about every attribute.
 */
export function skillIndexOf(reps: readonly RoutingRep[]): SkillIndex {
  const positions = new Map<string, number[]>();
  for (let index = 0; index < reps.length; index++) {
    for (const skill of skillSet(reps[index]!.skills)) {
      let list = positions.get(skill);
      if (!list) positions.set(skill, (list = []));
      list.push(index);
    }
  }
  return new Map([...positions].map(([skill, list]) => [skill, Int32Array.from(list)]));
}

/** Adds to `counts`, by position, how many of the wanted attributes each rep of the indexed list has. */
function matchCounts(index: SkillIndex, wanted: readonly string[], counts: Uint8Array | Uint32Array): void {
  for (let turn = 0; turn < wanted.length; turn++) {
    const holders = index.get(wanted[turn]!);
    if (holders) for (let at = 0; at < holders.length; at++) counts[holders[at]!]! += 1;
  }
}

const conversionOf = (rate: number, teamRate: number) => (teamRate > 0 ? Math.min(2, rate / teamRate) / 2 : 0.5);

/** Each rep's shrunk rate and conversion part for one segment, by position, as worked out. */
export interface ConversionParts {
  readonly teamRate: number;
  readonly priorStrength: number;
  readonly rates: Float64Array;
  readonly conversions: Float64Array;
}

/**
 * Best-fit's conversion parts worked out once for a list's records of a segment: they change only
 * with the records, so a caller that keeps them (the router, per segment) saves every lead the
 * divisions of a thousand reps, and the decisions' explanations share the arrays.
 */
export function conversionPartsOf(
  records: readonly SegmentRecord[],
  teamRate: number,
  priorStrength: number,
): ConversionParts {
  const size = records.length;
  const parts = { teamRate, priorStrength, rates: new Float64Array(size), conversions: new Float64Array(size) };
  for (let at = 0; at < size; at++) {
    const record = records[at];
    const rate = shrunkRate(record?.wins ?? 0, record?.leads ?? 0, teamRate, priorStrength);
    parts.rates[at] = rate;
    parts.conversions[at] = conversionOf(rate, teamRate);
  }
  return parts;
}

/** Best-fit's response part: ½ at the target, more when faster; ½ with no record. */
const responseOf = (minutes: number | null | undefined, targetMinutes: number) =>
  minutes === null || minutes === undefined ? 0.5 : targetMinutes / (targetMinutes + Math.max(0, minutes));

/** Each rep's response part by position, for one response target. */
export interface ResponseParts {
  readonly targetMinutes: number;
  readonly responses: Float64Array;
}

/** Best-fit's response parts of a list whose reps' response times do not change (the router's, per profile). */
export function responsePartsOf(reps: readonly RoutingRep[], targetMinutes: number): ResponseParts {
  const responses = new Float64Array(reps.length);
  for (let at = 0; at < reps.length; at++) responses[at] = responseOf(reps[at]!.responseMinutes, targetMinutes);
  return { targetMinutes, responses };
}

/** What best-fit is given besides the reps: the parts a caller keeps, and the lead's segment records. */
interface BestFitKept {
  conversion: ConversionParts | null;
  response: ResponseParts | null;
  records: readonly SegmentRecord[] | null;
}

/**
 * Best-fit over the eligible positions, for a lead with the `wanted` attributes (distinct, lower
 * case). Each rep's parts go to `parts` at its position: tag matches and load always, conversion,
 * shrunk rate and response only when `parts` does not already hold the kept ones (`bestFitParts`).
 */
function bestFitAt(
  reps: readonly RoutingRep[],
  eligible: Int32Array,
  count: number,
  teamRate: number,
  wanted: readonly string[],
  policy: TeamPolicy,
  settings: BestFitSettings,
  scores: Float64Array | null,
  parts: BestFitParts,
  skillIndex: SkillIndex,
  kept: BestFitKept,
): number {
  const { priorStrength, responseTargetMinutes } = settings;
  const { tagMatches, conversion: conversions, load: loads, response: responses } = parts;
  const rates = parts.shrunkRate;
  const conversionKnown = kept.conversion !== null;
  const responseKnown = kept.response !== null;
  const records = kept.records;
  // Fresh (zeroed) counts, one per rep of the list: the index adds each wanted attribute's holders.
  matchCounts(skillIndex, wanted, tagMatches);
  let chosen = -1;
  let best = -Infinity;
  for (let turn = 0; turn < count; turn++) {
    const at = eligible[turn]!;
    const rep = reps[at]!;
    if (!conversionKnown) {
      const record = records ? records[at] : rep.segmentRecord;
      const rate = shrunkRate(record?.wins ?? 0, record?.leads ?? 0, teamRate, priorStrength);
      rates[at] = rate;
      conversions[at] = conversionOf(rate, teamRate);
    }
    if (!responseKnown) responses[at] = responseOf(rep.responseMinutes, responseTargetMinutes);
    loads[at] = 1 - loadRatio(rep, policy);
    // From the parts as the explanation keeps them, so reading it gives this very number.
    const score = bestFitScore(parts, at);
    if (scores) scores[at] = score;
    if (score > best) {
      best = score;
      chosen = at;
    }
  }
  return chosen;
}

/** The arrays of one best-fit decision's parts, for a lead with `wanted` distinct attributes: the kept ones shared, the others fresh. */
function bestFitParts(size: number, wanted: number, kept: BestFitKept, weights: BestFitWeights): BestFitParts {
  const conversion = kept.conversion;
  return {
    // Copied: the explanation outlives the decision, the settings may not stay as they are.
    weights: { tags: weights.tags, conversion: weights.conversion, load: weights.load, response: weights.response },
    // A byte per rep counts up to 255 attributes; a lead has a handful.
    tagMatches: wanted > 255 ? decisionWords(size) : decisionBytes(size),
    tagsOutOf: wanted,
    conversion: conversion ? conversion.conversions : decisionDoubles(size),
    load: decisionDoubles(size),
    response: kept.response ? kept.response.responses : decisionDoubles(size),
    shrunkRate: conversion ? conversion.rates : decisionDoubles(size),
  };
}

/** Positions 0 … count − 1: every rep given to a strategy on its own is eligible. */
function allPositions(count: number): Int32Array {
  const positions = new Int32Array(count);
  for (let index = 0; index < count; index++) positions[index] = index;
  return positions;
}

/** The standalone form of a strategy's answer: the reps in id order, their scores, the chosen id. */
function answer(order: readonly RoutingRep[], chosen: number, scores: Float64Array) {
  return { chosen: chosen < 0 ? null : order[chosen]!.id, order, scores: Array.from(scores) };
}

/** Plain rotation in id order, continuing after the last recipient; score 1 for the next, falling along the round. */
export function roundRobin(eligible: readonly RoutingRep[], lastUserId: string | null) {
  const order = sortedById(eligible);
  const scores = new Float64Array(order.length);
  return answer(order, roundRobinAt(order, allPositions(order.length), order.length, lastUserId, scores), scores);
}

/**
 * Smooth weighted round robin (nginx's): every eligible rep's running weight grows by its weight,
 * the highest (ties: lowest id) takes the lead and drops by the total. Over any stretch each rep
 * gets its share within one lead, without bursts; reps away keep their running weight.
 */
export function weightedRoundRobin(eligible: readonly RoutingRep[], currentWeights: Readonly<Record<string, number>>) {
  const order = sortedById(eligible);
  const weights = new RunningWeights(currentWeights);
  const scores = new Float64Array(order.length);
  const chosen = weightedRoundRobinAt(
    order,
    allPositions(order.length),
    order.length,
    weights.alignedTo(order),
    scores,
  );
  return { ...answer(order, chosen, scores), currentWeights: weights.toRecord() };
}

/** The rep with the lowest open leads ÷ capacity (ties: lowest id); the score is the headroom, 1 − that ratio. */
export function leastLoaded(eligible: readonly RoutingRep[], policy: TeamPolicy) {
  const order = sortedById(eligible);
  const scores = new Float64Array(order.length);
  return answer(order, leastLoadedAt(order, allPositions(order.length), order.length, policy, scores), scores);
}

/**
 * Best fit: each eligible rep scores the weighted sum of four parts, each in [0, 1] — tag match;
 * conversion as the shrunk rate against the team rate (1 = twice the team's, ½ = on par); load
 * headroom; and response time (½ at the target, more when faster, ½ with no record). Ties: lowest id.
 */
export function bestFit(
  eligible: readonly RoutingRep[],
  team: readonly RoutingRep[],
  leadAttributes: readonly string[],
  policy: TeamPolicy,
  settings: BestFitSettings,
) {
  const order = sortedById(eligible);
  const count = order.length;
  const scores = new Float64Array(count);
  const kept: BestFitKept = { conversion: null, response: null, records: null };
  const wanted = distinctLowerCase(leadAttributes);
  const parts = bestFitParts(count, wanted.length, kept, settings.weights);
  const teamRate = settings.teamRate ?? pooledRate(team);
  const chosen = bestFitAt(
    order,
    allPositions(count),
    count,
    teamRate,
    wanted,
    policy,
    settings,
    scores,
    parts,
    skillIndexOf(order),
    kept,
  );
  const explanation = { ids: idsOf(order), scores, exclusions: new Uint8Array(count), factors: parts };
  return { ...answer(order, chosen, scores), factors: factorsOf(explanation)! };
}

/** The caller's records by position in `reps`, the caller's list put in id order. */
function alignedRecords(
  given: readonly RoutingRep[],
  records: readonly SegmentRecord[],
  reps: readonly RoutingRep[],
  aligned: boolean,
): readonly SegmentRecord[] {
  if (aligned) return records;
  const byRep = new Map(given.map((rep, index) => [rep, records[index]]));
  return reps.map((rep) => byRep.get(rep));
}

// The eligible positions of the team being picked for; grown as needed and reused by every pick.
let eligibleScratch = new Int32Array(64);

/**
 * Chooses a rep of a team for one lead: who is eligible at `now`, then the team's strategy over
 * them. Every rep of the team is in the explanation (id order) with a score or the reason they
 * were left out.
 */
export function pickRep(input: PickInput): PickResult {
  const { strategy, policy, now, rotation } = input;
  const reps = sortedById(input.reps);
  // What the caller laid out by position in its list holds only when the list was in id order.
  const aligned = input.reps === reps;
  const size = reps.length;
  if (eligibleScratch.length < size) eligibleScratch = new Int32Array(size);
  const eligible = eligibleScratch;
  // Best-fit's scores are its parts' weighted sum, kept as the parts (see `bestFitScore`).
  const scores = strategy === 'best_fit' ? null : decisionDoubles(size);
  const exclusions = decisionBytes(size);
  const count = sortOut(reps, policy, now.getTime(), eligible, exclusions, input.preparedTeam);
  let factors: BestFitParts | null = null;
  let chosen = -1;
  switch (strategy) {
    case 'round_robin':
      chosen = roundRobinAt(reps, eligible, count, rotation.lastUserId, scores!);
      break;
    case 'weighted_round_robin':
      chosen = weightedRoundRobinAt(reps, eligible, count, rotation.weights.alignedTo(reps), scores!);
      break;
    case 'least_loaded':
      chosen = leastLoadedAt(reps, eligible, count, policy, scores!);
      break;
    case 'best_fit': {
      const settings = input.bestFit ?? defaultBestFitSettings;
      const records = input.segmentRecords ? alignedRecords(input.reps, input.segmentRecords, reps, aligned) : null;
      const teamRate = settings.teamRate ?? input.pooledTeamRate ?? pooledRate(reps, records ?? undefined);
      const conversion = (aligned && input.conversionParts) || null;
      const response = (aligned && input.responseParts) || null;
      const kept: BestFitKept = {
        conversion:
          conversion && conversion.teamRate === teamRate && conversion.priorStrength === settings.priorStrength
            ? conversion
            : null,
        response: response && response.targetMinutes === settings.responseTargetMinutes ? response : null,
        records,
      };
      const wanted = distinctLowerCase(input.leadAttributes ?? []);
      factors = bestFitParts(size, wanted.length, kept, settings.weights);
      chosen = bestFitAt(
        reps,
        eligible,
        count,
        teamRate,
        wanted,
        policy,
        settings,
        scores,
        factors,
        (aligned && input.skillIndex) || skillIndexOf(reps),
        kept,
      );
      break;
    }
  }
  const chosenUserId = chosen < 0 ? null : reps[chosen]!.id;
  return {
    strategy,
    chosenUserId,
    explanation: { ids: idsOf(reps), scores, exclusions, factors },
    rotation: chosenUserId === null ? rotation : { lastUserId: chosenUserId, weights: rotation.weights },
  };
}
