import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findChannel } from '../channels/channel.service.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import { hashSecret, newSecret } from '../identity/token.rules.ts';
import {
  findActiveKeyByHash,
  findApiKey,
  insertApiKey,
  listApiKeys,
  markRevoked,
  touchLastUsed,
  type ApiKeyRow,
} from './api-key.repository.ts';
import type { CreateApiKeyInput } from './api-key.schemas.ts';

export interface ApiKeyDeps {
  db: Db;
  clock: Clock;
  credentials: { clear(): void };
}

const KEY_PREFIX = 'clew_';
// Writing last_used_at on every request would make intake write twice; once a minute is enough.
const LAST_USED_RESOLUTION_MS = 60_000;

export function toApiKeyView(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    channelId: row.channelId,
    scopes: row.scopes as ('leads:write' | 'full')[],
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The key itself is returned once, here; only its hash is stored. */
export async function createApiKey(deps: ApiKeyDeps, actor: Actor, input: CreateApiKeyInput) {
  if (actor.kind === 'user' && actor.role === 'marketing' && input.scopes.includes('full')) {
    throw new AppError('FORBIDDEN', 'Marketing may create intake keys (leads:write) only', 'scopes');
  }
  const channel = input.channelId ? await findChannel(deps.db, actor.workspaceId, input.channelId) : null;
  if (input.channelId && !channel) throw new AppError('VALIDATION_FAILED', 'There is no such channel', 'channelId');
  const key = newSecret(KEY_PREFIX);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertApiKey(tx, {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      name: input.name,
      channel: input.channel ?? channel?.name ?? null,
      channelId: channel?.id ?? null,
      scopes: [...new Set(input.scopes)],
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashSecret(key),
      createdBy: actorRef(actor).actorId,
      createdAt: now,
    });
    const { keyHash: _omitted, ...safe } = created;
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'api_key.created',
      entity: 'api_key',
      entityId: created.id,
      after: safe,
      at: now,
    });
    return created;
  });
  return { ...toApiKeyView(row), key };
}

/** Marketing manages intake keys only: integration (full) keys are the admin's, unseen by them. */
function visibleTo(actor: Actor, key: ApiKeyRow): boolean {
  return !(actor.kind === 'user' && actor.role === 'marketing' && key.scopes.includes('full'));
}

export async function listKeys(deps: ApiKeyDeps, actor: Actor) {
  return (await listApiKeys(deps.db, actor.workspaceId)).filter((key) => visibleTo(actor, key)).map(toApiKeyView);
}

export async function revokeApiKey(deps: ApiKeyDeps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const existing = await findApiKey(tx, actor.workspaceId, id);
    if (!existing || !visibleTo(actor, existing)) throw notFound('API key');
    if (existing.revokedAt) return;
    await markRevoked(tx, actor.workspaceId, id, now);
    await publishInvalidation(tx, 'credentials');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'api_key.revoked',
      entity: 'api_key',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
      at: now,
    });
  });
  deps.credentials.clear();
}

export async function actorForApiKey(deps: ApiKeyDeps, key: string): Promise<Actor | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const row = await findActiveKeyByHash(deps.db, hashSecret(key));
  if (!row) return null;
  const now = deps.clock.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await touchLastUsed(deps.db, row.id, now);
  }
  return {
    kind: 'api_key',
    workspaceId: row.workspaceId,
    keyId: row.id,
    scopes: row.scopes as ('leads:write' | 'full')[],
    channel: row.channel,
    channelId: row.channelId,
  };
}
