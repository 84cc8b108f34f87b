import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { setImmediate } from 'node:timers/promises';
import type { RoutingDecision, SegmentRecords } from './router.rules.ts';
import { candidatesOf } from './explanation.rules.ts';
import {
  companyOwnersBefore,
  dealtBetween,
  leadsCreatedBetween,
  openLeadsAt,
  ruleSetByVersion,
  workspacePeople,
} from './routing-insights.repository.ts';
import {
  MAX_SIMULATED_LEADS,
  MAX_SIMULATION_DAYS,
  type SimulationBody,
  type SimulationView,
} from './routing-insights.schemas.ts';
import { segmentRecords } from './routing.repository.ts';
import { DEFAULT_TIME_ZONE } from './routing.service.ts';
import {
  conversionEstimator,
  startReplay,
  segmentFieldsOf,
  summariseReplay,
  type Person,
  type ReplayLead,
  type ReplayStart,
} from './simulation.rules.ts';
import { loadWorkspaceRouting, RECORD_WINDOW_DAYS, toPublished } from './workspace-routing.ts';

const DAY_MS = 86_400_000;
const YIELD_EVERY = 200;

export interface SimulationDeps {
  db: Executor;
  clock: Clock;
}

async function startAt(db: Executor, workspaceId: string, from: Date, to: Date): Promise<ReplayStart> {
  // A daily cap counts from the rep's local midnight: a little over a day back covers every zone.
  const [open, dealt, owners] = await Promise.all([
    openLeadsAt(db, workspaceId, from, to),
    dealtBetween(db, workspaceId, new Date(from.getTime() - 1.1 * DAY_MS), from),
    companyOwnersBefore(db, workspaceId, from, to),
  ]);
  const openLeads = new Map<string, number>();
  const releases: ReplayStart['releases'][number][] = [];
  for (const row of open) {
    openLeads.set(row.owner_id, (openLeads.get(row.owner_id) ?? 0) + row.leads);
    if (row.release_at_ms === null) continue;
    for (let index = 0; index < row.leads; index++)
      releases.push({ userId: row.owner_id, at: new Date(row.release_at_ms) });
  }
  return {
    openLeads,
    releases,
    dealtBefore: dealt.map((row) => ({ userId: row.owner_id, at: new Date(row.created_at_ms) })),
    companyOwners: owners,
  };
}

/**
 * Replays the span's leads through a stored rule set against today's reps and teams, reading
 * only: the outcome is what the rule set would have done, beside what really happened.
 */
export async function simulateRouting(
  deps: SimulationDeps,
  actor: Actor,
  body: SimulationBody,
): Promise<SimulationView> {
  const { workspaceId } = actor;
  const from = new Date(body.from);
  const to = new Date(body.to);
  if (from >= to) throw new AppError('VALIDATION_FAILED', '`from` must be before `to`', 'to');
  if (to.getTime() - from.getTime() > MAX_SIMULATION_DAYS * DAY_MS)
    throw new AppError('VALIDATION_FAILED', `A simulation spans at most ${MAX_SIMULATION_DAYS} days`, 'to');
  const row = await ruleSetByVersion(deps.db, workspaceId, body.ruleSetVersion);
  if (!row) throw notFound(`Rule set version ${body.ruleSetVersion}`);

  const now = deps.clock.now();
  const [routing, window, directory] = await Promise.all([
    loadWorkspaceRouting(deps.db, workspaceId, now, toPublished(row)),
    leadsCreatedBetween(deps.db, workspaceId, from, to, MAX_SIMULATED_LEADS + 1),
    workspacePeople(deps.db, workspaceId),
  ]);
  const truncated = window.length > MAX_SIMULATED_LEADS;
  const kept = truncated ? window.slice(window.length - MAX_SIMULATED_LEADS) : window;
  const leads: ReplayLead[] = kept.map(({ lead, channelType, releaseAtMs }) => ({
    ...lead,
    channelType,
    releaseAt: releaseAtMs === null ? null : new Date(releaseAtMs),
  }));
  const replayedFrom = truncated ? leads[0]!.createdAt : from;
  const { profile } = routing;

  const since = new Date(now.getTime() - RECORD_WINDOW_DAYS * DAY_MS);
  const records = new Map<string, SegmentRecords>(routing.records);
  const [start] = await Promise.all([
    startAt(deps.db, workspaceId, replayedFrom, to),
    ...segmentFieldsOf(profile)
      .filter((field) => !records.has(field))
      .map(async (field) => {
        const byRep = new Map<string, Map<string, { wins: number; leads: number }>>();
        for (const record of await segmentRecords(deps.db, workspaceId, field, since)) {
          const segments = byRep.get(record.owner_id) ?? new Map();
          segments.set(record.segment ?? '', { wins: record.wins, leads: record.leads });
          byRep.set(record.owner_id, segments);
        }
        records.set(field, byRep);
      }),
  ]);

  const defaultCapacity = new Map(directory.teams.map((team) => [team.id, team.defaultCapacity]));
  const people = new Map<string, Person>(
    directory.people.map((person) => [
      person.id,
      {
        name: person.name,
        teamId: person.teamId,
        capacity: person.capacity ?? (person.teamId ? (defaultCapacity.get(person.teamId) ?? null) : null),
      },
    ]),
  );
  const replay = startReplay(profile, routing.records, start, DEFAULT_TIME_ZONE);
  const decisions: RoutingDecision[] = [];
  for (const lead of leads) {
    // A long replay is seconds of work: let the server answer other requests in between.
    if (decisions.length % YIELD_EVERY === YIELD_EVERY - 1) await setImmediate();
    decisions.push(replay.step(lead));
  }
  const summary = summariseReplay({
    leads,
    decisions,
    peakOpen: replay.peakOpen,
    routableIds: profile.reps.keys(),
    people,
    estimate: conversionEstimator(profile, records, people),
  });
  return {
    ruleSetVersion: row.version,
    from: from.toISOString(),
    to: to.toISOString(),
    replayedFrom: replayedFrom.toISOString(),
    truncated,
    results: leads.map((lead, index) => {
      const decision = decisions[index]!;
      return {
        leadId: lead.id,
        ruleSetVersion: decision.ruleSetVersion,
        ruleId: decision.ruleId,
        strategy: decision.strategy,
        chosenUserId: decision.chosenUserId,
        candidates: candidatesOf(decision.explanation),
        actualOwnerId: lead.ownerId,
      };
    }),
    summary,
  };
}
