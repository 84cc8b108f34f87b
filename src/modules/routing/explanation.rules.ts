import { exclusionReasons, type ExclusionReason } from './eligibility.rules.ts';
import type { BestFitWeights } from './routing.schemas.ts';

/** One rep as the stored explanation lists them. */
export interface CandidateScore {
  userId: string;
  score: number;
  /** Why the rep could not take the lead; absent when eligible. */
  excluded?: string;
}

export interface BestFitFactors {
  tags: number;
  conversion: number;
  load: number;
  response: number;
  /** The rep's segment conversion rate after shrinkage toward the team rate. */
  shrunkRate: number;
}

export const factorNames = ['tags', 'conversion', 'load', 'response', 'shrunkRate'] as const;

/**
 * Best-fit's parts of each rep's score, by position in the team's list (read for eligible reps),
 * as worked out: stored and served rounded to four places, rounded when read (`factorsOf`,
 * `factorsJson`). Parts that change only with the records or the team (conversion, shrunk rate,
 * response) may be arrays shared by many decisions; no array is written after its decision.
 */
export interface BestFitParts {
  /** How many of the lead's distinct attributes each rep's skills hold: the tag part is that over `tagsOutOf`. */
  readonly tagMatches: Uint8Array | Uint32Array;
  /** How many distinct attributes the lead has; 0: the tag part is 0. */
  readonly tagsOutOf: number;
  readonly conversion: Float64Array;
  readonly load: Float64Array;
  readonly response: Float64Array;
  readonly shrunkRate: Float64Array;
  /** The weights the score was worked out with: a rep's score is the weighted sum of its parts. */
  readonly weights: Readonly<BestFitWeights>;
}

/**
 * Why each rep of a team could or could not take a lead, kept compact: a team of a thousand would
 * otherwise make a thousand candidate objects (and best-fit a thousand factor objects under a
 * thousand-key record) for every lead. The stored JSON is made from it when the decision is written.
 * Numbers are kept as the strategy worked them out and rounded to four places when read: rounding
 * a thousand scores and five thousand parts per lead was a good part of a decision's time.
 */
export interface Explanation {
  /** Every rep of the team, in id order; shared by the team's decisions and never changed. */
  readonly ids: readonly string[];
  /**
   * Each rep's score (stored rounded to four places: see `candidatesOf`); 0 for reps left out.
   * Null with best-fit's factors: the score is their weighted sum, worked out again when read.
   */
  readonly scores: Float64Array | null;
  /** 0: eligible; otherwise 1 + the index of the reason in `exclusionReasons`. */
  readonly exclusions: Uint8Array;
  /** Best-fit only. */
  readonly factors: BestFitParts | null;
}

export const exclusionCode = (reason: ExclusionReason | null): number =>
  reason === null ? 0 : exclusionReasons.indexOf(reason) + 1;

/** A number as stored in an explanation: four decimal places. */
export const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

// Bytes carved from one buffer before the next is made: two or three decisions' arrays over a team of
// a thousand. Each `new Float64Array(1000)` would be a buffer of its own outside the heap, and making
// and freeing several per lead is a good part of what a decision allocates and the collector sweeps;
// a fresh 48 KB buffer per best-fit decision was a tenth of its time. A larger slab made every tenth
// decision pay for zeroing it.
const SLAB_BYTES = 1 << 16;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/** `bytes` (a multiple of 8) of fresh zeroed memory from the current slab, or a new buffer when it is large. */
function carve(bytes: number): { buffer: ArrayBuffer; offset: number } {
  if (bytes > SLAB_BYTES / 2) return { buffer: new ArrayBuffer(bytes), offset: 0 };
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const offset = slabUsed;
  slabUsed += bytes;
  return { buffer: slab, offset };
}

const eight = (bytes: number) => (bytes + 7) & ~7;

/**
 * A zeroed `Float64Array` of `size` for one decision, cut from a shared buffer. A slab is never
 * written twice, so each array starts at zero and lives as long as its decision.
 */
export function decisionDoubles(size: number): Float64Array {
  const { buffer, offset } = carve(size * 8);
  return new Float64Array(buffer, offset, size);
}

/** A zeroed `Uint32Array` of `size` for one decision, cut from a shared buffer (see `decisionDoubles`). */
export function decisionWords(size: number): Uint32Array {
  const { buffer, offset } = carve(eight(size * 4));
  return new Uint32Array(buffer, offset, size);
}

/** Best-fit's tag part: the share of the lead's distinct attributes the rep's skills hold. */
export const tagShare = (matches: number, outOf: number) => (outOf === 0 ? 0 : matches / outOf);

/** A zeroed `Uint8Array` of `size` for one decision, cut from a shared buffer (see `decisionDoubles`). */
export function decisionBytes(size: number): Uint8Array {
  const { buffer, offset } = carve(eight(size));
  return new Uint8Array(buffer, offset, size);
}

const reasonOf = (code: number): ExclusionReason | undefined => (code === 0 ? undefined : exclusionReasons[code - 1]);

const idLists = new WeakMap<readonly { id: string }[], readonly string[]>();

/** The ids of a list of reps, once per list (the router keeps one list per team). */
export function idsOf(reps: readonly { id: string }[]): readonly string[] {
  let ids = idLists.get(reps);
  if (!ids) {
    ids = Object.freeze(reps.map((rep) => rep.id));
    idLists.set(reps, ids);
  }
  return ids;
}

export const noCandidates: Explanation = Object.freeze({
  ids: Object.freeze([]),
  scores: new Float64Array(0),
  exclusions: new Uint8Array(0),
  factors: null,
});

