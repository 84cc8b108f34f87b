import { api } from '../api/client';
import type { Lead, ListResponse } from '../api/types';
import type {
  AllocationReport,
  Assignment,
  RoutingTeam,
  RoutingUser,
  RuleSetBody,
  RuleSetSummary,
  RuleSetView,
  Simulation,
  TeamRoutingPatch,
  UserRoutingPatch,
} from './routing.types';

const ruleSetPath = (version: number) => `/routing/rule-sets/${version}`;
const leadPath = (id: string) => `/leads/${encodeURIComponent(id)}`;

export function listRuleSets(signal?: AbortSignal): Promise<ListResponse<RuleSetSummary>> {
  return api.get<ListResponse<RuleSetSummary>>('/routing/rule-sets', { signal });
}

export function getRuleSet(version: number, signal?: AbortSignal): Promise<RuleSetView> {
  return api.get<RuleSetView>(ruleSetPath(version), { signal });
}

/** A new draft, copied from the published set. */
export function createDraft(): Promise<RuleSetView> {
  return api.post<RuleSetView>('/routing/rule-sets', {});
}

export function saveDraft(version: number, body: RuleSetBody): Promise<RuleSetView> {
  return api.put<RuleSetView>(ruleSetPath(version), body);
}

/** Puts the draft in force; the set it replaces is retired. */
export function publishRuleSet(version: number): Promise<RuleSetView> {
  return api.post<RuleSetView>(`${ruleSetPath(version)}/publish`);
}

export function simulate(body: { ruleSetVersion: number; from: string; to: string }): Promise<Simulation> {
  return api.post<Simulation>('/routing/simulations', body);
}

export function getAllocationReport(month: string, signal?: AbortSignal): Promise<AllocationReport> {
  return api.get<AllocationReport>('/routing/reports/allocation', { query: { month }, signal });
}

export function listRoutingUsers(signal?: AbortSignal): Promise<ListResponse<RoutingUser>> {
  return api.get<ListResponse<RoutingUser>>('/users', { signal });
}

export function listRoutingTeams(signal?: AbortSignal): Promise<ListResponse<RoutingTeam>> {
  return api.get<ListResponse<RoutingTeam>>('/teams', { signal });
}

export function updateUserRouting(id: string, patch: UserRoutingPatch): Promise<RoutingUser> {
  return api.patch<RoutingUser>(`/users/${encodeURIComponent(id)}`, patch);
}

export function updateTeamRouting(id: string, patch: TeamRoutingPatch): Promise<RoutingTeam> {
  return api.patch<RoutingTeam>(`/teams/${encodeURIComponent(id)}`, patch);
}

/** The rep leaves: marked inactive, their open leads dealt again by the rules. */
export function handOver(id: string, reason: string): Promise<{ moved: number; toPool: number }> {
  return api.post<{ moved: number; toPool: number }>(`/users/${encodeURIComponent(id)}/hand-over`, { reason });
}

export function getAssignment(leadId: string, signal?: AbortSignal): Promise<Assignment> {
  return api.get<Assignment>(`${leadPath(leadId)}/assignment`, { signal });
}

export function listAssignments(leadId: string, signal?: AbortSignal): Promise<ListResponse<Assignment>> {
  return api.get<ListResponse<Assignment>>(`${leadPath(leadId)}/assignments`, { signal });
}

export function reassignLead(leadId: string, userId: string, reason: string): Promise<Lead> {
  return api.post<Lead>(`${leadPath(leadId)}/reassign`, { userId, reason });
}
