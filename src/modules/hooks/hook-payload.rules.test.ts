import { describe, expect, it } from 'vitest';
import { canonicalJson, parseFormEncoded, parseJsonKeepingBigIntegers } from './hook-payload.rules.ts';

describe('parseJsonKeepingBigIntegers', () => {
  it.each([
    ['{"id": 7301234567890123456}', { id: '7301234567890123456' }],
    ['{"id": -7301234567890123456}', { id: '-7301234567890123456' }],
    ['[9007199254740992, 9007199254740991]', ['9007199254740992', 9007199254740991]],
    ['{"id": 1234567890123456.5}', { id: Number('1234567890123456.5') }],
    ['{"id": 12345678901234567e2}', { id: Number('12345678901234567e2') }],
    ['{"t": "7301234567890123456", "n": 13912345678}', { t: '7301234567890123456', n: 13912345678 }],
    [
      '{"q": "say \\"7301234567890123456\\"", "id": 7301234567890123457}',
      {
        q: 'say "7301234567890123456"',
        id: '7301234567890123457',
      },
    ],
    ['"plain"', 'plain'],
  ])('should parse %s', (text, expected) => {
    expect(parseJsonKeepingBigIntegers(text)).toEqual(expected);
  });

  it('should keep two ids that doubles would make equal apart', () => {
    const parsed = parseJsonKeepingBigIntegers('[7301234567890123456, 7301234567890123457]') as string[];
    expect(parsed[0]).not.toBe(parsed[1]);
  });

  it.each(['', '{', '{"a":}', "{'a':1}", '{"a":1}x', '{"__proto__": {"x": 1}}'])('should refuse %j', (text) => {
    expect(() => parseJsonKeepingBigIntegers(text)).toThrow(SyntaxError);
  });
});

describe('parseFormEncoded', () => {
  it('should read fields, decode them and gather repeats', () => {
    expect(parseFormEncoded('leads_name=%E9%99%88&leads_tel=138+1234&tag=a&tag=b&__proto__=x')).toEqual({
      leads_name: '陈',
      leads_tel: '138 1234',
      tag: ['a', 'b'],
    });
  });
});

describe('canonicalJson', () => {
  it('should sort keys at every level and drop undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: undefined, b: null }], e: undefined })).toBe(
      '{"a":[{"b":null,"d":1}],"b":1}',
    );
  });
});
