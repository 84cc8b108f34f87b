/**
 * Scores what the intake did with a labelled data set, and predicts it without a database:
 * the same pure planIntake the intake runs in each transaction, over every submission in order.
 */
import { planIntake, type IntakeItem } from '../src/modules/intake/intake.rules.ts';
import { normaliseLead } from '../src/modules/leads/lead.rules.ts';
import { spamReason } from '../src/modules/intake/spam.rules.ts';
import {
  kindSpecs,
  variantKinds,
  type Dataset,
  type LabelledItem,
  type LeadSubmission,
  type VariantKind,
} from './dedupe-variants.ts';

export const GOAL = { precision: 0.99, recall: 0.95 };

/** What became of one submission: the lead it created or merged into, or why it was refused. */
export interface Landing {
  status: 'created' | 'merged' | 'rejected' | 'quarantined';
  leadId: string | null;
  /** Why a refused one was refused. */
  code?: string;
}

export interface KindFigures {
  label: 'same' | 'different';
  count: number;
  /** Same: merged into its original. Different: kept apart (created). */
  correct: number;
  /** Merged where it should not have been: a negative merged, or a variant merged into another lead. */
  wronglyMerged: number;
  /** Same only: not merged into its original (created, rejected, or merged elsewhere). */
  missed: number;
  rejected: number;
}

export interface Failure {
  kind: VariantKind | 'original';
  note: string;
  original: LeadSubmission;
  submitted: LeadSubmission;
  landing: Landing;
  /** For a wrong merge: the submission that made the lead it landed on. */
  landedOn: LeadSubmission | null;
}

