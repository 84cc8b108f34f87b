import type { MessageKey } from '../i18n/zh-CN';
import type { TagRuleWhen } from './channels.types';

export const conditionLabel: Record<keyof TagRuleWhen, MessageKey> = {
  channelId: 'channels.tagRules.condition.channelId',
  channelType: 'channels.tagRules.condition.channelType',
  source: 'channels.tagRules.condition.source',
  utmSource: 'channels.tagRules.condition.utmSource',
  utmMedium: 'channels.tagRules.condition.utmMedium',
  utmCampaign: 'channels.tagRules.condition.utmCampaign',
  landingPageContains: 'channels.tagRules.condition.landingPageContains',
};
