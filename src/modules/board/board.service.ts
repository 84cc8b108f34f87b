import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { listTeams } from '../identity/identity.repository.ts';
import { managedTeamIds } from '../identity/scope.service.ts';
import { startOfLocalDay } from '../routing/routing-profile.rules.ts';
import * as rules from './board.rules.ts';
import { boardCounts, boardPeople } from './board.repository.ts';
import type { BoardQuery, BoardView } from './board.schemas.ts';

export interface BoardDeps {
  db: Executor;
  clock: Clock;
}

const HOUR = 3_600_000;

type TeamRow = { id: string; name: string; parentId: string | null };

/** Teams in tree order (each followed by the teams below it), and each team's subtree. */
function teamTree(teams: readonly TeamRow[]) {
  const ids = new Set(teams.map((team) => team.id));
  const children = new Map<string | null, TeamRow[]>();
  for (const team of teams) {
    const parent = team.parentId && ids.has(team.parentId) ? team.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), team]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const ordered: TeamRow[] = [];
  const subtree = new Map<string, Set<string>>();
  const walk = (team: TeamRow): Set<string> => {
    ordered.push(team);
    const below = new Set([team.id]);
    for (const child of children.get(team.id) ?? []) for (const id of walk(child)) below.add(id);
    subtree.set(team.id, below);
    return below;
  };
  for (const root of children.get(null) ?? []) walk(root);
  return { ordered, subtree };
}

/** Who the caller sees: every team and person, a manager's subtree (and themselves), or a rep alone. */
async function visibility(db: Executor, actor: Actor) {
  if (actor.kind === 'api_key' || actor.role === 'admin' || actor.role === 'marketing') {
    return { teamIds: 'all' as const, self: null, teamRows: true };
  }
  if (actor.role === 'manager') {
    const teamIds = await managedTeamIds(db, actor.workspaceId, actor.userId, actor.teamId);
    return { teamIds: new Set(teamIds), self: actor.userId, teamRows: true };
  }
  return { teamIds: new Set(actor.teamId ? [actor.teamId] : []), self: actor.userId, teamRows: false };
}

/**
 * The process board at `at` (default now): per rep and per team, leads awaiting the first
 * response, leads not followed for 24 h, breaches since the day began in `timeZone`, deadlines
 * due within the hour, the 24-hour touch rate and the median first response, each with a colour.
 */
export async function readBoard(deps: BoardDeps, actor: Actor, query: BoardQuery): Promise<BoardView> {
  const { workspaceId } = actor;
  const now = query.at ? new Date(query.at) : deps.clock.now();
  const [allTeams, people, seen] = await Promise.all([
    listTeams(deps.db, workspaceId),
    boardPeople(deps.db, workspaceId),
    visibility(deps.db, actor),
  ]);
  const { ordered, subtree } = teamTree(allTeams);
  const visibleTeams = ordered.filter((team) => seen.teamIds === 'all' || seen.teamIds.has(team.id));
  if (query.teamId && !visibleTeams.some((team) => team.id === query.teamId)) {
    // Out of scope answers as absent, like every other record.
    throw new AppError('NOT_FOUND', 'Team not found', 'teamId');
  }
  const selected = query.teamId ? subtree.get(query.teamId)! : null;
  const shown = people.filter((person) => {
    if (actor.kind === 'user' && actor.role === 'rep') return person.id === actor.userId;
    const inScope =
      seen.teamIds === 'all' || person.id === seen.self || (person.teamId !== null && seen.teamIds.has(person.teamId));
    return inScope && (selected === null || (person.teamId !== null && selected.has(person.teamId)));
  });

  const window = {
    now,
    dayStart: startOfLocalDay(query.timeZone, now),
    dueUntil: new Date(now.getTime() + rules.DUE_SOON_MINUTES * 60_000),
    responsesSince: new Date(now.getTime() - rules.RESPONSE_LOOKBACK_DAYS * 24 * HOUR),
  };
  const counts = await boardCounts(
    deps.db,
    workspaceId,
    shown.map((person) => person.id),
    window,
  );
  const countsOf = (id: string) => counts.get(id) ?? rules.emptyCounts();
  const rowTeams = seen.teamRows ? visibleTeams.filter((team) => selected === null || selected.has(team.id)) : [];
  return {
    at: now.toISOString(),
    timeZone: query.timeZone,
    dayStart: window.dayStart.toISOString(),
    teamId: query.teamId ?? null,
    teams: seen.teamRows ? visibleTeams.map(({ id, name, parentId }) => ({ id, name, parentId })) : [],
    reps: shown.map((person) => ({
      userId: person.id,
      name: person.name,
      role: person.role as 'rep' | 'manager',
      teamId: person.teamId,
      metrics: rules.metricsOf(countsOf(person.id), now),
    })),
    teamRows: rowTeams.map((team) => {
      const below = subtree.get(team.id)!;
      const members = shown.filter((person) => person.teamId !== null && below.has(person.teamId));
      return {
        teamId: team.id,
        name: team.name,
        parentId: team.parentId,
        reps: members.length,
        metrics: rules.rollUp(
          members.map((person) => countsOf(person.id)),
          now,
        ),
      };
    }),
    totals: rules.rollUp(
      shown.map((person) => countsOf(person.id)),
      now,
    ),
    thresholds: {
      awaitingRedAfterMinutes: rules.AWAITING_RED_AFTER_MINUTES,
      notFollowedHours: rules.NOT_FOLLOWED_HOURS,
      notFollowedRedAt: rules.NOT_FOLLOWED_RED_AT,
      breachesRedAt: rules.BREACHES_RED_AT,
      dueSoonMinutes: rules.DUE_SOON_MINUTES,
      dueSoonRedAt: rules.DUE_SOON_RED_AT,
      touchRateGreenAt: rules.TOUCH_RATE_GREEN_AT,
      touchRateAmberAt: rules.TOUCH_RATE_AMBER_AT,
      medianResponseGreenMinutes: rules.MEDIAN_RESPONSE_GREEN_MINUTES,
      medianResponseAmberMinutes: rules.MEDIAN_RESPONSE_AMBER_MINUTES,
      responseLookbackDays: rules.RESPONSE_LOOKBACK_DAYS,
    },
  };
}
