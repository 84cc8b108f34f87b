import { randomUUID } from 'node:crypto';
import type { WorkspaceScoring } from '../scoring/workspace-scoring.ts';
import type { SQLWrapper } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { writeTogether, type Db, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { Batcher, BatchOutcome } from '../../platform/batcher.ts';
import type { z } from 'zod';
import { batchItem, type BatchResult } from './intake.schemas.ts';
import { auditStatement, type AuditEntry } from '../audit/audit.repository.ts';
import {
  findByContacts,
  findSameNameCompanies,
  insertLeadsStatement,
  insertRejectionsStatement,
  insertTouchesStatement,
  leadRowToView,
  lockContactKeys,
  type LeadRow,
  updateLeadsStatement,
} from '../leads/lead.repository.ts';
import { normaliseLead } from '../leads/lead.rules.ts';
import type { CreateLeadBody, LeadView } from '../leads/lead.schemas.ts';
import { originTags } from '../channels/channel.rules.ts';
import { checkCustomValues } from '../fields/field.rules.ts';
import { intakeSettings, type IntakeSettings, type IntakeSettingsDeps } from './intake-settings.ts';
import { scopeAllows } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { leadAssignedData, notifyAllSelect, type RealtimeEvent } from '../realtime/realtime.ts';
import { notificationStatements } from '../notifications/notification-write.ts';
import { routeNewLeads, slaOf } from '../routing/routing.service.ts';
import type { WorkspaceRouting } from '../routing/workspace-routing.ts';
import { spamReason } from './spam.rules.ts';
import { plausibleNameMatches } from '../dedupe/dedupe.rules.ts';
import {
  insertCandidatesStatement,
  insertLeadMergesStatement,
  type DuplicateCandidateRow,
  type LeadMergeRow,
} from '../dedupe/dedupe.repository.ts';
import {
  matchLockKeys,
  planIntake,
  type DedupePolicy,
  type IntakeItem,
  type IntakePlan,
  type PlannedLead,
} from './intake.rules.ts';

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  /**
   * True on the embedded database, whose transactions already run one at a time: the contact
   * locks that keep concurrent PostgreSQL transactions from creating one person twice are
   * skipped there (a round trip saved per batch).
   */
  serialisedTransactions: boolean;
  /** The workspace's scoring, so a new lead is graded in the transaction that creates it. */
  scoring: (workspaceId: string) => Promise<WorkspaceScoring>;
  /** The workspace's routing rules, teams and reps, so a new lead gets its owner in the same transaction. */
  routing: (workspaceId: string) => Promise<WorkspaceRouting>;
}

/**
 * Who a submission came from when no user or key sent it: a public form, an ad platform's
 * webhook or a background import, each speaking for one channel.
 */
export interface ChannelActor {
  kind: 'channel';
  workspaceId: string;
  /** The lead's source when the submission names none: 'web_form', 'ad_webhook', 'import'. */
  source: string;
  channelId: string | null;
  /** The form, hook channel or import behind it, for the touch's channel label. */
  label: string | null;
}

export type IntakeActor = Actor | ChannelActor;

export function intakeActorRef(actor: IntakeActor): {
  actorType: 'user' | 'api_key' | 'system';
  actorId: string | null;
} {
  return actor.kind === 'channel' ? { actorType: 'system', actorId: null } : actorRef(actor);
}

export interface Submission {
  actor: IntakeActor;
  item: IntakeItem;
  /** The workspace's company-name threshold for same-name matches. */
  companyThreshold: number;
}

export interface IntakeResult {
  lead: LeadView;
  deduplicated: boolean;
}

export type IntakeQueue = Batcher<Submission, IntakeResult>;

export function sourceOf(actor: IntakeActor): string {
  if (actor.kind === 'channel') return actor.source;
  return actor.kind === 'api_key' ? (actor.channel ?? 'api') : 'manual';
}

/** The channel a key or a channel actor speaks for, which outranks one the submission names. */
function boundChannelId(actor: IntakeActor): string | null {
  return actor.kind === 'user' ? null : actor.channelId;
}

