import type { ZodError } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findChannel } from '../channels/channel.service.ts';
import { hashSecret, newSecret } from '../identity/token.rules.ts';
import { batchItem } from '../intake/intake.schemas.ts';
import { cleanSubmission, type ChannelActor, type Submission } from '../intake/intake.service.ts';
import { intakeSettings, type IntakeSettingsDeps } from '../intake/intake-settings.ts';
import { parseJsonKeepingBigIntegers } from './hook-payload.rules.ts';
import { hookPresetNames, hookPresets } from './hook.presets.ts';
import { findHook, insertHookIfAbsent, lockHook, updateHook, type HookRow } from './hook.repository.ts';
import { applyMapping, hookMapping, itemsOf, type HookMapping } from './hook.rules.ts';
import type { ConfigureHookBody, PreviewHookBody } from './hook.schemas.ts';

export interface HookDeps extends IntakeSettingsDeps {
  db: Db;
  clock: Clock;
}

const SECRET_PREFIX = 'clewhook_';
/** More items than any platform sends at once; a bigger payload is refused whole. */
export const MAX_HOOK_ITEMS = 500;

export const hookEndpointPath = (channelId: string) => `/api/v1/hooks/${channelId}`;

export function listHookPresets() {
  return { items: hookPresetNames.map((name) => hookPresets[name]) };
}

