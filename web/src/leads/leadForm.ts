import type { LeadEntryBody } from './leadEntry.api';

/** The lead form's values: what LeadFormFields renders, for manual entry and for fixing a held submission. */
export interface LeadFormValues {
  name?: string;
  phone?: string;
  email?: string;
  company?: string;
  website?: string;
  title?: string;
  province?: string;
  city?: string;
  channelId?: string;
  custom?: Record<string, unknown>;
}

export const LEAD_TEXT_FIELDS = ['name', 'phone', 'email', 'company', 'website', 'title', 'province', 'city'] as const;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** Trimmed, with empty inputs left out, so "nothing typed" never reaches the server as "". */
export function toLeadBody(values: LeadFormValues): LeadEntryBody {
  const body: LeadEntryBody = { name: values.name?.trim() ?? '' };
  for (const field of LEAD_TEXT_FIELDS) {
    const value = values[field];
    if (field !== 'name' && typeof value === 'string' && value.trim()) body[field] = value.trim();
  }
  if (values.channelId) body.channelId = values.channelId;
  const custom = Object.entries(values.custom ?? {}).filter(([, value]) => !blank(value));
  if (custom.length > 0) {
    body.custom = Object.fromEntries(
      custom.map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value]),
    );
  }
  return body;
}

/**
 * The form item an API error names, or null when it names none the form shows: "phone",
 * "lead.phone" (a release's body nests the lead) and "custom.budget" are all form fields.
 */
export function formFieldOf(apiField: string | undefined, customNames: readonly string[]): (string | number)[] | null {
  if (!apiField) return null;
  const path = apiField.replace(/^lead\./, '').split('.');
  const [head, name] = path;
  if (head === 'custom' && name && customNames.includes(name)) return ['custom', name];
  if (path.length === 1 && head && ((LEAD_TEXT_FIELDS as readonly string[]).includes(head) || head === 'channelId')) {
    return [head];
  }
  return null;
}
