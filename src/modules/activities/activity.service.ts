import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { getLead } from '../leads/lead.service.ts';
import { findLeadForUpdate } from '../leads/lead.repository.ts';
import { contactActivityTypes } from '../sla/sla.schemas.ts';
import { recordOwnerTouch } from '../sla/deadline.service.ts';
import {
  insertActivity,
  leadTimeline,
  listActivities,
  type ActivityRow,
  type TimelineRow,
} from './activity.repository.ts';
import type { ActivityBody, ActivityView, TimelineItem } from './activity.schemas.ts';

export interface ActivityDeps {
  db: Db;
  clock: Clock;
}

// A phone's clock may run a little ahead; an activity further ahead than this is a mistake.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A contact-type activity logged by the lead's owner: what the response deadlines count as a touch. */
export function isOwnerTouch(
  row: Pick<ActivityRow, 'type' | 'actorType' | 'actorId'>,
  ownerId: string | null,
): boolean {
  return ownerId !== null && row.actorType === 'user' && row.actorId === ownerId && contactActivityTypes.has(row.type);
}

function toView(row: ActivityRow, ownerId: string | null): ActivityView {
  return {
    id: row.id,
    leadId: row.leadId,
    type: row.type,
    summary: row.summary,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    touch: isOwnerTouch(row, ownerId),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Logs what a person did with a lead they can see; the row is its own record of who and when. */
export async function logActivity(
  deps: ActivityDeps,
  actor: Actor,
  leadId: string,
  body: ActivityBody,
): Promise<ActivityView> {
  await getLead(deps, actor, leadId);
  const now = deps.clock.now();
  const at = body.at ? new Date(body.at) : now;
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    throw new AppError('VALIDATION_FAILED', 'The activity is dated in the future', 'at');
  const row: ActivityRow = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    leadId,
    type: body.type,
    summary: body.summary,
    at,
    ...actorRef(actor),
    createdAt: now,
  };
  return deps.db.transaction(async (tx) => {
    // Locked, so a deadline step being performed on the lead either sees this touch or finishes first.
    const lead = await findLeadForUpdate(tx, actor.workspaceId, leadId);
    await insertActivity(tx, row);
    if (lead && isOwnerTouch(row, lead.ownerId))
      await recordOwnerTouch(tx, actor.workspaceId, lead, { type: row.type, actorId: row.actorId!, at }, now);
    return toView(row, lead?.ownerId ?? null);
  });
}

export async function activitiesOf(deps: ActivityDeps, actor: Actor, leadId: string, limit: number) {
  const lead = await getLead(deps, actor, leadId);
  return (await listActivities(deps.db, actor.workspaceId, leadId, limit)).map((row) => toView(row, lead.ownerId));
}

function toItem(row: TimelineRow): TimelineItem {
  return {
    kind: row.kind,
    type: row.type,
    at: new Date(row.at).toISOString(),
    id: row.id,
    actorId: row.actor_id,
    data: row.data ?? {},
  };
}

export async function timelineOf(deps: ActivityDeps, actor: Actor, leadId: string, limit: number) {
  await getLead(deps, actor, leadId);
  return (await leadTimeline(deps.db, actor.workspaceId, leadId, limit)).map(toItem);
}
