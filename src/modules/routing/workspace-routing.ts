import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { buildRoutingProfile, builtInRuleSet, type PublishedRuleSet } from './routing-profile.rules.ts';
import { loadRoutingSettings, segmentRecords } from './routing.repository.ts';
import { routingRuleSet } from './routing.schemas.ts';
import type { RoutingProfile, SegmentRecords } from './router.rules.ts';
import { loadSlaPolicies } from '../sla/sla-policy.repository.ts';
import type { SlaPolicy } from '../sla/sla.schemas.ts';
import { loadCalendarDirectory } from '../calendars/business-calendar.repository.ts';
import type { CalendarDirectory } from '../calendars/calendar-choice.rules.ts';

/** How far back a rep's conversion record reaches for best-fit. */
export const RECORD_WINDOW_DAYS = 180;

/** A workspace's routing profile and its reps' learnt segment records, kept until a setting changes. */
export interface WorkspaceRouting {
  profile: RoutingProfile;
  records: ReadonlyMap<string, SegmentRecords>;
  /** Team id → manager id, for flagged leads. */
  managers: ReadonlyMap<string, string>;
  repNames: ReadonlyMap<string, string>;
  /** Response-deadline policies: a lead dealt to an owner gets its deadlines planned in the same transaction. */
  slaPolicies: readonly SlaPolicy[];
  /** Business calendars and who names which: deadlines count business time in the one chooseCalendar picks. */
  calendars: CalendarDirectory;
}

export interface RoutingCacheDeps {
  db: Executor;
  clock: Clock;
  /** By workspace; every instance drops it when rules, teams or reps change. */
  routingCache: TtlCache<WorkspaceRouting>;
}

export function toPublished(row: {
  version: number;
  rules: unknown[];
  defaultTarget: unknown;
  affinity: PublishedRuleSet['affinity'];
}): PublishedRuleSet {
  const parsed = routingRuleSet.parse({ rules: row.rules, defaultTarget: row.defaultTarget });
  return {
    version: row.version,
    rules: parsed.rules,
    defaultTarget: parsed.defaultTarget as PublishedRuleSet['defaultTarget'],
    affinity: row.affinity,
  };
}

/** Reads what routing needs from the database (uncached: for a rare path or the cache's loader). */
export async function loadWorkspaceRouting(
  db: Executor,
  workspaceId: string,
  now: Date,
  ruleSet?: PublishedRuleSet,
): Promise<WorkspaceRouting> {
  const settings = await loadRoutingSettings(db, workspaceId);
  const profile = buildRoutingProfile({
    teams: settings.teamRows,
    reps: settings.repRows,
    ruleSet: ruleSet ?? (settings.published ? toPublished(settings.published) : builtInRuleSet(settings.defaultTeamId)),
  });
  const fields = new Set(
    [...profile.teams.values()].filter((team) => team.strategy === 'best_fit').map((team) => team.bestFit.segmentField),
  );
  const since = new Date(now.getTime() - RECORD_WINDOW_DAYS * 86_400_000);
  const records = new Map<string, SegmentRecords>();
  for (const field of fields) {
    const byRep = new Map<string, Map<string, { wins: number; leads: number }>>();
    for (const row of await segmentRecords(db, workspaceId, field, since)) {
      const segments = byRep.get(row.owner_id) ?? new Map();
      segments.set(row.segment, { wins: row.wins, leads: row.leads });
      byRep.set(row.owner_id, segments);
    }
    records.set(field, byRep);
  }
  const managers = new Map(
    settings.teamRows.flatMap((team) => (team.managerId ? [[team.id, team.managerId] as const] : [])),
  );
  const repNames = new Map(settings.repRows.map((rep) => [rep.id, rep.name]));
  const slaPolicies = await loadSlaPolicies(db, workspaceId);
  const calendars = await loadCalendarDirectory(db, workspaceId);
  return { profile, records, managers, repNames, slaPolicies, calendars };
}

/** Callers that miss together share one read. */
export async function workspaceRouting(deps: RoutingCacheDeps, workspaceId: string): Promise<WorkspaceRouting> {
  return (await deps.routingCache.load(workspaceId, () =>
    loadWorkspaceRouting(deps.db, workspaceId, deps.clock.now()),
  ))!;
}
