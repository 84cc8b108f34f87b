import type { SQLWrapper } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import type { RealtimeEvent } from '../realtime/realtime.ts';
import { startOfLocalDay } from './routing-profile.rules.ts';
import {
  companyOwners,
  dealtSince,
  insertAssignmentsStatement,
  lockRoutingState,
  saveRotationsStatement,
} from './routing.repository.ts';
import { repsInPlay, routeLeads, teamsInPlay, type RouterLead, type RoutingDecision } from './router.rules.ts';
import type { WorkspaceRouting } from './workspace-routing.ts';

/** Days of reps without a calendar are counted on China's clock, the product's home. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type RoutableLead = RouterLead & { id: string; name: string };

export interface Routed {
  /** One per lead, in order. */
  decisions: RoutingDecision[];
  /** The assignments' explanations and the rotations' new positions; run them with the leads' writes. */
  statements: SQLWrapper[];
  /** Managers to tell about leads whose company another rep already owns (policy `flag`). */
  flags: RealtimeEvent[];
}

/**
 * Routes new leads inside the caller's transaction: locks the rotations and loads it will read,
 * deals every lead by the published rules (affinity, rule, team strategy) and returns the
 * statements that record the explanations and move the rotations on.
 */
export async function routeNewLeads(
  tx: Executor,
  routing: WorkspaceRouting,
  workspaceId: string,
  leads: readonly RoutableLead[],
  now: Date,
  kind: 'rules' | 'handover' = 'rules',
  audit: { actorId?: string | null; reason?: string | null; previousOwners?: ReadonlyMap<string, string> } = {},
): Promise<Routed> {
  if (leads.length === 0) return { decisions: [], statements: [], flags: [] };
  const { profile } = routing;
  const teamIds = teamsInPlay(profile, leads);
  const keys = [...new Set(leads.flatMap((lead) => (lead.companyKey ? [lead.companyKey] : [])))];
  const owners = profile.affinity === 'off' ? new Map<string, string>() : await companyOwners(tx, workspaceId, keys);
  const repIds = repsInPlay(profile, teamIds, owners.values());
  const locked = await lockRoutingState(tx, workspaceId, teamIds, repIds);
  const since = new Map<string, Date>();
  for (const id of repIds) {
    const rep = profile.reps.get(id)!;
    if (rep.maxNewPerDay !== null) since.set(id, startOfLocalDay(rep.calendar?.timeZone ?? DEFAULT_TIME_ZONE, now));
  }
  const live = {
    openLeads: locked.openLeads,
    newToday: await dealtSince(tx, workspaceId, since),
    rotations: new Map(locked.rotations),
    companyOwners: owners,
    records: routing.records,
  };
  const decisions = routeLeads(profile, live, leads, now);

  const dealt = new Map<string, number>();
  for (const decision of decisions) {
    const teamId = decision.details.viaTeamId;
    if (teamId && decision.chosenUserId) dealt.set(teamId, (dealt.get(teamId) ?? 0) + 1);
  }
  const moved = teamIds
    .filter((teamId) => live.rotations.get(teamId) !== locked.rotations.get(teamId))
    .map((teamId) => ({ teamId, rotation: live.rotations.get(teamId)!, dealt: dealt.get(teamId) ?? 0 }));
  const statements: SQLWrapper[] = [
    insertAssignmentsStatement(
      decisions.map((decision, index) => ({
        id: randomUUID(),
        workspaceId,
        leadId: leads[index]!.id,
        kind: kind === 'handover' ? 'handover' : decision.kind,
        ruleSetVersion: decision.ruleSetVersion,
        ruleId: decision.ruleId,
        strategy: decision.strategy,
        teamId: decision.teamId,
        chosenUserId: decision.chosenUserId,
        previousOwnerId: audit.previousOwners?.get(leads[index]!.id) ?? null,
        candidates: decision.candidates,
        details: { ...decision.details },
        reason: audit.reason ?? null,
        actorId: audit.actorId ?? null,
        createdAt: now,
      })),
    ),
  ];
  if (moved.length > 0) statements.push(saveRotationsStatement(workspaceId, moved, now));
  const flags = decisions.flatMap((decision, index): RealtimeEvent[] => {
    const managerId = decision.teamId ? routing.managers.get(decision.teamId) : undefined;
    if (!decision.details.flagged || !managerId) return [];
    const lead = leads[index]!;
    return [
      {
        workspaceId,
        userId: managerId,
        type: 'lead.flagged',
        data: {
          leadId: lead.id,
          name: lead.name,
          company: lead.company ?? null,
          ownerId: decision.chosenUserId,
          accountOwnerId: decision.details.affinityOwnerId,
        },
      },
    ];
  });
  return { decisions, statements, flags };
}

/** The stored explanation of a decision as JSON text (candidates, then details), as the insert sends it. */
export function explanationJson(decision: RoutingDecision): string {
  return JSON.stringify(decision.candidates) + JSON.stringify(decision.details);
}
