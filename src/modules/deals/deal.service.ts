import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { checkCustomValues, mergeCustom } from '../fields/field.rules.ts';
import { scopeAllows, type LeadScope } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { companyMatchKey } from '../leads/company.rules.ts';
import { findLeadForUpdate, updateLead } from '../leads/lead.repository.ts';
import { endDeadlines } from '../sla/deadline-plan.service.ts';
import { findDefaultPipelineId, stagesOf, type StageRow } from '../pipeline/pipeline.repository.ts';
import {
  checkMove,
  dealFieldValue,
  isFilledValue,
  tasksForStage,
  timeInStage,
  type Missing,
  type TaskTemplate,
} from '../pipeline/pipeline.rules.ts';
import {
  accountFor,
  closeOpenHistory,
  contactFor,
  fieldDefinitions,
  findDeal,
  findDealByLead,
  findDealForUpdate,
  findTaskForUpdate,
  historyOf,
  insertDeal,
  insertHistory,
  insertTasks,
  listDeals,
  listTasks,
  markTaskDone,
  tasksOf,
  updateDeal,
  type DealRow,
  type TaskRow,
} from './deal.repository.ts';
import type {
  ConvertBody,
  DealListQuery,
  DealPatch,
  DealSummary,
  DealView,
  StageMoveBody,
  TaskListQuery,
  TaskView,
} from './deal.schemas.ts';

export interface DealDeps {
  db: Db;
  clock: Clock;
}

const toDate = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

function dealSummary(deal: DealRow): DealSummary {
  return {
    id: deal.id,
    leadId: deal.leadId,
    accountId: deal.accountId,
    contactId: deal.contactId,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    stageEnteredAt: deal.stageEnteredAt.toISOString(),
    ownerId: deal.ownerId,
    teamId: deal.teamId,
    name: deal.name,
    amount: deal.amount,
    product: deal.product,
    expectedCloseAt: deal.expectedCloseAt?.toISOString() ?? null,
    existingSystems: deal.existingSystems,
    decisionProcess: deal.decisionProcess,
    acceptanceCriteria: deal.acceptanceCriteria,
    custom: deal.custom,
    createdAt: deal.createdAt.toISOString(),
    updatedAt: deal.updatedAt.toISOString(),
  };
}

async function dealView(db: Executor, deal: DealRow, now: Date): Promise<DealView> {
  const history = await historyOf(db, deal.workspaceId, deal.id);
  return {
    ...dealSummary(deal),
    stageHistory: history.map(({ entry, stageName }) => ({
      id: entry.id,
      stageId: entry.stageId,
      stageName,
      fromStageId: entry.fromStageId,
      enteredAt: entry.enteredAt.toISOString(),
      leftAt: entry.leftAt?.toISOString() ?? null,
      timeInStageMs: timeInStage(entry, now),
      skipped: entry.skipped,
      skipReason: entry.skipReason,
      skippedStageIds: entry.skippedStageIds,
      missing: (entry.missing as Missing | null) ?? null,
      actorType: entry.actorType,
      actorId: entry.actorId,
    })),
  };
}

function taskView(task: TaskRow, now: Date): TaskView {
  return {
    id: task.id,
    dealId: task.dealId,
    stageId: task.stageId,
    key: task.key,
    title: task.title,
    description: task.description,
    talkTrack: task.talkTrack,
    ownerId: task.ownerId,
    dueAt: task.dueAt.toISOString(),
    status: task.status,
    overdue: task.status === 'open' && task.dueAt.getTime() < now.getTime(),
    completedAt: task.completedAt?.toISOString() ?? null,
    completedBy: task.completedBy,
    createdAt: task.createdAt.toISOString(),
  };
}

/** Out of scope answers 404, as for leads. */
async function visibleDeal(db: Executor, actor: Actor, id: string, scope: LeadScope, forUpdate = false) {
  const deal = forUpdate
    ? await findDealForUpdate(db, actor.workspaceId, id)
    : await findDeal(db, actor.workspaceId, id);
  if (!deal || !scopeAllows(scope, deal.ownerId)) throw notFound('Deal');
  return deal;
}

/** Opens a stay in a stage and creates the stage's tasks, due from the moment of entering. */
async function enterStage(
  tx: Executor,
  actor: Actor,
  deal: Pick<DealRow, 'id' | 'workspaceId' | 'ownerId'>,
  stage: StageRow,
  entry: { fromStageId: string | null; skipReason: string | null; skippedStageIds: string[]; missing: Missing | null },
  now: Date,
) {
  await insertHistory(tx, {
    id: randomUUID(),
    workspaceId: deal.workspaceId,
    dealId: deal.id,
    stageId: stage.id,
    fromStageId: entry.fromStageId,
    enteredAt: now,
    leftAt: null,
    skipped: entry.skipReason !== null,
    skipReason: entry.skipReason,
    skippedStageIds: entry.skippedStageIds,
    missing: entry.missing,
    ...actorRef(actor),
  });
  await insertTasks(
    tx,
    tasksForStage(stage.taskTemplates as TaskTemplate[], now).map((task) => ({
      id: randomUUID(),
      workspaceId: deal.workspaceId,
      dealId: deal.id,
      stageId: stage.id,
      ...task,
      ownerId: deal.ownerId,
      status: 'open' as const,
      completedAt: null,
      completedBy: null,
      createdAt: now,
    })),
  );
}

