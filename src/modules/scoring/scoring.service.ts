import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishAllOnCommit, publishInvalidation, type RealtimeEvent } from '../realtime/realtime.ts';
import {
  countLeads,
  eventsOf,
  findJob,
  insertJob,
  jobView,
  latestJob,
  leadsByIds,
  loadScoringConfig,
  recentLeads,
  saveScoringConfig,
  supersedeJobs,
  updateScoresStatement,
  type ScoreUpdate,
  type ScoringLeadRow,
} from './scoring.repository.ts';
import type { Grade, ScoringConfigBody, UrgencyLevel } from './scoring.schemas.ts';
import {
  makeWorkspaceScoring,
  workspaceScoring,
  type ScoringCacheDeps,
  type WorkspaceScoring,
} from './workspace-scoring.ts';

export interface ScoringDeps extends ScoringCacheDeps {
  /** Wakes the background scorer: a rescore was asked for. */
  scoringWorker: { kick(): void };
}

const PREVIEW_SAMPLE = 5_000;
const PREVIEW_EXAMPLES = 8;
const DAY_MS = 86_400_000;
const urgencyRank: Record<UrgencyLevel, number> = { normal: 0, high: 1, critical: 2 };

export async function getScoringConfig(deps: ScoringDeps, actor: Actor) {
  const [config, job] = await Promise.all([
    loadScoringConfig(deps.db, actor.workspaceId, deps.clock.now()),
    latestJob(deps.db, actor.workspaceId),
  ]);
  return { ...config, lastJob: job ? jobView(job) : null };
}

/**
 * Saves the whole rule set, then rescores every lead in the background (progress in the job).
 * Every instance drops its cached scoring on commit, so new leads are graded by the new rules at once.
 */
export async function saveScoring(deps: ScoringDeps, actor: Actor, body: ScoringConfigBody) {
  const now = deps.clock.now();
  const before = await loadScoringConfig(deps.db, actor.workspaceId, now);
  await deps.db.transaction(async (tx) => {
    await saveScoringConfig(tx, actor.workspaceId, body, now);
    await supersedeJobs(tx, actor.workspaceId, now);
    await insertJob(tx, actor.workspaceId, 'rules', await countLeads(tx, actor.workspaceId), now);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'scoring.rules_changed',
      entity: 'scoring',
      entityId: actor.workspaceId,
      before: {
        pointRules: before.pointRules.length,
        urgencyRules: before.urgencyRules.length,
        settings: before.settings,
      },
      after: { pointRules: body.pointRules.length, urgencyRules: body.urgencyRules.length, settings: body.settings },
      at: now,
    });
    await publishInvalidation(tx, 'scoring');
  });
  deps.scoringCache.clear();
  deps.scoringWorker.kick();
  return getScoringConfig(deps, actor);
}

export async function requestRescore(deps: ScoringDeps, actor: Actor) {
  const now = deps.clock.now();
  const job = await deps.db.transaction(async (tx) => {
    await supersedeJobs(tx, actor.workspaceId, now);
    return insertJob(tx, actor.workspaceId, 'manual', await countLeads(tx, actor.workspaceId), now);
  });
  deps.scoringWorker.kick();
  return { id: job.id };
}

export async function getScoringJob(deps: ScoringDeps, actor: Actor, id: string) {
  const job = await findJob(deps.db, actor.workspaceId, id);
  if (!job) throw notFound('Scoring job');
  return jobView(job);
}

/**
 * What the draft would do: every lead scored by the saved rules and by the draft, up to a sample
 * of the most recent leads (the answer says how many were looked at, of how many).
 */
