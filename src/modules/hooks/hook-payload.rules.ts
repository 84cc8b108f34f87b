import { createHash } from 'node:crypto';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * JSON.parse, except that an integer too large for a double arrives as its digits in a string.
 * Ad platforms send 64-bit lead ids (巨量引擎's clue_id, 腾讯广告's leads_id) as bare numbers;
 * parsed as doubles, two different leads could round to one id and the second would be answered
 * as a retry of the first, and lost. Throws SyntaxError on text that is not JSON.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  const quoted = /\d{16}/.test(text) ? quoteBigIntegers(text) : text;
  // A "__proto__" key is refused, as Fastify's own JSON parser does.
  if (!/"__proto__"\s*:/.test(quoted)) return JSON.parse(quoted);
  return JSON.parse(quoted, (key, value: unknown) => {
    if (key === '__proto__') throw new SyntaxError('"__proto__" is not allowed as a key');
    return value;
  });
}

/** Wraps every integer literal outside strings that exceeds 2^53 - 1 in quotes; nothing else changes. */
function quoteBigIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      index = endOfString(text, index);
      continue;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
      const token = match?.[0] ?? char;
      const integer = match !== null && match[1] === undefined && match[2] === undefined;
      if (integer && token.replace('-', '').length > 15 && absBigInt(token) > MAX_SAFE) {
        out += `${text.slice(copiedUpTo, index)}"${token}"`;
        copiedUpTo = index + token.length;
      }
      index += token.length;
      continue;
    }
    index += 1;
  }
  return out + text.slice(copiedUpTo);
}

/** The index just past the string literal that opens at `start`; the text's end if it never closes. */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return index;
}

function absBigInt(token: string): bigint {
  const value = BigInt(token);
  return value < 0n ? -value : value;
}

/** A form post (a=1&b=2) as an object; a repeated name becomes a list of its values. */
export function parseFormEncoded(text: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (name === '__proto__') continue;
    const existing = result[name];
    if (existing === undefined) result[name] = value;
    else result[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

/** JSON with object keys sorted at every level: the same data gives the same text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((element) => canonicalJson(element ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
