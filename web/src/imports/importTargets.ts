import type { MessageKey } from '../i18n/zh-CN';

import type { LeadTarget } from '../api/leadTargets';

export const targetLabelKey = (target: LeadTarget) => `imports.target.${target}` as MessageKey;

/** A lead needs a name and a way to reach it; without them every row would be rejected. */
export function mappingIsComplete(mapping: Record<string, string>): boolean {
  const targets = new Set(Object.values(mapping));
  return targets.has('name') && (targets.has('phone') || targets.has('email'));
}

/** A cleaned lead's value at a target ('utm.source', 'custom.industry'), as text. */
export function cleanedValue(lead: Record<string, unknown>, target: string): string {
  const [group, name] = target.includes('.') ? target.split('.', 2) : [null, target];
  const value = group ? (lead[group] as Record<string, unknown> | null)?.[name!] : lead[target];
  return value === null || value === undefined ? '' : String(value);
}

const SAMPLE_BYTES = 256 * 1024;

/**
 * What the preview needs of a file: the start of a CSV, cut after its last whole line; an .xlsx
 * (a zip) or a UTF-16 text file whole.
 */
export async function previewSample(file: File): Promise<Blob> {
  if (file.size <= SAMPLE_BYTES) return file;
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (zip || utf16) return file;
  const bytes = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
  const lastNewline = bytes.lastIndexOf(0x0a);
  return file.slice(0, lastNewline > 0 ? lastNewline + 1 : SAMPLE_BYTES);
}
