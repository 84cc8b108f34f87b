import type { HookMapping, MappingRule, Transform, TransformName } from './channels.types';

/** A mapping rule as the editor holds it: every part as text, the lookup as "from=to" lines. */
export interface RuleRow {
  key: string;
  target: string;
  path: string;
  value: string;
  transforms: TransformName[];
  lookupText: string;
}

let lastKey = 0;
const nextKey = () => `rule-${++lastKey}`;

export function blankRow(): RuleRow {
  return { key: nextKey(), target: '', path: '', value: '', transforms: [], lookupText: '' };
}

// The editor applies a lookup after the named transforms, where rules put it in practice.
export function rowsOf(mapping: HookMapping): RuleRow[] {
  return mapping.rules.map((rule) => {
    const transforms = [rule.transform ?? []].flat();
    const lookup = transforms.find((step) => typeof step === 'object');
    return {
      key: nextKey(),
      target: rule.target,
      path: rule.path ?? '',
      value: rule.value === undefined ? '' : String(rule.value),
      transforms: transforms.filter((step): step is TransformName => typeof step === 'string'),
      lookupText: lookup ? lookupToText(lookup) : '',
    };
  });
}

function lookupToText(lookup: Exclude<Transform, string>): string {
  const lines = Object.entries(lookup.lookup).map(([from, to]) => `${from}=${to}`);
  if (lookup.default !== undefined) lines.push(`*=${lookup.default}`);
  return lines.join('\n');
}

/** "from=to" lines (and "*=default") as a lookup; null when there are none. */
export function parseLookup(text: string): Exclude<Transform, string> | null {
  const lookup: Record<string, string> = {};
  let fallback: string | undefined;
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at < 0) continue;
    const from = line.slice(0, at).trim();
    const to = line.slice(at + 1).trim();
    if (from === '*') fallback = to;
    else if (from !== '') lookup[from] = to;
  }
  if (Object.keys(lookup).length === 0 && fallback === undefined) return null;
  return fallback === undefined ? { lookup } : { lookup, default: fallback };
}

export function isComplete(row: RuleRow): boolean {
  return row.target.trim() !== '' && (row.path.trim() !== '' || row.value !== '');
}

/** The rows as the API takes them; rows not yet complete are left out. */
export function mappingOf(itemsPath: string, externalIdPath: string, rows: RuleRow[]): HookMapping {
  const rules = rows.filter(isComplete).map((row): MappingRule => {
    const lookup = parseLookup(row.lookupText);
    const transforms: Transform[] = [...row.transforms, ...(lookup ? [lookup] : [])];
    return {
      target: row.target.trim(),
      ...(row.path.trim() ? { path: row.path.trim() } : {}),
      ...(row.value !== '' ? { value: row.value } : {}),
      ...(transforms.length === 1
        ? { transform: transforms[0] }
        : transforms.length > 1
          ? { transform: transforms }
          : {}),
    };
  });
  return {
    ...(itemsPath.trim() ? { itemsPath: itemsPath.trim() } : {}),
    ...(externalIdPath.trim() ? { externalIdPath: externalIdPath.trim() } : {}),
    rules,
  };
}
