import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { descNullsLast, queryRows, type Executor } from '../../platform/db/database.ts';
import { leads, scoringConfigs, scoringJobs, scoringRules } from '../../platform/db/schema.ts';
import type { ScoringEvent } from './features.rules.ts';
import {
  defaultPointRules,
  defaultScoringSettings,
  defaultUrgencyRules,
  type LeadScore,
  type RuleLead,
} from './scoring.rules.ts';
import type {
  Condition,
  PointRuleInput,
  ScoringConfigBody,
  ScoringJobView,
  ScoringSettings,
  UrgencyRuleInput,
} from './scoring.schemas.ts';

export interface StoredScoringConfig {
  pointRules: (PointRuleInput & { id: string })[];
  urgencyRules: (UrgencyRuleInput & { id: string })[];
  settings: ScoringSettings;
  activeModelId: string | null;
}

type RuleRow = typeof scoringRules.$inferSelect;

function ruleRows(workspaceId: string, body: Pick<ScoringConfigBody, 'pointRules' | 'urgencyRules'>): RuleRow[] {
  return [
    ...body.pointRules.map((rule, position) => ({
      id: randomUUID(),
      workspaceId,
      kind: 'points' as const,
      position,
      name: rule.name,
      when: rule.when,
      group: rule.group,
      points: rule.points,
      level: null,
      active: rule.active,
    })),
    ...body.urgencyRules.map((rule, position) => ({
      id: randomUUID(),
      workspaceId,
      kind: 'urgency' as const,
      position,
      name: rule.name,
      when: rule.when,
      group: null,
      points: null,
      level: rule.level,
      active: rule.active,
    })),
  ];
}

/**
 * The workspace's scoring; a workspace that never saved one gets the defaults written first
 * (once: a concurrent first read loses the insert race and reads the winner's rows).
 */
export async function loadScoringConfig(db: Executor, workspaceId: string, now: Date): Promise<StoredScoringConfig> {
  let [config] = await db.select().from(scoringConfigs).where(eq(scoringConfigs.workspaceId, workspaceId));
  if (!config) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(scoringConfigs)
        .values({ workspaceId, settings: defaultScoringSettings, activeModelId: null, updatedAt: now })
        .onConflictDoNothing()
        .returning({ workspaceId: scoringConfigs.workspaceId });
      if (inserted.length === 0) return;
      await tx
        .insert(scoringRules)
        .values(ruleRows(workspaceId, { pointRules: defaultPointRules(), urgencyRules: defaultUrgencyRules() }));
    });
    [config] = await db.select().from(scoringConfigs).where(eq(scoringConfigs.workspaceId, workspaceId));
  }
  const rules = await db
    .select()
    .from(scoringRules)
    .where(eq(scoringRules.workspaceId, workspaceId))
    .orderBy(asc(scoringRules.kind), asc(scoringRules.position));
  const base = (rule: RuleRow) => ({
    id: rule.id,
    name: rule.name,
    when: rule.when as Condition[],
    active: rule.active,
  });
  return {
    pointRules: rules
      .filter((rule) => rule.kind === 'points')
      .map((rule) => ({ ...base(rule), group: rule.group!, points: rule.points! })),
    urgencyRules: rules
      .filter((rule) => rule.kind === 'urgency')
      .map((rule) => ({ ...base(rule), level: rule.level! })),
    settings: { ...defaultScoringSettings, ...(config!.settings as Partial<ScoringSettings>) },
    activeModelId: config!.activeModelId,
  };
}

export async function saveScoringConfig(tx: Executor, workspaceId: string, body: ScoringConfigBody, now: Date) {
  await tx.delete(scoringRules).where(eq(scoringRules.workspaceId, workspaceId));
  const rows = ruleRows(workspaceId, body);
  if (rows.length > 0) await tx.insert(scoringRules).values(rows);
  await tx
    .insert(scoringConfigs)
    .values({ workspaceId, settings: body.settings, activeModelId: null, updatedAt: now })
    .onConflictDoUpdate({ target: scoringConfigs.workspaceId, set: { settings: body.settings, updatedAt: now } });
}

export async function setActiveModel(tx: Executor, workspaceId: string, modelId: string, now: Date) {
  await tx
    .update(scoringConfigs)
    .set({ activeModelId: modelId, updatedAt: now })
    .where(eq(scoringConfigs.workspaceId, workspaceId));
}

/** A lead as scoring reads it: what the rules may look at, and its current score. */
export type ScoringLeadRow = RuleLead & {
  id: string;
  name: string;
  company: string | null;
  ownerId: string | null;
} & Omit<LeadScore, 'rescoreAt'> & { rescoreAt: Date | null };

