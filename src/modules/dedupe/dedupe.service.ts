import { and, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { descNullsLast, queryRows, type Db } from '../../platform/db/database.ts';
import { duplicateCandidates, leadMerges, leads, users, workspaces } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository.ts';
import { scopeAllows } from '../identity/scope.rules.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import { intakeSettings, type IntakeSettingsDeps } from '../intake/intake-settings.ts';
import { companyMatchKey } from '../leads/company.rules.ts';
import { leadRowToView } from '../leads/lead.repository.ts';
import { normaliseEmail, normalisePhone } from '../leads/lead.rules.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import { companySimilarity, findDuplicate, personNameKey, type MatchReason } from './dedupe.rules.ts';
import {
  findMatchCandidates,
  findSimilarCompanies,
  insertCandidatesStatement,
  reviveLeadRow,
  type DuplicateCandidateRow,
  type MatchCandidate,
} from './dedupe.repository.ts';
import { mergeLeads, type MergeView } from './merge.service.ts';
import type { DuplicateCheckQuery } from './dedupe.schemas.ts';

export type DedupeDeps = IntakeSettingsDeps & { db: Db; clock: Clock };

export interface DuplicateMatchView {
  id: string;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  ownerName: string | null;
  reason: MatchReason | 'company';
  score: number;
  /** False when the lead belongs to someone the asker may not see: its contacts are withheld. */
  visible: boolean;
}

/**
 * Who the person being typed in may already be, for the warning on manual entry: the same
 * phone, e-mail, or name at a like company; and, apart from those, other leads at a like
 * company — another rep may already be working this customer. Contacts of leads the asker may
 * not see are withheld; that such a lead exists, and whose it is, is what the warning is for.
 */
export async function duplicateCheck(deps: DedupeDeps, actor: Actor, query: DuplicateCheckQuery) {
  const { companyMatchThreshold } = await intakeSettings(deps, actor.workspaceId);
  const keys = {
    phone: query.phone ? normalisePhone(query.phone) : null,
    email: query.email ? normaliseEmail(query.email) : null,
    nameKey: personNameKey(query.name),
    companyKey: companyMatchKey(query.company),
  };
  const [candidates, sameCompany, scope] = await Promise.all([
    findMatchCandidates(deps.db, actor.workspaceId, keys),
    keys.companyKey
      ? findSimilarCompanies(deps.db, actor.workspaceId, keys.companyKey, Math.max(companyMatchThreshold, 0.3), 5)
      : Promise.resolve([]),
    leadScopeOf(deps.db, actor),
  ]);
  const matches: DuplicateMatchView[] = [];
  const seen = new Set<string>();
  const add = (lead: MatchCandidate, reason: DuplicateMatchView['reason'], score: number) => {
    if (seen.has(lead.id)) return;
    seen.add(lead.id);
    const visible = scopeAllows(scope, lead.ownerId);
    matches.push({
      id: lead.id,
      name: lead.name,
      company: lead.company,
      phone: visible ? lead.phone : null,
      email: visible ? lead.email : null,
      ownerName: lead.ownerName,
      reason,
      score,
      visible,
    });
  };
  for (let rest = candidates; rest.length > 0;) {
    const match = findDuplicate(keys, rest, companyMatchThreshold);
    if (!match) break;
    add(match.lead, match.reason, match.score);
    rest = rest.filter((lead) => lead !== match.lead);
  }
  for (const lead of sameCompany) add(lead, 'company', lead.score);
  return { matches };
}

export interface CandidateView {
  id: string;
  reason: MatchReason;
  score: number;
  foundBy: 'intake' | 'scan';
  status: 'open' | 'merged' | 'dismissed';
  createdAt: string;
  lead: ReturnType<typeof leadRowToView>;
  duplicateOf: ReturnType<typeof leadRowToView>;
}

/** The review queue: pairs side by side, newest first, only where the asker may see both leads. */
export async function listCandidates(
  deps: DedupeDeps,
  actor: Actor,
  status: 'open' | 'merged' | 'dismissed',
): Promise<CandidateView[]> {
  const scope = await leadScopeOf(deps.db, actor);
  const pairs = await deps.db
    .select()
    .from(duplicateCandidates)
    .where(and(eq(duplicateCandidates.workspaceId, actor.workspaceId), eq(duplicateCandidates.status, status)))
    .orderBy(descNullsLast(duplicateCandidates.createdAt))
    .limit(200);
  const ids = [...new Set(pairs.flatMap((pair) => [pair.leadId, pair.duplicateOfId]))];
  const rows =
    ids.length === 0
      ? []
      : await deps.db
          .select({ lead: leads, ownerName: users.name })
          .from(leads)
          .leftJoin(users, and(eq(users.id, leads.ownerId), eq(users.workspaceId, leads.workspaceId)))
          .where(and(eq(leads.workspaceId, actor.workspaceId), inArray(leads.id, ids)));
  const byId = new Map(rows.map((row) => [row.lead.id, row]));
  // A merged pair's removed lead lives on in its merge record, so the pair can still be shown.
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const records = await deps.db
      .select({ mergedRow: leadMerges.mergedRow })
      .from(leadMerges)
      .where(
        and(
          eq(leadMerges.workspaceId, actor.workspaceId),
          eq(leadMerges.kind, 'manual'),
          inArray(leadMerges.mergedId, missing),
        ),
      );
    for (const { mergedRow } of records) {
      const lead = reviveLeadRow(mergedRow);
      byId.set(lead.id, { lead, ownerName: null });
    }
  }
  return pairs.flatMap((pair) => {
    const lead = byId.get(pair.leadId);
    const duplicateOf = byId.get(pair.duplicateOfId);
    if (!lead || !duplicateOf) return [];
    if (!scopeAllows(scope, lead.lead.ownerId) || !scopeAllows(scope, duplicateOf.lead.ownerId)) return [];
    return [
      {
        id: pair.id,
        reason: pair.reason,
        score: pair.score,
        foundBy: pair.foundBy,
        status: pair.status,
        createdAt: pair.createdAt.toISOString(),
        lead: leadRowToView(lead.lead, lead.ownerName),
        duplicateOf: leadRowToView(duplicateOf.lead, duplicateOf.ownerName),
      },
    ];
  });
}

