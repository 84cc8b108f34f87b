/**
 * A deterministic demo organisation: the same seed always yields the same teams, reps and leads,
 * so screenshots, tests and bug reports agree. Leads are spread over the 60 days before `now`.
 */

import { seededRng } from '../../platform/random.ts';

export interface DemoTeam {
  key: string;
  name: string;
  kind: 'region' | 'branch' | 'group';
  parent: string | null;
}

export interface DemoUser {
  key: string;
  name: string;
  email: string;
  role: 'manager' | 'rep' | 'marketing';
  team: string | null;
  manages?: string;
}

export const demoTeams: DemoTeam[] = [
  { key: 'north', name: '华北大区', kind: 'region', parent: null },
  { key: 'beijing', name: '北京分公司', kind: 'branch', parent: 'north' },
  { key: 'bj-finance', name: '北京金融行业组', kind: 'group', parent: 'beijing' },
  { key: 'bj-manufacturing', name: '北京制造业组', kind: 'group', parent: 'beijing' },
  { key: 'east', name: '华东大区', kind: 'region', parent: null },
  { key: 'shanghai', name: '上海分公司', kind: 'branch', parent: 'east' },
  { key: 'sh-inside', name: '上海电销组', kind: 'group', parent: 'shanghai' },
  { key: 'sh-enterprise', name: '上海大客户组', kind: 'group', parent: 'shanghai' },
  { key: 'south', name: '华南大区', kind: 'region', parent: null },
  { key: 'shenzhen', name: '深圳分公司', kind: 'branch', parent: 'south' },
  { key: 'sz-smb', name: '深圳中小企业组', kind: 'group', parent: 'shenzhen' },
];

/** New web and API leads land here first and are dealt by round robin. */
export const demoDefaultTeam = 'sh-inside';

export const demoUsers: DemoUser[] = [
  {
    key: 'wang.jianguo',
    name: '王建国',
    email: 'wang.jianguo@demo.clew.cn',
    role: 'manager',
    team: 'beijing',
    manages: 'beijing',
  },
  {
    key: 'chen.jing',
    name: '陈静',
    email: 'chen.jing@demo.clew.cn',
    role: 'manager',
    team: 'shanghai',
    manages: 'shanghai',
  },
  {
    key: 'huang.wei',
    name: '黄伟',
    email: 'huang.wei@demo.clew.cn',
    role: 'manager',
    team: 'shenzhen',
    manages: 'shenzhen',
  },
  { key: 'li.ming', name: '李明', email: 'li.ming@demo.clew.cn', role: 'rep', team: 'bj-finance' },
  { key: 'zhao.lei', name: '赵磊', email: 'zhao.lei@demo.clew.cn', role: 'rep', team: 'bj-finance' },
  { key: 'sun.li', name: '孙丽', email: 'sun.li@demo.clew.cn', role: 'rep', team: 'bj-finance' },
  { key: 'zhou.qiang', name: '周强', email: 'zhou.qiang@demo.clew.cn', role: 'rep', team: 'bj-manufacturing' },
  { key: 'wu.fang', name: '吴芳', email: 'wu.fang@demo.clew.cn', role: 'rep', team: 'bj-manufacturing' },
  { key: 'zheng.hao', name: '郑浩', email: 'zheng.hao@demo.clew.cn', role: 'rep', team: 'sh-inside' },
  { key: 'liu.yang', name: '刘洋', email: 'liu.yang@demo.clew.cn', role: 'rep', team: 'sh-inside' },
  { key: 'xu.min', name: '徐敏', email: 'xu.min@demo.clew.cn', role: 'rep', team: 'sh-inside' },
  { key: 'ma.chao', name: '马超', email: 'ma.chao@demo.clew.cn', role: 'rep', team: 'sh-enterprise' },
  { key: 'hu.jie', name: '胡杰', email: 'hu.jie@demo.clew.cn', role: 'rep', team: 'sh-enterprise' },
  { key: 'guo.ting', name: '郭婷', email: 'guo.ting@demo.clew.cn', role: 'rep', team: 'sz-smb' },
  { key: 'he.yu', name: '何宇', email: 'he.yu@demo.clew.cn', role: 'rep', team: 'sz-smb' },
  { key: 'lin.xue', name: '林雪', email: 'lin.xue@demo.clew.cn', role: 'marketing', team: null },
];

