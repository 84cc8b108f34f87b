import type { LeadRow } from '../leads/lead.repository.ts';
import { mergeTags } from '../channels/channel.rules.ts';
import { fillGaps, type CleanLead } from '../leads/lead.rules.ts';

/** One accepted submission, already cleaned. */
export interface IntakeItem {
  lead: CleanLead;
  channel: string | null;
  payload: unknown;
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

/**
 * Decides, for a batch of submissions in arrival order, which create a lead and which touch one:
 * a submission sharing a phone or an e-mail with an existing lead — or with one created earlier
 * in the same batch — becomes a touch on it and fills the fields it lacks.
 */
export function planIntake(
  workspaceId: string,
  items: readonly IntakeItem[],
  existing: readonly LeadRow[],
  now: Date,
  newId: () => string,
): IntakePlan {
  const byKey = new Map<string, PlannedLead>();
  const planned: PlannedLead[] = [];
  const remember = (lead: PlannedLead) => {
    for (const key of contactKeys(lead.row)) if (!byKey.has(key)) byKey.set(key, lead);
  };
  // The oldest lead wins a key that two existing leads share.
  for (const row of [...existing].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    remember({ row, before: row, items: [] });
  }
  const outcomes = items.map((item, index): ItemOutcome => {
    const match = contactKeys(item.lead)
      .map((key) => byKey.get(key))
      .find(Boolean);
    if (match) {
      if (match.items.length === 0 && match.before) planned.push(match);
      const change: Partial<LeadRow> = {
        ...fillGaps(match.row, item.lead, [...gapFields]),
        ...newCustomValues(match.row.custom, item.lead.custom),
        ...newTags(match.row.tags, item.lead.tags),
        touchCount: match.row.touchCount + 1,
      };
      const before = Object.fromEntries(Object.keys(change).map((key) => [key, match.row[key as keyof LeadRow]]));
      match.row = { ...match.row, ...change, lastTouchAt: now, updatedAt: now };
      match.items.push(index);
      remember(match);
      return { leadId: match.row.id, deduplicated: true, before, after: change };
    }
    const created: PlannedLead = {
      row: {
        id: newId(),
        workspaceId,
        ...item.lead,
        status: 'new',
        ownerId: null,
        teamId: null,
        touchCount: 1,
        lastTouchAt: now,
        createdAt: now,
        updatedAt: now,
      },
      before: null,
      items: [index],
    };
    planned.push(created);
    remember(created);
    return { leadId: created.row.id, deduplicated: false, before: null, after: created.row };
  });
  return { leads: planned, outcomes };
}
