import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  clearDefault,
  customFieldNames,
  dealsInOtherStages,
  findPipeline,
  insertPipeline,
  listPipelines,
  replaceStages,
  updatePipelineRow,
} from './pipeline.repository.ts';
import { stagesProblem } from './pipeline.rules.ts';
import type { PipelineBody, PipelinePatch, PipelineView, StageInput } from './pipeline.schemas.ts';

export interface PipelineDeps {
  db: Db;
  clock: Clock;
}

export async function pipelinesOf(deps: PipelineDeps, actor: Actor): Promise<PipelineView[]> {
  return listPipelines(deps.db, actor.workspaceId);
}

export async function getPipeline(deps: PipelineDeps, actor: Actor, id: string): Promise<PipelineView> {
  const pipeline = await findPipeline(deps.db, actor.workspaceId, id);
  if (!pipeline) throw notFound('Pipeline');
  return pipeline;
}

async function checkStages(db: Executor, workspaceId: string, stages: StageInput[]) {
  const problem = stagesProblem(stages, await customFieldNames(db, workspaceId));
  if (problem) throw new AppError('VALIDATION_FAILED', problem.message, problem.field);
}

export async function createPipeline(deps: PipelineDeps, actor: Actor, body: PipelineBody): Promise<PipelineView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await checkStages(tx, actor.workspaceId, body.stages);
    if (body.stages.some((stage) => stage.id))
      throw new AppError('VALIDATION_FAILED', 'A new pipeline’s stages are new: leave out their ids', 'stages');
    const id = await insertPipeline(tx, actor.workspaceId, body, body.stages, now);
    const created = (await findPipeline(tx, actor.workspaceId, id))!;
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'pipeline.created',
      entity: 'pipeline',
      entityId: id,
      after: created,
      at: now,
    });
    return created;
  });
}

export async function updatePipeline(
  deps: PipelineDeps,
  actor: Actor,
  id: string,
  patch: PipelinePatch,
): Promise<PipelineView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await findPipeline(tx, actor.workspaceId, id);
    if (!before) throw notFound('Pipeline');
    if (patch.stages) {
      await checkStages(tx, actor.workspaceId, patch.stages);
      const own = new Set(before.stages.map((stage) => stage.id));
      const kept = patch.stages.flatMap((stage) => (stage.id ? [stage.id] : []));
      const foreign = kept.findIndex((stageId) => !own.has(stageId));
      if (foreign >= 0) throw new AppError('VALIDATION_FAILED', 'Not a stage of this pipeline', `stages.${foreign}.id`);
      if (new Set(kept).size !== kept.length)
        throw new AppError('VALIDATION_FAILED', 'A stage appears twice', 'stages');
      if ((await dealsInOtherStages(tx, actor.workspaceId, id, kept)) > 0)
        throw new AppError('CONFLICT', 'Deals are in a stage this change removes; move them first', 'stages');
      await replaceStages(tx, actor.workspaceId, id, patch.stages, now);
    }
    if (patch.isDefault) await clearDefault(tx, actor.workspaceId);
    const { stages: _stages, ...fields } = patch;
    await updatePipelineRow(tx, actor.workspaceId, id, { ...fields, updatedAt: now });
    const after = (await findPipeline(tx, actor.workspaceId, id))!;
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'pipeline.updated',
      entity: 'pipeline',
      entityId: id,
      before,
      after,
      at: now,
    });
    return after;
  });
}
