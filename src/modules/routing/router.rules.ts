import { fieldValue } from '../scoring/scoring.rules.ts';
import {
  exclusionOf,
  prepareCalendar,
  prepareTeam,
  type ExclusionReason,
  type PreparedTeam,
  type RoutingRep,
  type TeamPolicy,
} from './eligibility.rules.ts';
import { RepCounts } from './rep-counts.rules.ts';
import { leadAttributes, readLead, type LeadReader, type RoutingLead } from './routing-conditions.rules.ts';
import type { CompiledRuleSet } from './routing-rules.rules.ts';
import type { BestFitWeights, FinalTarget, StrategyName } from './routing.schemas.ts';
import {
  factorsJson,
  factorsOf,
  noCandidates,
  soleCandidate,
  type BestFitFactors,
  type Explanation,
} from './explanation.rules.ts';
import {
  defaultBestFitSettings,
  liveRotation,
  pickRep,
  conversionPartsOf,
  responsePartsOf,
  skillIndexOf,
  type BestFitSettings,
  type ConversionParts,
  type LiveRotation,
  type ResponseParts,
  type SkillIndex,
} from './strategies.rules.ts';

export type AffinityPolicy = 'owner' | 'flag' | 'off';

export interface TeamBestFit {
  weights: BestFitWeights;
  /** The lead field whose value is the segment a rep's conversion record is kept for. */
  segmentField: string;
  /** Lead fields whose values are matched to the reps' skill tags. */
  matchFields: readonly string[];
}

export const defaultTeamBestFit: TeamBestFit = {
  weights: defaultBestFitSettings.weights,
  segmentField: 'custom.industry',
  matchFields: ['custom.industry', 'province', 'city', 'custom.product', 'custom.language', 'tags'],
};

export interface TeamProfile {
  id: string;
  strategy: StrategyName;
  policy: TeamPolicy;
  bestFit: TeamBestFit;
  /** Active and inactive reps of the team and the teams below it, in id order. */
  memberIds: readonly string[];
}

/** A rep's settings as routing reads them; the counters come from the live state. */
export type RepProfile = Omit<RoutingRep, 'openLeads' | 'newToday' | 'segmentRecord'> & { teamId: string | null };

/** What routing knows of a workspace between changes: the published rules, its teams and reps. */
export interface RoutingProfile {
  /** The published rule set's version; 0: none published, the default team by its strategy. */
  version: number;
  rules: CompiledRuleSet;
  affinity: AffinityPolicy;
  teams: ReadonlyMap<string, TeamProfile>;
  reps: ReadonlyMap<string, RepProfile>;
}

export type SegmentRecords = ReadonlyMap<string, ReadonlyMap<string, { wins: number; leads: number }>>;

/** The moving parts, read under lock for one batch (or replayed by the simulator) and advanced by it. */
export interface RoutingLive {
  /**
   * Open leads and leads dealt today, by rep id. As `RepCounts` (see `routingCounts`), a caller
   * that routes lead by lead has only the counts written since its last call read again.
   */
  openLeads: Map<string, number>;
  newToday: Map<string, number>;
  /** Per team; the running weights move in place (see `liveRotation`, `storedRotation`). */
  rotations: Map<string, LiveRotation>;
  /** Owner of each company match key already held by someone. */
  companyOwners: Map<string, string>;
  /** Per segment field: rep id → segment value (lower case) → record. */
  records: ReadonlyMap<string, SegmentRecords>;
}

export type RouterLead = RoutingLead & { companyKey: string | null };

type LiveRep = RoutingRep & {
  teamId: string | null;
  /** The counter epoch whose counts the object holds (see `syncCounts`). */
  call: number;
};

/** Where the router is in one of `live`'s count maps. */
interface CountsRead {
  map: ReadonlyMap<string, number> | null;
  /** The map's journal generation when read (`RepCounts` only; −1 for a plain map). */
  generation: number;
  /** Journal entries already read. */
  read: number;
}

interface MemberList {
  readonly reps: readonly LiveRep[];
  /** The counter epoch in which every member's counts were last brought up to date. */
  refreshed: number;
  skillIndex: SkillIndex | null;
  /** Best-fit's response parts of the members (their response times are the profile's). */
  responseParts: ResponseParts | null;
  /** The members' settings laid out for eligibility under the team's policy (see `prepareTeam`). */
  prepared: PreparedTeam | null;
}

