/**
 * Platt scaling: p = σ(slope · z + intercept), fitted by Newton's method on scores the model did
 * not train on (out-of-fold), with the usual target smoothing (Platt 1999) so a small sample
 * cannot push probabilities to 0 or 1.
 */
import { sigmoid } from './metrics.ts';

export interface Platt {
  slope: number;
  intercept: number;
}

export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): Platt {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const negatives = labels.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let slope = 1;
  let intercept = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i]!;
      const p = sigmoid(slope * z + intercept);
      const target = labels[i] === 1 ? high : low;
      const residual = p - target;
      const weight = Math.max(p * (1 - p), 1e-12);
      gA += residual * z;
      gB += residual;
      hAA += weight * z * z;
      hAB += weight * z;
      hBB += weight;
    }
    const determinant = hAA * hBB - hAB * hAB;
    if (Math.abs(determinant) < 1e-18) break;
    const stepA = (hBB * gA - hAB * gB) / determinant;
    const stepB = (hAA * gB - hAB * gA) / determinant;
    slope -= stepA;
    intercept -= stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-10) break;
  }
  return { slope, intercept };
}

export const applyPlatt = (platt: Platt, z: number) => sigmoid(platt.slope * z + platt.intercept);
