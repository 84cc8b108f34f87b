import { startOfLocalDay } from './routing-profile.rules.ts';
import {
  defaultTeamBestFit,
  routeLeads,
  routingCounts,
  segmentValue,
  type RouterLead,
  type RoutingDecision,
  type RoutingLive,
  type RoutingProfile,
  type SegmentRecords,
} from './router.rules.ts';
import { defaultBestFitSettings, shrunkRate } from './strategies.rules.ts';

/** A lead as it really happened, replayed through a rule set. */
export type ReplayLead = RouterLead & {
  id: string;
  createdAt: Date;
  /** When the real lead stopped being open (won, lost, …); null: still open. */
  releaseAt: Date | null;
  ownerId: string | null;
  teamId: string | null;
};

/** What was true at the replay's start, read from the real history. */
export interface ReplayStart {
  /** Open leads per rep at the start. */
  openLeads: ReadonlyMap<string, number>;
  /** The start's open leads that close during the replay: their owner's load falls then. */
  releases: readonly { userId: string; at: Date }[];
  /** Leads the reps really got in the day before the start, so a daily cap counts them on the first day. */
  dealtBefore: readonly { userId: string; at: Date }[];
  companyOwners: ReadonlyMap<string, string>;
}

export interface Replay {
  decisions: RoutingDecision[];
  /** Most open leads each rep held at any moment of the replay (the start's count included). */
  peakOpen: Map<string, number>;
}

interface Release {
  at: number;
  userId: string;
}

/** A binary min-heap of releases by time: a replay of many leads releases them out of arrival order. */
class ReleaseQueue {
  private readonly items: Release[] = [];

  push(item: Release): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (items[parent]!.at <= item.at) break;
      items[index] = items[parent]!;
      index = parent;
    }
    items[index] = item;
  }

  /** Removes and returns the earliest release due at or before `at`. */
  popDue(at: number): Release | null {
    const items = this.items;
    if (items.length === 0 || items[0]!.at > at) return null;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right]!.at < items[left]!.at ? right : left;
        if (items[child]!.at >= last.at) break;
        items[index] = items[child]!;
        index = child;
      }
      items[index] = last;
    }
    return top;
  }
}

const DAY_AND_A_BIT_MS = 26 * 3_600_000;

/**
 * A replay in arrival order through a profile, with no side effects: each lead is routed at its
 * own creation time, after the loads of leads that had really closed by then are released and
 * the daily counts of reps whose local day turned over are reset. Rotations start empty. Leads
 * are fed one at a time so a long replay can let other work run between them.
 */
export function startReplay(
  profile: RoutingProfile,
  records: RoutingLive['records'],
  start: ReplayStart,
  defaultTimeZone: string,
): { step(lead: ReplayLead): RoutingDecision; peakOpen: ReadonlyMap<string, number> } {
  const live: RoutingLive = {
    openLeads: routingCounts(start.openLeads),
    newToday: routingCounts(),
    rotations: new Map(),
    companyOwners: new Map(start.companyOwners),
    records,
  };
  const peakOpen = new Map(start.openLeads);
  const releases = new ReleaseQueue();
  for (const release of start.releases) releases.push({ at: release.at.getTime(), userId: release.userId });

  // Only reps with a daily cap read `newToday`; their days are kept per time zone, recomputed when one ends.
  const zoneOf = new Map<string, string>();
  for (const rep of profile.reps.values())
    if (rep.maxNewPerDay !== null) zoneOf.set(rep.id, rep.calendar?.timeZone ?? defaultTimeZone);
  const days = new Map<string, { start: number; end: number }>();
  const dayOfRep = new Map<string, number>();
  const dayIn = (zone: string, at: number) => {
    let day = days.get(zone);
    if (!day || at >= day.end) {
      const startOfDay = startOfLocalDay(zone, new Date(at)).getTime();
      day = { start: startOfDay, end: startOfLocalDay(zone, new Date(startOfDay + DAY_AND_A_BIT_MS)).getTime() };
      days.set(zone, day);
    }
    return day.start;
  };

  const step = (lead: ReplayLead): RoutingDecision => {
    const at = lead.createdAt.getTime();
    for (let due = releases.popDue(at); due; due = releases.popDue(at)) {
      live.openLeads.set(due.userId, Math.max(0, (live.openLeads.get(due.userId) ?? 0) - 1));
    }
    for (const [repId, zone] of zoneOf) {
      const dayStart = dayIn(zone, at);
      if (dayOfRep.get(repId) === dayStart) continue;
      dayOfRep.set(repId, dayStart);
      const before = start.dealtBefore.filter((dealt) => dealt.userId === repId && dealt.at.getTime() >= dayStart);
      live.newToday.set(repId, before.length);
    }
    const [decision] = routeLeads(profile, live, [lead], lead.createdAt);
    const chosen = decision!.chosenUserId;
    if (chosen) {
      const open = live.openLeads.get(chosen) ?? 0;
      if (open > (peakOpen.get(chosen) ?? 0)) peakOpen.set(chosen, open);
      if (lead.releaseAt) releases.push({ at: Math.max(lead.releaseAt.getTime(), at), userId: chosen });
    }
    return decision!;
  };
  return { step, peakOpen };
}

