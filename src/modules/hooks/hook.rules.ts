import { z } from 'zod';
import { canonicalJson, parseJsonKeepingBigIntegers, sha256Hex } from './hook-payload.rules.ts';
import { leadTargets, leadTextLimits, type LeadTarget } from '../leads/lead.schemas.ts';

/**
 * A hook's mapping turns one ad platform's payload into the bodies of POST /leads: where the
 * list of leads is, which value identifies a lead across the platform's retries, and for each
 * lead field the JSON path it comes from, a constant, or both (the constant fills in when the
 * path gives nothing).
 *
 * Paths: `clue.telephone`, `data.leads[0].name`, `formDetail[type=phone].value` (the first
 * element whose `type` is "phone"), `tags[*]` (every element), and alternatives
 * `telephone|telphone` (the first that has a value). A string holding JSON is looked into as
 * JSON (腾讯广告 sends its extra form fields as a JSON string).
 */

const CUSTOM_TARGET = /^custom\.[a-z][a-z0-9_]{0,39}$/;
const MAX_CUSTOM_TEXT = 2000;
export const MAX_EXTERNAL_ID = 200;

export const transformNames = ['trim', 'lower', 'upper', 'digits', 'date', 'first', 'join'] as const;
export type TransformName = (typeof transformNames)[number];

// ---------------------------------------------------------------------------------------------
// Paths

export type PathStep =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'match'; key: string; value: string };

/** A path's alternatives, each a list of steps; null when the text is not a path. */
export function parsePath(text: string): PathStep[][] | null {
  const alternatives = text.split('|').map((alternative) => parseSteps(alternative.trim()));
  return alternatives.every((steps): steps is PathStep[] => steps !== null) ? alternatives : null;
}

const KEY = /^[^.[\]|]+/;
const BRACKET = /^\[(?:(\d{1,6})|(\*)|([^=\]]+)=([^\]]*))\]/;

function parseSteps(text: string): PathStep[] | null {
  if (text === '') return null;
  const steps: PathStep[] = [];
  let rest = text;
  let expectKey = true;
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      const match = BRACKET.exec(rest);
      if (!match) return null;
      const [whole, index, all, key, value] = match;
      if (index !== undefined) steps.push({ kind: 'index', index: Number(index) });
      else if (all !== undefined) steps.push({ kind: 'all' });
      else steps.push({ kind: 'match', key: key!.trim(), value: value!.trim() });
      rest = rest.slice(whole.length);
      expectKey = false;
      continue;
    }
    if (!expectKey) {
      if (!rest.startsWith('.')) return null;
      rest = rest.slice(1);
    }
    const match = KEY.exec(rest);
    if (!match) return null;
    steps.push({ kind: 'key', key: match[0].trim() });
    rest = rest.slice(match[0].length);
    expectKey = false;
  }
  return steps;
}

/** True for what a lead field can use: not missing, not null, not blank, not an empty list. */
export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasValue);
  return true;
}

/**
 * What the path points at in `root`, from the first alternative whose value `accept`s: undefined
 * when there is none; a list when the path went through `[*]`.
 */
export function resolvePath(root: unknown, path: PathStep[][], accept = hasValue): unknown {
  for (const steps of path) {
    const value = resolveSteps(root, steps);
    if (accept(value)) return value;
  }
  return undefined;
}

function resolveSteps(root: unknown, steps: PathStep[]): unknown {
  let current: unknown[] = [root];
  let many = false;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      const container = openJsonText(value);
      if (step.kind === 'all') {
        if (Array.isArray(container)) next.push(...container);
        many = true;
        continue;
      }
      const child = stepInto(container, step);
      if (child !== undefined) next.push(child);
    }
    current = next;
  }
  if (many) return current.length > 0 ? current : undefined;
  return current[0];
}

