import type { User } from '../api/types';

// The shapes of src/modules/routing/routing.schemas.ts and routing-insights.schemas.ts as the browser sees them.

export const CONDITION_OPERATORS = ['equals', 'in', 'contains', 'range', 'exists'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export type Scalar = string | number | boolean;

export interface ConditionLeaf {
  field: string;
  op: ConditionOperator;
  value?: Scalar | Scalar[];
  min?: number;
  max?: number;
}
export type ConditionGroup = { all: ConditionNode[] } | { any: ConditionNode[] };
export type ConditionNode = ConditionLeaf | ConditionGroup;

export type RoutingTarget =
  { kind: 'team'; teamId: string } | { kind: 'user'; userId: string } | { kind: 'pool' } | { kind: 'continue' };
export type TargetKind = RoutingTarget['kind'];

export interface RoutingRule {
  id: string;
  name: string;
  active: boolean;
  when: ConditionNode;
  target: RoutingTarget;
}

export const AFFINITY_POLICIES = ['owner', 'flag', 'off'] as const;
export type AffinityPolicy = (typeof AFFINITY_POLICIES)[number];

export type RuleSetStatus = 'draft' | 'published' | 'retired';

export interface RuleSetSummary {
  version: number;
  status: RuleSetStatus;
  note: string | null;
  ruleCount: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface RuleSetView extends Omit<RuleSetSummary, 'ruleCount'> {
  rules: RoutingRule[];
  defaultTarget: RoutingTarget;
  affinity: AffinityPolicy;
}

export interface RuleSetBody {
  rules: RoutingRule[];
  defaultTarget: RoutingTarget;
  affinity: AffinityPolicy;
  note: string | null;
}

export const STRATEGY_NAMES = ['round_robin', 'weighted_round_robin', 'least_loaded', 'best_fit'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export const EXCLUSION_REASONS = ['inactive', 'on_leave', 'off_hours', 'at_capacity', 'daily_cap_reached'] as const;

export interface Candidate {
  userId: string;
  score: number;
  excluded?: string;
}

export type AssignmentKind = 'rules' | 'affinity' | 'manual' | 'transfer' | 'handover';

export interface Assignment {
  ruleSetVersion: number | null;
  ruleId: string | null;
  strategy: string | null;
  chosenUserId: string | null;
  candidates: Candidate[];
  kind: AssignmentKind;
  teamId: string | null;
  previousOwnerId: string | null;
  reason: string | null;
  actorId: string | null;
  details: Record<string, unknown>;
  assignedAt: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WorkingSpan {
  start: string;
  end: string;
}

export interface RepCalendar {
  timeZone: string;
  weekly: Partial<Record<Weekday, WorkingSpan[]>>;
}

export interface RoutingUser extends User {
  skills: string[];
  capacity: number | null;
  maxNewPerDay: number | null;
  calendar: RepCalendar | null;
  onLeave: boolean;
  routingWeight: number;
  /** Business hours for deadlines of leads they own; null: their team's. */
  businessCalendarId: string | null;
  openLeads?: number;
}

export type UserRoutingPatch = Partial<
  Pick<
    RoutingUser,
    'skills' | 'capacity' | 'maxNewPerDay' | 'calendar' | 'onLeave' | 'active' | 'routingWeight' | 'businessCalendarId'
  >
>;

export interface BestFitWeights {
  tags: number;
  conversion: number;
  load: number;
  response: number;
}

export interface BestFitSettings {
  weights: BestFitWeights;
  segmentField: string;
  matchFields: string[];
}

export interface RoutingTeam {
  id: string;
  name: string;
  kind: 'region' | 'branch' | 'group';
  parentId: string | null;
  managerId: string | null;
  routingStrategy: StrategyName;
  allowOffHours: boolean;
  defaultCapacity: number | null;
  bestFit: BestFitSettings | null;
  /** Business hours for its reps' deadlines; null: the parent team's, else the workspace default. */
  businessCalendarId: string | null;
}

export type TeamRoutingPatch = Partial<
  Pick<RoutingTeam, 'routingStrategy' | 'allowOffHours' | 'defaultCapacity' | 'bestFit' | 'businessCalendarId'>
>;

export interface Sides {
  simulated: number;
  actual: number;
}

export interface SimulationRep {
  userId: string;
  name: string;
  teamId: string | null;
  simulatedLeads: number;
  actualLeads: number;
  capacity: number | null;
  peakLoad: number | null;
  expectedConversions: Sides;
}

export interface Simulation {
  ruleSetVersion: number;
  from: string;
  to: string;
  replayedFrom: string;
  truncated: boolean;
  results: { leadId: string; ruleId: string | null; chosenUserId: string | null; actualOwnerId: string | null }[];
  summary: {
    leads: number;
    toPool: Sides;
    expectedConversions: Sides;
    reps: SimulationRep[];
    teams: { teamId: string | null; simulatedLeads: number; actualLeads: number }[];
  };
}

interface Tally {
  leads: number;
  decided: number;
  won: number;
}

export interface AllocationReport {
  month: string;
  thresholds: { lowConversionShare: number; months: number; minDecidedPerMonth: number };
  reps: (Tally & {
    userId: string;
    name: string;
    teamId: string | null;
    conversionRate: number | null;
    segments: (Tally & { segment: string; conversionRate: number | null })[];
    history: (Tally & { month: string; conversionRate: number | null; referenceRate: number | null })[];
    lowConversion: boolean;
  })[];
  fairness: {
    reps: { userId: string; leads: number; capacity: number; perCapacity: number }[];
    jainIndex: number | null;
    maxMinRatio: number | null;
    withoutCapacity: { userId: string; leads: number }[];
  };
}
