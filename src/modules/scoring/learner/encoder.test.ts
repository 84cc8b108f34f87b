import { describe, expect, it } from 'vitest';
import { columnInfo, encodeInto, fitEncoder } from './encoder.ts';
import type { FeatureRecord } from './learner.types.ts';

const records: FeatureRecord[] = [
  ...Array.from({ length: 20 }, (_, i) => ({ source: 'google', budget: i, vip: true, tags: ['a'], constant: 'x' })),
  ...Array.from({ length: 20 }, () => ({ source: 'bing', budget: null, vip: false, tags: ['a', 'b'], constant: 'x' })),
  ...Array.from({ length: 10 }, () => ({ source: null, budget: 3, vip: null, tags: [], constant: 'x' })),
  { source: 'rare-1', budget: 4, vip: true, tags: ['rare'], constant: 'x' },
  { source: 'rare-2', budget: 4, vip: true, tags: [], constant: 'x' },
];

describe('encoder', () => {
  const encoder = fitEncoder(records, { minLevelCount: 5, minLevelShare: 0, maxLevels: 50 });
  const info = columnInfo(encoder);
  const encode = (record: FeatureRecord) => {
    const row = new Float64Array(encoder.columnCount);
    encodeInto(encoder, record, row);
    return Object.fromEntries(
      info.flatMap((column, c) => {
        const name = `${encoder.features[column.feature]!.name}:${column.kind}${column.value ? `=${column.value}` : ''}`;
        return row[c] === 0 ? [] : [[name, row[c]]];
      }),
    );
  };

  it('leaves out features that never vary, and rare tags', () => {
    expect(encoder.features.map((feature) => feature.name)).toEqual(['budget', 'source', 'tags', 'vip']);
    expect(encoder.features.find((feature) => feature.name === 'tags')).toMatchObject({ tags: ['a', 'b'] });
  });

  it('one-hots frequent levels, sends rare ones to "other" and gives missing its own column', () => {
    expect(encode({ source: 'google' })).toMatchObject({ 'source:level=google': 1 });
    expect(encode({ source: 'rare-1' })).toMatchObject({ 'source:other': 1 });
    expect(encode({ source: null })).toMatchObject({ 'source:missing': 1 });
    expect(encode({ source: '' })).toMatchObject({ 'source:missing': 1 });
  });

  it('takes a value never seen in training as "other"', () => {
    expect(encode({ source: 'yahoo' })).toEqual(expect.objectContaining({ 'source:other': 1 }));
  });

  it('keeps numbers and yes/no as values, missing as NaN plus an indicator', () => {
    const row = encode({ budget: 12.5, vip: true, tags: ['b', 'unknown'] });
    expect(row).toMatchObject({ 'budget:value': 12.5, 'vip:value': 1, 'tags:tag=b': 1 });
    expect(row['tags:tag=a']).toBeUndefined();
    const missing = encode({});
    expect(missing['budget:value']).toBeNaN();
    expect(missing).toMatchObject({ 'budget:missing': 1 });
  });
});
