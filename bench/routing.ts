/**
 * `npm run bench -- routing`: how long one routing decision takes in process, 1,000 reps × 500
 * rules, through the product's own path: `routeLeads(profile, live, [lead], now)` over a profile
 * built by `buildRoutingProfile`. A decision is: walk the compiled rule set (500 ordered rules on
 * city × industry, nested any/all with score ranges and tags, some `continue`), the affinity check,
 * the lead's attributes and segment, every rep of the chosen team checked for eligibility
 * (calendars in three time zones, leave, caps), the team's strategy, and the decision the service
 * stores. Turning that decision into the stored JSON (candidates, details with best-fit's factors)
 * is timed on its own, as "explanation serialisation". Shapes: rules alone; rules then best-fit in
 * a team of 50 (20 teams share the 1,000 reps); rules then each strategy over one team of all 1,000.
 */
import { seededRng, type Rng } from '../src/platform/random.ts';
import { compileRuleSet } from '../src/modules/routing/routing-rules.rules.ts';
import type { RoutingLead } from '../src/modules/routing/routing-conditions.rules.ts';
import type { RepCalendar, RoutingRule, StrategyName } from '../src/modules/routing/routing.schemas.ts';
import {
  buildRoutingProfile,
  type RepSettings,
  type TeamSettings,
} from '../src/modules/routing/routing-profile.rules.ts';
import {
  defaultTeamBestFit,
  routeLeads,
  routingCounts,
  type RouterLead,
  type RoutingDecision,
  type RoutingLive,
  type SegmentRecords,
} from '../src/modules/routing/router.rules.ts';
import { explanationJson } from '../src/modules/routing/routing.service.ts';

const REPS = 1000;
const RULES = 500;
const TEAMS = 20;
const ROUNDS = 20_000;
const WARMUP = 2_000;
// From Monday 10:00 in Shanghai (most calendars open, the New York ones not), each decision one
// second after the one before: the 22,000 decisions of a shape cross some 370 minute boundaries,
// so the wall clocks move as in a working day, and they end by 16:07, so the mix of open and
// closed calendars stays that of the fixed moment the bench used before.
const start = new Date('2026-11-23T02:00:00Z');
const STEP_MS = 1_000;
const at = (index: number) => new Date(start.getTime() + index * STEP_MS);

const cities = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '西安', '重庆'];
const cityCount = cities.length;
const industries = ['金融', '制造', '零售', '教育', '医疗', '互联网', '物流', '能源', '地产', '汽车'];
const sources = ['官网', '百度推广', '展会', '老客户介绍', '抖音'];
const tagPool = ['大客户', '续费', '试用', '海外', '政府'];
const matchFields = ['custom.industry', 'city', 'custom.language', 'tags'];

const pick = <T>(rng: Rng, list: readonly T[]) => list[Math.floor(rng() * list.length)]!;

/** 500 rules: for each city × industry pair a rule (five variants of nesting), a few pass-through rules first. */
function buildRules(rng: Rng, teamOf: (index: number) => string): RoutingRule[] {
  const rules: RoutingRule[] = [];
  for (let index = 0; rules.length < RULES; index++) {
    const city = cities[index % cityCount]!;
    const industry = industries[Math.floor(index / cityCount) % industries.length]!;
    const base = [
      { field: 'city', op: 'equals' as const, value: city },
      { field: 'custom.industry', op: 'in' as const, value: [industry, `${industry}服务`] },
    ];
    const extra = [
      { field: 'score', op: 'range' as const, min: Math.floor(rng() * 40) },
      {
        any: [
          { field: 'source', op: 'equals' as const, value: pick(rng, sources) },
          { field: 'grade', op: 'in' as const, value: ['A', 'B'] },
        ],
      },
      {
        any: [
          { field: 'tags', op: 'contains' as const, value: pick(rng, tagPool) },
          { field: 'company', op: 'contains' as const, value: '集团' },
        ],
      },
      { field: 'custom.budget', op: 'exists' as const },
    ][index % 4]!;
    rules.push({
      id: `rule-${index}`,
      name: `${city} × ${industry}`,
      active: true,
      when: { all: [...base, extra] },
      target: index % 50 === 0 ? { kind: 'continue' } : { kind: 'team', teamId: teamOf(index) },
    });
  }
  return rules;
}

function calendar(index: number): RepCalendar {
  const timeZone = ['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Hong_Kong', 'America/New_York'][index % 4]!;
  const day = [{ start: '09:00', end: '18:00' }];
  return { timeZone, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } };
}