interface LiveReps {
  reps: ReadonlyMap<string, LiveRep>;
  members(team: TeamProfile): MemberList;
  /**
   * Counter epoch: a rep's counts are read from `live` once per epoch, then kept up to date from
   * the maps' journals. A new epoch starts whenever the maps cannot say what changed.
   */
  calls: number;
  openRead: CountsRead;
  todayRead: CountsRead;
}

const liveReps = new WeakMap<RoutingProfile, LiveReps>();

/**
 * Every field written out, not spread: V8 reads objects made by `{ ...settings, … }` some twenty
 * times slower here (a thousand reps' eligibility took ~300 µs instead of ~15 µs).
 */
const liveRep = (settings: RepProfile): LiveRep => ({
  id: settings.id,
  teamId: settings.teamId,
  active: settings.active,
  onLeave: settings.onLeave,
  calendar: settings.calendar,
  capacity: settings.capacity,
  maxNewPerDay: settings.maxNewPerDay,
  skills: settings.skills,
  weight: settings.weight ?? 1,
  responseMinutes: settings.responseMinutes ?? null,
  openLeads: 0,
  newToday: 0,
  segmentRecord: null,
  preparedCalendar: settings.calendar ? prepareCalendar(settings.calendar) : null,
  call: 0,
});

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const unread = (): CountsRead => ({ map: null, generation: -1, read: 0 });

/**
 * One object per rep (and one member list per team) for as long as the profile lives, so routing
 * a lead allocates no per-rep state; a team of a thousand reps would otherwise make garbage for
 * every lead.
 */
function liveRepsOf(profile: RoutingProfile): LiveReps {
  let cached = liveReps.get(profile);
  if (!cached) {
    const reps = new Map<string, LiveRep>(
      [...profile.reps.values()].map((settings) => [settings.id, liveRep(settings)]),
    );
    const lists = new Map<string, MemberList>();
    cached = {
      reps,
      calls: 0,
      openRead: unread(),
      todayRead: unread(),
      members(team) {
        let list = lists.get(team.id);
        if (!list) {
          // In id order (as `memberIds` should already be) and frozen, so the strategies take it as it is without
          // checking it for every lead, and what is laid out by position here is by position there.
          const members = Object.freeze(team.memberIds.flatMap((id) => reps.get(id) ?? []).sort(byId));
          list = { reps: members, refreshed: 0, skillIndex: null, responseParts: null, prepared: null };
          lists.set(team.id, list);
        }
        return list;
      },
    };
    liveReps.set(profile, cached);
  }
  return cached;
}

/** Counts that tell the router what changed between calls: for `RoutingLive.openLeads` and `newToday`. */
export const routingCounts = (entries?: Iterable<readonly [string, number]>) => new RepCounts(entries);

const followsJournal = (read: CountsRead, map: ReadonlyMap<string, number>) =>
  map instanceof RepCounts && read.map === map && read.generation === map.generation;

function catchUp(cache: LiveReps, read: CountsRead, map: ReadonlyMap<string, number>, field: 'openLeads' | 'newToday') {
  if (map instanceof RepCounts) {
    // Reps not yet read in this epoch read the map itself when first needed.
    for (let index = read.read; index < map.written; index++) {
      const rep = cache.reps.get(map.writtenAt(index));
      if (rep && rep.call === cache.calls) rep[field] = map.get(rep.id) ?? 0;
    }
    read.generation = map.generation;
    read.read = map.written;
  } else {
    read.generation = -1;
    read.read = 0;
  }
  read.map = map;
}

/**
 * Brings the reps' counts in line with `live` at the start of a call: only the ids written since
 * the last call when both maps are the same `RepCounts` as then, otherwise a new epoch, in which
 * each rep reads its counts from the maps when first needed.
 */
function syncCounts(cache: LiveReps, live: RoutingLive) {
  if (!followsJournal(cache.openRead, live.openLeads) || !followsJournal(cache.todayRead, live.newToday)) {
    cache.calls += 1;
  }
  catchUp(cache, cache.openRead, live.openLeads, 'openLeads');
  catchUp(cache, cache.todayRead, live.newToday, 'newToday');
}

