/**
 * `npm run bench -- routing`: how long one routing decision takes in process, 1,000 reps × 500
 * rules. A decision is: walk the compiled rule set (500 ordered rules on city × industry, nested
 * any/all with score ranges and tags, some `continue`), read the lead's attributes, check every
 * rep of the chosen team for eligibility (calendars in three time zones, leave, caps) and run the
 * team's strategy over them. Three shapes: rules alone; rules then best-fit in a team of 50 (20
 * teams share the 1,000 reps); rules then each strategy over one team holding all 1,000 reps.
 */
import { seededRng, type Rng } from '../src/platform/random.ts';
import type { RoutingRep, TeamPolicy } from '../src/modules/routing/eligibility.rules.ts';
import { leadAttributes, type RoutingLead } from '../src/modules/routing/routing-conditions.rules.ts';
import { compileRuleSet, type RoutingRuleInput } from '../src/modules/routing/routing-rules.rules.ts';
import type { RepCalendar, StrategyName } from '../src/modules/routing/routing.schemas.ts';
import { defaultBestFitSettings, pickRep, type RotationState } from '../src/modules/routing/strategies.rules.ts';

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
const attributeFields = ['custom.industry', 'city', 'custom.language', 'tags'];

const pick = <T>(rng: Rng, list: readonly T[]) => list[Math.floor(rng() * list.length)]!;

/** 500 rules: for each city × industry pair a rule (five variants of nesting), a few pass-through rules first. */
function buildRules(rng: Rng): RoutingRuleInput[] {
  const rules: RoutingRuleInput[] = [];
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
      when: { all: [...base, extra] },
      target: index % 50 === 0 ? { kind: 'continue' } : { kind: 'team', teamId: `team-${index % TEAMS}` },
    });
  }
  return rules;
}

function calendar(index: number): RepCalendar {
  const timeZone = ['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Hong_Kong', 'America/New_York'][index % 4]!;
  const day = [{ start: '09:00', end: '18:00' }];
  return { timeZone, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } };
}

function buildReps(rng: Rng): RoutingRep[] {
  return Array.from({ length: REPS }, (_, index) => ({
    id: `rep-${String(index).padStart(4, '0')}`,
    active: index % 97 !== 0,
    onLeave: index % 53 === 0,
    calendar: calendar(index),
    capacity: 20 + (index % 30),
    maxNewPerDay: 15,
    openLeads: Math.floor(rng() * 45),
    newToday: Math.floor(rng() * 16),
    skills: [pick(rng, industries), pick(rng, cities), pick(rng, ['中文', 'English']), pick(rng, tagPool)],
    weight: 1 + (index % 3),
    responseMinutes: index % 10 === 0 ? null : Math.floor(rng() * 120),
    segmentRecord: { wins: Math.floor(rng() * 20), leads: 20 + Math.floor(rng() * 80) },
  }));
}

function buildLeads(rng: Rng): RoutingLead[] {
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
  }));
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function measure(decide: (index: number) => unknown) {
  for (let index = 0; index < WARMUP; index++) decide(index);
  const samples: number[] = new Array<number>(ROUNDS);
  let sink = 0;
  for (let index = 0; index < ROUNDS; index++) {
    const began = process.hrtime.bigint();
    const result = decide(WARMUP + index);
    samples[index] = Number(process.hrtime.bigint() - began) / 1000;
    if (result) sink += 1;
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(quantile(samples, 0.5)), p99: round(quantile(samples, 0.99)), max: round(samples.at(-1)!) };
}

export async function runRoutingBench(): Promise<void> {
  const rng = seededRng(5);
  const rules = buildRules(rng);
  const reps = buildReps(rng);
  const leads = buildLeads(rng);
  const compiled = compileRuleSet({ rules, defaultTarget: { kind: 'team', teamId: 'team-0' } });
  const teams = new Map<string, RoutingRep[]>();
  reps.forEach((rep, index) => {
    const teamId = `team-${index % TEAMS}`;
    teams.set(teamId, [...(teams.get(teamId) ?? []), rep]);
  });
  const policy: TeamPolicy = { allowOffHours: false, defaultCapacity: 30 };
  const settings = { ...defaultBestFitSettings, teamRate: 0.15 };
  const rotations = new Map<string, RotationState>();

  function decide(index: number, strategy: StrategyName, teamOf: (teamId: string) => RoutingRep[]) {
    const lead = leads[index % leads.length]!;
    const routed = compiled.route(lead);
    if (routed.target.kind !== 'team') return routed;
    const key = `${strategy}:${routed.target.teamId}`;
    const result = pickRep({
      strategy,
      reps: teamOf(routed.target.teamId),
      policy,
      now: at(index),
      rotation: rotations.get(key) ?? { lastUserId: null, currentWeights: {} },
      leadAttributes: leadAttributes(lead, attributeFields),
      bestFit: settings,
    });
    rotations.set(key, result.rotation);
    return result;
  }

  let ruleHits = 0;
  for (const lead of leads) if (compiled.route(lead).ruleId !== null) ruleHits += 1;

  const rows = [
    { decision: `${RULES} rules only`, ...measure((index) => compiled.route(leads[index % leads.length]!)) },
    {
      decision: `${RULES} rules + best_fit, team of ${REPS / TEAMS}`,
      ...measure((index) => decide(index, 'best_fit', (teamId) => teams.get(teamId)!)),
    },
    ...(['round_robin', 'weighted_round_robin', 'least_loaded', 'best_fit'] as const).map((strategy) => ({
      decision: `${RULES} rules + ${strategy}, team of ${REPS}`,
      strategy,
      ...measure((index) => decide(index, strategy, () => reps)),
    })),
  ];
  console.log(
    `\nRouting one lead in process (µs): ${RULES} rules, ${REPS} reps, ${ROUNDS} decisions each` +
      ` (${Math.round((100 * ruleHits) / leads.length)} % of leads match a rule)\n`,
  );
  console.table(rows);
  const worst = rows.at(-1)!;
  console.log(
    JSON.stringify({
      bench: 'routing',
      reps: REPS,
      rules: RULES,
      rulesOnly: { p50Us: rows[0]!.p50, p99Us: rows[0]!.p99 },
      bestFitTeamOf50: { p50Us: rows[1]!.p50, p99Us: rows[1]!.p99 },
      teamOf1000: Object.fromEntries(
        rows
          .slice(2)
          .map((row) => ['strategy' in row ? row.strategy : row.decision, { p50Us: row.p50, p99Us: row.p99 }]),
      ),
      p50Us: worst.p50,
      p99Us: worst.p99,
      goalP99Us: 100,
      cores: (await import('node:os')).cpus().length,
      loadAverage: (await import('node:os')).loadavg()[0],
    }),
  );
}
