import { z } from 'zod';
import { apiKeyScopes } from '../../platform/http/actor.ts';

export const createApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length),
  channel: z.string().trim().min(1).max(100).optional(),
  channelId: z.uuid().optional().meta({ description: 'Bind the key to a configured channel: its leads carry it' }),
});

export const apiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  channel: z.string().nullable(),
  channelId: z.uuid().nullable(),
  scopes: z.array(z.enum(apiKeyScopes)),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export const createdApiKey = apiKeyView.extend({ key: z.string() });
export const apiKeyList = z.object({ items: z.array(apiKeyView) });
export const apiKeyIdParams = z.strictObject({ id: z.uuid() });

export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;
