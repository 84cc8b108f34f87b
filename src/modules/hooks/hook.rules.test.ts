import { describe, expect, it } from 'vitest';
import { createLeadBody } from '../leads/lead.schemas.ts';
import {
  applyMapping,
  applyTransforms,
  dateOf,
  hookMapping,
  itemsOf,
  parsePath,
  resolvePath,
  type HookMapping,
  type Transform,
} from './hook.rules.ts';
import { leadTextLimits } from '../leads/lead.schemas.ts';

const item = {
  clue: { id: 42, telephone: ' 139 1234 5678 ', extra: { name: '王磊' } },
  data: { leads: [{ telephone: '13800000001' }, { telephone: '13800000002' }] },
  formDetail: [
    { name: '姓名', type: 'name', value: '刘洋' },
    { name: '电话', type: 'phone', value: '13712345678' },
  ],
  tags: ['a', '', 'b'],
  bundle: '{"公司名称":"星河智能","nested":{"x":1}}',
  empty: '',
  zero: 0,
  falsy: false,
  nothing: null,
};

describe('parsePath', () => {
  it.each([
    ['a', [[{ kind: 'key', key: 'a' }]]],
    [
      'data.leads[0].telephone',
      [
        [
          { kind: 'key', key: 'data' },
          { kind: 'key', key: 'leads' },
          { kind: 'index', index: 0 },
          { kind: 'key', key: 'telephone' },
        ],
      ],
    ],
    ['[1]', [[{ kind: 'index', index: 1 }]]],
    ['list[*].v', [[{ kind: 'key', key: 'list' }, { kind: 'all' }, { kind: 'key', key: 'v' }]]],
    [
      'f[type=phone].value',
      [
        [
          { kind: 'key', key: 'f' },
          { kind: 'match', key: 'type', value: 'phone' },
          { kind: 'key', key: 'value' },
        ],
      ],
    ],
    ['a|b', [[{ kind: 'key', key: 'a' }], [{ kind: 'key', key: 'b' }]]],
    [
      'remark_dict.公司名称',
      [
        [
          { kind: 'key', key: 'remark_dict' },
          { kind: 'key', key: '公司名称' },
        ],
      ],
    ],
  ])('should parse %s', (text, expected) => {
    expect(parsePath(text)).toEqual(expected);
  });

  it.each(['', 'a..b', '.a', 'a.', 'a[', 'a[x]', 'a[]', 'a|', '|a', 'a]b', 'a[0]b'])('should refuse %j', (text) => {
    expect(parsePath(text)).toBeNull();
  });
});

describe('resolvePath', () => {
  it.each([
    ['clue.extra.name', '王磊'],
    ['clue.id', 42],
    ['data.leads[1].telephone', '13800000002'],
    ['data.leads[5].telephone', undefined],
    ['data.leads[*].telephone', ['13800000001', '13800000002']],
    ['formDetail[type=phone].value', '13712345678'],
    ['formDetail[name=姓名].value', '刘洋'],
    ['formDetail[type=email].value', undefined],
    ['bundle.公司名称', '星河智能'],
    ['bundle.nested.x', 1],
    ['missing|clue.extra.name', '王磊'],
    ['empty|clue.id', 42],
    ['zero', 0],
    ['falsy', false],
    ['nothing', undefined],
    ['clue.__proto__', undefined],
    ['clue.constructor', undefined],
    ['tags.length', undefined],
  ])('should resolve %s', (path, expected) => {
    expect(resolvePath(item, parsePath(path)!)).toEqual(expected);
  });
});

describe('applyTransforms', () => {
  const lookup: Transform = { lookup: { '1': '男', '2': '女' }, default: '未知' };
  it.each<[string, unknown, Transform[], unknown]>([
    ['trim collapses spaces', '  a   b ', ['trim'], 'a b'],
    ['lower', 'A@B.CN', ['lower'], 'a@b.cn'],
    ['upper', 'sz', ['upper'], 'SZ'],
    ['digits', '+86 139-1234-5678', ['digits'], '8613912345678'],
    ['digits of a number', 13912345678, ['digits'], '13912345678'],
    ['first skips blanks', ['', 'x', 'y'], ['first'], 'x'],
    ['first of a scalar', 'x', ['first'], 'x'],
    ['join', ['a', '', 'b'], ['join'], 'a, b'],
    ['lookup hit', 1, [lookup], '男'],
    ['lookup default', 9, [lookup], '未知'],
    ['lookup without default keeps the value', 'x', [{ lookup: { y: 'z' } }], 'x'],
    ['chained', ['  A ', 'B'], ['first', 'trim', 'lower'], 'a'],
    ['date from seconds, China time', 1715480000, ['date'], '2024-05-12'],
    ['date from milliseconds', '1715449200000', ['date'], '2024-05-12'],
    ['date from text', '2024/5/2 10:00', ['date'], '2024-05-02'],
  ])('should %s', (_label, value, transforms, expected) => {
    expect(applyTransforms(value, transforms).value).toEqual(expected);
  });

  it('should warn and keep the value when it is no date', () => {
    expect(applyTransforms('soon', ['date'])).toEqual({
      value: 'soon',
      warnings: ['"soon" is not a date or a timestamp'],
    });
  });

  it.each([
    ['2024-02-30', null],
    ['2024年3月5日', '2024-03-05'],
    [1715443199, '2024-05-11'],
  ])('should read %j as the date %j', (value, expected) => {
    expect(dateOf(value)).toBe(expected);
  });
});

