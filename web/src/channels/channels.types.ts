// Shapes of /channels, /teams, /hook-presets and /channels/:id/hook as the channel pages use them.

export const CHANNEL_TYPES = ['web_form', 'api', 'ad_webhook', 'import', 'manual', 'phone', 'offline'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const DEDUPE_POLICIES = ['merge', 'review', 'create'] as const;
export type DedupePolicy = (typeof DEDUPE_POLICIES)[number];

export interface Channel {
  id: string;
  type: ChannelType;
  name: string;
  campaign: string | null;
  ownerTeamId: string | null;
  /** Yuan per month, to the fen. */
  monthlyCost: number;
  active: boolean;
  dedupePolicy: DedupePolicy;
  createdAt: string;
}

export interface ChannelInput {
  name: string;
  campaign: string | null;
  ownerTeamId: string | null;
  monthlyCost: number;
  active: boolean;
  dedupePolicy: DedupePolicy;
}

export interface Team {
  id: string;
  name: string;
  kind: 'region' | 'branch' | 'group';
  parentId: string | null;
}

export const TRANSFORM_NAMES = ['trim', 'lower', 'upper', 'digits', 'date', 'first', 'join'] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];
export interface LookupTransform {
  lookup: Record<string, string>;
  default?: string;
}
export type Transform = TransformName | LookupTransform;

export interface MappingRule {
  target: string;
  path?: string;
  value?: string | number | boolean;
  transform?: Transform | Transform[];
}

export interface HookMapping {
  itemsPath?: string;
  externalIdPath?: string;
  rules: MappingRule[];
}

export interface HookPreset {
  name: string;
  labels: { zh: string; en: string };
  notes: { zh: string; en: string };
  sample: unknown;
  mapping: HookMapping;
}

export interface HookConfig {
  channelId: string;
  preset: string;
  mapping: HookMapping;
  secretPrefix: string;
  /** Relative to this server, e.g. /api/v1/hooks/<channel id>. */
  endpointPath: string;
  createdAt: string;
  updatedAt: string;
}

/** Only when the hook is created or its secret rotated: the one time the secret is shown. */
export interface HookWithSecret extends HookConfig {
  secret: string;
}

export interface ItemError {
  code: string;
  message: string;
  field?: string;
}

export interface CleanedLead {
  name: string;
  phone: string | null;
  email: string | null;
  company: string | null;
  website: string | null;
  title: string | null;
  province: string | null;
  city: string | null;
  source: string;
  campaign: string | null;
  utm: Record<string, string> | null;
  landingPage: string | null;
  referrer: string | null;
  tags: string[];
  custom: Record<string, unknown>;
}

export interface PreviewItem {
  index: number;
  externalId: string;
  externalIdFrom: 'path' | 'hash';
  body: Record<string, unknown>;
  warnings: { target: string; message: string }[];
  outcome: { status: 'ok'; lead: CleanedLead } | { status: 'error'; error: ItemError };
}

export interface PreviewResponse {
  items: PreviewItem[];
}

/** Every condition given must hold; a rule adds its tags to the leads whose origin matches. */
export interface TagRuleWhen {
  channelId?: string;
  channelType?: ChannelType;
  source?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  landingPageContains?: string;
}

export interface TagRule {
  when: TagRuleWhen;
  tags: string[];
}

export const TAG_RULE_CONDITIONS = [
  'channelId',
  'channelType',
  'source',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'landingPageContains',
] as const satisfies readonly (keyof TagRuleWhen)[];