interface BenchRep extends RepSettings {
  openLeads: number;
  newToday: number;
  records: Map<string, { wins: number; leads: number }>;
}

function buildReps(rng: Rng): BenchRep[] {
  return Array.from({ length: REPS }, (_, index) => ({
    id: `rep-${String(index).padStart(4, '0')}`,
    teamId: null,
    active: index % 97 !== 0,
    onLeave: index % 53 === 0,
    calendar: calendar(index),
    capacity: 20 + (index % 30),
    maxNewPerDay: 15,
    skills: [pick(rng, industries), pick(rng, cities), pick(rng, ['中文', 'English']), pick(rng, tagPool)],
    routingWeight: 1 + (index % 3),
    openLeads: Math.floor(rng() * 45),
    newToday: Math.floor(rng() * 16),
    records: new Map(
      industries.map((industry) => [industry, { wins: Math.floor(rng() * 20), leads: 20 + Math.floor(rng() * 80) }]),
    ),
  }));
}

function buildLeads(rng: Rng): RouterLead[] {
  const created = new Date(start.getTime() - 60_000);
  return Array.from({ length: 2000 }, (_, index) => ({
    source: pick(rng, sources),
    channelType: 'web_form',
    campaign: null,
    utm: null,
    landingPage: null,
    province: null,
    // One lead in ten comes from a city no rule names, and falls to the default.
    city: index % 10 === 0 ? '拉萨' : pick(rng, cities),
    title: '采购经理',
    email: null,
    phone: '13800138000',
    company: rng() < 0.3 ? '华东集团有限公司' : '某某科技有限公司',
    companyKey: null,
    website: null,
    tags: rng() < 0.5 ? [pick(rng, tagPool)] : [],
    custom: { industry: pick(rng, industries), budget: rng() < 0.6 ? 500_000 : null, language: '中文' },
    createdAt: created,
    lastTouchAt: created,
    touchCount: 1,
    status: 'new',
    score: Math.floor(rng() * 100),
    grade: pick(rng, ['A', 'B', 'C', 'D'] as const),
    urgency: 'normal',
  })) as RouterLead[];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round1 = (value: number) => Math.round(value * 10) / 10;

function summary(samples: number[]) {
  samples.sort((a, b) => a - b);
  return { p50: round1(quantile(samples, 0.5)), p99: round1(quantile(samples, 0.99)), max: round1(samples.at(-1)!) };
}

/**
 * Times `decide` and, separately, `serialise` on its result (the stored JSON); `settle` runs
 * untimed after each decision (the bench puts the chosen rep's counters back, so 22,000 leads do
 * not fill every rep to capacity and leave the strategies nothing to do).
 */
function measure<T>(decide: (index: number) => T, serialise?: (result: T) => string, settle?: (result: T) => void) {
  for (let index = 0; index < WARMUP; index++) {
    const result = decide(index);
    serialise?.(result);
    settle?.(result);
  }
  const samples = new Array<number>(ROUNDS);
  const serialised = new Array<number>(ROUNDS);
  let sink = 0;
  for (let index = 0; index < ROUNDS; index++) {
    const began = process.hrtime.bigint();
    const result = decide(WARMUP + index);
    const decided = process.hrtime.bigint();
    const json = serialise?.(result);
    const written = process.hrtime.bigint();
    samples[index] = Number(decided - began) / 1000;
    serialised[index] = Number(written - decided) / 1000;
    sink += json?.length ?? 1;
    settle?.(result);
  }
  if (sink < 0) console.log(sink);
  const decision = summary(samples);
  return serialise ? { ...decision, serialisation: summary(serialised) } : decision;
}

const bestFitSettings = { ...defaultTeamBestFit, matchFields };

function teamSettings(id: string, strategy: StrategyName): TeamSettings {
  return {
    id,
    parentId: null,
    routingStrategy: strategy,
    allowOffHours: false,
    defaultCapacity: 30,
    bestFit: { ...bestFitSettings, matchFields: [...matchFields] },
  };
}

export async function runRoutingBench(): Promise<void> {
  const rng = seededRng(5);
  const smallTeamRules = buildRules(rng, (index) => `team-${index % TEAMS}`);
  const bigTeamRules = smallTeamRules.map((rule) =>
    rule.target.kind === 'team' ? { ...rule, target: { kind: 'team' as const, teamId: 'team-all' } } : rule,
  );
  const reps = buildReps(rng);
  const leads = buildLeads(rng);
  const records: SegmentRecords = new Map(reps.map((rep) => [rep.id, rep.records]));

  /** A profile as the service builds it, and live state as a batch reads it (counters, rotations, records). */
  function world(shape: 'small' | 'big', strategy: StrategyName) {
    const teams =
      shape === 'small'
        ? Array.from({ length: TEAMS }, (_, index) => teamSettings(`team-${index}`, strategy))
        : [teamSettings('team-all', strategy)];
    const profile = buildRoutingProfile({
      teams,
      reps: reps.map((rep, index) => ({
        ...rep,
        teamId: shape === 'small' ? `team-${index % TEAMS}` : 'team-all',
      })),
      ruleSet: {
        version: 1,
        rules: shape === 'small' ? smallTeamRules : bigTeamRules,
        defaultTarget: { kind: 'team', teamId: shape === 'small' ? 'team-0' : 'team-all' },
        affinity: 'owner',
      },
    });
    const live: RoutingLive = {
      openLeads: routingCounts(reps.map((rep) => [rep.id, rep.openLeads])),
      newToday: routingCounts(reps.map((rep) => [rep.id, rep.newToday])),
      rotations: new Map(),
      companyOwners: new Map(),
      records: new Map([['custom.industry', records]]),
    };
    const initial = new Map(reps.map((rep) => [rep.id, rep]));
    return {
      decide: (index: number) => routeLeads(profile, live, [leads[index % leads.length]!], at(index))[0]!,
      settle: (decision: RoutingDecision) => {
        const chosen = decision.chosenUserId ? initial.get(decision.chosenUserId) : undefined;
        if (!chosen) return;
        live.openLeads.set(chosen.id, chosen.openLeads);
        live.newToday.set(chosen.id, chosen.newToday);
      },
    };
  }

  const compiled = compileRuleSet({ rules: smallTeamRules, defaultTarget: { kind: 'team', teamId: 'team-0' } });
  let ruleHits = 0;
  for (const lead of leads) if (compiled.route(lead as RoutingLead).ruleId !== null) ruleHits += 1;

  const small = world('small', 'best_fit');
  const rows = [
    { decision: `${RULES} rules only`, ...measure((index) => compiled.route(leads[index % leads.length]!)) },
    {
      decision: `${RULES} rules + best_fit, team of ${REPS / TEAMS}`,
      ...measure(small.decide, explanationJson, small.settle),
    },
    ...(['round_robin', 'weighted_round_robin', 'least_loaded', 'best_fit'] as const).map((strategy) => {
      const big = world('big', strategy);
      return {
        decision: `${RULES} rules + ${strategy}, team of ${REPS}`,
        strategy,
        ...measure(big.decide, explanationJson, big.settle),
      };
    }),
  ];
  console.log(
    `\nRouting one lead in process through routeLeads (µs): ${RULES} rules, ${REPS} reps, ${ROUNDS} decisions each` +
      ` (${Math.round((100 * ruleHits) / leads.length)} % of leads match a rule); serialisation: the stored JSON\n`,
  );
  console.table(
    rows.map(({ decision, p50, p99, max, ...rest }) => ({
      decision,
      p50,
      p99,
      max,
      ...('serialisation' in rest ? { 'json p50': rest.serialisation.p50, 'json p99': rest.serialisation.p99 } : {}),
    })),
  );
  const figures = (row: (typeof rows)[number]) => ({
    p50Us: row.p50,
    p99Us: row.p99,
    ...('serialisation' in row
      ? { serialisation: { p50Us: row.serialisation.p50, p99Us: row.serialisation.p99 } }
      : {}),
  });
  const worst = rows.at(-1)!;
  const os = await import('node:os');
  console.log(
    JSON.stringify({
      bench: 'routing',
      path: 'routeLeads',
      reps: REPS,
      rules: RULES,
      rulesOnly: figures(rows[0]!),
      bestFitTeamOf50: figures(rows[1]!),
      teamOf1000: Object.fromEntries(
        rows.slice(2).map((row) => ['strategy' in row ? row.strategy : row.decision, figures(row)]),
      ),
      p50Us: worst.p50,
      p99Us: worst.p99,
      goalP99Us: 100,
      cores: os.cpus().length,
      loadAverage: os.loadavg()[0],
    }),
  );
}
