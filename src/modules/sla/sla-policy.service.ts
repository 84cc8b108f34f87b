import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import type { WorkspaceRouting } from '../routing/workspace-routing.ts';
import {
  findPolicyRow,
  insertPolicyRow,
  listPolicyRows,
  policyToColumns,
  rowToPolicy,
  updatePolicyRow,
  type SlaPolicyRow,
} from './sla-policy.repository.ts';
import type { SlaPolicyBody, SlaPolicyPatch, SlaPolicyView } from './sla-policy.schemas.ts';
import { slaPolicy } from './sla.schemas.ts';

export interface SlaPolicyDeps {
  db: Db;
  clock: Clock;
  /** Routing plans a lead's deadlines when it deals it, so it caches the policies with the rest. */
  routingCache: TtlCache<WorkspaceRouting>;
}

function toView(row: SlaPolicyRow): SlaPolicyView {
  return {
    ...rowToPolicy(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The merged policy, checked as a whole; a problem names the field it is in. */
function checked(candidate: unknown) {
  const parsed = slaPolicy.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new AppError('VALIDATION_FAILED', issue.message, issue.path.join('.') || undefined);
}

export async function listPolicies(deps: SlaPolicyDeps, actor: Actor): Promise<SlaPolicyView[]> {
  return (await listPolicyRows(deps.db, actor.workspaceId)).map(toView);
}

export async function getPolicy(deps: SlaPolicyDeps, actor: Actor, id: string): Promise<SlaPolicyView> {
  const row = await findPolicyRow(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('SLA policy');
  return toView(row);
}

/**
 * A new or changed policy applies to leads assigned from now on; plans already made keep the
 * policy they were made with (each row names its steps and due times).
 */
export async function createPolicy(deps: SlaPolicyDeps, actor: Actor, body: SlaPolicyBody): Promise<SlaPolicyView> {
  const now = deps.clock.now();
  const id = randomUUID();
  const policy = checked({ ...body, id });
  const row: SlaPolicyRow = {
    id,
    workspaceId: actor.workspaceId,
    ...policyToColumns(policy),
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await insertPolicyRow(tx, row);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'sla_policy.created',
      entity: 'sla_policy',
      entityId: id,
      after: policy,
      at: now,
    });
    await publishInvalidation(tx, 'routing');
  });
  deps.routingCache.clear();
  return toView(row);
}

export async function updatePolicy(
  deps: SlaPolicyDeps,
  actor: Actor,
  id: string,
  patch: SlaPolicyPatch,
): Promise<SlaPolicyView> {
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const before = await findPolicyRow(tx, actor.workspaceId, id, true);
    if (!before) throw notFound('SLA policy');
    const previous = rowToPolicy(before);
    const policy = checked({ ...previous, ...patch, id });
    const after = await updatePolicyRow(tx, actor.workspaceId, id, policyToColumns(policy), now);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'sla_policy.updated',
      entity: 'sla_policy',
      entityId: id,
      before: previous,
      after: policy,
      at: now,
    });
    await publishInvalidation(tx, 'routing');
    return after;
  });
  deps.routingCache.clear();
  return toView(row);
}
