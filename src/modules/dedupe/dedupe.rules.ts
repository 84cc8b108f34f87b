import { pinyin } from 'pinyin-pro';
import { toHalfWidth } from '../leads/text.rules.ts';
import { chinesePlaceNames } from '../leads/region.rules.ts';

/**
 * A person's name as matched: half-width, lower-case, without spaces or punctuation. A Latin
 * name's words are sorted, so "Wei Zhang", "Zhang Wei" and "ZHANG, Wei" (first and last name
 * swapped between form fields) are one key.
 */
export function personNameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const text = toHalfWidth(name).normalize('NFKC').toLowerCase();
  const words = text.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  const latin = words.every((word) => /^[\p{Script=Latin}\d]+$/u.test(word));
  return latin ? [...words].sort().join(' ') : words.join('');
}

/**
 * The trigrams pg_trgm takes from a text: per word (letters and digits), padded with two spaces
 * in front and one behind. Kept identical to the extension so the rule and SQL agree.
 */
export function trigrams(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const chars = ['  ', ...word, ' '].join('');
    const padded = [...chars];
    for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3).join(''));
  }
  return result;
}

/** pg_trgm's similarity(): shared trigrams over all trigrams of either text. */
export function trigramSimilarity(a: string, b: string): number {
  return setSimilarity(trigrams(a), trigrams(b));
}

function setSimilarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}

/**
 * Words that describe a company's trade rather than name it (the 行业 part of 行政区划 + 字号 +
 * 行业 + 组织形式). Longest first.
 */
const tradeWords = [
  '网络科技',
  '信息科技',
  '信息技术',
  '网络技术',
  '电子商务',
  '软件技术',
  '智能科技',
  '数字科技',
  '科技发展',
  '技术服务',
  '贸易',
  '实业',
  '科技',
  '技术',
  '网络',
  '信息',
  '软件',
  '电子',
  '发展',
  '咨询',
  '服务',
  'technology',
  'technologies',
  'software',
  'network',
  'tech',
].sort((a, b) => b.length - a.length);

/**
 * The trade name (字号) inside a company match key: without a leading place (北京, 上海市) and
 * trailing trade words, so 北京字节跳动科技 and 字节跳动网络技术 share 字节跳动. Null when too
 * little is left to tell companies apart.
 */
export function companyCore(companyKey: string | null): string | null {
  if (!companyKey) return null;
  let core = companyKey;
  const place = chinesePlaceNames.find((name) => core.startsWith(name) && core.length > name.length + 1);
  if (place) core = core.slice(place.length);
  for (let changed = true; changed;) {
    changed = false;
    for (const word of tradeWords) {
      if (core.endsWith(word) && core.length - word.length >= 2) {
        core = core.slice(0, -word.length);
        changed = true;
        break;
      }
    }
  }
  return [...core].length >= 2 && !tradeWords.includes(core) ? core : null;
}

/** The place a company key opens with (北京 for 北京市华信科技), without 市/省. */
export function leadingPlace(companyKey: string): string | null {
  const place = chinesePlaceNames.find((name) => companyKey.startsWith(name) && companyKey.length > name.length + 1);
  return place ? place.replace(/[市省]$/u, '') : null;
}

/** Toneless pinyin of Chinese characters; other characters as they are. */
function toPinyin(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
}

/**
 * How alike two company match keys are, 0–1. When both have a trade name (字号), that is what is
 * compared: the place and trade words every firm in 大连 …网络技术 shares must not lift two firms
 * together. A trade name that sounds the same (华信 / 华新, the commonest input-method slip)
 * counts as the same. One 字号 registered in two different places is two firms.
 */
export function companySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const left = companyFeatures(a);
  const right = companyFeatures(b);
  if (!left.core || !right.core) return setSimilarity(left.trigrams, right.trigrams);
  if (left.place && right.place && left.place !== right.place) return 0;
  if (left.core.text === right.core.text) return 1;
  if (left.core.han && left.core.pinyin === right.core.pinyin) return 0.95;
  const strict = setSimilarity(left.core.trigrams, right.core.trigrams);
  // A slip in the place or the trade words (北经华信科技, 华信科枝) hides them from companyCore.
  const loose = left.loose();
  return loose && loose === right.loose() ? Math.max(strict, 0.9) : strict;
}

