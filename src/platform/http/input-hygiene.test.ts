import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './input-hygiene.ts';

describe('findUnstorableText', () => {
  it.each([
    [{ name: '张三', tags: ['a', 'b'], n: 1, ok: true, none: null }, null],
    [{ name: 'a\u0000b' }, 'name'],
    [{ nested: { list: ['fine', 'bad\uD800'] } }, 'nested.list.1'],
    [{ ['k\u0000']: 1 }, ''],
    ['\uDC00', ''],
  ])('should judge %j (field %j)', (value, field) => {
    const problem = findUnstorableText(value);
    if (field === null) expect(problem).toBeNull();
    else expect(problem?.field).toBe(field);
  });

  it('should refuse nesting deeper than 32 levels without recursing', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(findUnstorableText(deep)?.reason).toMatch(/deeper/);
  });

  it('should accept emoji, which are well-formed surrogate pairs', () => {
    expect(findUnstorableText({ name: '王芳 👍' })).toBeNull();
  });
});
