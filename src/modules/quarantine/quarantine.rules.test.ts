import { describe, expect, it } from 'vitest';
import { proposeFix, releaseActor, summarise } from './quarantine.rules.ts';

const channelId = '3f1c2a7e-8b4d-4c1e-9f0a-2b3c4d5e6f70';

describe('proposeFix', () => {
  it.each([
    [
      'a lead body, trimmed, a numeric phone as text',
      { name: ' 周杰 ', phone: 1391234, email: 'zj@qiming.cn', company: '启明', source: '官网注册', extra: [1] },
      { name: '周杰', phone: '1391234', email: 'zj@qiming.cn', company: '启明', source: '官网注册' },
    ],
    [
      'a form submission: the visitor’s values, not the form’s own name',
      { formId: 'f1', name: '春季表单', values: { 姓名: '李雷', 手机号: '139 0000 1111', 公司名称: '韩梅梅科技' } },
      { name: '李雷', phone: '139 0000 1111', company: '韩梅梅科技' },
    ],
    [
      'an ad platform item with its own field names and flat UTM keys',
      { clue_id: 77, leads_name: 'Wang', leads_telephone: '13800138000', utm_source: 'toutiao', utm_medium: 'cpc' },
      { name: 'Wang', phone: '13800138000', utm: { source: 'toutiao', medium: 'cpc' } },
    ],
    [
      'an import row nested under row.values, keys in any spelling',
      { rowNumber: 5, row: { values: { 'Full Name': 'Ann', 'E-mail': 'ann@x.cn', 'Job Title': 'CTO' } } },
      { name: 'Ann', email: 'ann@x.cn', title: 'CTO' },
    ],
    [
      'a channel id only when it is a uuid, a utm object, empty strings skipped',
      { name: 'A', phone: '', channelId, utm: { campaign: 'expo', bogus: 'x' } },
      { name: 'A', channelId, utm: { campaign: 'expo' } },
    ],
    ['a bad channel id', { name: 'A', channelId: 'not-a-uuid' }, { name: 'A' }],
    ['junk: a string', 'hello', {}],
    ['junk: an array', [{ name: 'x' }], {}],
    ['junk: null', null, {}],
    ['junk: objects where text should be', { name: { first: 'a' }, phone: ['1'], email: true }, {}],
  ])('should propose from %s', (_case, payload, expected) => {
    expect(proposeFix(payload)).toEqual(expected);
  });

  it('should keep values of known custom fields, from custom or loose keys, and drop unknown ones', () => {
    const payload = {
      name: 'A',
      custom: { budget: '50万', unknown: 'x' },
      values: { industry: '金融', trial: true, nested: { a: 1 } },
    };
    expect(proposeFix(payload, ['budget', 'industry', 'trial', 'nested'])).toEqual({
      name: 'A',
      custom: { budget: '50万', industry: '金融', trial: true },
    });
  });
});

describe('releaseActor', () => {
  it('should speak for the original channel and source', () => {
    expect(releaseActor({ workspaceId: 'w', source: '官网注册', channel: '官网表单', channelId })).toEqual({
      kind: 'channel',
      workspaceId: 'w',
      source: '官网注册',
      channelId,
      label: '官网表单',
    });
    expect(releaseActor({ workspaceId: 'w', source: null, channel: null, channelId: null }).source).toBe('manual');
  });
});

describe('summarise', () => {
  it('should total by kind and list reasons commonest first', () => {
    expect(
      summarise([
        { kind: 'rejected', code: 'INVALID_PHONE', count: 2 },
        { kind: 'quarantined', code: 'SPAM', count: 5 },
        { kind: 'rejected', code: 'MISSING_CONTACT', count: 2 },
      ]),
    ).toEqual({
      open: 9,
      byKind: { rejected: 4, quarantined: 5 },
      byCode: [
        { kind: 'quarantined', code: 'SPAM', count: 5 },
        { kind: 'rejected', code: 'INVALID_PHONE', count: 2 },
        { kind: 'rejected', code: 'MISSING_CONTACT', count: 2 },
      ],
    });
    expect(summarise([])).toEqual({ open: 0, byKind: { rejected: 0, quarantined: 0 }, byCode: [] });
  });
});
