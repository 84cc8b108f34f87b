import { sql, type SQLWrapper } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import type { RealtimeEvent } from '../realtime/realtime.ts';
import { startOfLocalDay } from './routing-profile.rules.ts';
import { candidatesJson } from './explanation.rules.ts';
import { companyOwners, dealtSince, lockRoutingState, saveRotationsStatement } from './routing.repository.ts';
import {
  repsInPlay,
  routeLeads,
  storedDetailsJson,
  teamsInPlay,
  type RouterLead,
  type RoutingDecision,
} from './router.rules.ts';
import { liveRotation, storedRotation } from './strategies.rules.ts';
import type { WorkspaceRouting } from './workspace-routing.ts';
import { planDealtLeads, noSla, type LeadSla } from '../sla/deadline.rules.ts';
import { chooseCalendar } from '../calendars/calendar-choice.rules.ts';
import { cancelPendingStatement, insertDeadlinesStatement } from '../sla/deadline.repository.ts';

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
  /** Each lead's first response-deadline step (write it on the lead row); the plan's rows are in `statements`. */
  sla: ReadonlyMap<string, LeadSla>;
}

/** The first deadline step routing planned for a lead (none when no policy takes it). */
export const slaOf = (routed: Routed, leadId: string): LeadSla => routed.sla.get(leadId) ?? noSla;

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
  if (leads.length === 0) return { decisions: [], statements: [], flags: [], sla: new Map() };
  const { profile } = routing;
  const teamIds = teamsInPlay(profile, leads);
  const keys = [...new Set(leads.flatMap((lead) => (lead.companyKey ? [lead.companyKey] : [])))];
  const owners = profile.affinity === 'off' ? new Map<string, string>() : await companyOwners(tx, workspaceId, keys);
  const repIds = repsInPlay(profile, teamIds, owners.values());
  // Loads matter only to a cap or a load-aware strategy; plain rotation locks its cursor alone.
  const needsLoads =
    teamIds.some((id) => {
      const team = profile.teams.get(id)!;
      return team.strategy === 'least_loaded' || team.strategy === 'best_fit' || team.policy.defaultCapacity !== null;
    }) || repIds.some((id) => profile.reps.get(id)!.capacity !== null);
  const locked = await lockRoutingState(tx, workspaceId, teamIds, needsLoads ? repIds : []);
  const since = new Map<string, Date>();
  for (const id of repIds) {
    const rep = profile.reps.get(id)!;
    if (rep.maxNewPerDay !== null) since.set(id, startOfLocalDay(rep.calendar?.timeZone ?? DEFAULT_TIME_ZONE, now));
  }
  // Each rotation turns into its working form once per batch, and back only if it moved.
  const before = new Map([...locked.rotations].map(([teamId, rotation]) => [teamId, liveRotation(rotation)]));
  const live = {
    openLeads: locked.openLeads,
    newToday: await dealtSince(tx, workspaceId, since),
    rotations: new Map(before),
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
    .filter((teamId) => live.rotations.get(teamId) !== before.get(teamId))
    .map((teamId) => ({
      teamId,
      rotation: storedRotation(live.rotations.get(teamId)!),
      dealt: dealt.get(teamId) ?? 0,
    }));
  const statements: SQLWrapper[] = [
    insertDecisionsStatement(
      decisions.map((decision, index) => ({
        decision,
        id: randomUUID(),
        workspace_id: workspaceId,
        lead_id: leads[index]!.id,
        kind: kind === 'handover' ? 'handover' : decision.kind,
        rule_set_version: decision.ruleSetVersion,
        rule_id: decision.ruleId,
        strategy: decision.strategy,
        team_id: decision.teamId,
        chosen_user_id: decision.chosenUserId,
        previous_owner_id: audit.previousOwners?.get(leads[index]!.id) ?? null,
        reason: audit.reason ?? null,
        actor_id: audit.actorId ?? null,
        created_at: now.toISOString(),
      })),
    ),
  ];
  if (moved.length > 0) statements.push(saveRotationsStatement(workspaceId, moved, now));
  // Deadlines start with the owner: a lead dealt again drops the steps planned for the one before.
  if (kind === 'handover')
    statements.push(
      cancelPendingStatement(
        workspaceId,
        leads.map((lead) => lead.id),
        now,
      ),
    );
  // Without policies (a workspace's default) intake copies no lead to plan nothing.
  const planned =
    routing.slaPolicies.length === 0
      ? { rows: [], sla: new Map<string, LeadSla>() }
      : planDealtLeads(
          routing.slaPolicies,
          workspaceId,
          leads.map((lead, index) => ({
            ...lead,
            ownerId: decisions[index]!.chosenUserId,
            teamId: decisions[index]!.teamId,
          })),
          now,
          randomUUID,
          (lead) => chooseCalendar(routing.calendars, lead).calendar,
        );
  if (planned.rows.length > 0) statements.push(insertDeadlinesStatement(planned.rows));
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
  return { decisions, statements, flags, sla: planned.sla };
}

/** The stored explanation of a decision as the JSON members of its row: `"candidates":[…],"details":{…}`. */
export function explanationJson(decision: RoutingDecision): string {
  return `"candidates":${candidatesJson(decision.explanation)},"details":${storedDetailsJson(decision)}`;
}

type AssignmentRecord = { decision: RoutingDecision; [column: string]: string | number | null | RoutingDecision };

/**
 * The assignments as one JSON parameter read by `json_to_recordset`, like `bulkInsertStatement`,
 * but with each explanation written straight from the decision's arrays: a team of a thousand
 * would otherwise become a thousand candidate objects (and factor objects) per lead first.
 */
function insertDecisionsStatement(records: AssignmentRecord[]) {
  const json = records
    .map(({ decision, ...columns }) => {
      const scalars = JSON.stringify(columns, (_key, value: unknown) => (value === null ? undefined : value));
      return `${scalars.slice(0, -1)},${explanationJson(decision)}}`;
    })
    .join(',');
  return sql`INSERT INTO lead_assignments (id, workspace_id, lead_id, kind, rule_set_version, rule_id, strategy, team_id,
      chosen_user_id, previous_owner_id, candidates, details, reason, actor_id, created_at)
    SELECT id, workspace_id, lead_id, kind, rule_set_version, rule_id, strategy, team_id,
      chosen_user_id, previous_owner_id, candidates, details, reason, actor_id, created_at
    FROM json_to_recordset(${`[${json}]`}::json) AS r(id uuid, workspace_id uuid, lead_id uuid, kind text,
      rule_set_version integer, rule_id text, strategy text, team_id uuid, chosen_user_id uuid, previous_owner_id uuid,
      candidates jsonb, details jsonb, reason text, actor_id uuid, created_at timestamptz)`;
}
