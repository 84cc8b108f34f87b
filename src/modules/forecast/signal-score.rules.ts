/**
 * Deal signals: things a rep or an integration records on a deal (the customer opened a UAT
 * environment, legal returned the contract draft, …). Each definition carries a weight; a deal's
 * signal score is the weighted sum of the signals it holds. Pure: no clock, no storage.
 */

export interface SignalDefinition {
  key: string;
  label: string;
  /** May be negative: a signal can count against a deal (e.g. "no reply for 30 days"). */
  weight: number;
  /** Signals at or above this weight count as "strong" for forecast health. */
  strong?: boolean;
}

/** A signal recorded on a deal. `strength` in [0, 1] lets graded signals count partly; default 1. */
export interface RecordedSignal {
  key: string;
  at: Date;
  strength?: number;
}

export interface SignalScore {
  score: number;
  /** Keys of the defined signals that contributed, in definition order. */
  matched: string[];
  /** True when at least one contributing signal is marked strong. */
  hasStrong: boolean;
}

/**
 * The weighted sum of the deal's signals recorded at or before `now`. A signal recorded twice
 * counts once (its strongest record), and signals with no definition are ignored, so that a
 * deleted definition cannot leave ghost points behind.
 */
export function signalScore(
  definitions: readonly SignalDefinition[],
  recorded: readonly RecordedSignal[],
  now: Date,
): SignalScore {
  const strongest = new Map<string, number>();
  for (const signal of recorded) {
    if (signal.at.getTime() > now.getTime()) continue;
    const strength = Math.min(1, Math.max(0, signal.strength ?? 1));
    strongest.set(signal.key, Math.max(strongest.get(signal.key) ?? 0, strength));
  }
  let score = 0;
  const matched: string[] = [];
  let hasStrong = false;
  for (const definition of definitions) {
    const strength = strongest.get(definition.key);
    if (strength === undefined || strength === 0) continue;
    score += definition.weight * strength;
    matched.push(definition.key);
    if (definition.strong && definition.weight > 0) hasStrong = true;
  }
  return { score: roundScore(score), matched, hasStrong };
}

/** Scores are compared and binned; rounding keeps 0.1 + 0.2 from splitting a bin. */
function roundScore(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
