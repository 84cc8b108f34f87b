import type { Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/zh-CN';
import type { ChannelType, DedupePolicy, TransformName } from './channels.types';
import { LEAD_TARGETS } from '../api/leadTargets';

export const channelTypeLabel: Record<ChannelType, MessageKey> = {
  web_form: 'channels.type.web_form',
  api: 'channels.type.api',
  ad_webhook: 'channels.type.ad_webhook',
  import: 'channels.type.import',
  manual: 'channels.type.manual',
  phone: 'channels.type.phone',
  offline: 'channels.type.offline',
};

export const dedupePolicyLabel: Record<DedupePolicy, MessageKey> = {
  merge: 'channels.dedupe.merge',
  review: 'channels.dedupe.review',
  create: 'channels.dedupe.create',
};

export const transformLabel: Record<TransformName, MessageKey> = {
  trim: 'channels.hook.transform.trim',
  lower: 'channels.hook.transform.lower',
  upper: 'channels.hook.transform.upper',
  digits: 'channels.hook.transform.digits',
  date: 'channels.hook.transform.date',
  first: 'channels.hook.transform.first',
  join: 'channels.hook.transform.join',
};

const targetKeys = new Set<string>([...LEAD_TARGETS, 'tags']);

/** A lead field's name in the UI language; custom fields show as written (custom.budget). */
export function targetLabel(t: Translate, target: string): string {
  return targetKeys.has(target) ? t(`channels.target.${target}` as MessageKey) : target;
}