/**
 * Leads as scoring reads them, fetched as one JSON document: the embedded engine's driver decodes
 * every field of every row in JavaScript, while one JSON.parse of the whole page is several times
 * faster (a whole-workspace rescore reads every lead).
 */
async function scoringLeads(db: Executor, where: SQL, order: SQL, limit: number): Promise<ScoringLeadRow[]> {
  const [row] = await queryRows<{ page: string | null }>(
    db,
    sql`SELECT json_agg(t)::text AS page FROM (
      SELECT l.id, l.name, l.source, l.channel_id AS "channelId", c.type AS "channelType", l.campaign, l.utm,
        l.landing_page AS "landingPage", l.referrer, l.province, l.city, l.title, l.email, l.phone, l.company,
        l.website, l.tags, l.custom, l.status, l.created_at AS "createdAt", l.last_touch_at AS "lastTouchAt",
        l.touch_count AS "touchCount", l.owner_id AS "ownerId", l.score, l.grade, l.urgency,
        l.urgency_reason AS "urgencyReason", l.win_probability AS "winProbability", l.score_factors AS "scoreFactors",
        l.rescore_at AS "rescoreAt"
      FROM leads l LEFT JOIN channels c ON c.id = l.channel_id AND c.workspace_id = l.workspace_id
      WHERE ${where} ORDER BY ${order} LIMIT ${limit}) t`,
  );
  const rows = row?.page
    ? (JSON.parse(row.page) as (Omit<ScoringLeadRow, 'createdAt' | 'lastTouchAt' | 'rescoreAt'> &
        Record<'createdAt' | 'lastTouchAt' | 'rescoreAt', string | null>)[])
    : [];
  return rows.map((lead) => ({
    ...lead,
    createdAt: new Date(lead.createdAt!),
    lastTouchAt: new Date(lead.lastTouchAt!),
    rescoreAt: lead.rescoreAt ? new Date(lead.rescoreAt) : null,
  }));
}

/** The ids of a page of the workspace's leads in id order, after `afterId`. */
export async function leadIdsAfter(db: Executor, workspaceId: string, afterId: string | null, limit: number) {
  const rows = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), afterId ? gt(leads.id, afterId) : undefined))
    .orderBy(asc(leads.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

export function leadsByIds(db: Executor, workspaceId: string, ids: string[]) {
  return scoringLeads(
    db,
    sql`l.workspace_id = ${workspaceId} AND l.id = ANY(ARRAY(SELECT json_array_elements_text(${JSON.stringify(ids)}::json)::uuid))`,
    sql`l.id`,
    ids.length,
  );
}

/** The most recent leads, for the preview. */
export function recentLeads(db: Executor, workspaceId: string, limit: number) {
  return scoringLeads(
    db,
    sql`l.workspace_id = ${workspaceId}`,
    sql`l.created_at DESC NULLS LAST, l.id DESC NULLS LAST`,
    limit,
  );
}

export async function countLeads(db: Executor, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(leads)
    .where(eq(leads.workspaceId, workspaceId));
  return row?.count ?? 0;
}

/** The leads' events since `since` (all of them when null), grouped by lead; one JSON document, as above. */
export async function eventsOf(
  db: Executor,
  workspaceId: string,
  leadIds: string[],
  since: Date | null,
): Promise<Map<string, ScoringEvent[]>> {
  const byLead = new Map<string, ScoringEvent[]>();
  if (leadIds.length === 0) return byLead;
  const [row] = await queryRows<{ page: string | null }>(
    db,
    sql`SELECT json_agg(json_build_array(lead_id, type, at, props))::text AS page FROM lead_events
      WHERE workspace_id = ${workspaceId}
        AND lead_id = ANY(ARRAY(SELECT json_array_elements_text(${JSON.stringify(leadIds)}::json)::uuid))
        ${since ? sql`AND at >= ${since.toISOString()}::timestamptz` : sql``}`,
  );
  const events = row?.page ? (JSON.parse(row.page) as [string, string, string, Record<string, unknown>][]) : [];
  for (const [leadId, type, at, props] of events) {
    const list = byLead.get(leadId) ?? [];
    list.push({ type, at: new Date(at), props });
    byLead.set(leadId, list);
  }
  return byLead;
}

export type ScoreUpdate = LeadScore & { id: string };

/** Writes scores back in one statement; the rest of each row is left as it is. */
export function updateScoresStatement(workspaceId: string, updates: ScoreUpdate[]) {
  const rows = updates.map((u) => ({
    id: u.id,
    score: u.score,
    grade: u.grade,
    urgency: u.urgency,
    urgency_reason: u.urgencyReason,
    win_probability: u.winProbability,
    score_factors: u.scoreFactors,
    rescore_at: u.rescoreAt,
  }));
  return sql`UPDATE leads AS t SET score = u.score, grade = u.grade, urgency = u.urgency,
      urgency_reason = u.urgency_reason, win_probability = u.win_probability, score_factors = u.score_factors,
      rescore_at = u.rescore_at
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS u(id uuid, score integer, grade text, urgency text,
      urgency_reason text, win_probability real, score_factors jsonb, rescore_at timestamptz)
    WHERE t.workspace_id = ${workspaceId} AND t.id = u.id`;
}

/** Workspaces with leads whose score time alone may have changed. */
export async function workspacesWithDueLeads(db: Executor, now: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ workspaceId: leads.workspaceId })
    .from(leads)
    .where(and(isNotNull(leads.rescoreAt), lte(leads.rescoreAt, now)))
    .limit(20);
  return rows.map((row) => row.workspaceId);
}