/**
 * Turns a lead into a deal at the first stage of a pipeline, with an account (the lead's company,
 * matched by its company key, so 杭州启明软件有限公司 and 杭州启明软件 are one account) and a contact.
 */
export async function convertLead(deps: DealDeps, actor: Actor, leadId: string, body: ConvertBody) {
  const now = deps.clock.now();
  const scope = await leadScopeOf(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    // Locked, so two conversions of one lead run one after the other and the second sees the deal.
    const lead = await findLeadForUpdate(tx, actor.workspaceId, leadId);
    if (!lead || !scopeAllows(scope, lead.ownerId)) throw notFound('Lead');
    const existing = await findDealByLead(tx, actor.workspaceId, leadId);
    if (existing)
      throw new AppError('ALREADY_CONVERTED', 'The lead has already been converted', undefined, {
        dealId: existing.id,
      });
    const pipelineId = body.pipelineId ?? (await findDefaultPipelineId(tx, actor.workspaceId));
    const stages = pipelineId ? await stagesOf(tx, actor.workspaceId, pipelineId) : [];
    if (!pipelineId || stages.length === 0)
      throw new AppError('VALIDATION_FAILED', 'There is no such pipeline', 'pipelineId');
    const accountName = body.accountName ?? lead.company ?? lead.name;
    const ownerId = lead.ownerId ?? actorUserId(actor);
    const accountId = await accountFor(
      tx,
      actor.workspaceId,
      { id: randomUUID(), name: accountName, companyKey: companyMatchKey(accountName), ownerId },
      now,
    );
    const contactId = await contactFor(tx, {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      accountId,
      leadId,
      name: lead.name,
      phone: lead.phone,
      email: lead.email,
      title: lead.title,
      createdAt: now,
    });
    const first = stages[0]!;
    const deal: DealRow = {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      leadId,
      accountId,
      contactId,
      pipelineId,
      stageId: first.id,
      stageEnteredAt: now,
      ownerId,
      teamId: lead.teamId,
      name: body.name ?? (body.product ? `${accountName} · ${body.product}` : accountName),
      amount: body.amount ?? null,
      product: body.product ?? null,
      expectedCloseAt: body.expectedCloseAt ? toDate(body.expectedCloseAt) : null,
      existingSystems: null,
      decisionProcess: null,
      acceptanceCriteria: null,
      custom: {},
      createdAt: now,
      updatedAt: now,
    };
    await insertDeal(tx, deal);
    await enterStage(
      tx,
      actor,
      deal,
      first,
      { fromStageId: null, skipReason: null, skippedStageIds: [], missing: null },
      now,
    );
    await updateLead(tx, actor.workspaceId, leadId, { status: 'converted', updatedAt: now });
    // A converted lead has been answered: its response deadlines (and a reclaim to the pool) stop here.
    await endDeadlines(tx, actor.workspaceId, leadId, now);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'lead.converted',
      entity: 'lead',
      entityId: leadId,
      before: { status: lead.status },
      after: { status: 'converted', dealId: deal.id, accountId, contactId, pipelineId, stageId: first.id },
      at: now,
    });
    return { dealId: deal.id, accountId };
  });
}

export async function getDeal(deps: DealDeps, actor: Actor, id: string): Promise<DealView> {
  const scope = await leadScopeOf(deps.db, actor);
  const deal = await visibleDeal(deps.db, actor, id, scope);
  return dealView(deps.db, deal, deps.clock.now());
}

export async function changeDeal(deps: DealDeps, actor: Actor, id: string, patch: DealPatch): Promise<DealView> {
  const now = deps.clock.now();
  const scope = await leadScopeOf(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    const before = await visibleDeal(tx, actor, id, scope, true);
    const { custom, expectedCloseAt, ...plain } = patch;
    const change: Partial<DealRow> = { ...plain };
    if (expectedCloseAt !== undefined) change.expectedCloseAt = expectedCloseAt ? toDate(expectedCloseAt) : null;
    if (custom) {
      const checked = checkCustomValues(await fieldDefinitions(tx, actor.workspaceId), custom);
      if (!checked.ok) throw new AppError('VALIDATION_FAILED', checked.message, checked.field);
      change.custom = mergeCustom(before.custom, checked.value);
    }
    const after = await updateDeal(tx, actor.workspaceId, id, { ...change, updatedAt: now });
    const keys = Object.keys(change) as (keyof DealRow)[];
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'deal.updated',
      entity: 'deal',
      entityId: id,
      before: Object.fromEntries(keys.map((key) => [key, before[key]])),
      after: Object.fromEntries(keys.map((key) => [key, after[key]])),
      at: now,
    });
    return dealView(tx, after, now);
  });
}

/**
 * Moves a deal to another stage of its pipeline. Backward is always allowed; forward checks the
 * gates (pipeline.rules.ts checkMove) and needs a reason to pass over stages or an unmet gate.
 */
