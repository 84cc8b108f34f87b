/**
 * Turns feature records into numeric columns, learnt from the training records: numbers (and
 * yes/no) keep their value with a missing indicator; categories become one column per level with
 * enough support, rare and unseen values share an "other" column and missing has its own; tags
 * become one column per frequent tag. The encoder is plain data, stored with the model.
 */
import type { FeatureRecord, FeatureValue } from './learner.types.ts';

export type EncodedFeature =
  | { name: string; kind: 'number'; boolean: boolean; column: number; missingColumn: number | null }
  | { name: string; kind: 'category'; levels: string[]; column: number; otherColumn: number | null; missingColumn: number | null }
  | { name: string; kind: 'tags'; tags: string[]; column: number };

export interface Encoder {
  features: EncodedFeature[];
  columnCount: number;
}

/** One encoded column: which original feature it comes from and what it means. */
export interface ColumnInfo {
  feature: number;
  /** 'value' is a number (NaN when missing); the others are 0/1 indicators. */
  kind: 'value' | 'level' | 'other' | 'missing' | 'tag';
  /** The level or tag the indicator stands for. */
  value?: string;
}

export interface EncoderOptions {
  /** A level or tag needs at least max(minLevelCount, minLevelShare × n) training records. */
  minLevelCount: number;
  minLevelShare: number;
  /** Most frequent levels kept per category, and tags overall. */
  maxLevels: number;
}

export const defaultEncoderOptions: EncoderOptions = { minLevelCount: 5, minLevelShare: 0.003, maxLevels: 50 };

const isMissing = (value: FeatureValue) =>
  value === null || value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value));

function frequent(counts: Map<string, number>, minimum: number, maxLevels: number): string[] {
  return [...counts]
    .filter(([, count]) => count >= minimum)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxLevels)
    .map(([level]) => level);
}

/** Learns the columns from the training records; features that never vary are left out. */
export function fitEncoder(records: readonly FeatureRecord[], options: EncoderOptions = defaultEncoderOptions): Encoder {
  const names = [...new Set(records.flatMap((record) => Object.keys(record)))].sort();
  const minimum = Math.max(options.minLevelCount, Math.ceil(options.minLevelShare * records.length));
  const features: EncodedFeature[] = [];
  let column = 0;
  for (const name of names) {
    let missing = 0;
    let numbers = 0;
    let booleans = 0;
    let arrays = 0;
    const distinct = new Map<string, number>();
    for (const record of records) {
      const value = record[name];
      if (isMissing(value)) {
        missing++;
        continue;
      }
      if (Array.isArray(value)) {
        arrays++;
        for (const tag of new Set(value as readonly string[])) distinct.set(tag, (distinct.get(tag) ?? 0) + 1);
        continue;
      }
      if (typeof value === 'number') numbers++;
      else if (typeof value === 'boolean') booleans++;
      const key = String(value);
      distinct.set(key, (distinct.get(key) ?? 0) + 1);
    }
    const present = records.length - missing;
    if (arrays > 0 && arrays === present) {
      const tags = frequent(distinct, minimum, options.maxLevels).filter((tag) => (distinct.get(tag) ?? 0) < records.length);
      if (tags.length === 0) continue;
      features.push({ name, kind: 'tags', tags, column });
      column += tags.length;
    } else if (present > 0 && numbers + booleans === present) {
      if (distinct.size + (missing > 0 ? 1 : 0) < 2) continue;
      const hasMissing = missing > 0 && distinct.size > 0;
      features.push({ name, kind: 'number', boolean: booleans > 0 && numbers === 0, column, missingColumn: hasMissing ? column + 1 : null });
      column += hasMissing ? 2 : 1;
    } else if (present > 0) {
      const levels = frequent(distinct, minimum, options.maxLevels);
      const hasOther = levels.length < distinct.size;
      const slots = levels.length + (hasOther ? 1 : 0) + (missing > 0 ? 1 : 0);
      if (slots < 2) continue;
      features.push({
        name,
        kind: 'category',
        levels,
        column,
        otherColumn: hasOther ? column + levels.length : null,
        missingColumn: missing > 0 ? column + levels.length + (hasOther ? 1 : 0) : null,
      });
      column += slots;
    }
  }
  return { features, columnCount: column };
}

export function columnInfo(encoder: Encoder): ColumnInfo[] {
  const info: ColumnInfo[] = new Array(encoder.columnCount);
  encoder.features.forEach((feature, index) => {
    if (feature.kind === 'number') {
      info[feature.column] = { feature: index, kind: 'value' };
      if (feature.missingColumn !== null) info[feature.missingColumn] = { feature: index, kind: 'missing' };
    } else if (feature.kind === 'category') {
      feature.levels.forEach((level, offset) => (info[feature.column + offset] = { feature: index, kind: 'level', value: level }));
      if (feature.otherColumn !== null) info[feature.otherColumn] = { feature: index, kind: 'other' };
      if (feature.missingColumn !== null) info[feature.missingColumn] = { feature: index, kind: 'missing' };
    } else {
      feature.tags.forEach((tag, offset) => (info[feature.column + offset] = { feature: index, kind: 'tag', value: tag }));
    }
  });
  return info;
}

/** Writes one record's columns into `out` (length columnCount). Unknown names are ignored. */
export function encodeInto(encoder: Encoder, record: FeatureRecord, out: Float64Array): void {
  out.fill(0);
  for (const feature of encoder.features) {
    const value = record[feature.name];
    const missing = isMissing(value);
    if (feature.kind === 'number') {
      const number = missing ? NaN : typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
      out[feature.column] = number;
      if (feature.missingColumn !== null && Number.isNaN(number)) out[feature.missingColumn] = 1;
    } else if (feature.kind === 'category') {
      if (missing) {
        if (feature.missingColumn !== null) out[feature.missingColumn] = 1;
        continue;
      }
      const index = feature.levels.indexOf(String(value));
      if (index >= 0) out[feature.column + index] = 1;
      else if (feature.otherColumn !== null) out[feature.otherColumn] = 1;
    } else if (Array.isArray(value)) {
      for (const tag of value as readonly string[]) {
        const index = feature.tags.indexOf(tag);
        if (index >= 0) out[feature.column + index] = 1;
      }
    }
  }
}

/** The training records as columns (column-major), ready for the learners. */
export function encodeColumns(encoder: Encoder, records: readonly FeatureRecord[]): Float64Array[] {
  const columns = Array.from({ length: encoder.columnCount }, () => new Float64Array(records.length));
  const row = new Float64Array(encoder.columnCount);
  records.forEach((record, index) => {
    encodeInto(encoder, record, row);
    for (let c = 0; c < row.length; c++) columns[c]![index] = row[c]!;
  });
  return columns;
}

/** How a factor reads to a person, for the lead's own value of the feature. */
export function factorText(feature: EncodedFeature, value: FeatureValue): string {
  if (isMissing(value)) return `${feature.name}: empty`;
  if (feature.kind === 'number') return feature.boolean ? `${feature.name} = ${value ? 'yes' : 'no'}` : feature.name;
  if (feature.kind === 'category') return `${feature.name} = ${String(value)}`;
  return feature.name;
}
