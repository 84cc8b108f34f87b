import type { DuplicateCheckQuery, DuplicateMatch, Lead } from '../api/types';

/** A lead that may be merged into the one on screen: a duplicate-check match, or one looked up by id. */
export type MergeCandidate = Omit<DuplicateMatch, 'reason'> & { reason: DuplicateMatch['reason'] | 'id' };

// The duplicate check refuses longer values; a pasted paragraph should find nothing, not fail.
const LIMITS = { name: 200, company: 200, phone: 50, email: 320 } as const;

function clip(field: keyof typeof LIMITS, value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text ? text.slice(0, LIMITS[field]) : undefined;
}

function query(fields: DuplicateCheckQuery): DuplicateCheckQuery {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries) as DuplicateCheckQuery;
}

/** Who this lead may already be: everything it says about itself, as the intake would match it. */
export function ownDuplicateQuery(lead: Lead): DuplicateCheckQuery {
  return query({
    name: clip('name', lead.name),
    company: clip('company', lead.company),
    phone: clip('phone', lead.phone),
    email: clip('email', lead.email),
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PHONE = /^\+?[\d\s()-]{6,}$/;

export interface SearchPlan {
  /** A lead id found in the text (a pasted id or a link to a lead): looked up directly. */
  leadId?: string;
  queries: DuplicateCheckQuery[];
}

/**
 * What a typed search means. The API has no free-text lead search, so the text is read as what
 * it looks like: a lead's id or link, an e-mail, a phone number, or else a company — and, when
 * this lead has a company, a person of that name at it.
 */
export function searchPlan(text: string, lead: Lead): SearchPlan {
  const trimmed = text.trim();
  if (!trimmed) return { queries: [] };
  const id = UUID.exec(trimmed)?.[0];
  if (id) return { leadId: id.toLowerCase(), queries: [] };
  if (trimmed.includes('@')) return { queries: [query({ email: clip('email', trimmed) })] };
  if (PHONE.test(trimmed)) return { queries: [query({ phone: clip('phone', trimmed) })] };
  const queries = [query({ company: clip('company', trimmed) })];
  if (lead.company) queries.push(query({ name: clip('name', trimmed), company: clip('company', lead.company) }));
  return { queries };
}

/** One entry per lead, the first (strongest) reason kept, never the lead itself. */
export function combineCandidates(lists: readonly MergeCandidate[][], excludeId: string): MergeCandidate[] {
  const seen = new Set<string>([excludeId]);
  const combined: MergeCandidate[] = [];
  for (const candidate of lists.flat()) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    combined.push(candidate);
  }
  return combined;
}

export function candidateFromLead(lead: Lead): MergeCandidate {
  return {
    id: lead.id,
    name: lead.name,
    company: lead.company,
    phone: lead.phone,
    email: lead.email,
    ownerName: lead.ownerName,
    reason: 'id',
    score: 1,
    visible: true,
  };
}