/** What companySimilarity reads of a key, worked out once per key: intake compares a common name's
 * company with every same-name lead (张伟 has hundreds), and pinyin and trigrams dominate that. */
interface CompanyFeatures {
  trigrams: Set<string>;
  place: string | null;
  core: { text: string; han: boolean; pinyin: string; trigrams: Set<string> } | null;
  loose: () => string | null;
}

const featureCache = new Map<string, CompanyFeatures>();
const FEATURE_CACHE_LIMIT = 20_000;

function companyFeatures(companyKey: string): CompanyFeatures {
  const cached = featureCache.get(companyKey);
  if (cached) return cached;
  const core = companyCore(companyKey);
  let loose: string | null | undefined;
  const features: CompanyFeatures = {
    trigrams: trigrams(companyKey),
    place: leadingPlace(companyKey),
    core: core
      ? { text: core, han: /\p{Script=Han}/u.test(core), pinyin: toPinyin(core), trigrams: trigrams(core) }
      : null,
    loose: () => (loose === undefined ? (loose = looseCore(companyKey)) : loose),
  };
  // Dropping everything at the limit keeps the bookkeeping free; a batch refills what it uses.
  if (featureCache.size >= FEATURE_CACHE_LIMIT) featureCache.clear();
  featureCache.set(companyKey, features);
  return features;
}

/** Whether two short texts differ by at most one character (replaced, added or dropped). */
function withinOneEdit(a: string, b: string): boolean {
  const [x, y] = [[...a], [...b]];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return x.length - i - j <= 1 && y.length - i - j <= 1;
}

/** The trade name with a place or trade word taken off even when it is misspelt by one character. */
function looseCore(companyKey: string): string | null {
  const minimum = 2;
  let core = [...companyKey];
  const exactPlace = chinesePlaceNames.find((place) => companyKey.startsWith(place));
  if (exactPlace && core.length - [...exactPlace].length >= minimum) {
    core = core.slice([...exactPlace].length);
  } else {
    // Only a two-character place can be told from a misspelling of one (深镇 for 深圳).
    const head = core.slice(0, 2).join('');
    const nearPlace = chinesePlaceNames.some((place) => [...place].length === 2 && withinOneEdit(head, place));
    if (nearPlace && core.length - 2 >= minimum) core = core.slice(2);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const length of [4, 3, 2]) {
      const tail = core.slice(-length).join('');
      const nearTrade = tradeWords.some(
        (word) => [...word].length >= length && [...word].length - length <= 1 && withinOneEdit(tail, word),
      );
      if (core.length - length >= minimum && nearTrade) {
        core = core.slice(0, -length);
        changed = true;
        break;
      }
    }
  }
  return core.length >= minimum ? core.join('') : null;
}

export type MatchReason = 'phone' | 'email' | 'name_company';

export interface MatchKeys {
  phone: string | null;
  email: string | null;
  nameKey: string | null;
  companyKey: string | null;
}

export interface DuplicateMatch<T> {
  lead: T;
  reason: MatchReason;
  score: number;
}

/**
 * The lead an incoming one repeats, if any. A duplicate is the same person: the same phone, the
 * same e-mail, or the same name at a company whose name is alike at or above the threshold. The
 * same company alone is not the same person. Among several, a contact match wins, then the
 * closest company, then the earliest candidate (callers pass candidates oldest first).
 */
