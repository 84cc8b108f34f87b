import { z } from 'zod';
import { createLeadBody } from '../leads/lead.schemas.ts';

export const heldKinds = ['rejected', 'quarantined'] as const;
export const heldStatuses = ['open', 'released', 'discarded'] as const;
export type HeldStatus = (typeof heldStatuses)[number];

export const listHeldQuery = z.strictObject({
  kind: z.enum(heldKinds).optional(),
  status: z
    .enum(heldStatuses)
    .optional()
    .meta({ description: 'Open (not yet resolved), released or discarded; all when left out' }),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListHeldQuery = z.infer<typeof listHeldQuery>;

const text = z.string();
export const fixProposal = z
  .object({
    name: text,
    phone: text,
    email: text,
    company: text,
    website: text,
    title: text,
    province: text,
    city: text,
    source: text,
    campaign: text,
    landingPage: text,
    referrer: text,
    channelId: z.uuid(),
    utm: z.record(z.string(), z.string()),
    custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .partial()
  .meta({ description: 'The lead fields recognised in the payload: the fix form’s initial values' });

export const heldView = z.object({
  id: z.uuid(),
  kind: z.enum(heldKinds),
  code: z.string(),
  field: z.string().nullable(),
  message: z.string(),
  source: z.string().nullable(),
  channel: z.string().nullable(),
  channelId: z.uuid().nullable(),
  payload: z.unknown().meta({ description: 'What was sent, as sent (any JSON, or null)' }),
  clientIp: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  resolution: z.enum(['released', 'discarded']).nullable(),
  resolvedLeadId: z.uuid().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: z.uuid().nullable(),
  resolvedByName: z.string().nullable(),
  proposal: fixProposal,
});
export type HeldView = z.infer<typeof heldView>;

export const heldPage = z.object({ items: z.array(heldView), nextCursor: z.string().nullable() });
export const heldIdParams = z.strictObject({ id: z.uuid() });

export const heldSummary = z.object({
  open: z.number().int(),
  byKind: z.object({ rejected: z.number().int(), quarantined: z.number().int() }),
  byCode: z.array(z.object({ kind: z.enum(heldKinds), code: z.string(), count: z.number().int() })),
});

export const releaseBody = z.strictObject({
  lead: createLeadBody.meta({
    description: 'The lead as the user fixed it; it keeps the channel and source it was first sent with',
  }),
});
export type ReleaseBody = z.infer<typeof releaseBody>;
export const releaseResult = z.object({ leadId: z.uuid(), deduplicated: z.boolean() });

export const discardBody = z.strictObject({ note: z.string().trim().max(500).optional() });
export type DiscardBody = z.infer<typeof discardBody>;
