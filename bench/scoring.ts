/**
 * `npm run bench -- scoring`: how fast Clew scores.
 * 1. One lead at a time, in process, as intake and the rescorer do it (features → rules → model):
 *    the default rules with a few behaviour events, then the same with a model trained on 10,000
 *    closed leads in blend mode. Microseconds per lead.
 * 2. A whole-workspace rescore on PGlite through the real background worker (the job a rule
 *    change queues): BENCH_RESCORE_LEADS leads (default 1,000,000), one in ten with events.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemClock } from '../src/platform/clock.ts';
import { bulkInsertStatement, openDatabase, queryRows } from '../src/platform/db/database.ts';
import { leadEvents } from '../src/platform/db/schema.ts';
import { createTtlCache } from '../src/platform/ttl-cache.ts';
import type { IntakeSettings } from '../src/modules/intake/intake-settings.ts';
import { insertLeadsStatement, type LeadRow } from '../src/modules/leads/lead.repository.ts';
import type { ScoringEvent } from '../src/modules/scoring/features.rules.ts';
import { trainAndEvaluate } from '../src/modules/scoring/learner/evaluate.ts';
import { predict } from '../src/modules/scoring/learner/model.ts';
import { syntheticFields, syntheticLeads } from '../src/modules/scoring/learner/learner.fixtures.ts';
import { insertJob, findJob } from '../src/modules/scoring/scoring.repository.ts';
import {
  defaultPointRules,
  defaultScoringSettings,
  defaultUrgencyRules,
  unscoredLead,
} from '../src/modules/scoring/scoring.rules.ts';
import { createScoringWorker } from '../src/modules/scoring/scoring.worker.ts';
import { makeWorkspaceScoring, type WorkspaceScoring } from '../src/modules/scoring/workspace-scoring.ts';
import { insertWorkspace } from '../src/modules/workspaces/workspace.service.ts';

const RESCORE_LEADS = Number(process.env.BENCH_RESCORE_LEADS ?? 1_000_000);
const SCORE_ROUNDS = 50_000;
const now = new Date('2026-11-23T08:00:00Z');
const DAY = 86_400_000;

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function events(index: number): ScoringEvent[] {
  if (index % 10 !== 0) return [];
  return [
    { type: 'page_view', at: new Date(now.getTime() - 2 * DAY), props: { seconds: 60 + (index % 300) } },
    { type: 'page_view', at: new Date(now.getTime() - DAY), props: { seconds: 45 } },
    { type: 'download', at: new Date(now.getTime() - 5 * DAY), props: {} },
  ];
}

function benchLead(index: number) {
  return {
    source: ['官网', '百度推广', '展会', '老客户介绍'][index % 4]!,
    channelType: index % 3 === 0 ? 'web_form' : 'ad_webhook',
    campaign: null,
    utm: null,
    landingPage: null,
    province: '广东',
    city: '深圳',
    title: index % 5 === 0 ? '总经理' : '采购',
    email: `u${index}@corp${index % 100}.cn`,
    phone: null,
    company: index % 2 === 0 ? `深圳市测试${index % 1000}科技有限公司` : null,
    website: null,
    tags: [],
    custom: { registered_capital: (index % 20) * 1_000_000, industry: ['制造', '零售', '金融'][index % 3] },
    createdAt: new Date(now.getTime() - 10 * DAY),
    lastTouchAt: new Date(now.getTime() - 3 * DAY),
    touchCount: 1 + (index % 3),
    status: 'new',
  };
}

function timePerLead(scoring: WorkspaceScoring) {
  const subjects = Array.from({ length: 1000 }, (_, index) => ({ lead: benchLead(index), events: events(index) }));
  const samples: number[] = [];
  for (let round = 0; round < SCORE_ROUNDS; round++) {
    const subject = subjects[round % subjects.length]!;
    const started = performance.now();
    scoring.score(subject.lead, subject.events, now);
    samples.push((performance.now() - started) * 1000);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { p50: round2(quantile(samples, 0.5)), p99: round2(quantile(samples, 0.99)), mean: round2(mean) };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

async function rescoreWorkspace() {
  // On disk, as the embedded default runs.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clew-bench-scoring-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const db = database.db;
  const workspaceId = randomUUID();
  await insertWorkspace(db, workspaceId, 'bench', now);
  process.stderr.write(`filling ${RESCORE_LEADS.toLocaleString('en')} leads\n`);
  const fillStarted = performance.now();
  let rows: LeadRow[] = [];
  let eventRows: (typeof leadEvents.$inferInsert)[] = [];
  for (let index = 0; index < RESCORE_LEADS; index++) {
    const lead = benchLead(index);
    const id = randomUUID();
    rows.push({
      ...lead,
      ...unscoredLead,
      status: 'new',
      id,
      workspaceId,
      name: `客户${index}`,
      nameKey: null,
      companyKey: null,
      channelId: null,
      referrer: null,
      ownerId: null,
      teamId: null,
      updatedAt: now,
      channelType: undefined,
    } as unknown as LeadRow);
    for (const event of events(index)) {
      eventRows.push({
        id: randomUUID(),
        workspaceId,
        leadId: id,
        type: event.type,
        at: event.at,
        props: event.props,
        receivedAt: now,
        actorType: 'system',
        actorId: null,
      });
    }
    if (rows.length === 5_000) {
      await db.execute(insertLeadsStatement(rows));
      if (eventRows.length > 0) await db.execute(bulkInsertStatement(leadEvents, eventRows));
      rows = [];
      eventRows = [];
      if ((index + 1) % 100_000 === 0) process.stderr.write(`  ${(index + 1).toLocaleString('en')}\n`);
    }
  }
  if (rows.length > 0) await db.execute(insertLeadsStatement(rows));
  if (eventRows.length > 0) await db.execute(bulkInsertStatement(leadEvents, eventRows));
  await db.execute(sql`ANALYZE`);
  const fillSeconds = (performance.now() - fillStarted) / 1000;

  const deps = {
    db,
    clock: systemClock,
    settingsCache: createTtlCache<IntakeSettings>(systemClock, 600_000),
    scoringCache: createTtlCache<WorkspaceScoring>(systemClock, 600_000),
  };
  const worker = createScoringWorker(deps, { pollMs: 50 });
  const job = await insertJob(db, workspaceId, 'rules', RESCORE_LEADS, now);
  const started = performance.now();
  worker.start();
  for (;;) {
    const state = await findJob(db, workspaceId, job.id);
    if (state?.status === 'done' || state?.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  const [check] = await queryRows<{ graded: number }>(
    db,
    sql`SELECT count(*)::int AS graded FROM leads WHERE grade <> 'D' OR score > 0`,
  );
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    leads: RESCORE_LEADS,
    fillSeconds: Math.round(fillSeconds),
    seconds: Math.round(seconds * 10) / 10,
    leadsPerSecond: Math.round(RESCORE_LEADS / seconds),
    graded: check?.graded ?? 0,
  };
}

export async function runScoringBench(): Promise<void> {
  const rules = makeWorkspaceScoring(
    { pointRules: defaultPointRules(), urgencyRules: defaultUrgencyRules(), settings: defaultScoringSettings },
    [],
    new Map(),
    null,
  );
  const rulesOnly = timePerLead(rules);

  const training = syntheticLeads(10_000, 7);
  const trainStarted = performance.now();
  const { model } = trainAndEvaluate(training, { seed: 1 });
  const trainSeconds = (performance.now() - trainStarted) / 1000;
  const withModel = timePerLead(
    makeWorkspaceScoring(
      { pointRules: defaultPointRules(), urgencyRules: defaultUrgencyRules(), settings: defaultScoringSettings },
      syntheticFields,
      new Map(),
      { id: 'bench', exclude: new Set(), predict: (record) => predict(model, record) },
    ),
  );

  const rescore = await rescoreWorkspace();
  console.log('\nScoring one lead in process (µs), and rescoring a whole workspace on PGlite\n');
  console.table([
    { what: 'one lead, default rules', p50: rulesOnly.p50, p99: rulesOnly.p99, mean: rulesOnly.mean, goal: '≤ 50 µs' },
    {
      what: 'one lead, rules + model (blend)',
      p50: withModel.p50,
      p99: withModel.p99,
      mean: withModel.mean,
      goal: '≤ 200 µs',
    },
  ]);
  console.table([
    { what: 'train + evaluate, 10,000 closed leads', seconds: round2(trainSeconds), goal: '≤ 10 s' },
    {
      what: `rescore ${rescore.leads.toLocaleString('en')} leads (PGlite, worker)`,
      seconds: rescore.seconds,
      goal: '≤ 120 s at 1,000,000',
    },
  ]);
  console.log(
    JSON.stringify({
      bench: 'scoring',
      perLeadMicros: { rules: rulesOnly, rulesAndModel: withModel },
      trainSeconds: round2(trainSeconds),
      rescore,
      targets: { rulesMicros: 50, modelMicros: 200, trainSeconds: 10, rescoreSecondsAt1M: 120 },
    }),
  );
}
