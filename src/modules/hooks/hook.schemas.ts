import { z } from 'zod';
import { itemError } from '../intake/intake.schemas.ts';
import { hookPresetNames } from './hook.presets.ts';
import { hookMapping } from './hook.rules.ts';

const labels = z.object({ zh: z.string(), en: z.string() });

export const hookPresetView = z.object({
  name: z.enum(hookPresetNames),
  labels,
  notes: labels,
  sample: z.unknown().meta({ description: 'A payload as the platform sends it' }),
  mapping: hookMapping,
});
export const hookPresetList = z.object({ items: z.array(hookPresetView) });

export const configureHookBody = z.strictObject({
  preset: z.enum(hookPresetNames),
  mapping: hookMapping.optional().meta({ description: 'Omitted: the preset’s own mapping' }),
});
export type ConfigureHookBody = z.infer<typeof configureHookBody>;

export const hookView = z.object({
  channelId: z.uuid(),
  preset: z.string(),
  mapping: hookMapping,
  secretPrefix: z.string().meta({ description: 'The start of the secret, to tell secrets apart' }),
  endpointPath: z.string().meta({ description: 'Where the platform posts, relative to this server' }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export const hookWithSecret = hookView.extend({
  secret: z.string().meta({ description: 'Shown this once; send it as X-Clew-Hook-Secret or ?secret=' }),
});

export const previewHookBody = z.strictObject({
  sample: z
    .unknown()
    .refine((sample) => sample !== undefined, { message: 'Paste a sample payload' })
    .meta({ description: 'The payload, or its JSON text (which keeps 64-bit ids exact)' }),
  mapping: hookMapping.optional().meta({ description: 'Omitted: the hook’s saved mapping' }),
});
export type PreviewHookBody = z.infer<typeof previewHookBody>;

const warning = z.object({ target: z.string(), message: z.string() });

export const cleanedLeadPreview = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  website: z.string().nullable(),
  title: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  source: z.string(),
  campaign: z.string().nullable(),
  utm: z.record(z.string(), z.string()).nullable(),
  landingPage: z.string().nullable(),
  referrer: z.string().nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
});

export const previewResponse = z.object({
  items: z.array(
    z.object({
      index: z.number().int(),
      externalId: z.string(),
      externalIdFrom: z.enum(['path', 'hash']),
      body: z.record(z.string(), z.unknown()).meta({ description: 'What the mapping made of the item' }),
      warnings: z.array(warning),
      outcome: z.discriminatedUnion('status', [
        z.object({ status: z.literal('ok'), lead: cleanedLeadPreview }),
        z.object({ status: z.literal('error'), error: itemError }),
      ]),
    }),
  ),
});

export const deliveryParams = z.object({ channelId: z.string().max(100) });
export const deliveryQuery = z.looseObject({
  secret: z.string().max(200).optional().meta({ description: 'For platforms that cannot set a header' }),
});
export const deliveryHeaders = z.looseObject({
  'x-clew-hook-secret': z.string().max(200).optional(),
});

export const deliveryStatuses = ['created', 'merged', 'duplicate', 'rejected', 'quarantined'] as const;

export const deliveryResponse = z.object({
  code: z.literal(0).meta({ description: 'Platforms that read a code in the body take 0 as success' }),
  message: z.literal('success'),
  results: z.array(
    z.object({
      index: z.number().int(),
      externalId: z.string(),
      id: z.uuid().nullable(),
      status: z.enum(deliveryStatuses),
      error: itemError.optional(),
    }),
  ),
});
export type DeliveryResult = z.infer<typeof deliveryResponse>['results'][number];