/**
 * The workspace's due leads, locked for the caller's transaction, which rescores them and sets
 * their next time: SKIP LOCKED lets another instance take the next ones instead of waiting, and
 * a crash before commit leaves them due.
 */
export async function lockDueLeads(tx: Executor, workspaceId: string, now: Date, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), isNotNull(leads.rescoreAt), lte(leads.rescoreAt, now)))
    .orderBy(asc(leads.rescoreAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return rows.map((row) => row.id);
}

type JobRow = typeof scoringJobs.$inferSelect;

export function jobView(job: JobRow): ScoringJobView {
  return {
    id: job.id,
    reason: job.reason,
    status: job.status,
    total: job.total,
    processed: job.processed,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
  };
}

export async function insertJob(
  db: Executor,
  workspaceId: string,
  reason: JobRow['reason'],
  total: number,
  now: Date,
): Promise<JobRow> {
  const [job] = await db
    .insert(scoringJobs)
    .values({ id: randomUUID(), workspaceId, reason, status: 'queued', total, createdAt: now })
    .returning();
  return job!;
}

export async function findJob(db: Executor, workspaceId: string, id: string) {
  const [job] = await db
    .select()
    .from(scoringJobs)
    .where(and(eq(scoringJobs.workspaceId, workspaceId), eq(scoringJobs.id, id)));
  return job ?? null;
}

export async function latestJob(db: Executor, workspaceId: string) {
  const [job] = await db
    .select()
    .from(scoringJobs)
    .where(eq(scoringJobs.workspaceId, workspaceId))
    .orderBy(descNullsLast(scoringJobs.createdAt))
    .limit(1);
  return job ?? null;
}

/**
 * The oldest open job nobody holds (queued, or running with a stale heartbeat), claimed by
 * writing the heartbeat; SKIP LOCKED lets two instances take two jobs rather than one twice.
 */
export async function claimJob(db: Executor, staleBefore: Date, now: Date): Promise<JobRow | null> {
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: scoringJobs.id })
      .from(scoringJobs)
      .where(
        sql`${scoringJobs.status} = 'queued' OR (${scoringJobs.status} = 'running' AND ${scoringJobs.heartbeatAt} < ${staleBefore})`,
      )
      .orderBy(asc(scoringJobs.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!open) return null;
    const [claimed] = await tx
      .update(scoringJobs)
      .set({ status: 'running', heartbeatAt: now })
      .where(eq(scoringJobs.id, open.id))
      .returning();
    return claimed ?? null;
  });
}

/** Records a chunk's progress; false when the claim was lost (another worker took the job over). */
export async function advanceJob(
  tx: Executor,
  job: JobRow,
  processed: number,
  cursor: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(scoringJobs)
    .set({ processed, cursor, heartbeatAt: now })
    .where(
      and(eq(scoringJobs.id, job.id), eq(scoringJobs.status, 'running'), eq(scoringJobs.heartbeatAt, job.heartbeatAt!)),
    )
    .returning({ id: scoringJobs.id });
  return rows.length === 1;
}

export async function finishJob(db: Executor, id: string, status: 'done' | 'failed', now: Date, error?: string) {
  await db
    .update(scoringJobs)
    .set({ status, finishedAt: now, heartbeatAt: null, error: error ?? null })
    .where(eq(scoringJobs.id, id));
}

/** Open jobs of the workspace are superseded by a newer one, which rescores everything anyway. */
export async function supersedeJobs(db: Executor, workspaceId: string, now: Date) {
  await db
    .update(scoringJobs)
    .set({ status: 'done', finishedAt: now, heartbeatAt: null, error: 'superseded by a newer rescore' })
    .where(and(eq(scoringJobs.workspaceId, workspaceId), inArray(scoringJobs.status, ['queued', 'running'])));
}