/** Replays all the leads (oldest first) at once; see `startReplay`. */
export function replayLeads(
  profile: RoutingProfile,
  records: RoutingLive['records'],
  start: ReplayStart,
  leads: readonly ReplayLead[],
  defaultTimeZone: string,
): Replay {
  const replay = startReplay(profile, records, start, defaultTimeZone);
  const decisions = leads.map(replay.step);
  return { decisions, peakOpen: new Map(replay.peakOpen) };
}

type Tally = { wins: number; leads: number };

function add(into: Map<string, Tally>, segment: string, record: Tally) {
  const tally = into.get(segment) ?? { wins: 0, leads: 0 };
  tally.wins += record.wins;
  tally.leads += record.leads;
  into.set(segment, tally);
}

/** Someone who may own a lead, as the summary and the expected conversions see them. */
export interface Person {
  name: string;
  teamId: string | null;
  /** Their own capacity, else their team's default; null: no limit. */
  capacity: number | null;
}

/**
 * The learnt chance that a given person wins a given lead: their record in the lead's segment
 * (under their team's segment field) shrunk toward the team's pooled rate for that segment — the
 * workspace's when the team has no decided lead there — with best-fit's prior strength.
 */
export function conversionEstimator(
  profile: RoutingProfile,
  records: ReadonlyMap<string, SegmentRecords>,
  people: ReadonlyMap<string, Person>,
) {
  const pooled = new Map<string, { teams: Map<string, Map<string, Tally>>; workspace: Map<string, Tally> }>();
  const pooledFor = (field: string) => {
    let entry = pooled.get(field);
    if (entry) return entry;
    const byRep = records.get(field) ?? new Map();
    const workspace = new Map<string, Tally>();
    for (const segments of byRep.values()) for (const [segment, record] of segments) add(workspace, segment, record);
    const teams = new Map<string, Map<string, Tally>>();
    for (const team of profile.teams.values()) {
      if (team.bestFit.segmentField !== field) continue;
      const tallies = new Map<string, Tally>();
      for (const memberId of team.memberIds)
        for (const [segment, record] of byRep.get(memberId) ?? []) add(tallies, segment, record);
      teams.set(team.id, tallies);
    }
    entry = { teams, workspace };
    pooled.set(field, entry);
    return entry;
  };
  return (lead: RouterLead, userId: string | null): number => {
    if (!userId) return 0;
    const teamId = people.get(userId)?.teamId ?? profile.reps.get(userId)?.teamId ?? null;
    const field = (teamId && profile.teams.get(teamId)?.bestFit.segmentField) || defaultTeamBestFit.segmentField;
    const segment = segmentValue(lead, field);
    const { teams, workspace } = pooledFor(field);
    const team = teamId ? teams.get(teamId)?.get(segment) : undefined;
    const reference = team && team.leads > 0 ? team : (workspace.get(segment) ?? { wins: 0, leads: 0 });
    const referenceRate = reference.leads === 0 ? 0 : reference.wins / reference.leads;
    const own = records.get(field)?.get(userId)?.get(segment) ?? { wins: 0, leads: 0 };
    return shrunkRate(own.wins, own.leads, referenceRate, defaultBestFitSettings.priorStrength);
  };
}

