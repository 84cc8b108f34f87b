import { z } from 'zod';

export const leadStatuses = ['new', 'contacted', 'qualified', 'unqualified', 'converted', 'won', 'lost'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

const optionalText = (max: number) => z.string().max(max).nullish();

export const createLeadBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phone: optionalText(50),
  email: optionalText(320),
  company: optionalText(200),
  website: optionalText(500),
  title: optionalText(100),
  province: optionalText(50),
  city: optionalText(50),
  source: optionalText(100),
  campaign: optionalText(200),
  utm: z
    .strictObject({
      source: optionalText(200),
      medium: optionalText(200),
      campaign: optionalText(200),
      term: optionalText(200),
      content: optionalText(200),
    })
    .nullish(),
  landingPage: optionalText(2000),
  referrer: optionalText(2000),
  channelId: z.uuid().nullish().meta({ description: 'A configured channel; an API key bound to a channel sets it' }),
  status: z.enum(leadStatuses).nullish().meta({
    description: 'For leads whose outcome is already known (an import of past leads); a repeat keeps its status',
  }),
  custom: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: 'Values of the workspace’s custom fields (POST /fields), by field name' }),
});
export type CreateLeadBody = z.infer<typeof createLeadBody>;

/**
 * What a mapping (import columns, webhook rules) can fill: the lead fields and UTM parameters, with
 * the most text createLeadBody takes for each; `custom.<name>` fills a custom field.
 */
export const leadTextLimits = {
  name: 200,
  phone: 50,
  email: 320,
  company: 200,
  website: 500,
  title: 100,
  province: 50,
  city: 50,
  source: 100,
  campaign: 200,
  landingPage: 2000,
  referrer: 2000,
  'utm.source': 200,
  'utm.medium': 200,
  'utm.campaign': 200,
  'utm.term': 200,
  'utm.content': 200,
} as const;
/** The text targets, and `status` (one of leadStatuses; an import reads 1/0, yes/no, 成交/未成交 as won/lost). */
export type LeadTarget = keyof typeof leadTextLimits | 'status';
export const leadTargets = [...Object.keys(leadTextLimits), 'status'] as LeadTarget[];

export const updateLeadBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    company: z.string().trim().max(200).nullable(),
    title: z.string().trim().max(100).nullable(),
    province: z.string().trim().max(50).nullable(),
    city: z.string().trim().max(50).nullable(),
    status: z.enum(leadStatuses),
    ownerId: z.uuid().nullable(),
    custom: z.record(z.string(), z.unknown()).meta({ description: 'Changed custom values; null clears one' }),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change' });
export type UpdateLeadBody = z.infer<typeof updateLeadBody>;

export const leadView = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  website: z.string().nullable(),
  title: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  source: z.string(),
  channelId: z.uuid().nullable(),
  campaign: z.string().nullable(),
  utm: z.record(z.string(), z.string()).nullable(),
  landingPage: z.string().nullable(),
  referrer: z.string().nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  status: z.enum(leadStatuses),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  touchCount: z.number().int(),
  score: z.number().int().meta({ description: '0–100, from the scoring rules, the model or a blend' }),
  grade: z.enum(['A', 'B', 'C', 'D']),
  urgency: z.enum(['normal', 'high', 'critical']),
  urgencyReason: z.string().nullable().meta({ description: 'The urgency rule that raised it' }),
  winProbability: z
    .number()
    .nullable()
    .meta({ description: 'Calibrated, from the active model; null until one is ready' }),
  scoreFactors: z
    .array(z.object({ factor: z.string(), effect: z.number() }))
    .meta({ description: 'What moved the score, strongest first; effect in score points' }),
  lastTouchAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  slaDueAt: z.iso
    .datetime()
    .nullable()
    .meta({ description: 'When the next pending response-deadline step falls due (null: none pending)' }),
  slaStep: z
    .string()
    .nullable()
    .meta({ description: 'That step: `firstTouch:remind:0.5`, `firstTouch:deadline:notify_owner` …' }),
  poolId: z.uuid().nullable().meta({ description: 'The public pool the lead waits in, if any' }),
});
export type LeadView = z.infer<typeof leadView>;

export const intakeResponse = leadView.extend({ deduplicated: z.boolean() });

export const listLeadsQuery = z.strictObject({
  status: z.enum(leadStatuses).optional(),
  ownerId: z.uuid().optional(),
  source: z.string().trim().min(1).max(100).optional(),
  grade: z.enum(['A', 'B', 'C', 'D']).optional(),
  urgency: z.enum(['normal', 'high', 'critical']).optional().meta({ description: 'high lists the critical leads too' }),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListLeadsQuery = z.infer<typeof listLeadsQuery>;

export const leadPage = z.object({ items: z.array(leadView), nextCursor: z.string().nullable() });
export const leadIdParams = z.strictObject({ id: z.uuid() });

export const touchView = z.object({
  id: z.uuid(),
  source: z.string(),
  channel: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});
export const touchList = z.object({ items: z.array(touchView) });