function channelLabel(actor: IntakeActor): string | null {
  if (actor.kind === 'channel') return actor.label;
  return actor.kind === 'api_key' ? actor.channel : null;
}

export interface HeldSubmission {
  payload: unknown;
  error: AppError;
  /** quarantined: well-formed but suspect (spam, honeypot, over a rate limit); a user may release it. */
  kind?: 'rejected' | 'quarantined';
  clientIp?: string | null;
}

/** Keeps what we could not accept, with the reason, so no submission is ever silently lost. */
export async function recordRejectedIntake(
  deps: Pick<IntakeDeps, 'db' | 'clock'>,
  actor: IntakeActor,
  held: HeldSubmission[],
): Promise<void> {
  if (held.length === 0) return;
  const receivedAt = deps.clock.now();
  await deps.db.execute(
    insertRejectionsStatement(
      held.map(({ payload, error, kind, clientIp }) => ({
        id: randomUUID(),
        workspaceId: actor.workspaceId,
        source: sourceOf(actor),
        channel: channelLabel(actor),
        channelId: boundChannelId(actor),
        kind: kind ?? 'rejected',
        clientIp: clientIp ?? null,
        code: error.code,
        field: error.field ?? null,
        message: error.message,
        payload: payload ?? null,
        receivedAt,
      })),
    ),
  );
}

export interface IntakeOptions {
  /** Overrides the channel's policy for repeats (an import chooses its own). */
  dedupePolicy?: DedupePolicy;
  /** The submitter's address, kept with a refused submission (public forms). */
  clientIp?: string | null;
}

/** Where a refused submission is kept: suspect ones in quarantine, the rest as rejected. */
export function holdKind(error: AppError): 'rejected' | 'quarantined' {
  return error.code === 'SUSPECTED_SPAM' ? 'quarantined' : 'rejected';
}

/**
 * Cleans a submission into something the intake can write, or says why it cannot be a lead
 * (SUSPECTED_SPAM: it could be, but it is held for a person to release).
 */
export function cleanSubmission(
  actor: IntakeActor,
  body: CreateLeadBody,
  settings: IntakeSettings,
  options: IntakeOptions = {},
): Submission | AppError {
  const cleaned = normaliseLead(body, sourceOf(actor));
  if (!cleaned.ok) return new AppError(cleaned.code, cleaned.message, cleaned.field);
  const spam = spamReason(cleaned.value);
  if (spam) return new AppError('SUSPECTED_SPAM', `${spam}; kept in quarantine for review`);
  const custom = checkCustomValues(settings.fields, body.custom ?? undefined);
  if (!custom.ok) return new AppError('VALIDATION_FAILED', custom.message, custom.field);
  // A key bound to a channel speaks for it; otherwise the submission may name one.
  const channelId = boundChannelId(actor) ?? body.channelId ?? null;
  const channel = channelId ? settings.channels.get(channelId) : undefined;
  if (channelId && !channel) return new AppError('VALIDATION_FAILED', 'There is no such channel', 'channelId');
  const lead = {
    ...cleaned.value,
    channelId,
    campaign: cleaned.value.campaign ?? channel?.campaign ?? null,
    custom: custom.value,
  };
  const tags = originTags(settings.tagRules, { ...lead, channelType: channel?.type ?? null });
  return {
    actor,
    companyThreshold: settings.companyMatchThreshold,
    item: {
      lead: { ...lead, tags },
      channel: channelLabel(actor),
      payload: body,
      dedupePolicy: options.dedupePolicy ?? channel?.dedupePolicy ?? 'merge',
      status: body.status ?? undefined,
    },
  };
}

type IntakeRunDeps = Pick<IntakeDeps, 'db' | 'clock'> & IntakeSettingsDeps & { intake: IntakeQueue };

/** One lead: cleaned and written with whatever else is arriving, or kept as a rejection and refused. */
export async function intakeOne(
  deps: IntakeRunDeps,
  actor: IntakeActor,
  body: CreateLeadBody,
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  const submission = cleanSubmission(actor, body, await intakeSettings(deps, actor.workspaceId), options);
  if (submission instanceof AppError) {
    await recordRejectedIntake(deps, actor, [
      { payload: body, error: submission, kind: holdKind(submission), clientIp: options.clientIp ?? null },
    ]);
    throw submission;
  }
  return deps.intake.submit(submission);
}

