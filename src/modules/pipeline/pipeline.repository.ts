import { randomUUID } from 'node:crypto';
import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/database.ts';
import { customFields, deals, pipelines, pipelineStages, workspaces } from '../../platform/db/schema.ts';
import { defaultPipeline, type TaskTemplate } from './pipeline.rules.ts';
import type { PipelineView, StageView } from './pipeline.schemas.ts';

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof pipelineStages.$inferSelect;

export interface NewStage {
  id?: string | undefined;
  name: string;
  nameEn?: string | null | undefined;
  winProbability: number;
  requiredFields: string[];
  requiredTasks: string[];
  taskTemplates: TaskTemplate[];
}

export function stageRowToView(row: StageRow): StageView {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.nameEn,
    order: row.position,
    winProbability: row.winProbability,
    requiredFields: row.requiredFields,
    requiredTasks: row.requiredTasks,
    taskTemplates: row.taskTemplates as TaskTemplate[],
  };
}

function toView(row: PipelineRow, stages: StageRow[]): PipelineView {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.nameEn,
    productLine: row.productLine,
    isDefault: row.isDefault,
    stages: stages
      .filter((stage) => stage.pipelineId === row.id)
      .sort((a, b) => a.position - b.position)
      .map(stageRowToView),
  };
}

export async function listPipelines(db: Executor, workspaceId: string): Promise<PipelineView[]> {
  const rows = await db
    .select()
    .from(pipelines)
    .where(eq(pipelines.workspaceId, workspaceId))
    .orderBy(sql`${pipelines.isDefault} DESC`, asc(pipelines.createdAt), asc(pipelines.name));
  const stages = await db.select().from(pipelineStages).where(eq(pipelineStages.workspaceId, workspaceId));
  return rows.map((row) => toView(row, stages));
}

export async function findPipeline(db: Executor, workspaceId: string, id: string): Promise<PipelineView | null> {
  const [row] = await db
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
  if (!row) return null;
  return toView(row, await stagesOf(db, workspaceId, id));
}

export async function findDefaultPipelineId(db: Executor, workspaceId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(eq(pipelines.workspaceId, workspaceId))
    .orderBy(sql`${pipelines.isDefault} DESC`, asc(pipelines.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export async function stagesOf(db: Executor, workspaceId: string, pipelineId: string): Promise<StageRow[]> {
  return db
    .select()
    .from(pipelineStages)
    .where(and(eq(pipelineStages.workspaceId, workspaceId), eq(pipelineStages.pipelineId, pipelineId)))
    .orderBy(asc(pipelineStages.position));
}

export async function insertPipeline(
  db: Executor,
  workspaceId: string,
  pipeline: { name: string; nameEn?: string | null; productLine?: string | null; isDefault: boolean },
  stages: NewStage[],
  now: Date,
): Promise<string> {
  const id = randomUUID();
  if (pipeline.isDefault) await clearDefault(db, workspaceId);
  await db.insert(pipelines).values({
    id,
    workspaceId,
    name: pipeline.name,
    nameEn: pipeline.nameEn ?? null,
    productLine: pipeline.productLine ?? null,
    isDefault: pipeline.isDefault,
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(pipelineStages).values(stages.map((stage, index) => stageRow(workspaceId, id, stage, index, now)));
  return id;
}

function stageRow(workspaceId: string, pipelineId: string, stage: NewStage, index: number, now: Date) {
  return {
    id: stage.id ?? randomUUID(),
    workspaceId,
    pipelineId,
    name: stage.name,
    nameEn: stage.nameEn ?? null,
    position: index + 1,
    winProbability: stage.winProbability,
    requiredFields: stage.requiredFields,
    requiredTasks: stage.requiredTasks,
    taskTemplates: stage.taskTemplates,
    createdAt: now,
  };
}

export async function clearDefault(db: Executor, workspaceId: string): Promise<void> {
  await db
    .update(pipelines)
    .set({ isDefault: false })
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.isDefault, true)));
}

export async function updatePipelineRow(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<PipelineRow, 'name' | 'nameEn' | 'productLine' | 'isDefault' | 'updatedAt'>>,
): Promise<void> {
  await db
    .update(pipelines)
    .set(patch)
    .where(and(eq(pipelines.workspaceId, workspaceId), eq(pipelines.id, id)));
}

export async function customFieldNames(db: Executor, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .select({ name: customFields.name })
    .from(customFields)
    .where(eq(customFields.workspaceId, workspaceId));
  return new Set(rows.map((row) => row.name));
}

/** How many deals sit in the pipeline's stages other than `keep`. */
export async function dealsInOtherStages(db: Executor, workspaceId: string, pipelineId: string, keep: string[]) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(deals)
    .where(
      and(
        eq(deals.workspaceId, workspaceId),
        eq(deals.pipelineId, pipelineId),
        ...(keep.length > 0 ? [notInArray(deals.stageId, keep)] : []),
      ),
    );
  return row?.count ?? 0;
}

/** Replaces the stage list: kept ids are updated in place, the rest removed, new ones added. */
export async function replaceStages(
  db: Executor,
  workspaceId: string,
  pipelineId: string,
  stages: NewStage[],
  now: Date,
): Promise<void> {
  const keep = stages.flatMap((stage) => (stage.id ? [stage.id] : []));
  await db
    .delete(pipelineStages)
    .where(
      and(
        eq(pipelineStages.workspaceId, workspaceId),
        eq(pipelineStages.pipelineId, pipelineId),
        ...(keep.length > 0 ? [notInArray(pipelineStages.id, keep)] : []),
      ),
    );
  for (const [index, stage] of stages.entries()) {
    const row = stageRow(workspaceId, pipelineId, stage, index, now);
    await db
      .insert(pipelineStages)
      .values(row)
      .onConflictDoUpdate({
        target: pipelineStages.id,
        set: {
          name: row.name,
          nameEn: row.nameEn,
          position: row.position,
          winProbability: row.winProbability,
          requiredFields: row.requiredFields,
          requiredTasks: row.requiredTasks,
          taskTemplates: row.taskTemplates,
        },
      });
  }
}

export async function insertDefaultPipeline(db: Executor, workspaceId: string, now: Date): Promise<string> {
  return insertPipeline(
    db,
    workspaceId,
    { name: defaultPipeline.name, nameEn: defaultPipeline.nameEn, isDefault: true },
    defaultPipeline.stages,
    now,
  );
}

const DEFAULT_PIPELINE_LOCK_KEY = 7_262_007;

/** Gives every workspace without a pipeline the default one; safe to run on every start of every server. */
export async function ensureDefaultPipelines(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEFAULT_PIPELINE_LOCK_KEY})`);
    const missing = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(sql`NOT EXISTS (SELECT 1 FROM pipelines p WHERE p.workspace_id = ${workspaces.id})`);
    for (const workspace of missing) await insertDefaultPipeline(tx, workspace.id, now);
    return missing.length;
  });
}