/** The segment fields whose records the expected conversions read: each team's, and the default. */
export function segmentFieldsOf(profile: RoutingProfile): string[] {
  const fields = new Set([defaultTeamBestFit.segmentField]);
  for (const team of profile.teams.values()) fields.add(team.bestFit.segmentField);
  return [...fields].sort();
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export interface RepSummary {
  userId: string;
  name: string;
  teamId: string | null;
  simulatedLeads: number;
  actualLeads: number;
  capacity: number | null;
  /** Most open leads in the replay over capacity; null without a capacity. */
  peakLoad: number | null;
  expectedConversions: { simulated: number; actual: number };
}

export interface SimulationSummary {
  leads: number;
  toPool: { simulated: number; actual: number };
  expectedConversions: { simulated: number; actual: number };
  reps: RepSummary[];
  teams: { teamId: string | null; simulatedLeads: number; actualLeads: number }[];
}

/**
 * Compares the replay with what happened: leads per rep and team, leads left in the pool, and
 * the conversions each side could expect from the learnt rates. Reps are the people the profile
 * routes to plus anyone who really owned a replayed lead.
 */
export function summariseReplay(input: {
  leads: readonly ReplayLead[];
  decisions: readonly RoutingDecision[];
  peakOpen: ReadonlyMap<string, number>;
  /** Listed even with no lead on either side: who the rule set could have routed to. */
  routableIds: Iterable<string>;
  people: ReadonlyMap<string, Person>;
  estimate: (lead: RouterLead, userId: string | null) => number;
}): SimulationSummary {
  const { leads, decisions, peakOpen, people, estimate } = input;
  const reps = new Map<string, RepSummary>();
  const repOf = (userId: string) => {
    let rep = reps.get(userId);
    if (!rep) {
      const person = people.get(userId);
      const capacity = person?.capacity ?? null;
      const peak = peakOpen.get(userId) ?? 0;
      rep = {
        userId,
        name: person?.name ?? '',
        teamId: person?.teamId ?? null,
        simulatedLeads: 0,
        actualLeads: 0,
        capacity,
        peakLoad: capacity ? round4(peak / capacity) : null,
        expectedConversions: { simulated: 0, actual: 0 },
      };
      reps.set(userId, rep);
    }
    return rep;
  };
  for (const userId of input.routableIds) repOf(userId);
  const teams = new Map<string | null, { teamId: string | null; simulatedLeads: number; actualLeads: number }>();
  const teamOf = (teamId: string | null) => {
    let team = teams.get(teamId);
    if (!team) teams.set(teamId, (team = { teamId, simulatedLeads: 0, actualLeads: 0 }));
    return team;
  };
  const totals = { toPool: { simulated: 0, actual: 0 }, expected: { simulated: 0, actual: 0 } };
  leads.forEach((lead, index) => {
    const decision = decisions[index]!;
    const simulated = estimate(lead, decision.chosenUserId);
    const actual = estimate(lead, lead.ownerId);
    totals.expected.simulated += simulated;
    totals.expected.actual += actual;
    if (decision.chosenUserId) {
      const rep = repOf(decision.chosenUserId);
      rep.simulatedLeads += 1;
      rep.expectedConversions.simulated += simulated;
    } else totals.toPool.simulated += 1;
    if (lead.ownerId) {
      const rep = repOf(lead.ownerId);
      rep.actualLeads += 1;
      rep.expectedConversions.actual += actual;
    } else totals.toPool.actual += 1;
    teamOf(decision.teamId).simulatedLeads += 1;
    teamOf(lead.teamId).actualLeads += 1;
  });
  const repList = [...reps.values()]
    .map((rep) => ({
      ...rep,
      expectedConversions: {
        simulated: round2(rep.expectedConversions.simulated),
        actual: round2(rep.expectedConversions.actual),
      },
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
  return {
    leads: leads.length,
    toPool: totals.toPool,
    expectedConversions: { simulated: round2(totals.expected.simulated), actual: round2(totals.expected.actual) },
    reps: repList,
    teams: [...teams.values()].sort((a, b) => String(a.teamId).localeCompare(String(b.teamId))),
  };
}