/** One rep chosen outright (a named rep, an account's owner), score 1. */
export function soleCandidate(userId: string): Explanation {
  return { ids: [userId], scores: Float64Array.of(1), exclusions: new Uint8Array(1), factors: null };
}

/**
 * Best-fit's score of the rep at `index` from its parts: the same sum in the same order as the
 * strategy worked it out, so the same number to the last bit.
 */
export function bestFitScore(parts: BestFitParts, index: number): number {
  const { weights } = parts;
  return (
    weights.tags * tagShare(parts.tagMatches[index]!, parts.tagsOutOf) +
    weights.conversion * parts.conversion[index]! +
    weights.load * parts.load[index]! +
    weights.response * parts.response[index]!
  );
}

/** The score of the rep at `index`, as worked out (0 for reps left out). */
function scoreAt(explanation: Explanation, index: number): number {
  const { scores, factors } = explanation;
  if (scores) return scores[index]!;
  return explanation.exclusions[index] !== 0 || !factors ? 0 : bestFitScore(factors, index);
}

/** The candidates as stored and served: every rep in id order with a score or the reason left out. */
export function candidatesOf(explanation: Explanation): CandidateScore[] {
  const { ids, exclusions } = explanation;
  return ids.map((userId, index) => {
    const excluded = reasonOf(exclusions[index]!);
    const score = round4(scoreAt(explanation, index));
    return excluded ? { userId, score, excluded } : { userId, score };
  });
}

/** Best-fit's parts of each eligible rep's score, keyed by rep in id order; undefined for other strategies. */
export function factorsOf(explanation: Explanation): Record<string, BestFitFactors> | undefined {
  const { ids, exclusions, factors } = explanation;
  if (!factors) return undefined;
  const { tagMatches, tagsOutOf, conversion, load, response, shrunkRate } = factors;
  const record: Record<string, BestFitFactors> = {};
  for (let index = 0; index < ids.length; index++) {
    if (exclusions[index] !== 0) continue;
    record[ids[index]!] = {
      tags: round4(tagShare(tagMatches[index]!, tagsOutOf)),
      conversion: round4(conversion[index]!),
      load: round4(load[index]!),
      response: round4(response[index]!),
      shrunkRate: round4(shrunkRate[index]!),
    };
  }
  return record;
}

const FOUR_PLACES = 10_000;
const fourPlaceTexts: (string | undefined)[] = new Array(FOUR_PLACES + 1);

/**
 * `JSON.stringify(round4(value))`: a number as stored in an explanation, as JSON writes it
 * (Number#toString; null when not finite). Scores and factors are mostly within [0, 1], so their
 * texts come from a table of the 10,001 four-place values there: turning a double into text is
 * most of the cost of writing a thousand candidates.
 */
function roundedJson(value: number): string {
  // round4(value) is steps / FOUR_PLACES.
  const steps = Math.round(value * FOUR_PLACES);
  if (steps >= 0 && steps <= FOUR_PLACES) return (fourPlaceTexts[steps] ??= String(steps / FOUR_PLACES));
  const rounded = steps / FOUR_PLACES;
  return Number.isFinite(rounded) ? String(rounded) : 'null';
}

const candidatePrefixes = new WeakMap<readonly string[], readonly string[]>();
const factorPrefixes = new WeakMap<readonly string[], readonly string[]>();

function prefixesOf(
  cache: WeakMap<readonly string[], readonly string[]>,
  ids: readonly string[],
  make: (id: string) => string,
) {
  let prefixes = cache.get(ids);
  if (!prefixes) {
    prefixes = ids.map(make);
    cache.set(ids, prefixes);
  }
  return prefixes;
}

const excludedJson = exclusionReasons.map((reason) => `,"excluded":${JSON.stringify(reason)}}`);

/** `JSON.stringify(candidatesOf(explanation))`, written straight from the arrays. */
export function candidatesJson(explanation: Explanation): string {
  const { ids, exclusions } = explanation;
  const prefixes = prefixesOf(candidatePrefixes, ids, (id) => `{"userId":${JSON.stringify(id)},"score":`);
  let json = '[';
  for (let index = 0; index < ids.length; index++) {
    const code = exclusions[index]!;
    json += (index === 0 ? '' : ',') + prefixes[index]! + roundedJson(scoreAt(explanation, index));
    json += code === 0 ? '}' : excludedJson[code - 1]!;
  }
  return json + ']';
}

/** `JSON.stringify(factorsOf(explanation))`, written straight from the arrays; null without factors. */
export function factorsJson(explanation: Explanation): string | null {
  const { ids, exclusions, factors } = explanation;
  if (!factors) return null;
  const { tagMatches, tagsOutOf, conversion, load, response, shrunkRate } = factors;
  const prefixes = prefixesOf(factorPrefixes, ids, (id) => `${JSON.stringify(id)}:{"tags":`);
  let json = '{';
  let first = true;
  for (let index = 0; index < ids.length; index++) {
    if (exclusions[index] !== 0) continue;
    json += (first ? '' : ',') + prefixes[index]! + roundedJson(tagShare(tagMatches[index]!, tagsOutOf));
    json += ',"conversion":' + roundedJson(conversion[index]!) + ',"load":' + roundedJson(load[index]!);
    json += ',"response":' + roundedJson(response[index]!) + ',"shrunkRate":' + roundedJson(shrunkRate[index]!) + '}';
    first = false;
  }
  return json + '}';
}