function stepInto(container: unknown, step: Exclude<PathStep, { kind: 'all' }>): unknown {
  if (step.kind === 'index') return Array.isArray(container) ? container[step.index] : undefined;
  if (step.kind === 'key') {
    if (container === null || typeof container !== 'object' || Array.isArray(container)) return undefined;
    // Own keys only: "__proto__" or "constructor" must not reach into the prototype.
    return Object.hasOwn(container, step.key) ? (container as Record<string, unknown>)[step.key] : undefined;
  }
  if (!Array.isArray(container)) return undefined;
  return container.find(
    (element) =>
      element !== null &&
      typeof element === 'object' &&
      Object.hasOwn(element, step.key) &&
      String((element as Record<string, unknown>)[step.key]) === step.value,
  );
}

/** A string that holds a JSON object or list, opened so a path can go on into it. */
function openJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!(text.startsWith('{') || text.startsWith('['))) return value;
  try {
    return parseJsonKeepingBigIntegers(text);
  } catch {
    return value;
  }
}

// ---------------------------------------------------------------------------------------------
// The mapping and its validation

const pathText = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((text) => parsePath(text) !== null, {
    message: 'not a path: use keys joined by ".", [0], [*], [key=value] and "|" between alternatives',
  });

const lookupTransform = z.strictObject({
  lookup: z.record(z.string().max(200), z.string().max(2000)).refine((map) => Object.keys(map).length <= 200, {
    message: 'at most 200 entries',
  }),
  default: z.string().max(2000).optional(),
});
export const transform = z.union([z.enum(transformNames), lookupTransform]);
export type Transform = z.infer<typeof transform>;

export const mappingRule = z
  .strictObject({
    target: z.union([
      z.enum(leadTargets as [LeadTarget, ...LeadTarget[]]),
      z.string().regex(CUSTOM_TARGET, 'a lead field, or custom.<field name>'),
    ]),
    path: pathText.optional(),
    value: z.union([z.string().max(2000), z.number(), z.boolean()]).optional(),
    transform: z.union([transform, z.array(transform).max(5)]).optional(),
  })
  .refine((rule) => rule.path !== undefined || rule.value !== undefined, {
    message: 'a rule needs a path, a constant value, or both',
  });
export type MappingRule = z.infer<typeof mappingRule>;

export const hookMapping = z.strictObject({
  itemsPath: pathText.optional(),
  externalIdPath: pathText.optional(),
  rules: z.array(mappingRule).min(1).max(60),
});
export type HookMapping = z.infer<typeof hookMapping>;

// ---------------------------------------------------------------------------------------------
// Applying it

export type ItemsResult = { ok: true; items: unknown[] } | { ok: false; field: 'itemsPath'; message: string };

/**
 * The leads a delivery carries: the list at itemsPath (an object there is one lead), or without
 * itemsPath the payload itself (a list is several leads).
 */
export function itemsOf(payload: unknown, mapping: Pick<HookMapping, 'itemsPath'>): ItemsResult {
  if (mapping.itemsPath === undefined) return { ok: true, items: Array.isArray(payload) ? payload : [payload] };
  const found = resolvePath(
    payload,
    parsePath(mapping.itemsPath)!,
    (value) => value !== null && typeof value === 'object',
  );
  if (Array.isArray(found)) return { ok: true, items: found };
  if (found !== null && typeof found === 'object') return { ok: true, items: [found] };
  return { ok: false, field: 'itemsPath', message: `The payload has no list of leads at "${mapping.itemsPath}"` };
}

export interface MappedItem {
  externalId: string;
  /** path: taken from externalIdPath; hash: none there, so the sha256 of the item's canonical JSON. */
  externalIdFrom: 'path' | 'hash';
  /** A body for POST /leads, to be validated and cleaned by intake. */
  body: Record<string, unknown>;
  /** What the mapping could not use as it stands, per target, for the preview. */
  warnings: { target: string; message: string }[];
}

/** One lead's body from one item; the first rule that yields a value for a target wins. */
export function applyMapping(item: unknown, mapping: HookMapping): MappedItem {
  const body: Record<string, unknown> = {};
  const warnings: MappedItem['warnings'] = [];
  const filled = new Set<string>();
  for (const rule of mapping.rules) {
    if (filled.has(rule.target)) continue;
    const raw = rule.path === undefined ? undefined : resolvePath(item, parsePath(rule.path)!);
    const picked = hasValue(raw) ? raw : rule.value;
    if (!hasValue(picked)) continue;
    const transformed = applyTransforms(picked, [rule.transform ?? []].flat());
    for (const message of transformed.warnings) warnings.push({ target: rule.target, message });
    const value = fieldValue(rule.target, transformed.value, warnings);
    if (value === undefined) continue;
    setTarget(body, rule.target, value);
    filled.add(rule.target);
  }
  return { ...externalIdOf(item, mapping), body, warnings };
}

