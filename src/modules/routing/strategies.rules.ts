import {
  capacityOf,
  exclusionOf,
  type ExclusionReason,
  type RoutingRep,
  type TeamPolicy,
} from './eligibility.rules.ts';
import { indexAfter } from './round-robin.rules.ts';
import type { BestFitWeights, StrategyName } from './routing.schemas.ts';

export interface CandidateScore {
  userId: string;
  score: number;
  /** Why the rep could not take the lead; absent when eligible. */
  excluded?: string;
}

/** The explanation stored with an assignment (the `/leads/:id/assignment` shape, less the rule part). */
export interface StrategyOutcome {
  strategy: StrategyName;
  chosenUserId: string | null;
  candidates: CandidateScore[];
}

/** What a team's rotation remembers between leads; stored per team by the service. */
export interface RotationState {
  lastUserId: string | null;
  /** Smooth weighted round robin's running weights, per rep. */
  currentWeights: Record<string, number>;
}

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

export interface BestFitFactors {
  tags: number;
  conversion: number;
  load: number;
  response: number;
  /** The rep's segment conversion rate after shrinkage toward the team rate. */
  shrunkRate: number;
}

export interface PickInput {
  strategy: StrategyName;
  /** The team's reps, eligible or not. */
  reps: readonly RoutingRep[];
  policy: TeamPolicy;
  now: Date;
  rotation: RotationState;
  /** The lead's attributes (industry, region, product, language, tags), for best-fit's tag match. */
  leadAttributes?: readonly string[];
  bestFit?: BestFitSettings;
}