describe('itemsOf', () => {
  it.each<[string, unknown, string | undefined, unknown[] | null]>([
    ['the payload without itemsPath', { a: 1 }, undefined, [{ a: 1 }]],
    ['every element of a list payload', [{ a: 1 }, { a: 2 }], undefined, [{ a: 1 }, { a: 2 }]],
    ['the list at itemsPath', { data: { leads: [{ a: 1 }] } }, 'data.leads', [{ a: 1 }]],
    ['an object at itemsPath as one item', { lead: { a: 1 } }, 'lead', [{ a: 1 }]],
    ['an empty list', { leads: [] }, 'leads', []],
    ['nothing at itemsPath', { other: 1 }, 'leads', null],
    ['a scalar at itemsPath', { leads: 'x' }, 'leads', null],
  ])('should take %s', (_label, payload, itemsPath, expected) => {
    const result = itemsOf(payload, itemsPath === undefined ? {} : { itemsPath });
    if (expected === null) expect(result).toMatchObject({ ok: false, field: 'itemsPath' });
    else expect(result).toEqual({ ok: true, items: expected });
  });
});

describe('applyMapping', () => {
  const mapping = (rules: HookMapping['rules'], extra: Partial<HookMapping> = {}): HookMapping => ({
    rules,
    ...extra,
  });

  it('should build a lead body with nested utm and custom values', () => {
    const result = applyMapping(
      item,
      mapping([
        { target: 'name', path: 'clue.extra.name' },
        { target: 'phone', path: 'clue.telephone', transform: 'digits' },
        { target: 'company', path: 'bundle.公司名称' },
        { target: 'utm.source', value: 'oceanengine' },
        { target: 'utm.content', path: 'tags', transform: 'join' },
        { target: 'custom.score', path: 'clue.id' },
        { target: 'custom.vip', path: 'falsy' },
      ]),
    );
    expect(result.body).toEqual({
      name: '王磊',
      phone: '13912345678',
      company: '星河智能',
      utm: { source: 'oceanengine', content: 'a, b' },
      custom: { score: 42, vip: false },
    });
    expect(createLeadBody.safeParse(result.body).success).toBe(true);
  });

  it('should let the first rule with a value win and use a constant as the fallback', () => {
    const result = applyMapping(
      item,
      mapping([
        { target: 'name', path: 'missing' },
        { target: 'name', path: 'empty', value: '未留姓名' },
        { target: 'name', path: 'clue.extra.name' },
      ]),
    );
    expect(result.body.name).toBe('未留姓名');
  });

  it('should turn numbers into text for lead fields and skip objects with a warning', () => {
    const result = applyMapping(
      item,
      mapping([
        { target: 'phone', path: 'zero' },
        { target: 'company', path: 'clue' },
      ]),
    );
    expect(result.body).toEqual({ phone: '0' });
    expect(result.warnings).toEqual([{ target: 'company', message: expect.stringMatching(/object/) }]);
  });

  it('should cut text to what the lead field takes', () => {
    const result = applyMapping({ n: 'x'.repeat(300) }, mapping([{ target: 'name', path: 'n' }]));
    expect(result.body.name).toHaveLength(200);
    expect(result.warnings[0]?.message).toMatch(/200/);
  });

  it('should take the external id from its path, else hash the item whatever its key order', () => {
    const byPath = applyMapping(item, mapping([{ target: 'name', value: 'x' }], { externalIdPath: 'missing|clue.id' }));
    expect(byPath).toMatchObject({ externalId: '42', externalIdFrom: 'path' });
    const a = applyMapping({ b: 1, a: { d: 2, c: 3 } }, mapping([{ target: 'name', value: 'x' }]));
    const b = applyMapping({ a: { c: 3, d: 2 }, b: 1 }, mapping([{ target: 'name', value: 'x' }]));
    expect(a.externalIdFrom).toBe('hash');
    expect(a.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.externalId).toBe(b.externalId);
    const c = applyMapping({ a: { c: 3, d: 2 }, b: 2 }, mapping([{ target: 'name', value: 'x' }]));
    expect(c.externalId).not.toBe(a.externalId);
  });
});

describe('hookMapping', () => {
  it.each([
    ['a rule without path or value', { rules: [{ target: 'name' }] }, 'rules.0'],
    ['an unknown target', { rules: [{ target: 'nickname', value: 'x' }] }, 'rules.0.target'],
    ['a bad custom name', { rules: [{ target: 'custom.Bad-Name', value: 'x' }] }, 'rules.0.target'],
    ['a bad path', { rules: [{ target: 'name', path: 'a..b' }] }, 'rules.0.path'],
    ['an unknown transform', { rules: [{ target: 'name', path: 'a', transform: 'reverse' }] }, 'rules.0.transform'],
    ['no rules', { rules: [] }, 'rules'],
    ['an unknown key', { rules: [{ target: 'name', value: 'x' }], extra: 1 }, ''],
  ])('should refuse %s', (_label, input, path) => {
    const parsed = hookMapping.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(path);
  });

  it('should accept lookups, lists of transforms and custom targets', () => {
    const parsed = hookMapping.safeParse({
      itemsPath: 'data.leads',
      externalIdPath: 'id',
      rules: [
        { target: 'custom.gender', path: 'g', transform: [{ lookup: { '1': '男' } }, 'trim'] },
        { target: 'utm.term', value: 'kw' },
      ],
    });
    expect(parsed.success).toBe(true);
  });

  it('should know the same text limits as the lead body', () => {
    for (const [target, limit] of Object.entries(leadTextLimits)) {
      const body = (text: string) =>
        target.startsWith('utm.') ? { name: 'x', utm: { [target.slice(4)]: text } } : { name: 'x', [target]: text };
      expect(createLeadBody.safeParse(body('x'.repeat(limit))).success, target).toBe(true);
      expect(createLeadBody.safeParse(body('x'.repeat(limit + 1))).success, target).toBe(false);
    }
  });
});
