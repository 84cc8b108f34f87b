import type { Actor } from '../../platform/http/actor.ts';
import { getLead, type LeadDeps } from '../leads/lead.service.ts';
import { POOL_STEP_TARGET } from '../pool/pool-move.service.ts';
import { pendingStepsWithSource } from './deadline.repository.ts';
import type { LeadDeadlineView } from './deadline.schemas.ts';

const iso = (value: string | Date) => new Date(value).toISOString();

/** The pending deadline steps of a lead the caller may see, soonest first. */
export async function leadDeadlinesOf(deps: LeadDeps, actor: Actor, leadId: string): Promise<LeadDeadlineView[]> {
  await getLead(deps, actor, leadId);
  const rows = await pendingStepsWithSource(deps.db, actor.workspaceId, leadId);
  return rows.map((row) => {
    const fromPool = row.target === POOL_STEP_TARGET;
    return {
      id: row.id,
      target: row.target,
      step: row.step,
      action: row.action,
      startedAt: iso(row.started_at),
      deadline: iso(row.deadline),
      dueAt: iso(row.due_at),
      source: {
        kind: fromPool ? 'pool' : 'policy',
        id: row.policy_id,
        name: (fromPool ? row.pool_name : row.policy_name) ?? null,
      },
    };
  });
}
