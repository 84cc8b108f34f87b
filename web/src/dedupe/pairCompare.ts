import type { DuplicateLead } from '../api/types';
import type { MessageKey } from '../i18n/zh-CN';

export type CompareField =
  'name' | 'phone' | 'email' | 'company' | 'title' | 'place' | 'source' | 'channel' | 'owner' | 'touches' | 'created';

/** `differs`: both leads have a value and they are not the same; `oneMissing`: only one has a value. */
export type CellDifference = 'same' | 'differs' | 'oneMissing';

export interface CompareRow {
  field: CompareField;
  label: MessageKey;
  /** When a row may be highlighted: the creation times of two leads always differ, so that says nothing. */
  comparable: boolean;
}

export const COMPARE_ROWS: readonly CompareRow[] = [
  { field: 'name', label: 'leads.column.name', comparable: true },
  { field: 'phone', label: 'leads.column.phone', comparable: true },
  { field: 'email', label: 'leads.column.email', comparable: true },
  { field: 'company', label: 'leads.column.company', comparable: true },
  { field: 'title', label: 'leadDetail.field.title', comparable: true },
  { field: 'place', label: 'duplicates.field.place', comparable: true },
  { field: 'source', label: 'leads.column.source', comparable: true },
  { field: 'channel', label: 'duplicates.field.channel', comparable: true },
  { field: 'owner', label: 'leads.column.owner', comparable: true },
  { field: 'touches', label: 'leadDetail.field.touchCount', comparable: true },
  { field: 'created', label: 'leads.column.createdAt', comparable: false },
];

/** The raw value a row compares; null when the lead has none. */
export function fieldValue(lead: DuplicateLead, field: CompareField): string | null {
  switch (field) {
    case 'name':
      return lead.name;
    case 'phone':
      return lead.phone;
    case 'email':
      return lead.email;
    case 'company':
      return lead.company;
    case 'title':
      return lead.title;
    case 'place':
      return [lead.province, lead.city].filter(Boolean).join(' ') || null;
    case 'source':
      return lead.source;
    case 'channel':
      return lead.channelId;
    case 'owner':
      return lead.ownerId;
    case 'touches':
      return String(lead.touchCount);
    case 'created':
      return lead.createdAt;
  }
}

/** Spacing and letter case do not make two values different to a reader. */
function comparable(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function cellDifference(newer: DuplicateLead, older: DuplicateLead, row: CompareRow): CellDifference {
  if (!row.comparable) return 'same';
  const a = fieldValue(newer, row.field);
  const b = fieldValue(older, row.field);
  if (a === null && b === null) return 'same';
  if (a === null || b === null) return 'oneMissing';
  return comparable(a) === comparable(b) ? 'same' : 'differs';
}
