import { describe, expect, it } from 'vitest';
import { checkCustomValues, coerceFieldValue, mergeCustom, type FieldDefinition } from './field.rules.ts';

const field = (type: FieldDefinition['type'], options: string[] | null = null): FieldDefinition => ({
  name: 'f',
  type,
  options,
});

describe('coerceFieldValue', () => {
  it.each([
    [field('text'), '  现有系统：金蝶  ', '现有系统：金蝶'],
    [field('text'), 42, '42'],
    [field('number'), '5,000,000', 5_000_000],
    [field('number'), 12.5, 12.5],
    [field('number'), '１２', 12],
    [field('date'), '2026-11-23', '2026-11-23'],
    [field('date'), '2026/1/5', '2026-01-05'],
    [field('date'), '2026年1月5日', '2026-01-05'],
    [field('date'), '2026-11-23T08:00:00Z', '2026-11-23'],
    [field('select', ['KA', 'SMB']), 'KA', 'KA'],
    [field('bool'), '是', true],
    [field('bool'), 'No', false],
    [field('bool'), true, true],
    [field('number'), null, null],
  ])('should coerce %j %j to %j', (definition, raw, expected) => {
    expect(coerceFieldValue(definition, raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [field('number'), 'lots'],
    [field('number'), ''],
    [field('date'), '2026-02-30'],
    [field('date'), 'tomorrow'],
    [field('select', ['KA', 'SMB']), 'Mid'],
    [field('bool'), 'maybe'],
    [field('text'), { nested: true }],
    [field('text'), 'x'.repeat(2001)],
  ])('should refuse %j %j', (definition, raw) => {
    expect(coerceFieldValue(definition, raw).ok).toBe(false);
  });
});

describe('checkCustomValues', () => {
  const fields: FieldDefinition[] = [
    { name: 'budget', type: 'number', options: null },
    { name: 'segment', type: 'select', options: ['KA', 'SMB'] },
  ];

  it('should coerce every value', () => {
    expect(checkCustomValues(fields, { budget: '300000', segment: 'SMB' })).toEqual({
      ok: true,
      value: { budget: 300_000, segment: 'SMB' },
    });
  });

  it('should name the field at fault, unknown ones included', () => {
    expect(checkCustomValues(fields, { budget: 'x' })).toMatchObject({ ok: false, field: 'custom.budget' });
    expect(checkCustomValues(fields, { colour: 'red' })).toMatchObject({ ok: false, field: 'custom.colour' });
  });

  it('should accept nothing at all', () => {
    expect(checkCustomValues(fields, undefined)).toEqual({ ok: true, value: {} });
  });
});

describe('mergeCustom', () => {
  it('should overwrite, add, and remove on null', () => {
    expect(mergeCustom({ a: 1, b: 2 }, { b: 3, c: 4, a: null })).toEqual({ b: 3, c: 4 });
  });
});