export interface RoutingDetails {
  target: FinalTarget['kind'] | 'affinity';
  passedThrough: string[];
  affinityOwnerId?: string;
  /** The lead's company has another owner and the policy asks the manager to look. */
  flagged?: boolean;
  /** The named rep could not take the lead, so their team did. */
  fallbackFrom?: { userId: string; excluded: ExclusionReason | 'unknown_user' };
  /** The target team no longer exists. */
  missingTeamId?: string;
  /** The team whose strategy chose (or found nobody). */
  viaTeamId?: string;
  segment?: string;
}

/** The details as stored and served: best-fit's factors join them when written. */
export type StoredDetails = RoutingDetails & { factors?: Record<string, BestFitFactors> };

export interface RoutingDecision {
  kind: 'rules' | 'affinity';
  ruleSetVersion: number;
  ruleId: string | null;
  strategy: StrategyName | 'direct' | 'affinity' | 'pool';
  teamId: string | null;
  chosenUserId: string | null;
  /** The candidates (and best-fit's factors), compact; `candidatesOf` and `storedDetails` give the stored JSON's shape. */
  explanation: Explanation;
  details: RoutingDetails;
}

/** A decision's details as stored: with best-fit's factors, keyed by rep. */
export function storedDetails(decision: RoutingDecision): StoredDetails {
  const factors = factorsOf(decision.explanation);
  return factors ? { ...decision.details, factors } : decision.details;
}

/** `JSON.stringify(storedDetails(decision))`, with the factors written straight from their arrays. */
export function storedDetailsJson(decision: RoutingDecision): string {
  const details = JSON.stringify(decision.details);
  const factors = factorsJson(decision.explanation);
  // `details` always has its target, so it is a non-empty object.
  return factors === null ? details : `${details.slice(0, -1)},"factors":${factors}}`;
}

/** The teams and reps that routing these decisions needs counters for, so the caller locks and reads only those. */
export function teamsInPlay(profile: RoutingProfile, leads: readonly RouterLead[]): string[] {
  const teams = new Set<string>();
  for (const lead of leads) {
    const { target } = profile.rules.route(lead);
    if (target.kind === 'team') teams.add(target.teamId);
    if (target.kind === 'user') {
      const teamId = profile.reps.get(target.userId)?.teamId;
      if (teamId) teams.add(teamId);
    }
  }
  return [...teams].filter((teamId) => profile.teams.has(teamId)).sort();
}

/** Reps whose counters a batch may read: the members of the teams in play, named reps and account owners. */
export function repsInPlay(profile: RoutingProfile, teamIds: readonly string[], extra: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const teamId of teamIds) for (const id of profile.teams.get(teamId)?.memberIds ?? []) ids.add(id);
  for (const id of extra) if (profile.reps.has(id)) ids.add(id);
  return [...ids].sort();
}

/** A lead's segment under a field, as routing keys records: the first value, trimmed, lower case. */
export function segmentValue(lead: RoutingLead, field: string): string {
  const value = fieldValue(lead, field);
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined ? '' : String(first).trim().toLowerCase();
}

const bestFitSettings = new WeakMap<TeamProfile, BestFitSettings>();

function bestFitSettingsOf(team: TeamProfile): BestFitSettings {
  let settings = bestFitSettings.get(team);
  if (!settings) {
    settings = { ...defaultBestFitSettings, weights: team.bestFit.weights };
    bestFitSettings.set(team, settings);
  }
  return settings;
}

type RecordOf = { wins: number; leads: number } | null;

// Segments a team's records are laid out for, at most: a free-text segment field must not grow it without end.
const MAX_LAID_OUT_SEGMENTS = 64;
const pooledRates = new WeakMap<readonly RecordOf[], number>();

/** The team's conversion rate over the members' records for a segment, once per laid-out list. */
function pooledRateOf(records: readonly RecordOf[]): number {
  let rate = pooledRates.get(records);
  if (rate === undefined) {
    let wins = 0;
    let leads = 0;
    for (const record of records) {
      if (!record) continue;
      wins += record.wins;
      leads += record.leads;
    }
    rate = leads === 0 ? 0 : wins / leads;
    pooledRates.set(records, rate);
  }
  return rate;
}

