import { toHalfWidth } from '../leads/text.rules.ts';

export const fieldTypes = ['text', 'number', 'date', 'select', 'bool'] as const;
export type FieldType = (typeof fieldTypes)[number];

export interface FieldDefinition {
  name: string;
  type: FieldType;
  options: string[] | null;
}

export type CustomCheck = { ok: true; value: Record<string, unknown> } | { ok: false; field: string; message: string };

const MAX_TEXT = 2000;
const truthy = new Set(['true', '1', 'yes', 'y', '是', '有', '对']);
const falsy = new Set(['false', '0', 'no', 'n', '否', '无', '不是']);

/** One value in the field's type, or the reason it is not one; null clears the field. */
export function coerceFieldValue(
  field: FieldDefinition,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (raw === null) return { ok: true, value: null };
  const text = typeof raw === 'string' ? toHalfWidth(raw).trim() : null;
  switch (field.type) {
    case 'text':
      if (typeof raw === 'number' || typeof raw === 'boolean') return { ok: true, value: String(raw) };
      if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
      // Free text keeps its full-width punctuation; only the ends are trimmed.
      return raw.trim().length > MAX_TEXT
        ? { ok: false, message: `must be at most ${MAX_TEXT} characters` }
        : { ok: true, value: raw.trim() };
    case 'number': {
      const number =
        typeof raw === 'number' ? raw : text !== null && text !== '' ? Number(text.replace(/,/g, '')) : NaN;
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, message: 'must be a number' };
    }
    case 'date': {
      const match = text === null ? null : /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ].*)?$/.exec(text);
      if (!match) return { ok: false, message: 'must be a date (YYYY-MM-DD)' };
      const [, year, month, day] = match;
      const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
      const parsed = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso
        ? { ok: false, message: 'must be a real calendar date' }
        : { ok: true, value: iso };
    }
    case 'select': {
      const option = field.options?.find((candidate) => candidate === text);
      return option !== undefined
        ? { ok: true, value: option }
        : { ok: false, message: `must be one of: ${(field.options ?? []).join(', ')}` };
    }
    case 'bool':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (text !== null && truthy.has(text.toLowerCase())) return { ok: true, value: true };
      if (text !== null && falsy.has(text.toLowerCase())) return { ok: true, value: false };
      return { ok: false, message: 'must be true or false' };
  }
}

/** Checks and coerces every custom value against the workspace's fields; an unknown name is an error. */
export function checkCustomValues(
  fields: readonly FieldDefinition[],
  values: Record<string, unknown> | undefined,
): CustomCheck {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const clean: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values ?? {})) {
    const field = byName.get(name);
    if (!field) return { ok: false, field: `custom.${name}`, message: `There is no custom field "${name}"` };
    const coerced = coerceFieldValue(field, raw);
    if (!coerced.ok) return { ok: false, field: `custom.${name}`, message: `custom.${name} ${coerced.message}` };
    clean[name] = coerced.value;
  }
  return { ok: true, value: clean };
}

/** Applies a change: nulls remove a value, the rest overwrite. */
export function mergeCustom(
  current: Record<string, unknown>,
  change: Record<string, unknown>,
): Record<string, unknown> {
  const next = { ...current };
  for (const [name, value] of Object.entries(change)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next;
}
