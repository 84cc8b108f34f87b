import { describe, expect, it } from 'vitest';
import { standardiseRegion } from './region.rules.ts';

describe('standardiseRegion', () => {
  it.each([
    [
      { province: '广东', city: '深圳' },
      { province: '广东省', city: '深圳市' },
    ],
    [
      { province: null, city: '深圳市' },
      { province: '广东省', city: '深圳市' },
    ],
    [
      { province: 'Guangdong', city: 'Shenzhen' },
      { province: '广东省', city: '深圳市' },
    ],
    [
      { province: '北京', city: '北京' },
      { province: '北京市', city: '北京市' },
    ],
    [
      { province: null, city: 'beijing' },
      { province: '北京市', city: '北京市' },
    ],
    [
      { province: '内蒙古', city: null },
      { province: '内蒙古自治区', city: null },
    ],
    [
      { province: '新疆', city: '乌鲁木齐' },
      { province: '新疆维吾尔自治区', city: '乌鲁木齐市' },
    ],
    [
      { province: '陕西', city: "Xi'an" },
      { province: '陕西省', city: '西安市' },
    ],
    [
      { province: 'ＪＩＡＮＧＳＵ', city: 'su zhou' },
      { province: '江苏省', city: '苏州市' },
    ],
  ])('should standardise %j to %j', (input, expected) => {
    expect(standardiseRegion(input)).toEqual(expected);
  });

  it('should keep a place it does not know as written', () => {
    expect(standardiseRegion({ province: '江苏', city: '昆山' })).toEqual({ province: '江苏省', city: '昆山' });
    expect(standardiseRegion({ province: 'Bavaria', city: 'Munich' })).toEqual({ province: 'Bavaria', city: 'Munich' });
  });

  it('should not move a city into another province than the one given', () => {
    expect(standardiseRegion({ province: '浙江', city: '苏州' })).toEqual({ province: '浙江省', city: '苏州' });
  });
});
