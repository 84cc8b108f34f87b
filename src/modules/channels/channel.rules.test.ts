import { describe, expect, it } from 'vitest';
import { mergeTags, originTags, ruleMatches, type LeadOrigin, type TagRule } from './channel.rules.ts';

const origin = (fields: Partial<LeadOrigin>): LeadOrigin => ({
  channelId: null,
  channelType: null,
  source: 'api',
  utm: null,
  landingPage: null,
  ...fields,
});

describe('ruleMatches', () => {
  it.each([
    [{ source: '官网注册' }, origin({ source: '官网注册' }), true],
    [{ source: '电话外呼' }, origin({ source: '官网注册' }), false],
    [{ channelType: 'web_form' }, origin({ channelType: 'web_form' }), true],
    [{ channelId: 'c1' }, origin({ channelId: 'c2' }), false],
    [{ utmSource: 'Baidu' }, origin({ utm: { source: 'baidu' } }), true],
    [{ utmSource: 'baidu', utmMedium: 'cpc' }, origin({ utm: { source: 'baidu', medium: 'organic' } }), false],
    [{ utmCampaign: 'expo2026' }, origin({ utm: null }), false],
    [{ landingPageContains: '/pricing' }, origin({ landingPage: 'https://clew.cn/Pricing?x=1' }), true],
    [{ landingPageContains: '/pricing' }, origin({ landingPage: null }), false],
    [{}, origin({}), false],
  ])('should decide %j on %j: %s', (when, leadOrigin, expected) => {
    expect(ruleMatches(when, leadOrigin)).toBe(expected);
  });
});

describe('originTags', () => {
  const rules: TagRule[] = [
    { when: { source: '官网注册' }, tags: ['线上渠道-主动咨询'] },
    { when: { source: '电话外呼' }, tags: ['外呼-被动响应'] },
    { when: { utmMedium: 'cpc' }, tags: ['付费投放', '线上渠道-主动咨询'] },
  ];

  it('should collect the tags of every matching rule once, in rule order', () => {
    expect(originTags(rules, origin({ source: '官网注册', utm: { medium: 'cpc' } }))).toEqual([
      '线上渠道-主动咨询',
      '付费投放',
    ]);
    expect(originTags(rules, origin({ source: '电话外呼' }))).toEqual(['外呼-被动响应']);
    expect(originTags(rules, origin({ source: '展会' }))).toEqual([]);
  });
});

describe('mergeTags', () => {
  it('should add and never remove', () => {
    expect(mergeTags(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
  });
});