export interface Score {
  precision: number;
  recall: number;
  /** Labelled items (variants and negatives); originals are not pairs. */
  pairs: number;
  duplicates: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Originals merged into another original (distinct people, so every one is a wrong merge). */
  originalsMerged: number;
  originalsRejected: number;
  perKind: Record<string, KindFigures>;
  failures: Failure[];
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Precision = correct merges / every merge the intake made (an original merged into another one
 * included); recall = correct merges / labelled duplicates.
 */
export function scoreLandings(
  dataset: Dataset,
  originals: readonly Landing[],
  items: readonly Landing[],
  failuresPerKind = 3,
): Score {
  const perKind: Record<string, KindFigures> = {};
  const figures = (kind: string, label: 'same' | 'different') =>
    (perKind[kind] ??= { label, count: 0, correct: 0, wronglyMerged: 0, missed: 0, rejected: 0 });
  const failures: Failure[] = [];
  const failuresOf = new Map<string, number>();
  const madeBy = new Map<string, LeadSubmission>();
  originals.forEach((landing, index) => {
    if (landing.status === 'created') madeBy.set(landing.leadId!, dataset.originals[index]!.submission);
  });
  items.forEach((landing, index) => {
    if (landing.status === 'created') madeBy.set(landing.leadId!, dataset.items[index]!.submission);
  });
  const fail = (kind: VariantKind | 'original', item: LabelledItem | null, originalIndex: number, landing: Landing) => {
    const seen = failuresOf.get(kind) ?? 0;
    if (seen >= failuresPerKind) return;
    failuresOf.set(kind, seen + 1);
    const original = dataset.originals[originalIndex]!.submission;
    failures.push({
      kind,
      note: item?.note ?? 'an original',
      original,
      submitted: item?.submission ?? original,
      landing,
      landedOn: landing.status === 'merged' ? (madeBy.get(landing.leadId!) ?? null) : null,
    });
  };

  let originalsMerged = 0;
  let originalsRejected = 0;
  const originalRow = figures('original', 'different');
  originals.forEach((landing, index) => {
    originalRow.count++;
    if (landing.status === 'merged') {
      originalsMerged++;
      originalRow.wronglyMerged++;
      fail('original', null, index, landing);
    } else if (landing.status === 'created') originalRow.correct++;
    else {
      originalsRejected++;
      originalRow.rejected++;
      fail('original', null, index, landing);
    }
  });

  for (const kind of variantKinds) figures(kind, kindSpecs[kind].label);
  let truePositives = 0;
  let falsePositives = originalsMerged;
  let duplicates = 0;
  let negatives = 0;
  dataset.items.forEach((item, index) => {
    const landing = items[index]!;
    const row = figures(item.kind, item.label);
    row.count++;
    if (landing.status === 'rejected' || landing.status === 'quarantined') row.rejected++;
    if (item.label === 'same') {
      duplicates++;
      const expected = originals[item.originalIndex]!.leadId;
      if (landing.status === 'merged' && landing.leadId === expected) {
        row.correct++;
        truePositives++;
        return;
      }
      row.missed++;
      if (landing.status === 'merged') {
        row.wronglyMerged++;
        falsePositives++;
      }
      fail(item.kind, item, item.originalIndex, landing);
      return;
    }
    negatives++;
    if (landing.status === 'merged') {
      row.wronglyMerged++;
      falsePositives++;
      fail(item.kind, item, item.originalIndex, landing);
    } else if (landing.status === 'created') row.correct++;
    else fail(item.kind, item, item.originalIndex, landing);
  });
  const merges = truePositives + falsePositives;
  return {
    precision: round(merges === 0 ? 1 : truePositives / merges),
    recall: round(duplicates === 0 ? 1 : truePositives / duplicates),
    pairs: dataset.items.length,
    duplicates,
    negatives,
    truePositives,
    falsePositives,
    falseNegatives: duplicates - truePositives,
    originalsMerged,
    originalsRejected,
    perKind,
    failures,
  };
}

/** The intake's cleaning, as cleanSubmission does it (spam is held apart). */
function clean(submission: LeadSubmission): IntakeItem | { refused: 'rejected' | 'quarantined'; code: string } {
  const cleaned = normaliseLead(submission, 'eval');
  if (!cleaned.ok) return { refused: 'rejected', code: cleaned.code };
  if (spamReason(cleaned.value)) return { refused: 'quarantined', code: 'SUSPECTED_SPAM' };
  return { lead: cleaned.value, channel: null, payload: null, dedupePolicy: 'merge' };
}

export interface CleanedDataset {
  dataset: Dataset;
  /** Every submission, originals first: its cleaned item, or why the intake refuses it. */
  submissions: (IntakeItem | Landing)[];
}

/** Cleaning is the slow part (libphonenumber); done once, it serves every threshold. */
export function cleanDataset(dataset: Dataset): CleanedDataset {
  const all = [
    ...dataset.originals.map((original) => original.submission),
    ...dataset.items.map((item) => item.submission),
  ];
  return {
    dataset,
    submissions: all.map((submission) => {
      const cleaned = clean(submission);
      return 'refused' in cleaned ? { status: cleaned.refused, leadId: null, code: cleaned.code } : cleaned;
    }),
  };
}

/**
 * What the intake would do with the originals and then the items, in that order, at a company
 * threshold: planIntake over every submission at once, so each sees all before it (the intake
 * sees the same, in the database and earlier in its batch).
 */
export function predictLandings(
  cleaned: CleanedDataset,
  threshold: number,
): { originals: Landing[]; items: Landing[] } {
  const landings: Landing[] = new Array(cleaned.submissions.length);
  const accepted: { index: number; item: IntakeItem }[] = [];
  cleaned.submissions.forEach((submission, index) => {
    if ('lead' in submission) accepted.push({ index, item: submission });
    else landings[index] = submission;
  });
  let nextId = 0;
  const plan = planIntake(
    'eval',
    accepted.map(({ item }) => item),
    [],
    new Date(0),
    () => `lead-${nextId++}`,
    threshold,
  );
  accepted.forEach(({ index }, position) => {
    const outcome = plan.outcomes[position]!;
    landings[index] = { status: outcome.deduplicated ? 'merged' : 'created', leadId: outcome.leadId };
  });
  const originals = cleaned.dataset.originals.length;
  return { originals: landings.slice(0, originals), items: landings.slice(originals) };
}

export const sweepThresholds = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1];

export interface SweepPoint {
  threshold: number;
  precision: number;
  recall: number;
  falsePositives: number;
  falseNegatives: number;
}

export function thresholdSweep(cleaned: CleanedDataset, thresholds = sweepThresholds): SweepPoint[] {
  return thresholds.map((threshold) => {
    const landings = predictLandings(cleaned, threshold);
    const score = scoreLandings(cleaned.dataset, landings.originals, landings.items, 0);
    return {
      threshold,
      precision: score.precision,
      recall: score.recall,
      falsePositives: score.falsePositives,
      falseNegatives: score.falseNegatives,
    };
  });
}

/**
 * How many submissions two runs treated alike: refused alike, or landed on the lead the same
 * submission created (lead ids differ between runs; who made the lead does not).
 */
export function agreement(
  a: { originals: readonly Landing[]; items: readonly Landing[] },
  b: { originals: readonly Landing[]; items: readonly Landing[] },
): { same: number; of: number } {
  const outcomes = (run: typeof a) => {
    const all = [...run.originals, ...run.items];
    const creator = new Map<string, number>();
    all.forEach((landing, index) => {
      if (landing.status === 'created' && landing.leadId) creator.set(landing.leadId, index);
    });
    return all.map((landing) =>
      landing.leadId ? `${landing.status}:${creator.get(landing.leadId) ?? '?'}` : landing.status,
    );
  };
  const left = outcomes(a);
  const right = outcomes(b);
  return { same: left.filter((outcome, index) => outcome === right[index]).length, of: left.length };
}