const surnames = [
  '张',
  '王',
  '李',
  '赵',
  '刘',
  '陈',
  '杨',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '志强',
  '海燕',
  '建华',
  '晓东',
  '雪梅',
  '文博',
];
const titles = [
  'IT总监',
  '采购经理',
  'CIO',
  '运营总监',
  '财务经理',
  '总经理',
  '信息中心主任',
  '数字化负责人',
  '销售副总',
  '项目经理',
];
const places: { province: string; city: string; teams: string[] }[] = [
  { province: '北京市', city: '北京市', teams: ['bj-finance', 'bj-manufacturing'] },
  { province: '天津市', city: '天津市', teams: ['bj-manufacturing'] },
  { province: '上海市', city: '上海市', teams: ['sh-inside', 'sh-enterprise'] },
  { province: '江苏省', city: '苏州市', teams: ['sh-enterprise', 'sh-inside'] },
  { province: '浙江省', city: '杭州市', teams: ['sh-inside'] },
  { province: '广东省', city: '深圳市', teams: ['sz-smb'] },
  { province: '广东省', city: '广州市', teams: ['sz-smb'] },
];
const companyStems = [
  '华信',
  '中科',
  '恒泰',
  '远航',
  '金盛',
  '瑞丰',
  '天成',
  '博远',
  '鼎新',
  '汇通',
  '宏达',
  '智联',
  '凯越',
  '东方',
  '启明',
  '国泰',
];
const industries = ['科技', '金融服务', '精密制造', '医疗器械', '物流', '新能源', '电子', '供应链', '软件', '化工'];
const suffixes = ['有限公司', '股份有限公司', '集团有限公司'];
const sources = ['官网注册', '百度推广', '巨量引擎', '腾讯广告', '展会', '400电话', '客户转介绍', '电话外呼'];
const openStatuses = ['new', 'new', 'new', 'contacted', 'contacted', 'qualified', 'unqualified'] as const;
/** How much each source and a decision-maker's title raise the odds of winning (log-odds), so a model has something to find. */
const sourceLift: Record<string, number> = {
  客户转介绍: 1.6,
  官网注册: 0.9,
  展会: 0.5,
  '400电话': 0.3,
  百度推广: 0,
  腾讯广告: -0.4,
  巨量引擎: -0.6,
  电话外呼: -1.2,
};
const seniorTitle = /总|CIO|CTO|CEO|董事/;
// Leads older than this have an outcome: the demo starts with history to learn from.
const CLOSED_AFTER_DAYS = 20;
const mobilePrefixes = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '182',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '189',
  '199',
];

export interface DemoLead {
  name: string;
  phone: string;
  email: string;
  company: string;
  title: string;
  province: string;
  city: string;
  source: string;
  status: (typeof openStatuses)[number] | 'won' | 'lost';
  /** When a won or lost lead closed. */
  closedAt: Date | null;
  ownerKey: string;
  createdAt: Date;
}