const conversionParts = new WeakMap<readonly RecordOf[], ConversionParts>();

/** Best-fit's conversion parts for a laid-out list of records, kept with it (see `conversionPartsOf`). */
function conversionPartsFor(records: readonly RecordOf[], settings: BestFitSettings, pooled: number) {
  const teamRate = settings.teamRate ?? pooled;
  let parts = conversionParts.get(records);
  if (!parts || parts.teamRate !== teamRate || parts.priorStrength !== settings.priorStrength) {
    parts = conversionPartsOf(records, teamRate, settings.priorStrength);
    conversionParts.set(records, parts);
  }
  return parts;
}

const laidOutRecords = new WeakMap<SegmentRecords, WeakMap<readonly LiveRep[], Map<string, RecordOf[]>>>();

/** Each member's record for a segment, by position; kept per records, member list and segment while few. */
function segmentRecordsOf(records: SegmentRecords | undefined, members: readonly LiveRep[], segment: string) {
  const lookUp = () => members.map((rep) => records?.get(rep.id)?.get(segment) ?? null);
  if (!records) return lookUp();
  let byList = laidOutRecords.get(records);
  if (!byList) {
    byList = new WeakMap();
    laidOutRecords.set(records, byList);
  }
  let bySegment = byList.get(members);
  if (!bySegment) {
    bySegment = new Map();
    byList.set(members, bySegment);
  }
  let laidOut = bySegment.get(segment);
  if (!laidOut) {
    laidOut = lookUp();
    if (bySegment.size < MAX_LAID_OUT_SEGMENTS) bySegment.set(segment, laidOut);
  }
  return laidOut;
}

/**
 * Routes leads in arrival order, advancing `live` as it goes (loads, daily counts, rotations,
 * company owners), so a batch of many leads is dealt exactly as the same leads one by one.
 */
