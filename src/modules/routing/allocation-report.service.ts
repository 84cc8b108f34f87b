import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { leadScopeOf } from '../identity/scope.service.ts';
import {
  buildAllocationReport,
  lastFullMonth,
  LOW_CONVERSION_MONTHS,
  monthRange,
  monthsEnding,
  type OutcomeCell,
  type ReportPerson,
} from './allocation-report.rules.ts';
import { defaultTeamBestFit } from './router.rules.ts';
import { monthlyOutcomes, workspacePeople } from './routing-insights.repository.ts';
import type { AllocationReportView } from './routing-insights.schemas.ts';

export interface AllocationReportDeps {
  db: Executor;
  clock: Clock;
}

/**
 * The month's allocation and outcomes per rep and segment. A lead counts for the month it was
 * created in and for its owner now (a transferred lead moves with its credit); its segment is
 * read under the owner's team's segment field, as routing keeps its records. A manager sees the
 * reps of their team subtree, rated against rates pooled over everyone.
 */
export async function allocationReport(
  deps: AllocationReportDeps,
  actor: Actor,
  month = lastFullMonth(deps.clock.now()),
): Promise<AllocationReportView> {
  const { workspaceId } = actor;
  const months = monthsEnding(month, LOW_CONVERSION_MONTHS);
  const since = monthRange(months[0]!).start;
  const until = monthRange(month).end;
  const [directory, scope] = await Promise.all([workspacePeople(deps.db, workspaceId), leadScopeOf(deps.db, actor)]);
  const teams = new Map(directory.teams.map((team) => [team.id, team]));
  const fieldOf = (teamId: string | null) =>
    (teamId && teams.get(teamId)?.bestFit?.segmentField) || defaultTeamBestFit.segmentField;
  const people: ReportPerson[] = directory.people.map((person) => ({
    userId: person.id,
    name: person.name,
    teamId: person.teamId,
    capacity: person.capacity ?? (person.teamId ? (teams.get(person.teamId)?.defaultCapacity ?? null) : null),
    routable: person.active && person.role === 'rep',
  }));
  const fieldOfUser = new Map(directory.people.map((person) => [person.id, fieldOf(person.teamId)]));
  const fields = [...new Set([defaultTeamBestFit.segmentField, ...fieldOfUser.values()])];
  const byField = await Promise.all(
    fields.map(async (field) => ({ field, rows: await monthlyOutcomes(deps.db, workspaceId, field, since, until) })),
  );
  const cells: OutcomeCell[] = byField.flatMap(({ field, rows }) =>
    rows
      .filter((row) => (fieldOfUser.get(row.owner_id) ?? defaultTeamBestFit.segmentField) === field)
      .map((row) => ({
        month: row.month,
        userId: row.owner_id,
        segment: row.segment,
        leads: row.leads,
        decided: row.decided,
        won: row.won,
      })),
  );
  return buildAllocationReport({
    month,
    cells,
    people,
    ...(scope.kind === 'owners' ? { visible: new Set(scope.ownerIds) } : {}),
  });
}