function externalIdOf(item: unknown, mapping: HookMapping): Pick<MappedItem, 'externalId' | 'externalIdFrom'> {
  const found = mapping.externalIdPath ? resolvePath(item, parsePath(mapping.externalIdPath)!) : undefined;
  const scalar = typeof found === 'string' || typeof found === 'number' ? String(found).trim() : '';
  if (scalar !== '' && scalar.length <= MAX_EXTERNAL_ID) return { externalId: scalar, externalIdFrom: 'path' };
  return { externalId: `sha256:${sha256Hex(canonicalJson(item))}`, externalIdFrom: 'hash' };
}

function setTarget(body: Record<string, unknown>, target: string, value: unknown): void {
  const [head, tail] = target.split('.', 2) as [string, string | undefined];
  if (tail === undefined) {
    body[head] = value;
    return;
  }
  const nested = (body[head] ??= {}) as Record<string, unknown>;
  nested[tail] = value;
}

/** The value a target takes: text for lead fields, a scalar for custom fields; undefined to skip. */
function fieldValue(target: string, value: unknown, warnings: MappedItem['warnings']): unknown {
  const custom = target.startsWith('custom.');
  if (custom && (typeof value === 'number' || typeof value === 'boolean')) return value;
  const text = asText(value);
  if (text === undefined) {
    warnings.push({ target, message: 'the value is an object; point the path at a field inside it' });
    return undefined;
  }
  // status is a word from a short list: the lead body refuses anything else by name.
  const limit = custom ? MAX_CUSTOM_TEXT : ((leadTextLimits as Record<string, number>)[target] ?? 20);
  if (text.length <= limit) return text;
  warnings.push({ target, message: `cut to ${limit} characters` });
  return text.slice(0, limit);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    const parts = value.filter(hasValue).map(asText);
    return parts.every((part) => part !== undefined) ? parts.join(', ') : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Transforms

export function applyTransforms(value: unknown, transforms: Transform[]): { value: unknown; warnings: string[] } {
  const warnings: string[] = [];
  let current = value;
  for (const step of transforms) {
    current = applyTransform(current, step, warnings);
  }
  return { value: current, warnings };
}

function applyTransform(value: unknown, step: Transform, warnings: string[]): unknown {
  if (typeof step === 'object') {
    const key = asText(value)?.trim() ?? '';
    if (Object.hasOwn(step.lookup, key)) return step.lookup[key];
    return step.default ?? value;
  }
  switch (step) {
    case 'first':
      return Array.isArray(value) ? value.find(hasValue) : value;
    case 'join':
      return Array.isArray(value) ? asText(value) : value;
    case 'date': {
      const date = dateOf(value);
      if (date === null) warnings.push(`"${asText(value) ?? ''}" is not a date or a timestamp`);
      return date ?? value;
    }
    default:
      return Array.isArray(value) ? value.map((element) => textTransform(element, step)) : textTransform(value, step);
  }
}

function textTransform(value: unknown, step: 'trim' | 'lower' | 'upper' | 'digits'): unknown {
  const text = asText(value);
  if (text === undefined) return value;
  switch (step) {
    case 'trim':
      return text.replace(/\s+/g, ' ').trim();
    case 'lower':
      return text.toLowerCase();
    case 'upper':
      return text.toUpperCase();
    case 'digits':
      return text.replace(/\D/g, '');
  }
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * YYYY-MM-DD from a date-time text or a Unix timestamp (seconds or milliseconds). Timestamps are
 * read as China time (UTC+8, no daylight saving), the platforms' own.
 */
export function dateOf(value: unknown): string | null {
  const text = asText(value)?.trim() ?? '';
  if (/^\d{9,13}$/.test(text)) {
    const number = Number(text);
    const ms = text.length >= 12 ? number : number * 1000;
    return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? null : iso;
}