/**
 * What the submitter may be told. A new lead is theirs to see; a repeat names an existing lead,
 * which a form's key or another rep must not read through intake: they learn only its id.
 */
export async function intakeView(deps: Pick<IntakeDeps, 'db'>, actor: IntakeActor, result: IntakeResult) {
  if (result.deduplicated) {
    if (actor.kind === 'channel') return { id: result.lead.id, deduplicated: true as const };
    const scope = await leadScopeOf(deps.db, actor);
    if (!scopeAllows(scope, result.lead.ownerId)) return { id: result.lead.id, deduplicated: true as const };
  }
  return { ...result.lead, deduplicated: result.deduplicated };
}

/**
 * Up to 1,000 leads, each judged on its own: a malformed or unreachable one is rejected (and
 * kept), the rest are created or merged into the lead they repeat.
 */
export async function intakeMany(
  deps: IntakeRunDeps,
  actor: IntakeActor,
  items: unknown[],
  options: IntakeOptions = {},
): Promise<BatchResult[]> {
  const settings = await intakeSettings(deps, actor.workspaceId);
  const rejected: { index: number; payload: unknown; error: AppError }[] = [];
  const accepted: { index: number; submission: Submission }[] = [];
  items.forEach((payload, index) => {
    const parsed = batchItem.safeParse(payload);
    const submission = parsed.success
      ? cleanSubmission(actor, parsed.data, settings, options)
      : validationError(parsed.error, index);
    if (submission instanceof AppError) rejected.push({ index, payload, error: submission });
    else accepted.push({ index, submission });
  });
  await recordRejectedIntake(
    deps,
    actor,
    rejected.map((held) => ({ ...held, kind: holdKind(held.error) })),
  );
  const written = await Promise.allSettled(accepted.map(({ submission }) => deps.intake.submit(submission)));
  const results: BatchResult[] = new Array(items.length);
  for (const { index, error } of rejected) {
    results[index] = { index, id: null, status: holdKind(error), error: errorView(error) };
  }
  accepted.forEach(({ index }, position) => {
    const outcome = written[position]!;
    results[index] =
      outcome.status === 'fulfilled'
        ? { index, id: outcome.value.lead.id, status: outcome.value.deduplicated ? 'merged' : 'created' }
        : {
            index,
            id: null,
            status: 'rejected',
            error: { code: 'INTERNAL', message: 'This lead could not be written' },
          };
  });
  return results;
}

function validationError(error: z.ZodError, index: number): AppError {
  const issue = error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const field = [...issue.path, ...keys.slice(0, 1)].join('.') || undefined;
  return new AppError('VALIDATION_FAILED', `leads[${index}]${field ? `.${field}` : ''}: ${issue.message}`, field);
}

function errorView(error: AppError) {
  return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
}

/**
 * Writes a batch of accepted submissions in one transaction: per workspace, it locks their
 * contact keys, finds the leads they repeat, creates the rest and deals them by round robin,
 * and records every submission as a touch with its audit record; the owners' pop-ups go out
 * on commit.
 */
export async function writeIntakeBatch(
  deps: IntakeDeps,
  submissions: Submission[],
): Promise<BatchOutcome<IntakeResult>[]> {
  const now = deps.clock.now();
  const outcomes: BatchOutcome<IntakeResult>[] = new Array(submissions.length);
  const byWorkspace = new Map<string, number[]>();
  submissions.forEach((submission, index) => {
    const indexes = byWorkspace.get(submission.actor.workspaceId) ?? [];
    indexes.push(index);
    byWorkspace.set(submission.actor.workspaceId, indexes);
  });
  // Workspaces in a fixed order, so two instances' batches take their locks in the same order.
  const workspaces = [...byWorkspace].sort(([a], [b]) => a.localeCompare(b));
  // Read before the transaction: on the embedded engine a read beside it would wait for it.
  const scorings = await Promise.all(workspaces.map(([workspaceId]) => deps.scoring(workspaceId)));
  const routings = await Promise.all(workspaces.map(([workspaceId]) => deps.routing(workspaceId)));
  await deps.db.transaction(async (tx) => {
    for (const [position, [workspaceId, indexes]] of workspaces.entries()) {
      const batch = indexes.map((index) => submissions[index]!);
      const context = {
        now,
        serialised: deps.serialisedTransactions,
        scoring: scorings[position]!,
        routing: routings[position]!,
      };
      const results = await writeWorkspaceBatch(tx, workspaceId, batch, context);
      indexes.forEach((index, position) => (outcomes[index] = { ok: true, value: results[position]! }));
    }
  });
  return outcomes;
}

