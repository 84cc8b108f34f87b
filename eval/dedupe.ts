/**
 * `npm run eval -- dedupe`: precision and recall of de-duplication, end to end. A Clew starts
 * in-process on a fresh in-memory database (PGlite; CLEW_TEST_DB=postgres for PostgreSQL); the
 * originals go in through POST /api/v1/leads/batch, then the labelled variants and negatives,
 * and each answer (created, or merged into which lead) is scored against its label. Then the
 * same data through the pure planIntake at several company thresholds, to show the trade-off.
 */
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { workspaces } from '../src/platform/db/schema.ts';
import { addTeam, ADMIN_EMAIL, client, createApiKey, loginAs, startTestClew, testEngine } from '../test/harness.ts';
import { generateDataset, type Dataset, type LeadSubmission } from './dedupe-variants.ts';
import {
  agreement,
  cleanDataset,
  GOAL,
  predictLandings,
  scoreLandings,
  thresholdSweep,
  type Landing,
  type Score,
} from './dedupe-score.ts';

const SEED = Number(process.env.EVAL_SEED ?? 20261123);
const ORIGINALS = Number(process.env.EVAL_ORIGINALS ?? 6000);
const BATCH = 1000;

async function submitAll(url: string, key: string, submissions: LeadSubmission[]): Promise<Landing[]> {
  const api = client(url, key);
  const landings: Landing[] = [];
  for (let start = 0; start < submissions.length; start += BATCH) {
    const response = await api.post('/api/v1/leads/batch', { leads: submissions.slice(start, start + BATCH) });
    if (response.status !== 200) throw new Error(`batch failed: ${response.status} ${JSON.stringify(response.body)}`);
    for (const result of response.body.results as {
      status: Landing['status'];
      id: string | null;
      error?: { code: string };
    }[]) {
      landings.push({ status: result.status, leadId: result.id, ...(result.error && { code: result.error.code }) });
    }
  }
  return landings;
}

async function runThroughIntake(dataset: Dataset, thresholdOverride: number | null) {
  const test = await startTestClew();
  try {
    await addTeam(test.clew, test.workspaceId, { name: '评估组', reps: 4 });
    if (thresholdOverride !== null) {
      await test.clew.deps.db
        .update(workspaces)
        .set({ companyMatchThreshold: thresholdOverride })
        .where(eq(workspaces.id, test.workspaceId));
    }
    const [workspace] = await test.clew.deps.db
      .select({ threshold: workspaces.companyMatchThreshold })
      .from(workspaces)
      .where(eq(workspaces.id, test.workspaceId));
    const key = await createApiKey(test.url, await loginAs(test.url, ADMIN_EMAIL), ['leads:write'], '去重评估');
    const started = performance.now();
    const originals = await submitAll(
      test.url,
      key,
      dataset.originals.map((original) => original.submission),
    );
    const items = await submitAll(
      test.url,
      key,
      dataset.items.map((item) => item.submission),
    );
    return { originals, items, threshold: workspace!.threshold, seconds: (performance.now() - started) / 1000 };
  } finally {
    await test.close();
  }
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

function printScore(score: Score) {
  console.table(
    Object.entries(score.perKind).map(([kind, row]) => ({
      kind,
      label: row.label === 'same' ? 'same person' : 'different',
      count: row.count,
      'merged correctly': row.label === 'same' ? row.correct : '',
      'kept apart': row.label === 'different' ? row.correct : '',
      'wrongly merged': row.wronglyMerged,
      missed: row.label === 'same' ? row.missed : '',
      rejected: row.rejected,
      rate:
        row.label === 'same'
          ? `recall ${percent(row.correct, row.count)}`
          : `false merges ${percent(row.wronglyMerged, row.count)}`,
    })),
  );
  console.log(
    `totals: ${score.pairs} labelled submissions (${score.duplicates} same person, ${score.negatives} different) ` +
      `after ${score.perKind.original!.count} originals; merged correctly ${score.truePositives}, ` +
      `wrongly merged ${score.falsePositives} (of which originals merged into another original: ${score.originalsMerged}), ` +
      `missed ${score.falseNegatives}`,
  );
  console.log(
    `precision ${score.precision.toFixed(4)} (goal ≥ ${GOAL.precision}), recall ${score.recall.toFixed(4)} (goal ≥ ${GOAL.recall})`,
  );
}

function printFailures(score: Score) {
  if (score.failures.length === 0) return;
  console.log('\nExamples of failures (up to 3 per kind): original → submitted');
  for (const failure of score.failures) {
    const what =
      failure.landing.status === 'merged'
        ? `merged into ${JSON.stringify(failure.landedOn?.name)} @ ${JSON.stringify(failure.landedOn?.company ?? null)}`
        : failure.landing.status === 'created'
          ? 'created a new lead'
          : `${failure.landing.status} (${failure.landing.code})`;
    console.log(
      `  ${failure.kind}: ${failure.original.name} @ ${failure.original.company ?? '—'} → ` +
        `${failure.submitted.name} @ ${failure.submitted.company ?? '—'} [${failure.note}]: ${what}`,
    );
  }
}

export async function runDedupeEval(): Promise<void> {
  const started = performance.now();
  const thresholdOverride = process.env.EVAL_THRESHOLD ? Number(process.env.EVAL_THRESHOLD) : null;
  const dataset = generateDataset({ seed: SEED, originals: ORIGINALS });
  const engine = testEngine();
  console.log(
    `De-duplication quality: ${dataset.originals.length} originals, then ${dataset.items.length} labelled ` +
      `submissions (seed ${SEED}) through POST /api/v1/leads/batch on ${engine} (in-process, fresh database). ` +
      `${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  const intake = await runThroughIntake(dataset, thresholdOverride);
  const score = scoreLandings(dataset, intake.originals, intake.items);
  console.log(`End to end through the intake (company threshold ${intake.threshold}):`);
  printScore(score);
  printFailures(score);

  const cleaned = cleanDataset(dataset);
  const predicted = predictLandings(cleaned, intake.threshold);
  const alike = agreement(intake, predicted);
  const sweep = thresholdSweep(cleaned);
  console.log(
    `\nThreshold sweep — the pure planIntake/findDuplicate over the same submissions in the same order, ` +
      `no database (at ${intake.threshold} it treats ${alike.same} of ${alike.of} submissions as the intake did):`,
  );
  console.table(sweep);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`\n${seconds} s in all, ${intake.seconds.toFixed(1)} s of it through the intake`);
  console.log(
    JSON.stringify({
      eval: 'dedupe',
      engine,
      seed: SEED,
      originals: dataset.originals.length,
      threshold: intake.threshold,
      precision: score.precision,
      recall: score.recall,
      pairs: score.pairs,
      duplicates: score.duplicates,
      negatives: score.negatives,
      truePositives: score.truePositives,
      falsePositives: score.falsePositives,
      falseNegatives: score.falseNegatives,
      originalsMerged: score.originalsMerged,
      goal: GOAL,
      goalMet: score.precision >= GOAL.precision && score.recall >= GOAL.recall,
      perKind: score.perKind,
      sweep,
      pureAgreement: alike,
      seconds,
    }),
  );
}