export function generateDemoLeads(count: number, now: Date, seed = 20_261_123): DemoLead[] {
  const random = seededRng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const repsByTeam = new Map<string, string[]>();
  for (const user of demoUsers) {
    if (user.role === 'rep' && user.team) repsByTeam.set(user.team, [...(repsByTeam.get(user.team) ?? []), user.key]);
  }
  const usedPhones = new Set<string>();
  const leads: DemoLead[] = [];
  for (let index = 0; leads.length < count; index++) {
    const phone = `+86${pick(mobilePrefixes)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    if (usedPhones.has(phone)) continue;
    usedPhones.add(phone);
    const place = pick(places);
    const stem = pick(companyStems);
    const company = `${place.city.replace(/市$/, '')}${stem}${pick(industries)}${pick(suffixes)}`;
    const ageMs = Math.floor(random() * 60 * 86_400_000);
    const source = pick(sources);
    const title = pick(titles);
    const createdAt = new Date(now.getTime() - ageMs);
    const closed = ageMs > CLOSED_AFTER_DAYS * 86_400_000;
    const odds = -0.9 + (sourceLift[source] ?? 0) + (seniorTitle.test(title) ? 0.8 : 0);
    const won = random() < 1 / (1 + Math.exp(-odds));
    const closedAt = closed
      ? new Date(createdAt.getTime() + Math.floor(random() * CLOSED_AFTER_DAYS * 86_400_000))
      : null;
    leads.push({
      name: pick(surnames) + pick(givenNames),
      phone,
      email: `contact${index}@${stemToDomain(stem)}${index % 7}.com.cn`,
      company,
      title,
      province: place.province,
      city: place.city,
      source,
      status: closed ? (won ? 'won' : 'lost') : pick(openStatuses),
      closedAt,
      ownerKey: pick(repsByTeam.get(pick(place.teams)) ?? []),
      createdAt,
    });
  }
  return leads;
}

const stemDomains: Record<string, string> = {
  华信: 'huaxin',
  中科: 'zhongke',
  恒泰: 'hengtai',
  远航: 'yuanhang',
  金盛: 'jinsheng',
  瑞丰: 'ruifeng',
  天成: 'tiancheng',
  博远: 'boyuan',
  鼎新: 'dingxin',
  汇通: 'huitong',
  宏达: 'hongda',
  智联: 'zhilian',
  凯越: 'kaiyue',
  东方: 'dongfang',
  启明: 'qiming',
  国泰: 'guotai',
};

function stemToDomain(stem: string): string {
  return stemDomains[stem] ?? 'example';
}

/** Each demo rep's routing profile: what they know (industries, regions) and how many open leads they can carry. */
export const demoRepProfiles: Record<string, { skills: string[]; capacity: number; maxNewPerDay?: number }> = {
  'li.ming': { skills: ['金融', '北京市'], capacity: 80 },
  'zhao.lei': { skills: ['金融', '北京市', '保险'], capacity: 60 },
  'sun.li': { skills: ['金融', '英语'], capacity: 40, maxNewPerDay: 15 },
  'zhou.qiang': { skills: ['制造', '北京市', '天津市'], capacity: 80 },
  'wu.fang': { skills: ['制造', '化工'], capacity: 60 },
  'zheng.hao': { skills: ['软件', '上海市'], capacity: 120 },
  'liu.yang': { skills: ['物流', '杭州市'], capacity: 120 },
  'xu.min': { skills: ['电子', '苏州市'], capacity: 100 },
  'ma.chao': { skills: ['大客户', '新能源'], capacity: 50 },
  'hu.jie': { skills: ['大客户', '医疗器械'], capacity: 50 },
  'guo.ting': { skills: ['深圳市', '电子'], capacity: 100 },
  'he.yu': { skills: ['广州市', '供应链'], capacity: 100 },
};

/** Teams that choose by best fit rather than in turn. */
export const demoBestFitTeams = ['bj-finance', 'sh-enterprise'];

/**
 * The demo's published rules, as seed 000 describes them: a Beijing finance lead goes to the
 * Beijing finance group, Beijing and Tianjin industry to the manufacturing group, a group company
 * in the East to the key-account group, the South to Shenzhen, the rest to Shanghai's inside sales.
 */
export function demoRoutingRules(teamId: (key: string) => string) {
  const finance = ['金融', '银行', '证券', '保险'].map((value) => ({
    field: 'company',
    op: 'contains' as const,
    value,
  }));
  return {
    rules: [
      {
        id: 'bj-finance',
        name: '北京金融 → 北京金融行业组',
        active: true,
        when: { all: [{ field: 'city', op: 'equals' as const, value: '北京市' }, { any: finance }] },
        target: { kind: 'team' as const, teamId: teamId('bj-finance') },
      },
      {
        id: 'north-industry',
        name: '京津其他 → 北京制造业组',
        active: true,
        when: { field: 'city', op: 'in' as const, value: ['北京市', '天津市'] },
        target: { kind: 'team' as const, teamId: teamId('bj-manufacturing') },
      },
      {
        id: 'east-groups',
        name: '华东集团客户 → 上海大客户组',
        active: true,
        when: {
          all: [
            { field: 'province', op: 'in' as const, value: ['上海市', '江苏省', '浙江省'] },
            { field: 'company', op: 'contains' as const, value: '集团' },
          ],
        },
        target: { kind: 'team' as const, teamId: teamId('sh-enterprise') },
      },
      {
        id: 'south',
        name: '广东 → 深圳中小企业组',
        active: true,
        when: { field: 'province', op: 'equals' as const, value: '广东省' },
        target: { kind: 'team' as const, teamId: teamId('sz-smb') },
      },
    ],
    defaultTarget: { kind: 'team' as const, teamId: teamId(demoDefaultTeam) },
  };
}
