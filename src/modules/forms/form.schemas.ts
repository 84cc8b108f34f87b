import { z } from 'zod';
import { fieldTypes } from '../fields/field.rules.ts';
import { SLUG_HINT, SLUG_PATTERN } from './form.rules.ts';

const localizedInput = (max: number) =>
  z.strictObject({ 'zh-CN': z.string().max(max).optional(), 'en-US': z.string().max(max).optional() });
const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
const localizedPartial = z.object({ 'zh-CN': z.string().optional(), 'en-US': z.string().optional() });

const fieldInput = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(60)
    .meta({ description: 'name, phone, email, company, website, title, province, city or custom.<name>' }),
  required: z.boolean().optional(),
  label: localizedInput(100).optional().meta({ description: 'Defaults to the lead field’s or custom field’s label' }),
});

const textsInput = z.strictObject({
  title: localizedInput(200).optional(),
  description: localizedInput(2000).optional(),
  consent: localizedInput(2000).optional().meta({ description: 'When set, the visitor must tick it to submit' }),
  success: localizedInput(500).optional(),
});

const slug = z
  .string()
  .regex(SLUG_PATTERN, SLUG_HINT)
  .refine((value) => !value.includes('--'), SLUG_HINT);
const redirectUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .meta({ description: 'An http(s) address the visitor is sent to instead of the success message' });

export const createFormBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  slug: slug.optional().meta({ description: 'The public address /f/<slug>; generated when left out' }),
  channelId: z.uuid().nullish(),
  campaign: z.string().trim().min(1).max(200).nullish(),
  fields: z.array(fieldInput).min(1).max(40),
  texts: textsInput.default({}),
  redirectUrl: redirectUrl.nullish(),
  active: z.boolean().default(true),
});
export type CreateFormBody = z.infer<typeof createFormBody>;

export const updateFormBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    slug,
    channelId: z.uuid().nullable(),
    campaign: z.string().trim().min(1).max(200).nullable(),
    fields: z.array(fieldInput).min(1).max(40),
    texts: textsInput,
    redirectUrl: redirectUrl.nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change' });
export type UpdateFormBody = z.infer<typeof updateFormBody>;

const formField = z.object({ key: z.string(), required: z.boolean(), label: localized });
const texts = z.object({
  title: localizedPartial.optional(),
  description: localizedPartial.optional(),
  consent: localizedPartial.optional(),
  success: localizedPartial.optional(),
});

export const formView = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  channelId: z.uuid().nullable(),
  campaign: z.string().nullable(),
  fields: z.array(formField),
  texts,
  redirectUrl: z.string().nullable(),
  active: z.boolean(),
  publicPath: z.string().meta({ description: '/f/<slug>' }),
  publicUrl: z.string().meta({ description: 'The page’s full address (CLEW_PUBLIC_URL or the request’s origin)' }),
  embedSnippet: z.string().meta({ description: 'An iframe of the page that sizes itself to its content' }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FormView = z.infer<typeof formView>;
export const formList = z.object({ items: z.array(formView) });
export const formIdParams = z.strictObject({ id: z.uuid() });

const trackingText = z.string().trim().max(200).optional();
export const qrQuery = z.strictObject({
  campaign: trackingText,
  utm_source: trackingText,
  utm_medium: trackingText,
  utm_campaign: trackingText,
  size: z.coerce.number().int().min(128).max(2048).default(512).meta({ description: 'Width in pixels' }),
});

export const publicFormParams = z.strictObject({ slug: z.string().min(1).max(100) });

export const publicFormView = z.object({
  slug: z.string(),
  title: localizedPartial,
  description: localizedPartial.nullable(),
  consent: localizedPartial.nullable(),
  fields: z.array(
    formField.extend({
      type: z.enum(['text', 'tel', 'email', 'url', ...fieldTypes]),
      options: z.array(z.string()).nullable(),
    }),
  ),
});
export type PublicFormView = z.infer<typeof publicFormView>;

const contextText = z.string().max(5000).optional();
export const submissionBody = z.strictObject({
  values: z
    .record(z.string().max(60), z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]))
    .refine((values) => Object.keys(values).length <= 60, { message: 'Too many values' }),
  context: z
    .strictObject({
      utm_source: contextText,
      utm_medium: contextText,
      utm_campaign: contextText,
      utm_term: contextText,
      utm_content: contextText,
      campaign: contextText,
      landingPage: contextText,
      referrer: contextText,
    })
    .optional(),
  consent: z.boolean().optional(),
  hp: z.string().max(5000).optional().meta({ description: 'The hidden honeypot input; people leave it empty' }),
});
export type SubmissionBody = z.infer<typeof submissionBody>;

export const submissionQuery = z.strictObject({
  lang: z.string().max(20).optional().meta({ description: 'zh-CN or en-US; else Accept-Language decides' }),
});

export const submissionAnswer = z.union([
  z.object({ ok: z.literal(true), message: z.string() }),
  z.object({ ok: z.literal(true), redirectUrl: z.string() }),
]);
