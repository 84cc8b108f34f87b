import { z } from 'zod';
import { leadView } from '../leads/lead.schemas.ts';

const reason = z.enum(['phone', 'email', 'name_company']);

export const duplicateCheckQuery = z.strictObject({
  phone: z.string().max(50).optional(),
  email: z.string().max(320).optional(),
  name: z.string().max(200).optional(),
  company: z.string().max(200).optional(),
});
export type DuplicateCheckQuery = z.infer<typeof duplicateCheckQuery>;

export const duplicateCheckResponse = z.object({
  matches: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      company: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      ownerName: z.string().nullable(),
      reason: z.enum(['phone', 'email', 'name_company', 'company']),
      score: z.number(),
      visible: z.boolean(),
    }),
  ),
});

export const candidateStatusQuery = z.strictObject({
  status: z.enum(['open', 'merged', 'dismissed']).default('open'),
});

export const candidateList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      reason,
      score: z.number(),
      foundBy: z.enum(['intake', 'scan']),
      status: z.enum(['open', 'merged', 'dismissed']),
      createdAt: z.iso.datetime(),
      lead: leadView,
      duplicateOf: leadView,
    }),
  ),
});

export const idParams = z.strictObject({ id: z.uuid() });

export const mergeCandidateBody = z.strictObject({
  keep: z
    .enum(['lead', 'duplicateOf'])
    .default('duplicateOf')
    .meta({ description: 'Which of the pair survives; by default the older (duplicateOf)' }),
});

export const mergeLeadBody = z.strictObject({
  mergedId: z.uuid().meta({ description: 'The lead folded into the one in the path, then removed' }),
});

export const mergeView = z.object({
  id: z.uuid(),
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  kind: z.enum(['intake', 'manual']),
  mergedName: z.string().nullable(),
  mergedAt: z.iso.datetime(),
  undoneAt: z.iso.datetime().nullable(),
});
export const mergeList = z.object({ items: z.array(mergeView) });

export const dedupeSettingsBody = z.strictObject({
  companyMatchThreshold: z
    .number()
    .min(0.3)
    .max(1)
    .meta({ description: 'Company-name similarity (0.3–1) at which the same name counts as the same person' }),
});

export const scanResponse = z.object({ proposed: z.number().int() });
