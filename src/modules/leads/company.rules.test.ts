import { describe, expect, it } from 'vitest';
import { companyMatchKey } from './company.rules.ts';

describe('companyMatchKey', () => {
  it.each([
    ['北京华信科技有限公司', '北京华信科技'],
    ['北京华信科技', '北京华信科技'],
    ['北京华信科技股份有限公司', '北京华信科技'],
    ['华信科技（北京）有限公司', '华信科技'],
    ['华信科技(北京)有限公司', '华信科技'],
    ['上海恒泰集团有限公司', '上海恒泰'],
    ['上海恒泰集团', '上海恒泰'],
    ['深圳启明电子有限责任公司', '深圳启明电子'],
    ['ＡＢＣ科技有限公司', 'abc科技'],
    ['  北京 华信 科技 有限公司 ', '北京华信科技'],
    ['Huaxin Technology Co., Ltd.', 'huaxintechnology'],
    ['Huaxin Technology Ltd', 'huaxintechnology'],
    ['ACME Corp.', 'acme'],
    ['苏州瑞丰电子有限公司苏州分公司', '苏州瑞丰电子有限公司苏州'],
  ])('should key %s as %s', (name, key) => {
    expect(companyMatchKey(name)).toBe(key);
  });

  it.each([null, undefined, '', '   ', '（北京）', '...'])('should have no key for %j', (name) => {
    expect(companyMatchKey(name)).toBeNull();
  });

  it('should keep a Latin word that merely ends like a legal form', () => {
    expect(companyMatchKey('Disco Ltd')).toBe('disco');
  });

  it('should give two spellings of one company one key, and two companies two', () => {
    expect(companyMatchKey('杭州启明软件有限公司')).toBe(companyMatchKey('杭州启明软件'));
    expect(companyMatchKey('杭州启明软件有限公司')).not.toBe(companyMatchKey('杭州启明硬件有限公司'));
  });
});