async function openCandidate(deps: DedupeDeps, actor: Actor, id: string) {
  const [pair] = await deps.db
    .select()
    .from(duplicateCandidates)
    .where(and(eq(duplicateCandidates.workspaceId, actor.workspaceId), eq(duplicateCandidates.id, id)));
  if (!pair) throw notFound('Duplicate pair');
  if (pair.status !== 'open') throw new AppError('CONFLICT', `This pair is already ${pair.status}`);
  return pair;
}

/** Merges a proposed pair; by default the older lead survives, or the one the reviewer keeps. */
export async function mergeCandidate(
  deps: DedupeDeps,
  actor: Actor,
  id: string,
  keep: 'lead' | 'duplicateOf' = 'duplicateOf',
): Promise<MergeView> {
  const pair = await openCandidate(deps, actor, id);
  const [survivorId, mergedId] =
    keep === 'lead' ? [pair.leadId, pair.duplicateOfId] : [pair.duplicateOfId, pair.leadId];
  return mergeLeads(deps, actor, { survivorId, mergedId, candidateId: pair.id });
}

export async function dismissCandidate(deps: DedupeDeps, actor: Actor, id: string): Promise<void> {
  if (actor.kind === 'user' && (actor.role === 'rep' || actor.role === 'marketing')) {
    throw new AppError('FORBIDDEN', 'Only a manager or an admin can judge duplicates');
  }
  const pair = await openCandidate(deps, actor, id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(duplicateCandidates)
      .set({ status: 'dismissed', resolvedAt: now, resolvedBy: actorRef(actor).actorId })
      .where(and(eq(duplicateCandidates.id, pair.id), eq(duplicateCandidates.status, 'open')))
      .returning({ id: duplicateCandidates.id });
    if (updated.length === 0) throw new AppError('CONFLICT', 'This pair has just been judged');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'duplicate.dismissed',
      entity: 'lead',
      entityId: pair.leadId,
      after: { duplicateOfId: pair.duplicateOfId },
      at: now,
    });
  });
}