async function writeWorkspaceBatch(
  tx: Tx,
  workspaceId: string,
  batch: Submission[],
  {
    now,
    serialised,
    scoring,
    routing,
  }: { now: Date; serialised: boolean; scoring: WorkspaceScoring; routing: WorkspaceRouting },
): Promise<IntakeResult[]> {
  const items = batch.map((submission) => submission.item);
  const matched = items.filter((item) => item.dedupePolicy !== 'create');
  if (!serialised)
    await lockContactKeys(
      tx,
      workspaceId,
      items.flatMap((item) => matchLockKeys(item.lead)),
    );
  const named = matched.flatMap((item) => (item.lead.nameKey && item.lead.companyKey ? [item.lead] : []));
  const sameName = await findSameNameCompanies(
    tx,
    workspaceId,
    named.map((lead) => lead.nameKey!),
  );
  const found = await findByContacts(tx, workspaceId, {
    phones: matched.flatMap((item) => (item.lead.phone ? [item.lead.phone] : [])),
    emails: matched.flatMap((item) => (item.lead.email ? [item.lead.email] : [])),
    ids: plausibleNameMatches(named, sameName, batch[0]!.companyThreshold),
  });
  const ownerNames = new Map(found.map(({ lead, ownerName }) => [lead.ownerId, ownerName]));
  const plan = planIntake(
    workspaceId,
    items,
    found.map(({ lead }) => lead),
    now,
    randomUUID,
    batch[0]!.companyThreshold,
  );
  const created = plan.leads.filter((lead) => lead.before === null);
  // A new lead has no behaviour yet: the rules and the model read its fields alone.
  for (const lead of created) lead.row = { ...lead.row, ...scoring.score(lead.row, [], now) };
  const routed = await routeNewLeads(
    tx,
    routing,
    workspaceId,
    created.map((lead) => ({ ...lead.row, channelType: scoring.channelTypes.get(lead.row.channelId ?? '') ?? null })),
    now,
  );
  created.forEach((lead, index) => {
    const { chosenUserId, teamId } = routed.decisions[index]!;
    lead.row = { ...lead.row, ownerId: chosenUserId, teamId, ...slaOf(routed, lead.row.id) };
    if (chosenUserId) ownerNames.set(chosenUserId, routing.repNames.get(chosenUserId) ?? null);
  });

  const statements: SQLWrapper[] = [];
  if (created.length > 0) statements.push(insertLeadsStatement(created.map((lead) => lead.row)));
  const touched = plan.leads.filter((lead) => lead.before !== null);
  if (touched.length > 0) {
    const changedKeys = new Set(touched.flatMap((lead) => Object.keys(changedFields(lead.before!, lead.row))));
    statements.push(
      updateLeadsStatement(
        touched.map((lead) => lead.row),
        [...changedKeys],
      ),
    );
  }
  const touchIds = batch.map(() => randomUUID());
  statements.push(
    insertTouchesStatement(
      batch.map((submission, index) => ({
        id: touchIds[index]!,
        workspaceId,
        leadId: plan.outcomes[index]!.leadId,
        source: submission.item.lead.source,
        channel: submission.item.channel,
        payload: submission.item.payload,
        receivedAt: now,
      })),
    ),
  );
  statements.push(auditStatement(auditEntries(workspaceId, batch, plan, now)));
  statements.push(...dedupeRecords(workspaceId, batch, plan, touchIds, now));
  statements.push(...routed.statements);
  const events = [...popUps(workspaceId, plan.leads, batch, now), ...routed.flags];
  if (events.length > 0) statements.push(...notificationStatements(events, now));
  await writeTogether(tx, statements, events.length > 0 ? notifyAllSelect(events) : undefined);

  const rowsById = new Map(plan.leads.map((lead) => [lead.row.id, lead.row]));
  return plan.outcomes.map((outcome) => {
    const row = rowsById.get(outcome.leadId)!;
    return { lead: leadRowToView(row, ownerNames.get(row.ownerId) ?? null), deduplicated: outcome.deduplicated };
  });
}

