/**
 * How much history a workspace needs before a learnt score means anything. Below these numbers
 * the hold-out is too small to judge the model and the learner mostly memorises noise.
 */
export const MIN_CLOSED_LEADS = 200;
export const MIN_WON_LEADS = 30;
export const MIN_LOST_LEADS = 30;

export interface Readiness {
  ready: boolean;
  closed: number;
  won: number;
  lost: number;
  /** Plain language, for the settings page. */
  reason: string;
}

export function readiness(closed: number, won: number): Readiness {
  const lost = closed - won;
  const missing: string[] = [];
  if (closed < MIN_CLOSED_LEADS) missing.push(`${MIN_CLOSED_LEADS - closed} more closed leads (won or lost)`);
  if (won < MIN_WON_LEADS) missing.push(`${MIN_WON_LEADS - won} more won leads`);
  if (lost < MIN_LOST_LEADS) missing.push(`${MIN_LOST_LEADS - lost} more lost leads`);
  const needs = `A model needs at least ${MIN_CLOSED_LEADS} closed leads, with at least ${MIN_WON_LEADS} won and ${MIN_LOST_LEADS} lost`;
  return missing.length === 0
    ? { ready: true, closed, won, lost, reason: `${closed} closed leads (${won} won, ${lost} lost): enough to train. ${needs}.` }
    : { ready: false, closed, won, lost, reason: `${closed} closed leads (${won} won, ${lost} lost): not enough yet. ${needs}; this workspace needs ${missing.join(', ')}.` };
}
