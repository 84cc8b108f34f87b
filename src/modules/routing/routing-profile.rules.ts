import type { RepCalendar, RoutingRule, StrategyName } from './routing.schemas.ts';
import { compileRuleSet, type RuleSetInput } from './routing-rules.rules.ts';
import {
  defaultTeamBestFit,
  type AffinityPolicy,
  type RoutingProfile,
  type TeamProfile,
  type RepProfile,
} from './router.rules.ts';

export interface TeamSettings {
  id: string;
  parentId: string | null;
  routingStrategy: StrategyName;
  allowOffHours: boolean;
  defaultCapacity: number | null;
  bestFit: { weights: TeamProfile['bestFit']['weights']; segmentField: string; matchFields: string[] } | null;
}

export interface RepSettings {
  id: string;
  teamId: string | null;
  active: boolean;
  onLeave: boolean;
  calendar: RepCalendar | null;
  capacity: number | null;
  maxNewPerDay: number | null;
  skills: string[];
  routingWeight: number;
}

export interface PublishedRuleSet {
  version: number;
  rules: RoutingRule[];
  defaultTarget: RuleSetInput['defaultTarget'];
  affinity: AffinityPolicy;
}

/** The rule set in force before any is published: every lead to the default team (or the pool without one). */
export function builtInRuleSet(defaultTeamId: string | null): PublishedRuleSet {
  return {
    version: 0,
    rules: [],
    defaultTarget: defaultTeamId ? { kind: 'team', teamId: defaultTeamId } : { kind: 'pool' },
    affinity: 'owner',
  };
}

/** Each team's members: its own reps and those of every team below it, in id order. */
export function teamMembers(teams: readonly TeamSettings[], reps: readonly RepSettings[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const team of teams) {
    if (!team.parentId) continue;
    const list = children.get(team.parentId) ?? [];
    list.push(team.id);
    children.set(team.parentId, list);
  }
  const direct = new Map<string, string[]>();
  for (const rep of reps) {
    if (!rep.teamId) continue;
    const list = direct.get(rep.teamId) ?? [];
    list.push(rep.id);
    direct.set(rep.teamId, list);
  }
  const members = new Map<string, string[]>();
  for (const team of teams) {
    const ids: string[] = [];
    const seen = new Set<string>();
    const stack = [team.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      // A cycle in parent links (bad data) must not loop forever.
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(...(direct.get(id) ?? []));
      stack.push(...(children.get(id) ?? []));
    }
    members.set(team.id, ids.sort());
  }
  return members;
}

/** What routing needs of a workspace's settings, prepared once: the compiled rules, teams with members, reps. */
export function buildRoutingProfile(input: {
  teams: readonly TeamSettings[];
  reps: readonly RepSettings[];
  ruleSet: PublishedRuleSet;
}): RoutingProfile {
  const members = teamMembers(input.teams, input.reps);
  const teams = new Map<string, TeamProfile>(
    input.teams.map((team) => [
      team.id,
      {
        id: team.id,
        strategy: team.routingStrategy,
        policy: { allowOffHours: team.allowOffHours, defaultCapacity: team.defaultCapacity },
        bestFit: team.bestFit ?? defaultTeamBestFit,
        memberIds: members.get(team.id) ?? [],
      },
    ]),
  );
  const reps = new Map<string, RepProfile>(
    input.reps.map((rep) => [
      rep.id,
      {
        id: rep.id,
        teamId: rep.teamId,
        active: rep.active,
        onLeave: rep.onLeave,
        calendar: rep.calendar,
        capacity: rep.capacity,
        maxNewPerDay: rep.maxNewPerDay,
        skills: rep.skills,
        weight: rep.routingWeight,
      },
    ]),
  );
  return {
    version: input.ruleSet.version,
    rules: compileRuleSet({ rules: input.ruleSet.rules, defaultTarget: input.ruleSet.defaultTarget }),
    affinity: input.ruleSet.affinity,
    teams,
    reps,
  };
}

/** Midnight of `now`'s day on the wall clock of a time zone, for per-day caps. */
export function startOfLocalDay(timeZone: string, now: Date): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const elapsed = ((value('hour') * 60 + value('minute')) * 60 + value('second')) * 1000 + now.getUTCMilliseconds();
  return new Date(now.getTime() - elapsed);
}
