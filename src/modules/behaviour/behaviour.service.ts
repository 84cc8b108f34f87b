import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { scopeAllows } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { recordRejectedIntake } from '../intake/intake.service.ts';
import { findLeadByContact, findLeadRow, type LeadRow } from '../leads/lead.repository.ts';
import { normaliseEmail, normalisePhone } from '../leads/lead.rules.ts';
import { rescoreLeads } from '../scoring/scoring.service.ts';
import { workspaceScoring, type ScoringCacheDeps } from '../scoring/workspace-scoring.ts';
import { insertLeadEvent, listLeadEvents, type LeadEventRow } from './behaviour.repository.ts';
import type { LeadEventBody } from './behaviour.schemas.ts';

export interface BehaviourDeps extends ScoringCacheDeps {
  db: Db;
  clock: Clock;
}

// Senders' clocks drift; an event from further ahead than this is a mistake, not a prediction.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function toView(row: LeadEventRow) {
  return {
    id: row.id,
    leadId: row.leadId,
    type: row.type,
    at: row.at.toISOString(),
    props: row.props as Record<string, unknown>,
    receivedAt: row.receivedAt.toISOString(),
  };
}

/** Users see a lead only in their scope; an integration key that may write events may name any lead. */
async function leadFor(deps: BehaviourDeps, actor: Actor, lead: LeadRow | null): Promise<LeadRow> {
  if (!lead) throw notFound('Lead');
  if (actor.kind === 'user' && !scopeAllows(await leadScopeOf(deps.db, actor), lead.ownerId)) throw notFound('Lead');
  return lead;
}

async function record(deps: BehaviourDeps, actor: Actor, lead: LeadRow, body: LeadEventBody) {
  const receivedAt = deps.clock.now();
  const at = body.at ? new Date(body.at) : receivedAt;
  if (at.getTime() > receivedAt.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('VALIDATION_FAILED', 'The event is dated in the future', 'at');
  }
  const row: LeadEventRow = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    leadId: lead.id,
    type: body.type,
    at,
    props: body.props,
    receivedAt,
    ...actorRef(actor),
  };
  // The lead is scored again with its new behaviour in the same transaction: what a rep sees is never behind.
  const scoring = await workspaceScoring(deps, actor.workspaceId);
  await deps.db.transaction(async (tx) => {
    await insertLeadEvent(tx, row);
    await rescoreLeads(tx, scoring, actor.workspaceId, [lead.id], receivedAt);
  });
  return toView(row);
}

export async function recordLeadEvent(deps: BehaviourDeps, actor: Actor, leadId: string, body: LeadEventBody) {
  const lead = await leadFor(deps, actor, await findLeadRow(deps.db, actor.workspaceId, leadId));
  return record(deps, actor, lead, body);
}

/**
 * A website knows the visitor's phone or e-mail, not our lead id. An event for a contact we have
 * no lead for is kept with the rejected intake (it may explain a lead that arrives later).
 */
export async function recordEventByContact(
  deps: BehaviourDeps,
  actor: Actor,
  body: LeadEventBody & { phone?: string | undefined; email?: string | undefined },
) {
  const contact = {
    phone: body.phone ? normalisePhone(body.phone) : null,
    email: body.email ? normaliseEmail(body.email) : null,
  };
  const lead = await findLeadByContact(deps.db, actor.workspaceId, contact);
  if (!lead) {
    const error = new AppError('NOT_FOUND', 'No lead has this phone or e-mail', contact.phone ? 'phone' : 'email');
    await recordRejectedIntake(deps, actor, [{ payload: body, error }]);
    throw error;
  }
  const { phone: _phone, email: _email, ...event } = body;
  return record(deps, actor, await leadFor(deps, actor, lead), event);
}

export async function leadEventsOf(deps: BehaviourDeps, actor: Actor, leadId: string, limit: number) {
  await leadFor(deps, actor, await findLeadRow(deps.db, actor.workspaceId, leadId));
  return (await listLeadEvents(deps.db, actor.workspaceId, leadId, limit)).map(toView);
}
