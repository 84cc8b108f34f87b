import { describe, expect, it } from 'vitest';
import { createLeadBody } from '../leads/lead.schemas.ts';
import { normaliseLead } from '../leads/lead.rules.ts';
import { hookPresetNames, hookPresets } from './hook.presets.ts';
import { applyMapping, hookMapping, itemsOf } from './hook.rules.ts';

function cleanedSample(name: (typeof hookPresetNames)[number]) {
  const preset = hookPresets[name];
  const items = itemsOf(preset.sample, preset.mapping);
  if (!items.ok) throw new Error(items.message);
  return items.items.map((item) => {
    const mapped = applyMapping(item, preset.mapping);
    const body = createLeadBody.parse(mapped.body);
    const cleaned = normaliseLead(body, 'ad_webhook');
    if (!cleaned.ok) throw new Error(`${name}: ${cleaned.message}`);
    return { ...mapped, lead: cleaned.value };
  });
}

describe('hook presets', () => {
  it.each(hookPresetNames)('%s should be a valid mapping whose sample maps to clean leads without warnings', (name) => {
    const preset = hookPresets[name];
    expect(preset.name).toBe(name);
    expect(hookMapping.safeParse(preset.mapping).success).toBe(true);
    const leads = cleanedSample(name);
    expect(leads.length).toBeGreaterThan(0);
    for (const lead of leads) {
      expect(lead.warnings).toEqual([]);
      expect(lead.externalIdFrom).toBe('path');
    }
  });

  it.each([
    [
      'oceanengine',
      {
        externalId: '7301234567890123456',
        lead: {
          name: '王磊',
          phone: '+8613912345678',
          email: null,
          company: '杭州云帆科技有限公司',
          title: '采购经理',
          province: '浙江省',
          city: '杭州市',
          landingPage: 'https://www.chengzijianzhan.com/tetris/page/7300000000000000001/',
          utm: { source: 'oceanengine', medium: 'paid', campaign: '华东-表单-0512', content: '免费试用落地页' },
        },
      },
    ],
    [
      'tencent_ads',
      {
        externalId: '3459870001',
        lead: {
          name: '陈晓',
          phone: '+8613812345678',
          email: 'chen.xiao@example.cn',
          company: '深圳星河智能有限公司',
          title: 'IT 主管',
          province: '广东省',
          city: '深圳市',
          utm: { source: 'tencent_ads', medium: 'paid', campaign: '华南-线索-五月', content: '表单-试用-深圳' },
        },
      },
    ],
    [
      'baidu',
      {
        externalId: '210604140990751127',
        lead: {
          name: '刘洋',
          phone: '+8613712345678',
          email: 'liu.yang@hengtong.example.cn',
          company: '苏州恒通电子有限公司',
          city: '苏州市',
          landingPage: 'https://isite.baidu.com/site/wjz2c5ab/5f1e8f7a',
        },
      },
    ],
    [
      'generic',
      {
        externalId: 'lead-0001',
        lead: {
          name: '赵敏',
          phone: '+8613612345678',
          company: '北京数澜科技有限公司',
          utm: { source: 'partner', medium: 'referral', campaign: 'spring' },
          landingPage: 'https://clew.cn/trial',
        },
      },
    ],
  ])('%s should map its sample to the lead it describes', (name, expected) => {
    const [first] = cleanedSample(name as (typeof hookPresetNames)[number]);
    expect(first).toMatchObject(expected);
  });

  it('should give the generic preset one lead per element of its list', () => {
    expect(cleanedSample('generic').map((lead) => lead.externalId)).toEqual(['lead-0001', 'lead-0002']);
  });

  it('should fall back to a placeholder name when the platform sends none', () => {
    const preset = hookPresets.baidu;
    const mapped = applyMapping({ clueId: '1', cluePhoneNumber: '13712345678', formDetail: [] }, preset.mapping);
    expect(mapped.body).toMatchObject({ name: '未留姓名', phone: '13712345678' });
  });
});
