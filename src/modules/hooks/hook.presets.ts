import type { HookMapping } from './hook.rules.ts';

/**
 * Starting mappings for the platforms our customers buy leads from. None of the three platforms
 * publishes its push (回调/推送) payload as a stable, versioned schema we could confirm, so each
 * preset follows the field names the platform documents for its leads elsewhere (its lead-list
 * API) and that public integrations read from its pushes, with alternatives (`a|b`) where the
 * two differ. The sample is what the preset is tested against and what the UI loads; a
 * customer should paste a real push into the preview and adjust before going live.
 */
export interface HookPreset {
  name: HookPresetName;
  labels: { zh: string; en: string };
  /** How far the field names are confirmed, shown beside the preset. */
  notes: { zh: string; en: string };
  sample: unknown;
  mapping: HookMapping;
}

export const hookPresetNames = ['oceanengine', 'tencent_ads', 'baidu', 'generic'] as const;
export type HookPresetName = (typeof hookPresetNames)[number];

const NO_NAME = '未留姓名';

/**
 * 巨量引擎 (飞鱼) 线索推送. Field names as in the Marketing API's clue model (clue_id, name,
 * telephone, province_name, city_name, external_url, ad_name, remark_dict, …; see e.g. the
 * open-source bububa/oceanengine client). Some public push handlers read `id` and `telphone`
 * (sic) instead: both are alternatives. remark_dict holds the advertiser's own form fields; the
 * keys 公司名称/职位 are whatever the form calls them, an assumption to adjust per form.
 */
const oceanengine: HookPreset = {
  name: 'oceanengine',
  labels: { zh: '巨量引擎（飞鱼线索推送）', en: 'Ocean Engine (Feiyu lead push)' },
  notes: {
    zh: '字段名依据巨量引擎营销 API 的线索字段（clue_id、name、telephone 等）及公开的推送对接代码整理；推送格式未见官方稳定文档，上线前请用真实推送核对。',
    en: 'Field names follow Ocean Engine’s Marketing API clue fields (clue_id, name, telephone, …) and public push integrations; the push format itself has no stable public schema, so check it against a real push before going live.',
  },
  sample: {
    clue_id: '7301234567890123456',
    advertiser_id: '1760000000000001',
    advertiser_name: '杭州云帆科技',
    ad_id: '1780000000000001',
    ad_name: '华东-表单-0512',
    site_id: '7300000000000000001',
    site_name: '免费试用落地页',
    external_url: 'https://www.chengzijianzhan.com/tetris/page/7300000000000000001/',
    clue_type: 0,
    clue_source: 1,
    create_time_detail: '2024-05-12 10:31:07',
    name: '王磊',
    telephone: '13912345678',
    email: '',
    province_name: '浙江',
    city_name: '杭州',
    remark: '想了解报价',
    remark_dict: { 公司名称: '杭州云帆科技有限公司', 职位: '采购经理' },
    app_name: '抖音',
  },
  mapping: {
    externalIdPath: 'clue_id|id',
    rules: [
      { target: 'name', path: 'name', value: NO_NAME, transform: 'trim' },
      { target: 'phone', path: 'telephone|telphone' },
      { target: 'email', path: 'email', transform: 'lower' },
      { target: 'company', path: 'remark_dict.公司名称|remark_dict.公司' },
      { target: 'title', path: 'remark_dict.职位' },
      { target: 'province', path: 'province_name' },
      { target: 'city', path: 'city_name' },
      { target: 'landingPage', path: 'external_url' },
      { target: 'utm.source', value: 'oceanengine' },
      { target: 'utm.medium', value: 'paid' },
      { target: 'utm.campaign', path: 'ad_name|promotion_name' },
      { target: 'utm.content', path: 'site_name' },
    ],
  },
};

/**
 * 腾讯广告 线索推送 (线索管理平台). The lead-list API names the phone `leads_telephone`; public push
 * handlers read `leads_tel`, `leads_name`, `leads_area`, `leads_create_time`, `page_url` and a
 * `bundle` of extra form fields sent as a JSON string. The bundle's keys (公司名称/职位) depend on
 * the advertiser's form: an assumption to adjust.
 */
const tencentAds: HookPreset = {
  name: 'tencent_ads',
  labels: { zh: '腾讯广告（线索推送）', en: 'Tencent Ads (lead push)' },
  notes: {
    zh: '字段名依据腾讯广告线索接口（leads_id、leads_name、leads_telephone 等）及公开的推送对接代码（leads_tel、bundle）整理；未能确认官方推送文档，上线前请用真实推送核对。',
    en: 'Field names follow Tencent Ads’ lead API (leads_id, leads_name, leads_telephone, …) and public push integrations (leads_tel, bundle); the official push documentation could not be confirmed, so check against a real push.',
  },
  sample: {
    leads_id: '3459870001',
    account_id: 20458000,
    campaign_id: '41230001',
    campaign_name: '华南-线索-五月',
    adgroup_id: '51230001',
    adgroup_name: '表单-试用-深圳',
    page_id: '61230001',
    page_name: '蹊径-免费试用',
    page_url: 'https://h5.gdt.qq.com/xjviewer/nemo/61230001',
    leads_name: '陈晓',
    leads_tel: '138 1234 5678',
    tel_location: '广东深圳',
    leads_area: '深圳',
    leads_email: 'Chen.Xiao@Example.cn',
    leads_gender: 'GENDER_TYPE_FEMALE',
    leads_create_time: '2024-05-12 10:31:07',
    leads_source: 'XJ',
    click_id: 'wx0ab1cd2ef3gh4',
    bundle: '{"公司名称":"深圳星河智能有限公司","职位":"IT 主管"}',
  },
  mapping: {
    externalIdPath: 'leads_id|outer_leads_id',
    rules: [
      { target: 'name', path: 'leads_name', value: NO_NAME, transform: 'trim' },
      { target: 'phone', path: 'leads_tel|leads_telephone' },
      { target: 'email', path: 'leads_email', transform: 'lower' },
      { target: 'company', path: 'bundle.公司名称|bundle.公司|leads_company' },
      { target: 'title', path: 'bundle.职位' },
      // leads_area is where the person says they are; tel_location is only the number's home area.
      { target: 'city', path: 'leads_area' },
      { target: 'landingPage', path: 'page_url' },
      { target: 'utm.source', value: 'tencent_ads' },
      { target: 'utm.medium', value: 'paid' },
      { target: 'utm.campaign', path: 'campaign_name' },
      { target: 'utm.content', path: 'adgroup_name' },
    ],
  },
};

