import type { LeadRow } from '../leads/lead.repository.ts';
import { unscoredLead } from '../scoring/scoring.rules.ts';
import { mergeTags } from '../channels/channel.rules.ts';
import { fillGaps, isClosedStatus, type CleanLead } from '../leads/lead.rules.ts';
import { findDuplicate, type MatchReason } from '../dedupe/dedupe.rules.ts';
import type { dedupePolicies } from '../../platform/db/schema.ts';

export type DedupePolicy = (typeof dedupePolicies)[number];

/** One accepted submission, already cleaned. */
export interface IntakeItem {
  lead: CleanLead;
  channel: string | null;
  payload: unknown;
  /** What a repeat of an existing lead does (the channel's policy unless the caller chose one). */
  dedupePolicy: DedupePolicy;
  /** A status the source already knows (an import of past leads, won or lost); new leads are 'new'. */
  status?: LeadRow['status'] | undefined;
}

export interface PlannedLead {
  row: LeadRow;
  /** The row as it was before this batch; null when the batch creates it. */
  before: LeadRow | null;
  /** Indexes of the items that touched this lead, in arrival order. */
  items: number[];
}

export interface ItemOutcome {
  leadId: string;
  /** Whether the lead existed before this item (in the database or earlier in the batch). */
  deduplicated: boolean;
  /** What this item changed, for the audit trail: the fields before and after it. */
  before: Partial<LeadRow> | null;
  after: Partial<LeadRow>;
  /** Why a merged item was taken for a repeat. */
  match?: { reason: MatchReason; score: number };
  /** Under the review policy: the lead this new one may repeat, for a person to judge. */
  duplicateOf?: { leadId: string; reason: MatchReason; score: number };
}

export interface IntakePlan {
  leads: PlannedLead[];
  outcomes: ItemOutcome[];
}

/** Custom values the lead lacks; values it has are never overwritten by a repeat submission. */
function newCustomValues(
  existing: Record<string, unknown>,
  incoming: Record<string, unknown>,
): { custom?: Record<string, unknown> } {
  const added = Object.keys(incoming).filter((name) => !(name in existing));
  if (added.length === 0) return {};
  return { custom: { ...existing, ...Object.fromEntries(added.map((name) => [name, incoming[name]])) } };
}

function newTags(existing: string[], incoming: string[]): { tags?: string[] } {
  const merged = mergeTags(existing, incoming);
  return merged.length > existing.length ? { tags: merged } : {};
}

const gapFields = ['phone', 'email', 'company', 'companyKey', 'website', 'title', 'province', 'city'] as const;

export function contactKeys(lead: { phone: string | null; email: string | null }): string[] {
  return [lead.phone && `phone:${lead.phone}`, lead.email && `email:${lead.email}`].filter((key): key is string =>
    Boolean(key),
  );
}

/** The keys a submission is matched on, and so locked by: its contacts and, with a company, its name. */
export function matchLockKeys(lead: CleanLead): string[] {
  const keys = contactKeys(lead);
  if (lead.nameKey && lead.companyKey) keys.push(`name:${lead.nameKey}`);
  return keys;
}

/**
 * Decides, for a batch of submissions in arrival order, which create a lead and which touch one.
 * A submission that repeats a lead (findDuplicate: same phone, e-mail, or name at a like company)
 * that exists — or was created earlier in the same batch — follows its channel's policy: merge
 * becomes a touch that fills the fields the lead lacks (the owner never changes); review creates
 * the lead and proposes the pair for a person to judge; create never looks for a repeat.
 */
export function planIntake(
  workspaceId: string,
  items: readonly IntakeItem[],
  existing: readonly LeadRow[],
  now: Date,
  newId: () => string,
  companyThreshold: number,
): IntakePlan {
  const byKey = new Map<string, PlannedLead>();
  const byName = new Map<string, PlannedLead[]>();
  const rowOwner = new Map<LeadRow, PlannedLead>();
  const planned: PlannedLead[] = [];
  const remember = (lead: PlannedLead) => {
    for (const key of contactKeys(lead.row)) if (!byKey.has(key)) byKey.set(key, lead);
    rowOwner.set(lead.row, lead);
  };
  const rememberName = (lead: PlannedLead) => {
    if (!lead.row.nameKey || !lead.row.companyKey) return;
    const same = byName.get(lead.row.nameKey) ?? [];
    same.push(lead);
    byName.set(lead.row.nameKey, same);
  };
  // The oldest lead wins a key that two existing leads share.
  for (const row of [...existing].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const lead = { row, before: row, items: [] };
    remember(lead);
    rememberName(lead);
  }
  const findMatch = (incoming: CleanLead) => {
    const candidates = [
      ...contactKeys(incoming).flatMap((key) => byKey.get(key) ?? []),
      ...(incoming.nameKey ? (byName.get(incoming.nameKey) ?? []) : []),
    ];
    if (candidates.length === 0) return null;
    const match = findDuplicate(
      incoming,
      candidates.map((lead) => lead.row),
      companyThreshold,
    );
    return match && { lead: rowOwner.get(match.lead)!, reason: match.reason, score: match.score };
  };
  const outcomes = items.map((item, index): ItemOutcome => {
    const match = item.dedupePolicy === 'create' ? null : findMatch(item.lead);
    if (match && item.dedupePolicy === 'merge') {
      const target = match.lead;
      if (target.items.length === 0 && target.before) planned.push(target);
      const change: Partial<LeadRow> = {
        ...fillGaps(target.row, item.lead, [...gapFields]),
        ...newCustomValues(target.row.custom, item.lead.custom),
        ...newTags(target.row.tags, item.lead.tags),
        touchCount: target.row.touchCount + 1,
      };
      const before = Object.fromEntries(Object.keys(change).map((key) => [key, target.row[key as keyof LeadRow]]));
      // What the touch filled in may change the score: the background scorer picks the lead up at once.
      target.row = { ...target.row, ...change, rescoreAt: now, lastTouchAt: now, updatedAt: now };
      target.items.push(index);
      remember(target);
      return {
        leadId: target.row.id,
        deduplicated: true,
        before,
        after: change,
        match: { reason: match.reason, score: match.score },
      };
    }
    const created: PlannedLead = {
      row: {
        id: newId(),
        workspaceId,
        ...item.lead,
        status: item.status ?? 'new',
        ownerId: null,
        teamId: null,
        touchCount: 1,
        ...unscoredLead,
        closedAt: item.status && isClosedStatus(item.status) ? now : null,
        // Routing gives the owner and, with it, the deadline plan.
        slaDueAt: null,
        slaStep: null,
        poolId: null,
        lastTouchAt: now,
        createdAt: now,
        updatedAt: now,
      },
      before: null,
      items: [index],
    };
    planned.push(created);
    remember(created);
    rememberName(created);
    return {
      leadId: created.row.id,
      deduplicated: false,
      before: null,
      after: created.row,
      ...(match && { duplicateOf: { leadId: match.lead.row.id, reason: match.reason, score: match.score } }),
    };
  });
  return { leads: planned, outcomes };
}
