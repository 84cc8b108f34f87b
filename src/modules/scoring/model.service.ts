import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { actorRef } from '../../platform/http/actor.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import { featureCatalogue, leadFeatures } from './features.rules.ts';
import type { TrainingExample } from './learner/learner.types.ts';
import { trainAndEvaluate } from './learner/evaluate.ts';
import { readiness } from './learner/readiness.ts';
import {
  claimModel,
  closedLeads,
  finishModel,
  findModel,
  insertModel,
  listModelRows,
  outcomeCounts,
  type ModelRow,
} from './model.repository.ts';
import { countLeads, eventsOf, insertJob, leadsByIds, setActiveModel, supersedeJobs } from './scoring.repository.ts';
import type { ModelView } from './scoring.schemas.ts';
import type { ScoringDeps } from './scoring.service.ts';
import { workspaceScoring } from './workspace-scoring.ts';

const CHUNK = 2_000;

export async function modelReadiness(deps: Pick<ScoringDeps, 'db'>, actor: Actor) {
  const { won, lost } = await outcomeCounts(deps.db, actor.workspaceId);
  return readiness(won + lost, won);
}

/** Queues a model for training; with too few outcomes, says how many more are needed instead. */
export async function requestModel(deps: ScoringDeps, actor: Actor, body: { exclude?: string[] | undefined }) {
  const ready = await modelReadiness(deps, actor);
  if (!ready.ready) throw new AppError('NOT_ENOUGH_OUTCOMES', ready.reason);
  const exclude = [...new Set(body.exclude ?? [])];
  const row = await insertModel(deps.db, actor.workspaceId, exclude, actor.kind === 'user' ? actor.userId : null, deps.clock.now());
  deps.scoringWorker.kick();
  return { id: row.id };
}

type Report = { metrics: ModelView['metrics']; features: ModelView['features']; calibration: ModelView['calibration']; lift: ModelView['lift'] };

function toView(row: Omit<ModelRow, 'model' | 'workspaceId' | 'requestedBy' | 'heartbeatAt'>, activeId: string | null): ModelView {
  const report = row.report as Report | null;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    active: row.id === activeId,
    exclude: row.exclude,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    metrics: report?.metrics ?? null,
    features: report?.features ?? [],
    calibration: report?.calibration ?? [],
    lift: report?.lift ?? [],
  };
}

export async function getModel(deps: ScoringDeps, actor: Actor, id: string): Promise<ModelView> {
  const row = await findModel(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Model');
  const scoring = await workspaceScoring(deps, actor.workspaceId);
  return toView(row, scoring.config.activeModelId);
}

export async function listModels(deps: ScoringDeps, actor: Actor) {
  const [rows, scoring] = await Promise.all([listModelRows(deps.db, actor.workspaceId), workspaceScoring(deps, actor.workspaceId)]);
  return rows.map((row) => {
    const { calibration: _c, lift: _l, ...view } = toView(row, scoring.config.activeModelId);
    return view;
  });
}

/** Makes a ready model the one that scores, and rescores every lead with it. */
export async function activateModel(deps: ScoringDeps, actor: Actor, id: string): Promise<ModelView> {
  const row = await findModel(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Model');
  if (row.status !== 'ready') throw new AppError('CONFLICT', 'Only a ready model can score leads');
  await switchModel(deps, actor.workspaceId, row.id, deps.clock.now(), actor);
  return toView(row, row.id);
}

async function switchModel(deps: ScoringDeps, workspaceId: string, modelId: string, now: Date, actor: Actor | null) {
  await deps.db.transaction(async (tx) => {
    await setActiveModel(tx, workspaceId, modelId, now);
    await supersedeJobs(tx, workspaceId, now);
    await insertJob(tx, workspaceId, 'model', await countLeads(tx, workspaceId), now);
    await recordAudit(tx, {
      workspaceId,
      ...(actor ? actorRef(actor) : { actorType: 'system', actorId: null }),
      action: 'scoring.model_activated',
      entity: 'scoring_model',
      entityId: modelId,
      before: null,
      after: { modelId },
      at: now,
    });
    await publishInvalidation(tx, 'scoring');
  });
  deps.scoringCache.clear();
  deps.scoringWorker.kick();
}

export async function scoringFeatures(deps: ScoringDeps, actor: Actor) {
  const scoring = await workspaceScoring(deps, actor.workspaceId);
  return featureCatalogue(scoring.fields);
}

/**
 * The workspace's won and lost leads as the learner sees them: each as it was when it closed
 * (behaviour after that is left out), without the post-contact fields and the admin's exclusions.
 */
async function trainingExamples(deps: ScoringDeps, workspaceId: string, exclude: ReadonlySet<string>) {
  const scoring = await workspaceScoring(deps, workspaceId);
  const closed = await closedLeads(deps.db, workspaceId);
  const examples: TrainingExample[] = [];
  for (let start = 0; start < closed.length; start += CHUNK) {
    const chunk = closed.slice(start, start + CHUNK);
    const ids = chunk.map((row) => row.id);
    const [rows, events] = await Promise.all([
      leadsByIds(deps.db, workspaceId, ids),
      eventsOf(deps.db, workspaceId, ids, null),
    ]);
    const closedAt = new Map(chunk.map((row) => [row.id, row.closedAt ?? row.updatedAt]));
    for (const row of rows) {
      const at = closedAt.get(row.id)!;
      const lead = { ...row, channelType: row.channelType ?? null };
      examples.push({
        features: leadFeatures(lead, scoring.fields, events.get(row.id) ?? [], at, exclude),
        label: row.status === 'won' ? 1 : 0,
        at,
      });
    }
  }
  return examples;
}

/** Trains one claimed model; returns false when there was nothing to train. */
export async function trainNextModel(deps: ScoringDeps, staleBefore: Date): Promise<boolean> {
  const claimed = await claimModel(deps.db, staleBefore, deps.clock.now());
  if (!claimed) return false;
  try {
    const scoring = await workspaceScoring(deps, claimed.workspaceId);
    const exclude = new Set([...claimed.exclude, ...scoring.config.settings.postContactFields]);
    const examples = await trainingExamples(deps, claimed.workspaceId, exclude);
    const won = examples.filter((example) => example.label === 1).length;
    const ready = readiness(examples.length, won);
    if (!ready.ready) {
      await finishModel(deps.db, claimed, { status: 'failed', error: ready.reason }, deps.clock.now());
      return true;
    }
    const { model, report } = trainAndEvaluate(examples, { seed: claimed.version });
    const stored = await finishModel(deps.db, claimed, { status: 'ready', model, report }, deps.clock.now());
    if (stored) await switchModel(deps, claimed.workspaceId, claimed.id, deps.clock.now(), null);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishModel(deps.db, claimed, { status: 'failed', error: `Training failed: ${message}` }, deps.clock.now());
    throw error;
  }
  return true;
}
