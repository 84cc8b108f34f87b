import { utmKeys } from '../leads/lead.rules.ts';
import type { ChannelActor } from '../intake/intake.service.ts';

export const textFields = [
  'name',
  'phone',
  'email',
  'company',
  'website',
  'title',
  'province',
  'city',
  'source',
  'campaign',
  'landingPage',
  'referrer',
] as const;
export type TextField = (typeof textFields)[number];

/** What the fix form starts from: the lead fields we could recognise in what was sent. */
export type FixProposal = Partial<Record<TextField, string>> & {
  utm?: Partial<Record<(typeof utmKeys)[number], string>>;
  channelId?: string;
  custom?: Record<string, string | number | boolean>;
};

/** 'Phone Number', 'phone_number' and 'phone-number' are one key; so are 'E-mail' and 'email'. */
const keyOf = (key: string) => key.toLowerCase().replace(/[\s_\-.]/g, '');

// Names that forms, ad platforms (巨量引擎, 腾讯广告, 百度) and spreadsheets give the same thing.
const aliases: Record<TextField, string[]> = {
  name: [
    'name',
    'fullname',
    'contactname',
    'contactperson',
    'username',
    'leadsname',
    '姓名',
    '名字',
    '联系人',
    '客户姓名',
  ],
  phone: [
    'phone',
    'mobile',
    'tel',
    'telephone',
    'telphone',
    'phonenumber',
    'mobilephone',
    'cellphone',
    'leadstelephone',
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '联系方式',
  ],
  email: ['email', 'mail', 'emailaddress', 'leadsemail', '邮箱', '电子邮箱', '电子邮件'],
  company: [
    'company',
    'companyname',
    'corp',
    'organisation',
    'organization',
    'enterprise',
    'leadscompany',
    '公司',
    '公司名称',
    '企业',
    '企业名称',
    '单位',
  ],
  website: ['website', 'homepage', 'companywebsite', '网站', '官网', '公司网站'],
  title: ['title', 'jobtitle', 'position', 'job', '职位', '职务', '岗位'],
  province: ['province', 'state', '省', '省份', '地区'],
  city: ['city', '城市', '市'],
  source: ['source', 'leadsource', '来源'],
  campaign: ['campaign', 'campaignname', 'adcampaign', '活动', '推广计划'],
  landingPage: ['landingpage', 'pageurl', 'landingurl', '落地页'],
  referrer: ['referrer', 'referer', '来源页面'],
};
const fieldByKey = new Map(
  (Object.entries(aliases) as [TextField, string[]][]).flatMap(([field, names]) =>
    names.map((name) => [keyOf(name), field] as const),
  ),
);

/** Where forms, imports and webhooks nest the submitted fields. */
const containerKeys = ['values', 'fields', 'data', 'lead', 'row', 'item', 'answers', 'submission', 'record'];

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The payload and the objects nested in it (two levels at most), most specific last. */
function layers(payload: unknown): Plain[] {
  if (!isPlain(payload)) return [];
  const found: Plain[] = [payload];
  for (const key of containerKeys) {
    const inner = payload[key];
    if (!isPlain(inner)) continue;
    found.push(inner);
    for (const deeper of containerKeys) if (isPlain(inner[deeper])) found.push(inner[deeper] as Plain);
  }
  return found;
}

/**
 * Proposes the fix form's values from whatever was sent: a lead body, a form submission
 * ({ values: {...} }), an ad platform's item, an import row, or junk (which proposes nothing).
 * Recognised lead fields are taken; keys naming one of the workspace's custom fields go under
 * custom; everything else is ignored. The innermost value wins: a form's own `name` loses to
 * the `name` its visitor typed.
 */
export function proposeFix(payload: unknown, customFieldNames: readonly string[] = []): FixProposal {
  const proposal: FixProposal = {};
  const utm: NonNullable<FixProposal['utm']> = {};
  const custom: NonNullable<FixProposal['custom']> = {};
  const customNames = new Set(customFieldNames);
  for (const layer of layers(payload).reverse()) {
    for (const [rawKey, value] of Object.entries(layer)) {
      const key = keyOf(rawKey);
      const field = fieldByKey.get(key);
      const text = scalarText(value);
      if (field && text !== null) {
        proposal[field] ??= text;
      } else if (key === 'channelid' && typeof value === 'string' && isUuid(value)) {
        proposal.channelId ??= value;
      } else if (key === 'utm' && isPlain(value)) {
        for (const utmKey of utmKeys) {
          const utmText = scalarText(value[utmKey]);
          if (utmText !== null) utm[utmKey] ??= utmText;
        }
      } else if (key.startsWith('utm') && utmKeys.some((utmKey) => `utm${utmKey}` === key) && text !== null) {
        utm[key.slice(3) as (typeof utmKeys)[number]] ??= text;
      } else if (key === 'custom' && isPlain(value)) {
        for (const [name, customValue] of Object.entries(value)) takeCustom(custom, customNames, name, customValue);
      } else {
        takeCustom(custom, customNames, rawKey, value);
      }
    }
  }
  if (Object.keys(utm).length > 0) proposal.utm = utm;
  if (Object.keys(custom).length > 0) proposal.custom = custom;
  return proposal;
}

function takeCustom(custom: Plain, names: Set<string>, name: string, value: unknown): void {
  if (!names.has(name) || name in custom) return;
  if (typeof value === 'boolean' || scalarText(value) !== null)
    custom[name] = typeof value === 'string' ? value.trim() : value;
}

const isUuid = (text: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

export interface HeldOrigin {
  workspaceId: string;
  source: string | null;
  channel: string | null;
  channelId: string | null;
}

/**
 * Who a released submission is written as: the channel it first came through, so the lead keeps
 * that channel, its source and its touch's channel label. (The user who released it is in the
 * release's own audit record.)
 */
export function releaseActor(row: HeldOrigin): ChannelActor {
  return {
    kind: 'channel',
    workspaceId: row.workspaceId,
    source: row.source ?? 'manual',
    channelId: row.channelId,
    label: row.channel,
  };
}

export interface OpenCount {
  kind: 'rejected' | 'quarantined';
  code: string;
  count: number;
}

/** The badge's figures: every open item, by kind and by reason, the commonest reasons first. */
export function summarise(counts: readonly OpenCount[]) {
  const byKind = { rejected: 0, quarantined: 0 };
  for (const { kind, count } of counts) byKind[kind] += count;
  const byCode = [...counts].sort(
    (a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code),
  );
  return { open: byKind.rejected + byKind.quarantined, byKind, byCode };
}