export function findDuplicate<T extends MatchKeys>(
  incoming: MatchKeys,
  candidates: readonly T[],
  threshold: number,
): DuplicateMatch<T> | null {
  if (incoming.phone) {
    const lead = candidates.find((candidate) => candidate.phone === incoming.phone);
    if (lead) return { lead, reason: 'phone', score: 1 };
  }
  if (incoming.email) {
    const lead = candidates.find((candidate) => candidate.email === incoming.email);
    if (lead) return { lead, reason: 'email', score: 1 };
  }
  if (!incoming.nameKey || !incoming.companyKey) return null;
  let best: DuplicateMatch<T> | null = null;
  for (const candidate of candidates) {
    if (candidate.nameKey !== incoming.nameKey || !candidate.companyKey) continue;
    if (conflictingContacts(incoming, candidate)) continue;
    const score = companySimilarity(incoming.companyKey, candidate.companyKey);
    if (score >= threshold && (!best || score > best.score)) best = { lead: candidate, reason: 'name_company', score };
  }
  return best;
}

/**
 * Of the same-name people on file, the ones findDuplicate could match to an incoming person: the
 * same name key and a company alike at or above the threshold. The intake locks and reads only
 * these instead of every 张伟 on file.
 */
export function plausibleNameMatches(
  incoming: readonly MatchKeys[],
  onFile: readonly { id: string; nameKey: string; companyKey: string }[],
  threshold: number,
): string[] {
  const companiesByName = new Map<string, string[]>();
  for (const { nameKey, companyKey } of incoming) {
    if (!nameKey || !companyKey) continue;
    const companies = companiesByName.get(nameKey);
    if (companies) companies.push(companyKey);
    else companiesByName.set(nameKey, [companyKey]);
  }
  return onFile
    .filter((lead) =>
      companiesByName.get(lead.nameKey)?.some((company) => companySimilarity(company, lead.companyKey) >= threshold),
    )
    .map((lead) => lead.id);
}

/**
 * Two records that both have a mobile number and an e-mail and share neither are two people
 * who happen to share a name and an employer (张伟 is common); a missing contact is no evidence.
 */
function conflictingContacts(a: MatchKeys, b: MatchKeys): boolean {
  const phonesDiffer = Boolean(a.phone && b.phone && a.phone !== b.phone);
  const emailsDiffer = Boolean(a.email && b.email && a.email !== b.email);
  return phonesDiffer && emailsDiffer;
}

/** Fields a merge may fill on the surviving lead: only where it has nothing. */
export const mergeGapFields = [
  'phone',
  'email',
  'company',
  'companyKey',
  'website',
  'title',
  'province',
  'city',
  'campaign',
  'utm',
  'landingPage',
  'referrer',
  'channelId',
] as const;

interface MergeableLead {
  touchCount: number;
  lastTouchAt: Date;
  tags: string[];
  custom: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * What folding one lead into another changes on the survivor: its gaps filled from the other,
 * tags and custom values it lacks added, touches counted together. Owner, status and everything
 * the survivor already has stay.
 */
export function survivorChange(survivor: MergeableLead, merged: MergeableLead): Record<string, unknown> {
  const change: Record<string, unknown> = {};
  for (const field of mergeGapFields) {
    if ((survivor[field] === null || survivor[field] === undefined) && merged[field] != null) {
      change[field] = merged[field];
    }
  }
  const tags = [...new Set([...survivor.tags, ...merged.tags])];
  if (tags.length > survivor.tags.length) change.tags = tags;
  const addedCustom = Object.keys(merged.custom).filter((key) => !(key in survivor.custom));
  if (addedCustom.length > 0) {
    change.custom = { ...survivor.custom, ...Object.fromEntries(addedCustom.map((key) => [key, merged.custom[key]])) };
  }
  change.touchCount = survivor.touchCount + merged.touchCount;
  if (merged.lastTouchAt > survivor.lastTouchAt) change.lastTouchAt = merged.lastTouchAt;
  return change;
}

/**
 * What undoing a merge puts back on the survivor: each field the merge set returns to its old
 * value unless someone has changed it since (their edit wins). Touches are recounted apart.
 */
export function revertChange(
  current: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const revert: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) {
    if (field === 'touchCount' || field === 'lastTouchAt') continue;
    if (sameValue(current[field], value)) revert[field] = before[field] ?? null;
  }
  return revert;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}