function toView(row: HookRow) {
  return {
    channelId: row.channelId,
    preset: row.preset,
    mapping: row.mapping as HookMapping,
    secretPrefix: row.secretPrefix,
    endpointPath: hookEndpointPath(row.channelId),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a hook: never the secret's hash. */
function auditable(row: HookRow) {
  return { preset: row.preset, mapping: row.mapping, secretPrefix: row.secretPrefix };
}

function freshSecret() {
  const secret = newSecret(SECRET_PREFIX);
  return { secret, secretHash: hashSecret(secret), secretPrefix: secret.slice(0, SECRET_PREFIX.length + 4) };
}

async function adWebhookChannel(db: Db, actor: Actor, channelId: string) {
  const channel = await findChannel(db, actor.workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  if (channel.type !== 'ad_webhook') {
    throw new AppError('VALIDATION_FAILED', 'Only a channel of type ad_webhook takes a webhook', 'type');
  }
  return channel;
}

/**
 * Sets the hook's preset and mapping. The first call creates the hook and its secret, which is
 * returned this once (`created`); later calls keep the secret.
 */
export async function configureHook(deps: HookDeps, actor: Actor, channelId: string, body: ConfigureHookBody) {
  await adWebhookChannel(deps.db, actor, channelId);
  const now = deps.clock.now();
  const mapping = body.mapping ?? hookPresets[body.preset].mapping;
  return deps.db.transaction(async (tx) => {
    const fresh = freshSecret();
    const created = await insertHookIfAbsent(tx, {
      channelId,
      workspaceId: actor.workspaceId,
      secretHash: fresh.secretHash,
      secretPrefix: fresh.secretPrefix,
      preset: body.preset,
      mapping,
      createdAt: now,
      updatedAt: now,
    });
    const audit = { workspaceId: actor.workspaceId, ...actorRef(actor), entity: 'channel_hook', entityId: channelId };
    if (created) {
      const row = (await findHook(tx, actor.workspaceId, channelId))!;
      await recordAudit(tx, { ...audit, action: 'channel_hook.created', after: auditable(row), at: now });
      return { created: true as const, hook: { ...toView(row), secret: fresh.secret } };
    }
    const before = (await lockHook(tx, actor.workspaceId, channelId))!;
    const after = (await updateHook(tx, actor.workspaceId, channelId, {
      preset: body.preset,
      mapping,
      updatedAt: now,
    }))!;
    await recordAudit(tx, {
      ...audit,
      action: 'channel_hook.updated',
      before: auditable(before),
      after: auditable(after),
      at: now,
    });
    return { created: false as const, hook: toView(after) };
  });
}

/** A new secret, returned this once; the old one stops working at once. */
export async function rotateHookSecret(deps: HookDeps, actor: Actor, channelId: string) {
  const now = deps.clock.now();
  const fresh = freshSecret();
  return deps.db.transaction(async (tx) => {
    const before = await lockHook(tx, actor.workspaceId, channelId);
    if (!before) throw notFound('Hook');
    const after = (await updateHook(tx, actor.workspaceId, channelId, {
      secretHash: fresh.secretHash,
      secretPrefix: fresh.secretPrefix,
      updatedAt: now,
    }))!;
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'channel_hook.secret_rotated',
      entity: 'channel_hook',
      entityId: channelId,
      before: { secretPrefix: before.secretPrefix },
      after: { secretPrefix: after.secretPrefix },
      at: now,
    });
    return { ...toView(after), secret: fresh.secret };
  });
}

export async function getHook(deps: Pick<HookDeps, 'db'>, actor: Actor, channelId: string) {
  const row = await findHook(deps.db, actor.workspaceId, channelId);
  if (!row) throw notFound('Hook');
  return toView(row);
}

/** A payload sent as text is parsed here, so 64-bit ids in it stay exact. */
export function payloadOf(sample: unknown, field: string): unknown {
  if (typeof sample !== 'string') return sample;
  try {
    return parseJsonKeepingBigIntegers(sample);
  } catch (error) {
    throw new AppError('MALFORMED_JSON', `The sample is not valid JSON: ${(error as Error).message}`, field);
  }
}

export function hookItems(payload: unknown, mapping: HookMapping): unknown[] {
  const items = itemsOf(payload, mapping);
  if (!items.ok) throw new AppError('VALIDATION_FAILED', items.message, items.field);
  if (items.items.length > MAX_HOOK_ITEMS) {
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_HOOK_ITEMS} leads per delivery`, 'itemsPath');
  }
  return items.items;
}

/**
 * What a sample payload would become, item by item, under a mapping (the hook's saved one when
 * none is sent): the mapped body and the cleaned lead, or why intake would reject it. Writes
 * nothing.
 */
export async function previewHook(deps: HookDeps, actor: Actor, channelId: string, body: PreviewHookBody) {
  const channel = await findChannel(deps.db, actor.workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  const mapping = body.mapping ?? (await savedMapping(deps.db, actor, channelId));
  const items = hookItems(payloadOf(body.sample, 'sample'), mapping);
  const settings = await intakeSettings(deps, actor.workspaceId);
  const channelActor: ChannelActor = {
    kind: 'channel',
    workspaceId: actor.workspaceId,
    source: 'ad_webhook',
    channelId,
    label: channel.name,
  };
  return {
    items: items.map((item, index) => {
      const mapped = applyMapping(item, mapping);
      const parsed = batchItem.safeParse(mapped.body);
      const submission = parsed.success
        ? cleanSubmission(channelActor, parsed.data, settings)
        : validationError(parsed.error);
      const outcome =
        submission instanceof AppError
          ? { status: 'error' as const, error: errorView(submission) }
          : { status: 'ok' as const, lead: leadPreview(submission.item.lead) };
      return { index, ...mapped, outcome };
    }),
  };
}

async function savedMapping(db: Db, actor: Actor, channelId: string): Promise<HookMapping> {
  const hook = await findHook(db, actor.workspaceId, channelId);
  if (!hook) throw new AppError('VALIDATION_FAILED', 'Send a mapping, or configure the hook first', 'mapping');
  return storedMapping(hook);
}

/** A saved mapping was validated when saved; one that no longer parses is our fault, not the sender's. */
export function storedMapping(hook: HookRow): HookMapping {
  const parsed = hookMapping.safeParse(hook.mapping);
  if (!parsed.success) throw new AppError('INTERNAL', 'The hook’s saved mapping is not valid');
  return parsed.data;
}

function validationError(error: ZodError): AppError {
  const issue = error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const field = [...issue.path, ...keys.slice(0, 1)].join('.') || undefined;
  return new AppError('VALIDATION_FAILED', `${field ?? 'body'}: ${issue.message}`, field);
}

function errorView(error: AppError) {
  return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
}

function leadPreview(lead: Submission['item']['lead']) {
  return {
    name: lead.name,
    phone: lead.phone,
    email: lead.email,
    company: lead.company,
    website: lead.website,
    title: lead.title,
    province: lead.province,
    city: lead.city,
    source: lead.source,
    campaign: lead.campaign,
    utm: lead.utm,
    landingPage: lead.landingPage,
    referrer: lead.referrer,
    tags: lead.tags,
    custom: lead.custom,
  };
}
