import { randomUUID } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import { cancelPendingStatement, insertDeadlinesStatement, refreshLeadSlaStatement } from './deadline.repository.ts';
import { noSla, planDealtLeads, type DealtLead, type LeadSla } from './deadline.rules.ts';
import { loadSlaPolicies } from './sla-policy.repository.ts';
import { loadCalendarDirectory } from '../calendars/business-calendar.repository.ts';
import { chooseCalendar } from '../calendars/calendar-choice.rules.ts';

/** A lead closed (won, lost, unqualified): nothing is left to chase, so its pending steps are cancelled. */
export async function endDeadlines(tx: Executor, workspaceId: string, leadId: string, now: Date): Promise<void> {
  await tx.execute(cancelPendingStatement(workspaceId, [leadId], now));
  await tx.execute(refreshLeadSlaStatement(workspaceId, [leadId]));
}

/**
 * A lead given to an owner by hand (a PATCH of its owner, a transfer): the steps planned for the
 * owner before are cancelled and the ladder starts again for the new one. Routing plans its own
 * deals (routeNewLeads); this is for the moves that do not go through it. Rare, so the policies
 * and calendars are read here rather than cached.
 */
export async function replanDeadlines(
  tx: Executor,
  workspaceId: string,
  leads: readonly DealtLead[],
  now: Date,
): Promise<ReadonlyMap<string, LeadSla>> {
  if (leads.length === 0) return new Map();
  const ids = leads.map((lead) => lead.id);
  await tx.execute(cancelPendingStatement(workspaceId, ids, now));
  const policies = await loadSlaPolicies(tx, workspaceId);
  if (policies.length === 0) {
    await tx.execute(refreshLeadSlaStatement(workspaceId, ids));
    return new Map(ids.map((id) => [id, noSla]));
  }
  const calendars = await loadCalendarDirectory(tx, workspaceId);
  const planned = planDealtLeads(
    policies,
    workspaceId,
    leads,
    now,
    randomUUID,
    (lead) => chooseCalendar(calendars, lead).calendar,
  );
  if (planned.rows.length > 0) await tx.execute(insertDeadlinesStatement(planned.rows));
  await tx.execute(refreshLeadSlaStatement(workspaceId, ids));
  return new Map(ids.map((id) => [id, planned.sla.get(id) ?? noSla]));
}
