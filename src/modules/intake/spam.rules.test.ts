import { describe, expect, it } from 'vitest';
import { spamReason } from './spam.rules.ts';

const lead = (fields: Partial<Parameters<typeof spamReason>[0]>) => ({
  name: '张伟',
  phone: '+8613800138000',
  email: null,
  company: null,
  ...fields,
});

describe('spamReason', () => {
  it.each([
    [{ name: '测试' }, 'test name'],
    [{ name: 'Test' }, 'test name'],
    [{ name: 'a s d f' }, 'test name'],
    [{ name: '点击 http://spam.example 领奖' }, 'link'],
    [{ company: 'www.cheap-pills.example' }, 'link'],
    [{ email: 'x@mailinator.com' }, 'disposable'],
    [{ email: 'x@a.bccto.me' }, 'disposable'],
    [{ phone: '+8613999999999' }, 'placeholder'],
  ])('should hold %j (%s)', (fields, reason) => {
    expect(spamReason(lead(fields))).toContain(reason);
  });

  it.each([
    [{}],
    [{ name: 'Tess' }],
    [{ company: 'Amazon.com, Inc.' }],
    [{ email: 'zw@mailinator-consulting.cn' }],
    [{ phone: '+8613912345678' }],
    [{ phone: '+8618600000000' }],
  ])('should let %j through', (fields) => {
    expect(spamReason(lead(fields))).toBeNull();
  });
});