/** Only what the touches changed is written back: the rest of the row stays as others left it. */
function changedFields(before: LeadRow, after: LeadRow): Partial<LeadRow> {
  return Object.fromEntries(
    (Object.keys(after) as (keyof LeadRow)[])
      .filter((key) => after[key] !== before[key])
      .map((key) => [key, after[key]]),
  );
}

/** One audit record per submission: the creation (with its owner) or what the touch changed. */
function auditEntries(workspaceId: string, batch: Submission[], plan: IntakePlan, now: Date): AuditEntry[] {
  const rowsById = new Map(plan.leads.map((lead) => [lead.row.id, lead.row]));
  return plan.outcomes.map((outcome, index) => {
    const base = {
      workspaceId,
      ...intakeActorRef(batch[index]!.actor),
      entity: 'lead',
      entityId: outcome.leadId,
      at: now,
    };
    if (outcome.before) return { ...base, action: 'lead.touched', before: outcome.before, after: outcome.after };
    // The lead row and its first touch hold what was sent; the record says who made it and where it went.
    const { name, source, channelId, ownerId, teamId } = rowsById.get(outcome.leadId)!;
    return { ...base, action: 'lead.created', after: { name, source, channelId, ownerId, teamId } };
  });
}

function popUps(workspaceId: string, leads: PlannedLead[], batch: Submission[], now: Date): RealtimeEvent[] {
  return leads.flatMap((lead): RealtimeEvent[] => {
    const { row } = lead;
    if (!row.ownerId) return [];
    if (!lead.before) {
      return [{ workspaceId, userId: row.ownerId, type: 'lead.assigned', data: leadAssignedData(row, now) }];
    }
    const source = batch[lead.items.at(-1)!]!.item.lead.source;
    return [
      {
        workspaceId,
        userId: row.ownerId,
        type: 'lead.touched',
        data: { leadId: row.id, name: row.name, source, touchCount: row.touchCount },
      },
    ];
  });
}

/**
 * What the de-duplication decided, kept so people can act on it: each merge with what undoing
 * it takes (the fields it filled and the lead it would have made), and each pair the review
 * policy leaves for a person to judge.
 */
function dedupeRecords(
  workspaceId: string,
  batch: Submission[],
  plan: IntakePlan,
  touchIds: string[],
  now: Date,
): SQLWrapper[] {
  const merges: LeadMergeRow[] = [];
  const candidates: DuplicateCandidateRow[] = [];
  plan.outcomes.forEach((outcome, index) => {
    const submission = batch[index]!;
    if (outcome.match && outcome.before) {
      merges.push({
        id: randomUUID(),
        workspaceId,
        survivorId: outcome.leadId,
        mergedId: randomUUID(),
        kind: 'intake',
        survivorBefore: outcome.before,
        survivorAfter: outcome.after,
        mergedRow: { ...submission.item.lead, reason: outcome.match.reason, score: outcome.match.score },
        touchIds: [touchIds[index]!],
        eventIds: [],
        mergedBy: intakeActorRef(submission.actor).actorId,
        mergedAt: now,
      });
    }
    if (outcome.duplicateOf) {
      candidates.push({
        id: randomUUID(),
        workspaceId,
        leadId: outcome.leadId,
        duplicateOfId: outcome.duplicateOf.leadId,
        reason: outcome.duplicateOf.reason,
        score: outcome.duplicateOf.score,
        foundBy: 'intake',
        status: 'open',
        createdAt: now,
      });
    }
  });
  return [
    ...(merges.length > 0 ? [insertLeadMergesStatement(merges)] : []),
    ...(candidates.length > 0 ? [insertCandidatesStatement(candidates)] : []),
  ];
}
