import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyMatchKey } from '../leads/company.rules.ts';
import {
  companyCore,
  companySimilarity,
  findDuplicate,
  personNameKey,
  plausibleNameMatches,
  trigramSimilarity,
  trigrams,
  type MatchKeys,
} from './dedupe.rules.ts';

describe('personNameKey', () => {
  it.each([
    ['张伟', '张伟'],
    [' 张 伟 ', '张伟'],
    ['张·伟', '张伟'],
    ['Wei Zhang', 'wei zhang'],
    ['ZHANG, Wei', 'wei zhang'],
    ['Ｚｈａｎｇ　Ｗｅｉ', 'wei zhang'],
    ['欧阳 娜娜', '欧阳娜娜'],
    ['', null],
    ['  ', null],
  ])('should key %j as %j', (name, key) => {
    expect(personNameKey(name)).toBe(key);
  });
});

describe('trigrams', () => {
  it('should pad each word as pg_trgm does', () => {
    expect([...trigrams('cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat'].sort());
    expect(trigrams('北京字节跳动').size).toBe(7);
  });

  it.each([
    // Values PostgreSQL's similarity() returns for the same pairs.
    ['北京字节跳动科技', '北京字节跳动网络技术', 0.42857143],
    ['word', 'two words', 0.36363637],
    ['abc', 'abc', 1],
    ['abc', 'xyz', 0],
  ])('should measure %j and %j as PostgreSQL does', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 6);
  });

  it('should be symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const forward = trigramSimilarity(a, b);
        expect(forward).toBe(trigramSimilarity(b, a));
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('companyCore', () => {
  it.each([
    ['北京字节跳动科技有限公司', '字节跳动'],
    ['字节跳动网络技术有限公司', '字节跳动'],
    ['上海市华信信息技术股份有限公司', '华信'],
    ['深圳腾讯计算机系统有限公司', '腾讯计算机系统'],
    ['北京科技', null],
    ['Acme Technology Co., Ltd.', 'acme'],
  ])('should take the trade name of %j as %j', (name, core) => {
    expect(companyCore(companyMatchKey(name))).toBe(core);
  });
});

describe('companySimilarity', () => {
  it.each([
    ['北京字节跳动科技有限公司', '字节跳动网络技术有限公司', 1],
    ['华为技术有限公司', '华为技术', 1],
    ['阿里巴巴(中国)网络技术有限公司', '阿里巴巴网络技术', 1],
    ['北京华信科技有限公司', '北京华新科技有限公司', 0.95],
  ])('should find %j and %j alike', (a, b, score) => {
    expect(companySimilarity(companyMatchKey(a)!, companyMatchKey(b)!)).toBeCloseTo(score, 5);
  });

  it.each([
    ['北京字节跳动科技有限公司', '北京百度网讯科技有限公司'],
    ['华为技术有限公司', '华勤技术股份有限公司'],
    ['上海华信信息技术有限公司', '上海华力微电子有限公司'],
    ['北京华信科技有限公司', '北京华为科技有限公司'],
    ['大连市易景网络技术有限公司', '大连市乐景网络技术有限公司'],
    ['上海辰嘉明电子有限公司', '昆明辰嘉明网络技术有限公司'],
  ])('should keep %j and %j apart', (a, b) => {
    expect(companySimilarity(companyMatchKey(a)!, companyMatchKey(b)!)).toBeLessThan(0.5);
  });
});

describe('findDuplicate', () => {
  const person = (fields: Partial<MatchKeys> & { id: string }) => ({
    phone: null,
    email: null,
    nameKey: null,
    companyKey: null,
    ...fields,
  });
  const existing = [
    person({ id: 'a', phone: '+8613800138001', nameKey: '张伟', companyKey: '北京字节跳动科技' }),
    person({ id: 'b', email: 'li@corp.cn', phone: '+8613700137000', nameKey: '李娜', companyKey: '腾讯' }),
    person({ id: 'c', nameKey: '张伟', companyKey: '字节跳动' }),
  ];

  it.each([
    ['the same phone', { phone: '+8613800138001' }, 'a', 'phone'],
    ['the same e-mail', { email: 'li@corp.cn' }, 'b', 'email'],
    ['a phone over an e-mail', { phone: '+8613800138001', email: 'li@corp.cn' }, 'a', 'phone'],
    ['the same name at a like company', { nameKey: '李娜', companyKey: '腾讯科技' }, 'b', 'name_company'],
    ['the earliest of two equally alike', { nameKey: '张伟', companyKey: '字节跳动网络技术' }, 'a', 'name_company'],
  ])('should match %s', (_, incoming, id, reason) => {
    const match = findDuplicate(person({ id: 'x', ...incoming }), existing, 0.5);
    expect(match).toMatchObject({ lead: { id }, reason });
  });

  it.each([
    ['another person at one company', { nameKey: '王芳', companyKey: '北京字节跳动科技' }],
    ['the same name elsewhere', { nameKey: '张伟', companyKey: '阿里巴巴' }],
    ['a name with no company', { nameKey: '张伟' }],
    [
      'a namesake with other contacts',
      { nameKey: '李娜', companyKey: '腾讯', phone: '+8613900139000', email: 'lina2@corp.cn' },
    ],
  ])('should not match %s', (_, incoming) => {
    expect(findDuplicate(person({ id: 'x', ...incoming }), existing, 0.5)).toBeNull();
  });
});

describe('plausibleNameMatches', () => {
  const key = (company: string) => companyMatchKey(company)!;
  const onFile = [
    { id: 'a', nameKey: '张伟', companyKey: key('北京华信科技有限公司') },
    { id: 'b', nameKey: '张伟', companyKey: key('上海华信科技有限公司') },
    { id: 'c', nameKey: '张伟', companyKey: key('深圳腾达电子有限公司') },
    { id: 'd', nameKey: '李娜', companyKey: key('北京华信科技有限公司') },
  ];
  it.each([
    ['the same firm, another spelling', '张伟', '北京华信科技', ['a']],
    ['a homophone of the trade name', '张伟', '北京华新科技有限公司', ['a']],
    ['the trade name in another city', '张伟', '广州华信科技有限公司', []],
    ['another name at the same firm', '王芳', '北京华信科技有限公司', []],
    ['a firm nobody named 张伟 works at', '张伟', '杭州远景软件有限公司', []],
  ])('should keep %s', (_what, nameKey, company, ids) => {
    const incoming = [{ phone: null, email: null, nameKey, companyKey: key(company) }];
    expect(plausibleNameMatches(incoming, onFile, 0.5)).toEqual(ids);
  });

  it('should keep every lead findDuplicate would match by name and company', () => {
    const names = ['张伟', '王芳', 'wei zhang'];
    const companies = [
      '北京华信科技',
      '北京华新科技',
      '华信科技',
      '上海华信科技',
      '腾达电子',
      '深圳腾达',
      'Acme Tech',
      'Acme',
    ];
    const person = fc.record({
      nameKey: fc.constantFrom(...names),
      companyKey: fc.constantFrom(...companies).map((company) => key(company)),
      phone: fc.constantFrom(null, '+8613800000001', '+8613800000002'),
      email: fc.constantFrom(null, 'a@x.cn', 'b@x.cn'),
    });
    fc.assert(
      fc.property(
        person,
        fc.array(person, { maxLength: 12 }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        (incoming, people, threshold) => {
          const all = people.map((lead, index) => ({ ...lead, id: String(index) }));
          const kept = new Set(plausibleNameMatches([incoming], all, threshold));
          const byName = (candidates: typeof all) => {
            const match = findDuplicate({ ...incoming, phone: null, email: null }, candidates, threshold);
            return match && match.lead.id;
          };
          expect(byName(all.filter((lead) => kept.has(lead.id)))).toBe(byName(all));
        },
      ),
    );
  });
});