export interface PickResult extends StrategyOutcome {
  /** The rotation after this pick (unchanged when nobody was chosen). */
  rotation: RotationState;
  /** Best-fit only: each eligible rep's parts of the score. */
  factors?: Record<string, BestFitFactors>;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const byId = (a: RoutingRep, b: RoutingRep) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The reps in id order; the same array when it already is (the service loads them so), without a sort. */
function sortedById(reps: readonly RoutingRep[]): readonly RoutingRep[] {
  for (let index = 1; index < reps.length; index++) {
    if (reps[index - 1]!.id > reps[index]!.id) return [...reps].sort(byId);
  }
  return reps;
}

/**
 * An empty record already in V8's dictionary mode. A plain `{}` given a thousand rep ids one at a
 * time first walks through a hundred hidden classes and then converts, about four times the cost;
 * this is still an ordinary object (Object.prototype, JSON and equality alike).
 */
function newRecord<V>(): Record<string, V> {
  return Object.setPrototypeOf(Object.create(null), Object.prototype) as Record<string, V>;
}

const idOf = (rep: RoutingRep) => rep.id;

/** Plain rotation in id order, continuing after the last recipient; score 1 for the next, falling along the round. */
export function roundRobin(eligible: readonly RoutingRep[], lastUserId: string | null) {
  return roundRobinInOrder(sortedById(eligible), lastUserId);
}

function roundRobinInOrder(order: readonly RoutingRep[], lastUserId: string | null) {
  const count = order.length;
  const start = count === 0 ? 0 : indexAfter(order, idOf, lastUserId);
  const scores = new Array<number>(count);
  for (let index = 0; index < count; index++) scores[index] = 1 - ((index - start + count) % count) / count;
  return { chosen: count === 0 ? null : order[start]!.id, order, scores };
}

/**
 * Smooth weighted round robin (nginx's): every eligible rep's running weight grows by its weight,
 * the highest (ties: lowest id) takes the lead and drops by the total. Over any stretch each rep
 * gets its share within one lead, without bursts; reps away keep their running weight.
 */
export function weightedRoundRobin(eligible: readonly RoutingRep[], currentWeights: Readonly<Record<string, number>>) {
  return weightedRoundRobinInOrder(sortedById(eligible), currentWeights);
}

function weightedRoundRobinInOrder(order: readonly RoutingRep[], currentWeights: Readonly<Record<string, number>>) {
  // A copy in the spread's key order, into a record that takes a thousand ids cheaply.
  const next = newRecord<number>();
  const kept = Object.keys(currentWeights);
  for (let index = 0; index < kept.length; index++) next[kept[index]!] = currentWeights[kept[index]!]!;
  const scores: number[] = [];
  let total = 0;
  let chosen: string | null = null;
  let best = -Infinity;
  for (const rep of order) {
    const weight = Math.max(0, rep.weight ?? 1);
    if (weight === 0) {
      scores.push(0);
      continue;
    }
    const running = (next[rep.id] ?? 0) + weight;
    next[rep.id] = running;
    total += weight;
    scores.push(running);
    if (running > best) {
      best = running;
      chosen = rep.id;
    }
  }
  // Nobody chosen means nobody's weight moved: `next` is then the plain copy.
  if (chosen !== null) next[chosen]! -= total;
  return { chosen, order, scores, currentWeights: next };
}

function loadRatio(rep: RoutingRep, policy: TeamPolicy): number {
  const capacity = capacityOf(rep, policy);
  if (capacity === null) return 0;
  return capacity <= 0 ? 1 : Math.min(1, rep.openLeads / capacity);
}

/** The rep with the lowest open leads ÷ capacity (ties: lowest id); the score is the headroom, 1 − that ratio. */
export function leastLoaded(eligible: readonly RoutingRep[], policy: TeamPolicy) {
  return leastLoadedInOrder(sortedById(eligible), policy);
}

function leastLoadedInOrder(order: readonly RoutingRep[], policy: TeamPolicy) {
  const scores: number[] = [];
  let chosen: string | null = null;
  let best = -Infinity;
  for (const rep of order) {
    const headroom = 1 - loadRatio(rep, policy);
    scores.push(headroom);
    if (headroom > best) {
      best = headroom;
      chosen = rep.id;
    }
  }
  return { chosen, order, scores };
}

/**
 * Empirical-Bayes conversion rate: the rep's record plus `k` pseudo-leads at the team rate. A new
 * rep starts at the team rate and moves toward their own rate as their record grows, so one lucky
 * win does not outrank a proven record and a new rep is not starved either.
 */
export function shrunkRate(wins: number, leads: number, teamRate: number, k: number): number {
  return (wins + k * teamRate) / (leads + k);
}

function pooledRate(reps: readonly RoutingRep[]): number {
  let wins = 0;
  let leads = 0;
  for (const rep of reps) {
    wins += rep.segmentRecord?.wins ?? 0;
    leads += rep.segmentRecord?.leads ?? 0;
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
  return bestFitInOrder(sortedById(eligible), team, leadAttributes, policy, settings);
}

function bestFitInOrder(
  order: readonly RoutingRep[],
  team: readonly RoutingRep[],
  leadAttributes: readonly string[],
  policy: TeamPolicy,
  settings: BestFitSettings,
) {
  const teamRate = settings.teamRate ?? pooledRate(team);
  const { weights, priorStrength, responseTargetMinutes } = settings;
  const wanted = distinctLowerCase(leadAttributes);
  const scores: number[] = [];
  const factors = newRecord<BestFitFactors>();
  let chosen: string | null = null;
  let best = -Infinity;
  for (const rep of order) {
    const record = rep.segmentRecord;
    const rate = shrunkRate(record?.wins ?? 0, record?.leads ?? 0, teamRate, priorStrength);
    const minutes = rep.responseMinutes;
    const tags = share(wanted, rep.skills);
    const conversion = teamRate > 0 ? Math.min(2, rate / teamRate) / 2 : 0.5;
    const load = 1 - loadRatio(rep, policy);
    const response =
      minutes === null || minutes === undefined
        ? 0.5
        : responseTargetMinutes / (responseTargetMinutes + Math.max(0, minutes));
    const score =
      weights.tags * tags + weights.conversion * conversion + weights.load * load + weights.response * response;
    scores.push(score);
    factors[rep.id] = {
      tags: round4(tags),
      conversion: round4(conversion),
      load: round4(load),
      response: round4(response),
      shrunkRate: round4(rate),
    };
    if (score > best) {
      best = score;
      chosen = rep.id;
    }
  }
  return { chosen, order, scores, factors };
}

/**
 * Chooses a rep of a team for one lead: who is eligible at `now`, then the team's strategy over
 * them. Every rep of the team is listed (id order) with a score or the reason they were left out.
 */
export function pickRep(input: PickInput): PickResult {
  const { strategy, policy, now, rotation } = input;
  const reps = sortedById(input.reps);
  const exclusions = new Array<ExclusionReason | null>(reps.length);
  const eligible: RoutingRep[] = [];
  for (let index = 0; index < reps.length; index++) {
    const rep = reps[index]!;
    const excluded = exclusionOf(rep, policy, now);
    exclusions[index] = excluded;
    if (excluded === null) eligible.push(rep);
  }
  // `eligible` keeps the id order of `reps`, so the strategies need not check it again.
  let chosen: string | null;
  let order: readonly RoutingRep[];
  let scores: number[];
  let currentWeights = rotation.currentWeights;
  let factors: Record<string, BestFitFactors> | undefined;
  switch (strategy) {
    case 'round_robin':
      ({ chosen, order, scores } = roundRobinInOrder(eligible, rotation.lastUserId));
      break;
    case 'weighted_round_robin':
      ({ chosen, order, scores, currentWeights } = weightedRoundRobinInOrder(eligible, rotation.currentWeights));
      break;
    case 'least_loaded':
      ({ chosen, order, scores } = leastLoadedInOrder(eligible, policy));
      break;
    case 'best_fit':
      ({ chosen, order, scores, factors } = bestFitInOrder(
        eligible,
        reps,
        input.leadAttributes ?? [],
        policy,
        input.bestFit ?? defaultBestFitSettings,
      ));
      break;
  }
  // `order` holds the eligible reps in the same id order as `reps`, so one walk pairs them up.
  let next = 0;
  const candidates = new Array<CandidateScore>(reps.length);
  for (let index = 0; index < reps.length; index++) {
    const rep = reps[index]!;
    const excluded = exclusions[index];
    candidates[index] = excluded
      ? { userId: rep.id, score: 0, excluded }
      : { userId: rep.id, score: order[next] === rep ? round4(scores[next++]!) : 0 };
  }
  return {
    strategy,
    chosenUserId: chosen,
    candidates,
    rotation: chosen === null ? rotation : { lastUserId: chosen, currentWeights },
    ...(factors ? { factors } : {}),
  };
}
