import { capacityOf, checkEligibility, type RoutingRep, type TeamPolicy } from './eligibility.rules.ts';
import { nextInRotation } from './round-robin.rules.ts';
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

/** Plain rotation in id order, continuing after the last recipient; score 1 for the next, falling along the round. */
export function roundRobin(eligible: readonly RoutingRep[], lastUserId: string | null) {
  const ids = eligible.map((rep) => rep.id).sort();
  const chosen = nextInRotation(ids, lastUserId);
  const start = chosen === null ? 0 : ids.indexOf(chosen);
  const scores = new Map(ids.map((id, index) => [id, 1 - ((index - start + ids.length) % ids.length) / ids.length]));
  return { chosen, scores };
}

/**
 * Smooth weighted round robin (nginx's): every eligible rep's running weight grows by its weight,
 * the highest (ties: lowest id) takes the lead and drops by the total. Over any stretch each rep
 * gets its share within one lead, without bursts; reps away keep their running weight.
 */
export function weightedRoundRobin(eligible: readonly RoutingRep[], currentWeights: Readonly<Record<string, number>>) {
  const next: Record<string, number> = { ...currentWeights };
  const scores = new Map<string, number>();
  let total = 0;
  let chosen: string | null = null;
  for (const rep of [...eligible].sort(byId)) {
    const weight = Math.max(0, rep.weight ?? 1);
    if (weight === 0) {
      scores.set(rep.id, 0);
      continue;
    }
    const running = (next[rep.id] ?? 0) + weight;
    next[rep.id] = running;
    total += weight;
    scores.set(rep.id, running);
    if (chosen === null || running > next[chosen]!) chosen = rep.id;
  }
  if (chosen !== null) next[chosen]! -= total;
  return { chosen, scores, currentWeights: chosen === null ? { ...currentWeights } : next };
}

function loadRatio(rep: RoutingRep, policy: TeamPolicy): number {
  const capacity = capacityOf(rep, policy);
  if (capacity === null) return 0;
  return capacity <= 0 ? 1 : Math.min(1, rep.openLeads / capacity);
}

/** The rep with the lowest open leads ÷ capacity (ties: lowest id); the score is the headroom, 1 − that ratio. */
export function leastLoaded(eligible: readonly RoutingRep[], policy: TeamPolicy) {
  const scores = new Map<string, number>();
  let chosen: string | null = null;
  let best = -Infinity;
  for (const rep of [...eligible].sort(byId)) {
    const headroom = 1 - loadRatio(rep, policy);
    scores.set(rep.id, headroom);
    if (headroom > best) {
      best = headroom;
      chosen = rep.id;
    }
  }
  return { chosen, scores };
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

/** Share of the lead's attributes found in the rep's skills, without regard to case. */
export function tagMatch(leadAttributes: readonly string[], skills: readonly string[]): number {
  const wanted = new Set(leadAttributes.map((attribute) => attribute.toLowerCase()));
  if (wanted.size === 0) return 0;
  let matched = 0;
  for (const skill of new Set(skills.map((value) => value.toLowerCase()))) if (wanted.has(skill)) matched += 1;
  return matched / wanted.size;
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
  const teamRate = settings.teamRate ?? pooledRate(team);
  const { weights } = settings;
  const scores = new Map<string, number>();
  const factors: Record<string, BestFitFactors> = {};
  let chosen: string | null = null;
  let best = -Infinity;
  for (const rep of [...eligible].sort(byId)) {
    const record = rep.segmentRecord ?? { wins: 0, leads: 0 };
    const rate = shrunkRate(record.wins, record.leads, teamRate, settings.priorStrength);
    const minutes = rep.responseMinutes;
    const parts: BestFitFactors = {
      tags: tagMatch(leadAttributes, rep.skills),
      conversion: teamRate > 0 ? Math.min(2, rate / teamRate) / 2 : 0.5,
      load: 1 - loadRatio(rep, policy),
      response:
        minutes === null || minutes === undefined
          ? 0.5
          : settings.responseTargetMinutes / (settings.responseTargetMinutes + Math.max(0, minutes)),
      shrunkRate: rate,
    };
    const score =
      weights.tags * parts.tags +
      weights.conversion * parts.conversion +
      weights.load * parts.load +
      weights.response * parts.response;
    scores.set(rep.id, score);
    factors[rep.id] = {
      tags: round4(parts.tags),
      conversion: round4(parts.conversion),
      load: round4(parts.load),
      response: round4(parts.response),
      shrunkRate: round4(rate),
    };
    if (score > best) {
      best = score;
      chosen = rep.id;
    }
  }
  return { chosen, scores, factors };
}

/**
 * Chooses a rep of a team for one lead: who is eligible at `now`, then the team's strategy over
 * them. Every rep of the team is listed (id order) with a score or the reason they were left out.
 */
export function pickRep(input: PickInput): PickResult {
  const { strategy, reps, policy, now, rotation } = input;
  const exclusions = checkEligibility(reps, policy, now);
  const eligible = reps.filter((rep) => exclusions.get(rep.id) === null);
  let chosen: string | null;
  let scores: Map<string, number>;
  let currentWeights = rotation.currentWeights;
  let factors: Record<string, BestFitFactors> | undefined;
  switch (strategy) {
    case 'round_robin':
      ({ chosen, scores } = roundRobin(eligible, rotation.lastUserId));
      break;
    case 'weighted_round_robin':
      ({ chosen, scores, currentWeights } = weightedRoundRobin(eligible, rotation.currentWeights));
      break;
    case 'least_loaded':
      ({ chosen, scores } = leastLoaded(eligible, policy));
      break;
    case 'best_fit':
      ({ chosen, scores, factors } = bestFit(
        eligible,
        reps,
        input.leadAttributes ?? [],
        policy,
        input.bestFit ?? defaultBestFitSettings,
      ));
      break;
  }
  const candidates = [...reps].sort(byId).map((rep): CandidateScore => {
    const excluded = exclusions.get(rep.id);
    return excluded ? { userId: rep.id, score: 0, excluded } : { userId: rep.id, score: round4(scores.get(rep.id) ?? 0) };
  });
  return {
    strategy,
    chosenUserId: chosen,
    candidates,
    rotation: chosen === null ? rotation : { lastUserId: chosen, currentWeights },
    ...(factors ? { factors } : {}),
  };
}