export async function moveDeal(deps: DealDeps, actor: Actor, id: string, body: StageMoveBody): Promise<DealView> {
  const now = deps.clock.now();
  const scope = await leadScopeOf(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    const deal = await visibleDeal(tx, actor, id, scope, true);
    const stages = await stagesOf(tx, actor.workspaceId, deal.pipelineId);
    const done = new Set(
      (await tasksOf(tx, actor.workspaceId, id))
        .filter((task) => task.status === 'done')
        .map((task) => `${task.stageId}:${task.key}`),
    );
    const check = checkMove(
      stages.map((stage) => ({ ...stage, order: stage.position })),
      deal.stageId,
      body.stageId,
      (field) => isFilledValue(dealFieldValue(deal, field)),
      (stageId, key) => done.has(`${stageId}:${key}`),
    );
    if (check.kind === 'unknown_stage')
      throw new AppError('VALIDATION_FAILED', 'Not a stage of the deal’s pipeline', 'stageId');
    if (check.kind === 'same') return dealView(tx, deal, now);
    const skipReason = body.skipReason ?? null;
    let entry = { skipReason: null as string | null, skippedStageIds: [] as string[], missing: null as Missing | null };
    if (check.kind === 'forward') {
      const unmet = check.missing.fields.length > 0 || check.missing.tasks.length > 0;
      if (check.needsReason && !skipReason) {
        if (unmet)
          throw new AppError(
            'STAGE_GATE_UNMET',
            'The stage gate is not met; fill the fields and finish the tasks, or give a skipReason',
            'stageId',
            { missing: check.missing },
          );
        throw new AppError('SKIP_REASON_REQUIRED', 'Moving past other stages needs a skipReason', 'skipReason', {
          passedOver: check.passedOver,
        });
      }
      if (check.needsReason)
        entry = { skipReason, skippedStageIds: check.passedOver, missing: unmet ? check.missing : null };
    }
    const target = stages.find((stage) => stage.id === body.stageId)!;
    await closeOpenHistory(tx, actor.workspaceId, id, now);
    await enterStage(tx, actor, deal, target, { fromStageId: deal.stageId, ...entry }, now);
    const after = await updateDeal(tx, actor.workspaceId, id, {
      stageId: target.id,
      stageEnteredAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: entry.skipReason ? 'deal.stage_skipped' : 'deal.stage_moved',
      entity: 'deal',
      entityId: id,
      before: { stageId: deal.stageId },
      after: {
        stageId: target.id,
        stageName: target.name,
        leadId: deal.leadId,
        direction: check.kind,
        ...(entry.skipReason
          ? { skipReason: entry.skipReason, skippedStageIds: entry.skippedStageIds, missing: entry.missing }
          : {}),
      },
      at: now,
    });
    return dealView(tx, after, now);
  });
}

export async function dealTasks(deps: DealDeps, actor: Actor, id: string): Promise<TaskView[]> {
  const scope = await leadScopeOf(deps.db, actor);
  await visibleDeal(deps.db, actor, id, scope);
  const now = deps.clock.now();
  return (await tasksOf(deps.db, actor.workspaceId, id)).map((task) => taskView(task, now));
}

/** Done by the task's owner (or the deal's) or a manager over them; doing it again changes nothing. */
export async function completeTask(deps: DealDeps, actor: Actor, taskId: string): Promise<TaskView> {
  const now = deps.clock.now();
  const scope = await leadScopeOf(deps.db, actor);
  return deps.db.transaction(async (tx) => {
    const task = await findTaskForUpdate(tx, actor.workspaceId, taskId);
    if (!task) throw notFound('Task');
    const deal = await findDeal(tx, actor.workspaceId, task.dealId);
    if (!deal || !scopeAllows(scope, deal.ownerId)) throw notFound('Task');
    const userId = actorUserId(actor);
    if (actor.kind === 'user' && actor.role === 'rep' && userId !== task.ownerId && userId !== deal.ownerId)
      throw new AppError('FORBIDDEN', 'Only the task’s owner or a manager can complete it');
    if (task.status === 'done') return taskView(task, now);
    const done = await markTaskDone(tx, actor.workspaceId, taskId, userId, now);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'deal.task_completed',
      entity: 'deal',
      entityId: deal.id,
      after: { taskId, key: task.key, stageId: task.stageId, leadId: deal.leadId, late: task.dueAt < now },
      at: now,
    });
    return taskView(done, now);
  });
}

export async function dealsOf(deps: DealDeps, actor: Actor, query: DealListQuery): Promise<DealSummary[]> {
  const scope = await leadScopeOf(deps.db, actor);
  return (await listDeals(deps.db, actor.workspaceId, scope, query)).map(dealSummary);
}

export async function tasksOfOwners(deps: DealDeps, actor: Actor, query: TaskListQuery): Promise<TaskView[]> {
  const scope = await leadScopeOf(deps.db, actor);
  const now = deps.clock.now();
  const rows = await listTasks(deps.db, actor.workspaceId, scope, {
    ...query,
    dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
  });
  return rows.map((task) => taskView(task, now));
}
