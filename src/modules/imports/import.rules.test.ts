import { describe, expect, it } from 'vitest';
import {
  checkMapping,
  cleanCell,
  countOutcomes,
  csvCell,
  csvEncodings,
  detectFormat,
  errorFileHeader,
  errorFileLine,
  guessMapping,
  headerKey,
  isBlankRow,
  isStale,
  replayCounts,
  rowErrorMessage,
  rowToLead,
  uniqueHeaders,
} from './import.rules.ts';

const fields = [
  { name: 'lead_origin', label: 'Lead Origin' },
  { name: 'industry', label: '所属行业' },
  { name: 'budget', label: null },
];

describe('guessMapping', () => {
  it.each([
    // Chinese exports: CRM, hand-made sheets, expo sign-up lists
    ['姓名', 'name'],
    ['联系人', 'name'],
    ['客户姓名', 'name'],
    ['手机', 'phone'],
    ['手机号', 'phone'],
    ['手机号码（必填）', 'phone'],
    ['*手机号码', 'phone'],
    ['电话', 'phone'],
    ['联系电话', 'phone'],
    ['邮箱', 'email'],
    ['电子邮件', 'email'],
    ['公司', 'company'],
    ['公司名称', 'company'],
    ['企业名称', 'company'],
    ['单位', 'company'],
    ['客户名称', 'company'],
    ['职位', 'title'],
    ['职务', 'title'],
    ['省', 'province'],
    ['省份', 'province'],
    ['市', 'city'],
    ['城市', 'city'],
    ['网站', 'website'],
    ['官网', 'website'],
    ['来源', 'source'],
    ['线索来源', 'source'],
    ['活动', 'campaign'],
    ['落地页', 'landingPage'],
    // English exports
    ['Name', 'name'],
    ['Full Name', 'name'],
    ['full_name', 'name'],
    ['Mobile', 'phone'],
    ['Phone Number', 'phone'],
    ['Tel', 'phone'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Ｅｍａｉｌ', 'email'],
    ['Company', 'company'],
    ['Organization', 'company'],
    ['Job Title', 'title'],
    ['Province', 'province'],
    ['City', 'city'],
    ['Website', 'website'],
    ['Lead Source', 'source'],
    ['origin', 'source'],
    ['Campaign', 'campaign'],
    ['utm_source', 'utm.source'],
    ['UTM Medium', 'utm.medium'],
    ['Landing Page', 'landingPage'],
    // custom fields, by name or label
    ['Lead Origin', 'custom.lead_origin'],
    ['所属行业', 'custom.industry'],
    ['budget', 'custom.budget'],
  ])('should map "%s" to %s', (header, target) => {
    expect(guessMapping([header], fields)).toEqual({ [header]: target });
  });

  it.each(['Prospect ID', 'Lead Number', 'landing_page_id', '备注', 'TotalVisits', 'Column 3'])(
    'should leave "%s" unmapped',
    (header) => {
      expect(guessMapping([header], fields)).toEqual({});
    },
  );

  it('should guess each target for the first matching column only', () => {
    expect(guessMapping(['姓名', '手机', '电话', '联系人'], [])).toEqual({ 姓名: 'name', 手机: 'phone' });
  });

  it('should map a real X Education header row with a custom field', () => {
    const headers = [
      'Prospect ID',
      'Lead Number',
      'Lead Origin',
      'Lead Source',
      'Do Not Email',
      'City',
      '姓名',
      '手机',
    ];
    expect(guessMapping(headers, fields)).toEqual({
      'Lead Origin': 'custom.lead_origin',
      'Lead Source': 'source',
      City: 'city',
      姓名: 'name',
      手机: 'phone',
    });
  });
});

describe('headerKey', () => {
  it.each([
    ['E-mail', 'email'],
    [' 手机号码（必填） ', '手机号码'],
    ['Phone (mobile)', 'phone'],
    ['联系人：', '联系人'],
    ['ＣＩＴＹ', 'city'],
  ])('should fold "%s" to "%s"', (header, key) => {
    expect(headerKey(header)).toBe(key);
  });
});

describe('uniqueHeaders', () => {
  it('should keep headers, number repeats and name blanks', () => {
    expect(uniqueHeaders(['姓名', '备注', ' 备注 ', '', '备注'])).toEqual([
      '姓名',
      '备注',
      '备注 (2)',
      'Column 4',
      '备注 (3)',
    ]);
  });
});

describe('checkMapping', () => {
  const headers = ['姓名', '手机', '邮箱', '行业', '备注'];
  it.each([
    [
      { 姓名: 'name', 手机: 'phone' },
      { ok: true, mapping: { 姓名: 'name', 手机: 'phone' } },
    ],
    [
      { 姓名: 'name', 邮箱: 'email', 行业: 'custom.industry', 备注: '', 手机: null },
      { ok: true, mapping: { 姓名: 'name', 邮箱: 'email', 行业: 'custom.industry' } },
    ],
    [
      { 姓名: 'name', 电话: 'phone' },
      { ok: false, field: 'mapping.电话' },
    ],
    [
      { 姓名: 'name', 手机: 'mobile' },
      { ok: false, field: 'mapping.手机' },
    ],
    [
      { 姓名: 'name', 手机: 'phone', 行业: 'custom.sector' },
      { ok: false, field: 'mapping.行业' },
    ],
    [
      { 姓名: 'name', 手机: 'custom.' },
      { ok: false, field: 'mapping.手机' },
    ],
    [{ 手机: 'phone' }, { ok: false, field: 'mapping' }],
    [
      { 姓名: 'name', 行业: 'custom.industry' },
      { ok: false, field: 'mapping' },
    ],
  ])('should judge %j', (mapping, expected) => {
    expect(checkMapping(mapping, headers, fields)).toMatchObject(expected);
  });
});

describe('rowToLead', () => {
  const headers = ['姓名', '手机', '电话', '公司', 'utm_source', '行业', '备注'];
  const mapping = {
    姓名: 'name',
    手机: 'phone',
    电话: 'phone',
    公司: 'company',
    utm_source: 'utm.source',
    行业: 'custom.industry',
  };

  it.each([
    [
      ['张伟', '13800138000', '010-88886666', '北京星河科技有限公司', 'baidu', '制造业', '老客户'],
      null,
      {
        name: '张伟',
        phone: '13800138000',
        company: '北京星河科技有限公司',
        utm: { source: 'baidu' },
        custom: { industry: '制造业' },
      },
    ],
    [
      ['李娜', '', '010-88886666', '', '', '', ''],
      'c0ffee00-0000-4000-8000-000000000001',
      { name: '李娜', phone: '010-88886666', channelId: 'c0ffee00-0000-4000-8000-000000000001' },
    ],
    [['王芳', '13900139000'], null, { name: '王芳', phone: '13900139000' }],
  ])('should map %j', (cells, channelId, expected) => {
    expect(rowToLead(headers, cells, mapping, channelId)).toEqual(expected);
  });

  it('should not let a custom field named like an object property escape', () => {
    expect(rowToLead(['x', 'y'], ['1', '2'], { x: 'custom.constructor', y: 'name' }, null)).toEqual({
      name: '2',
      custom: { constructor: '1' },
    });
  });
});

describe('cells and rows', () => {
  it.each([
    [' 张三 ', '张三'],
    ['a\u0000b', 'ab'],
    ['x\ud800y', 'x\ufffdy'],
  ])('should clean %j to %j', (raw, clean) => {
    expect(cleanCell(raw)).toBe(clean);
  });

  it('should see a row of empty cells as blank', () => {
    expect(isBlankRow(['', '', ''])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });

  it.each([
    [
      'leads[17].phone: Too big: expected string to have <=50 characters',
      'Too big: expected string to have <=50 characters',
    ],
    ['leads[3]: Invalid input', 'Invalid input'],
    ['"123" is not a valid phone number', '"123" is not a valid phone number'],
  ])('should word the intake error %j for a row', (message, expected) => {
    expect(rowErrorMessage(message)).toBe(expected);
  });

  it('should say a required cell is empty', () => {
    expect(rowErrorMessage('leads[4].name: Invalid input: expected string, received undefined', 'name')).toBe(
      'name is empty',
    );
  });
});

describe('counts', () => {
  it('should count each outcome', () => {
    expect(countOutcomes(['created', 'merged', 'created', 'rejected'])).toEqual({
      created: 2,
      merged: 1,
      quarantined: 0,
      rejected: 1,
    });
  });

  it('should report a re-import of a finished file as merges, failures as they were', () => {
    expect(replayCounts({ total: 10, processed: 10, created: 6, merged: 1, quarantined: 1, rejected: 2 })).toEqual({
      total: 10,
      processed: 10,
      created: 0,
      merged: 7,
      quarantined: 1,
      rejected: 2,
    });
  });

  it.each([
    [null, true],
    [new Date('2026-11-23T07:59:30Z'), false],
    [new Date('2026-11-23T07:59:00Z'), true],
  ])('should judge a heartbeat at %s stale: %s', (heartbeatAt, stale) => {
    expect(isStale(heartbeatAt, new Date('2026-11-23T08:00:00Z'), 60_000)).toBe(stale);
  });
});

describe('detectFormat and encodings', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  const text = (value: string) => new TextEncoder().encode(value);
  it.each([
    ['leads.xlsx', bytes(0x50, 0x4b, 0x03, 0x04, 0x14), { ok: true, format: 'xlsx' }],
    ['export.csv', bytes(0x50, 0x4b, 0x03, 0x04), { ok: true, format: 'xlsx' }],
    ['leads.csv', text('姓名,手机\r\n'), { ok: true, format: 'csv' }],
    ['leads.txt', bytes(0xff, 0xfe, 0x59, 0x00), { ok: true, format: 'csv' }],
    ['old.xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1), { ok: false }],
    ['fake.xlsx', text('name,phone'), { ok: false }],
    ['photo.csv', bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x00), { ok: false }],
    ['empty.csv', bytes(), { ok: false }],
  ])('should read %s', (name, head, expected) => {
    expect(detectFormat(name, head)).toMatchObject(expected);
  });

  it.each([
    [bytes(0xef, 0xbb, 0xbf, 0x41), ['utf-8']],
    [bytes(0xff, 0xfe, 0x41, 0x00), ['utf-16le']],
    [bytes(0xd5, 0xc5, 0xc8, 0xfd), ['utf-8', 'gb18030']],
  ])('should try %j as %j', (head, encodings) => {
    expect(csvEncodings(head)).toEqual(encodings);
  });
});

describe('the error file', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+86 138 0013 8000', '+86 138 0013 8000'],
    ['-12', '-12'],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['@cmd', "'@cmd"],
    ['北京, 朝阳', '"北京, 朝阳"'],
    ['plain', 'plain'],
  ])('should write %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('should put the reason before the original columns, in their order', () => {
    const columns = ['姓名', '手机'];
    expect(errorFileHeader('zh-CN', columns)).toBe('行号,状态,错误代码,字段,原因,姓名,手机\r\n');
    expect(
      errorFileLine(
        { rowNumber: 7, status: 'rejected', code: 'INVALID_PHONE', field: 'phone', message: '"123" is not valid' },
        columns,
        [
          ['手机', '123'],
          ['姓名', '张三'],
        ],
      ),
    ).toBe('7,rejected,INVALID_PHONE,phone,"""123"" is not valid",张三,123\r\n');
  });
});

describe('checkMapping while the mapping is being edited', () => {
  it('should accept a mapping without a name or a contact, but not an unknown target', () => {
    const headers = ['公司', '备注'];
    expect(checkMapping({ 公司: 'company' }, headers, [], { complete: false })).toEqual({
      ok: true,
      mapping: { 公司: 'company' },
    });
    expect(checkMapping({ 备注: 'notes' }, headers, [], { complete: false })).toMatchObject({
      ok: false,
      field: 'mapping.备注',
    });
  });
});