export async function previewScoring(deps: ScoringDeps, actor: Actor, draft: ScoringConfigBody) {
  const now = deps.clock.now();
  const saved = await workspaceScoring(deps, actor.workspaceId);
  const proposed = makeWorkspaceScoring(
    { pointRules: draft.pointRules, urgencyRules: draft.urgencyRules, settings: draft.settings },
    saved.fields,
    saved.channelTypes,
    saved.model,
  );
  const [rows, total] = await Promise.all([
    recentLeads(deps.db, actor.workspaceId, PREVIEW_SAMPLE),
    countLeads(deps.db, actor.workspaceId),
  ]);
  const since = horizonStart(Math.max(saved.horizonDays, proposed.horizonDays), now);
  const events = await eventsOf(
    deps.db,
    actor.workspaceId,
    rows.map((row) => row.id),
    since,
  );
  const transitions = new Map<string, number>();
  const before: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  const after: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  const examples = [];
  for (const row of rows) {
    const leadEvents = events.get(row.id) ?? [];
    const old = saved.score(row, leadEvents, now);
    const next = proposed.score(row, leadEvents, now);
    before[old.grade]!++;
    after[next.grade]!++;
    if (old.grade === next.grade) continue;
    const key = `${old.grade}>${next.grade}`;
    transitions.set(key, (transitions.get(key) ?? 0) + 1);
    if (examples.length < PREVIEW_EXAMPLES) {
      examples.push({
        id: row.id,
        name: row.name,
        company: row.company,
        from: { score: old.score, grade: old.grade },
        to: { score: next.score, grade: next.grade },
        factors: next.scoreFactors,
      });
    }
  }
  return {
    evaluated: rows.length,
    total,
    changed: [...transitions.values()].reduce((sum, count) => sum + count, 0),
    transitions: [...transitions].map(([key, count]) => {
      const [from, to] = key.split('>') as [Grade, Grade];
      return { from, to, count };
    }),
    gradeCounts: { before, after },
    examples,
  };
}

function horizonStart(days: number, now: Date): Date | null {
  return days >= 365 ? null : new Date(now.getTime() - days * DAY_MS);
}

/**
 * Scores the given leads of one workspace and writes the scores back, in the caller's transaction.
 * An owner whose lead just became more urgent hears of it on commit.
 */
export async function rescoreLeads(
  tx: Executor,
  scoring: WorkspaceScoring,
  workspaceId: string,
  ids: string[],
  now: Date,
): Promise<Map<string, ScoreUpdate>> {
  const updates = new Map<string, ScoreUpdate>();
  if (ids.length === 0) return updates;
  const rows = await leadsByIds(tx, workspaceId, ids);
  const events = await eventsOf(tx, workspaceId, ids, horizonStart(scoring.horizonDays, now));
  const notices: RealtimeEvent[] = [];
  const changed: ScoreUpdate[] = [];
  for (const row of rows) {
    const score = scoring.score(row, events.get(row.id) ?? [], now);
    const update = { id: row.id, ...score };
    updates.set(row.id, update);
    if (!sameScore(row, score)) changed.push(update);
    const raised = urgencyRank[score.urgency] > urgencyRank[row.urgency as UrgencyLevel];
    if (raised && row.ownerId) notices.push(urgencyNotice(workspaceId, row, score.urgency, score.urgencyReason, now));
  }
  // Most leads keep their score when a rule changes elsewhere: only the changed ones are written.
  if (changed.length > 0) await tx.execute(updateScoresStatement(workspaceId, changed));
  await publishAllOnCommit(tx, notices, now);
  return updates;
}

function sameScore(row: ScoringLeadRow, score: ScoreUpdate | Omit<ScoreUpdate, 'id'>): boolean {
  return (
    row.score === score.score &&
    row.grade === score.grade &&
    row.urgency === score.urgency &&
    row.urgencyReason === score.urgencyReason &&
    row.winProbability === score.winProbability &&
    (row.rescoreAt?.getTime() ?? null) === (score.rescoreAt?.getTime() ?? null) &&
    JSON.stringify(row.scoreFactors) === JSON.stringify(score.scoreFactors)
  );
}

function urgencyNotice(
  workspaceId: string,
  lead: ScoringLeadRow,
  urgency: UrgencyLevel,
  reason: string | null,
  now: Date,
): RealtimeEvent {
  return {
    workspaceId,
    userId: lead.ownerId!,
    type: 'lead.urgent',
    data: { leadId: lead.id, name: lead.name, company: lead.company, urgency, reason, at: now.toISOString() },
  };
}