interface ScanRow {
  id: string;
  other: string;
  reason: MatchReason;
  nameKey: string | null;
  companyKey: string | null;
  otherCompanyKey: string | null;
}

/**
 * Finds duplicates among the leads a workspace already has (made before a rule existed, under the
 * create policy, or imported elsewhere) and proposes each pair once for review: the newer lead
 * against the oldest it repeats. Returns how many new pairs it proposed.
 */
export async function scanDuplicates(deps: DedupeDeps, workspaceId: string): Promise<{ proposed: number }> {
  const { companyMatchThreshold } = await intakeSettings(deps, workspaceId);
  const rows = await queryRows<ScanRow>(
    deps.db,
    sql`
      WITH ranked AS (
        SELECT id, phone, email, name_key, company_key, created_at FROM ${leads} WHERE workspace_id = ${workspaceId}
      )
      SELECT b.id, a.id AS other, 'phone' AS reason, NULL AS "nameKey", NULL AS "companyKey", NULL AS "otherCompanyKey"
        FROM ranked a JOIN ranked b ON a.phone = b.phone AND (a.created_at, a.id) < (b.created_at, b.id)
      UNION ALL
      SELECT b.id, a.id, 'email', NULL, NULL, NULL
        FROM ranked a JOIN ranked b ON a.email = b.email AND (a.created_at, a.id) < (b.created_at, b.id)
      UNION ALL
      SELECT b.id, a.id, 'name_company', b.name_key, b.company_key, a.company_key
        FROM ranked a JOIN ranked b ON a.name_key = b.name_key AND (a.created_at, a.id) < (b.created_at, b.id)
       WHERE a.company_key IS NOT NULL AND b.company_key IS NOT NULL`,
  );
  const now = deps.clock.now();
  const proposals = new Map<string, DuplicateCandidateRow>();
  for (const row of rows) {
    const score = row.reason === 'name_company' ? companySimilarity(row.companyKey!, row.otherCompanyKey!) : 1;
    if (score < companyMatchThreshold) continue;
    // The first (oldest) match of each newer lead is the one proposed.
    if (proposals.has(row.id)) continue;
    proposals.set(row.id, {
      id: randomUUID(),
      workspaceId,
      leadId: row.id,
      duplicateOfId: row.other,
      reason: row.reason,
      score,
      foundBy: 'scan',
      status: 'open',
      createdAt: now,
    });
  }
  if (proposals.size === 0) return { proposed: 0 };
  const inserted = await queryRows<{ id: string }>(
    deps.db,
    sql`${insertCandidatesStatement([...proposals.values()])} RETURNING id`,
  );
  return { proposed: inserted.length };
}

export async function dedupeSettings(deps: DedupeDeps, actor: Actor) {
  const { companyMatchThreshold } = await intakeSettings(deps, actor.workspaceId);
  return { companyMatchThreshold };
}

export async function changeDedupeSettings(deps: DedupeDeps, actor: Actor, body: { companyMatchThreshold: number }) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ companyMatchThreshold: workspaces.companyMatchThreshold })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId))
      .for('update');
    await tx
      .update(workspaces)
      .set({ companyMatchThreshold: body.companyMatchThreshold })
      .where(eq(workspaces.id, actor.workspaceId));
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'dedupe.settings_changed',
      entity: 'workspace',
      entityId: actor.workspaceId,
      before: before ?? null,
      after: body,
      at: now,
    });
    await publishInvalidation(tx, 'intake_settings');
  });
  deps.settingsCache.clear();
  return body;
}
