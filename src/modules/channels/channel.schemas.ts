import { z } from 'zod';
import { channelTypes, dedupePolicies } from '../../platform/db/schema.ts';

const money = z.number().min(0).max(1e12).meta({ description: 'Yuan per month, to the fen' });

export const createChannelBody = z.strictObject({
  type: z.enum(channelTypes),
  name: z.string().trim().min(1).max(100),
  campaign: z.string().trim().min(1).max(200).optional(),
  ownerTeamId: z.uuid().optional(),
  monthlyCost: money.default(0),
  active: z.boolean().default(true),
  dedupePolicy: z.enum(dedupePolicies).default('merge'),
});
export type CreateChannelBody = z.infer<typeof createChannelBody>;

export const updateChannelBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    campaign: z.string().trim().min(1).max(200).nullable(),
    ownerTeamId: z.uuid().nullable(),
    monthlyCost: money,
    active: z.boolean(),
    dedupePolicy: z.enum(dedupePolicies),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change' });
export type UpdateChannelBody = z.infer<typeof updateChannelBody>;

export const channelView = z.object({
  id: z.uuid(),
  type: z.enum(channelTypes),
  name: z.string(),
  campaign: z.string().nullable(),
  ownerTeamId: z.uuid().nullable(),
  monthlyCost: z.number(),
  active: z.boolean(),
  dedupePolicy: z.enum(dedupePolicies),
  createdAt: z.iso.datetime(),
});
export const channelList = z.object({ items: z.array(channelView) });
export const channelIdParams = z.strictObject({ id: z.uuid() });

const ruleText = z.string().trim().min(1).max(200);
export const tagRule = z.strictObject({
  when: z
    .strictObject({
      channelId: z.uuid(),
      channelType: z.enum(channelTypes),
      source: ruleText,
      utmSource: ruleText,
      utmMedium: ruleText,
      utmCampaign: ruleText,
      landingPageContains: ruleText,
    })
    .partial()
    .refine((when) => Object.keys(when).length > 0, { message: 'A rule needs at least one condition' }),
  tags: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
});
export const tagRuleList = z.strictObject({ rules: z.array(tagRule).max(200) });
export type TagRuleList = z.infer<typeof tagRuleList>;