/**
 * 百度营销 线索推送 (基木鱼 / 营销通). Public push handlers read clueId, cluePhoneNumber,
 * commitTime, flowChannelName, solutionTypeName, area, url, siteName and formDetail, a list of
 * { name, type, value } for the form's fields (type "name", "phone", …). The form field names
 * 公司名称/邮箱 are assumptions to adjust per form.
 */
const baidu: HookPreset = {
  name: 'baidu',
  labels: { zh: '百度营销（基木鱼线索推送）', en: 'Baidu Marketing (Jimuyu lead push)' },
  notes: {
    zh: '字段名依据公开的百度基木鱼线索推送对接代码（clueId、cluePhoneNumber、formDetail 等）整理，未能确认官方文档；上线前请用真实推送核对。',
    en: 'Field names follow public integrations of Baidu’s Jimuyu lead push (clueId, cluePhoneNumber, formDetail, …); the official documentation could not be confirmed, so check against a real push.',
  },
  sample: {
    clueId: '210604140990751127',
    ucid: 31234567,
    commitTime: '2024-05-12 10:31:07',
    solutionTypeName: '表单',
    flowChannelName: '百度信息流',
    cluePhoneNumber: '13712345678',
    area: '苏州',
    url: 'https://isite.baidu.com/site/wjz2c5ab/5f1e8f7a',
    siteName: '产品试用页',
    planName: '华东-信息流-试用',
    formDetail: [
      { name: '姓名', type: 'name', value: '刘洋' },
      { name: '电话', type: 'phone', value: '13712345678' },
      { name: '公司名称', type: 'text', value: '苏州恒通电子有限公司' },
      { name: '邮箱', type: 'text', value: 'liu.yang@hengtong.example.cn' },
    ],
  },
  mapping: {
    externalIdPath: 'clueId',
    rules: [
      { target: 'name', path: 'formDetail[type=name].value|formDetail[name=姓名].value', value: NO_NAME },
      { target: 'phone', path: 'cluePhoneNumber|formDetail[type=phone].value' },
      { target: 'email', path: 'formDetail[name=邮箱].value', transform: 'lower' },
      { target: 'company', path: 'formDetail[name=公司名称].value|formDetail[name=公司].value' },
      { target: 'city', path: 'area' },
      { target: 'landingPage', path: 'url' },
      { target: 'utm.source', value: 'baidu' },
      { target: 'utm.medium', value: 'paid' },
      { target: 'utm.campaign', path: 'planName' },
      { target: 'utm.content', path: 'siteName' },
    ],
  },
};

/** Any platform that can be told what to send: a list of leads under "leads", fields named as Clew's. */
const generic: HookPreset = {
  name: 'generic',
  labels: { zh: '通用 JSON', en: 'Generic JSON' },
  notes: {
    zh: '一次推送可带多条线索（leads 数组），字段名与 Clew 相同；id 用于识别重试。',
    en: 'One push may carry several leads (the "leads" list), fields named as in Clew; "id" recognises retries.',
  },
  sample: {
    leads: [
      {
        id: 'lead-0001',
        name: '赵敏',
        phone: '+86 136 1234 5678',
        email: 'zhao.min@example.cn',
        company: '北京数澜科技有限公司',
        title: '市场总监',
        province: '北京',
        city: '北京',
        utm: { source: 'partner', medium: 'referral', campaign: 'spring' },
        landing_page: 'https://clew.cn/trial',
      },
      { id: 'lead-0002', name: 'Li Wei', email: 'li.wei@example.com', company: 'Example Ltd' },
    ],
  },
  mapping: {
    itemsPath: 'leads',
    externalIdPath: 'id',
    rules: [
      { target: 'name', path: 'name' },
      { target: 'phone', path: 'phone' },
      { target: 'email', path: 'email' },
      { target: 'company', path: 'company' },
      { target: 'website', path: 'website' },
      { target: 'title', path: 'title' },
      { target: 'province', path: 'province' },
      { target: 'city', path: 'city' },
      { target: 'campaign', path: 'campaign' },
      { target: 'landingPage', path: 'landing_page|landingPage' },
      { target: 'referrer', path: 'referrer' },
      { target: 'utm.source', path: 'utm.source|utm_source' },
      { target: 'utm.medium', path: 'utm.medium|utm_medium' },
      { target: 'utm.campaign', path: 'utm.campaign|utm_campaign' },
      { target: 'utm.term', path: 'utm.term|utm_term' },
      { target: 'utm.content', path: 'utm.content|utm_content' },
    ],
  },
};

export const hookPresets: Record<HookPresetName, HookPreset> = {
  oceanengine,
  tencent_ads: tencentAds,
  baidu,
  generic,
};
