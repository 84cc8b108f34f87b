import { z } from 'zod';
import { errorStatus } from '../../platform/errors.ts';
import { createLeadBody } from '../leads/lead.schemas.ts';

export const MAX_BATCH_LEADS = 1000;

export const batchBody = z.strictObject({
  leads: z
    .array(z.unknown())
    .min(1)
    .max(MAX_BATCH_LEADS)
    .meta({ description: `Up to ${MAX_BATCH_LEADS} leads, each shaped like the body of POST /leads` }),
});

export const itemError = z.object({
  code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
  message: z.string(),
  field: z.string().optional(),
});

export const batchResult = z.object({
  index: z.number().int(),
  id: z.uuid().nullable(),
  status: z.enum(['created', 'merged', 'quarantined', 'rejected']),
  error: itemError.optional(),
});
export type BatchResult = z.infer<typeof batchResult>;

export const batchResponse = z.object({ results: z.array(batchResult) });

/** Documents the header; other headers pass through untouched. */
export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().max(200).optional().meta({
    description: 'Retry with the same key and body to get the first answer again, never a second lead (24 h)',
  }),
});

/** A repeat of a lead the submitter may not read: they learn that it merged, and its id. */
export const repeatSeenFromOutside = z.object({ id: z.uuid(), deduplicated: z.literal(true) });

/** One item of a batch, validated on its own so one bad item does not refuse the rest. */
export const batchItem = createLeadBody;