export function routeLeads(
  profile: RoutingProfile,
  live: RoutingLive,
  leads: readonly RouterLead[],
  now: Date,
): RoutingDecision[] {
  const cache = liveRepsOf(profile);
  syncCounts(cache, live);
  const call = cache.calls;
  const refresh = (rep: LiveRep) => {
    if (rep.call === call) return rep;
    rep.openLeads = live.openLeads.get(rep.id) ?? 0;
    rep.newToday = live.newToday.get(rep.id) ?? 0;
    rep.call = call;
    return rep;
  };
  const repOf = (id: string): LiveRep | null => {
    const rep = cache.reps.get(id);
    return rep ? refresh(rep) : null;
  };
  const dealt = (rep: LiveRep, lead: RouterLead) => {
    rep.openLeads += 1;
    rep.newToday += 1;
    live.openLeads.set(rep.id, rep.openLeads);
    live.newToday.set(rep.id, rep.newToday);
    if (lead.companyKey && !live.companyOwners.has(lead.companyKey)) live.companyOwners.set(lead.companyKey, rep.id);
  };

  const byTeam = (
    lead: RouterLead,
    read: LeadReader,
    teamId: string,
    base: Omit<RoutingDecision, 'strategy' | 'teamId' | 'chosenUserId' | 'explanation'>,
  ): RoutingDecision => {
    const team = profile.teams.get(teamId);
    if (!team) return pool(base, null, { missingTeamId: teamId });
    const list = cache.members(team);
    const members = list.reps;
    if (list.refreshed !== call) {
      for (let index = 0; index < members.length; index++) refresh(members[index]!);
      list.refreshed = call;
    }
    const bestFit = team.strategy === 'best_fit';
    const segment = bestFit ? segmentValue(lead, team.bestFit.segmentField) : undefined;
    const settings = bestFitSettingsOf(team);
    let pooledTeamRate: number | undefined;
    let conversionParts: ConversionParts | undefined;
    let segmentRecords: readonly RecordOf[] | undefined;
    if (segment !== undefined) {
      segmentRecords = segmentRecordsOf(live.records.get(team.bestFit.segmentField), members, segment);
      pooledTeamRate = pooledRateOf(segmentRecords);
      conversionParts = conversionPartsFor(segmentRecords, settings, pooledTeamRate);
      list.skillIndex ??= skillIndexOf(members);
      if (list.responseParts?.targetMinutes !== settings.responseTargetMinutes) {
        list.responseParts = responsePartsOf(members, settings.responseTargetMinutes);
      }
    }
    if (list.prepared?.policy !== team.policy) list.prepared = prepareTeam(members, team.policy);
    let rotation = live.rotations.get(teamId);
    if (!rotation) {
      rotation = liveRotation();
      live.rotations.set(teamId, rotation);
    }
    const picked = pickRep({
      strategy: team.strategy,
      reps: members,
      policy: team.policy,
      now,
      rotation,
      leadAttributes: bestFit ? leadAttributes(lead, team.bestFit.matchFields, read) : [],
      bestFit: settings,
      skillIndex: list.skillIndex ?? undefined,
      pooledTeamRate,
      conversionParts,
      segmentRecords,
      responseParts: list.responseParts ?? undefined,
      preparedTeam: list.prepared,
    });
    live.rotations.set(teamId, picked.rotation);
    // Written out rather than spread (in the keys' order as before): spreads were a tenth of a decision.
    const details: RoutingDetails =
      segment === undefined ? { ...base.details, viaTeamId: teamId } : { ...base.details, viaTeamId: teamId, segment };
    const chosen = picked.chosenUserId ? repOf(picked.chosenUserId) : null;
    if (chosen) dealt(chosen, lead);
    return {
      kind: base.kind,
      ruleSetVersion: base.ruleSetVersion,
      ruleId: base.ruleId,
      details,
      strategy: picked.strategy,
      teamId: chosen?.teamId ?? teamId,
      chosenUserId: chosen?.id ?? null,
      explanation: picked.explanation,
    };
  };

  return leads.map((lead) => {
    // One reader for the rules and best-fit's attributes: each field is normalised once per lead.
    const read = readLead(lead);
    const decision = profile.rules.route(lead, read);
    const base = {
      kind: 'rules' as const,
      ruleSetVersion: profile.version,
      ruleId: decision.ruleId,
      details: { target: decision.target.kind, passedThrough: decision.passedThrough } as RoutingDetails,
    };
    const ownerId =
      profile.affinity === 'off' || !lead.companyKey ? undefined : live.companyOwners.get(lead.companyKey);
    if (ownerId) {
      const owner = repOf(ownerId);
      base.details.affinityOwnerId = ownerId;
      if (profile.affinity === 'flag') base.details.flagged = true;
      // The account's owner keeps the company whatever their load; only absence sends it elsewhere.
      else if (owner?.active && !owner.onLeave) {
        dealt(owner, lead);
        return {
          ...base,
          kind: 'affinity' as const,
          details: { ...base.details, target: 'affinity' as const },
          strategy: 'affinity' as const,
          teamId: owner.teamId,
          chosenUserId: owner.id,
          explanation: soleCandidate(owner.id),
        };
      }
    }
    const { target } = decision;
    if (target.kind === 'pool') return pool(base, null);
    if (target.kind === 'team') return byTeam(lead, read, target.teamId, base);
    const named = repOf(target.userId);
    const teamId = named?.teamId ?? null;
    const policy = (teamId && profile.teams.get(teamId)?.policy) || { allowOffHours: false, defaultCapacity: null };
    const excluded: ExclusionReason | 'unknown_user' | null = named ? exclusionOf(named, policy, now) : 'unknown_user';
    if (named && !excluded) {
      dealt(named, lead);
      return {
        ...base,
        strategy: 'direct' as const,
        teamId,
        chosenUserId: named.id,
        explanation: soleCandidate(named.id),
      };
    }
    const fallback = {
      ...base,
      details: { ...base.details, fallbackFrom: { userId: target.userId, excluded: excluded! } },
    };
    return teamId ? byTeam(lead, read, teamId, fallback) : pool(fallback, null);
  });
}

function pool(
  base: Omit<RoutingDecision, 'strategy' | 'teamId' | 'chosenUserId' | 'explanation'>,
  teamId: string | null,
  extra: Partial<RoutingDetails> = {},
): RoutingDecision {
  return {
    ...base,
    details: { ...base.details, ...extra },
    strategy: 'pool',
    teamId,
    chosenUserId: null,
    explanation: noCandidates,
  };
}
