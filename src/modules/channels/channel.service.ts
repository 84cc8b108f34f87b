import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { channels, channelTagRules } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import type { CreateChannelBody, TagRuleList, UpdateChannelBody } from './channel.schemas.ts';

export interface ChannelDeps {
  db: Db;
  clock: Clock;
  settingsCache: { clear(): void };
}

type ChannelRow = typeof channels.$inferSelect;

const toFen = (yuan: number) => Math.round(yuan * 100);

function toView(row: ChannelRow) {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    campaign: row.campaign,
    ownerTeamId: row.ownerTeamId,
    monthlyCost: row.monthlyCostFen / 100,
    active: row.active,
    dedupePolicy: row.dedupePolicy,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createChannel(deps: ChannelDeps, actor: Actor, body: CreateChannelBody) {
  const now = deps.clock.now();
  const row: ChannelRow = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    type: body.type,
    name: body.name,
    campaign: body.campaign ?? null,
    ownerTeamId: body.ownerTeamId ?? null,
    monthlyCostFen: toFen(body.monthlyCost),
    active: body.active,
    dedupePolicy: body.dedupePolicy,
    createdAt: now,
  };
  await deps.db.transaction(async (tx) => {
    const inserted = await tx.insert(channels).values(row).onConflictDoNothing().returning({ id: channels.id });
    if (inserted.length === 0) throw new AppError('CONFLICT', `A channel named "${body.name}" exists`, 'name');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'channel.created',
      entity: 'channel',
      entityId: row.id,
      after: row,
      at: now,
    });
    // Intake tags and checks leads by these: every instance re-reads its settings.
    await publishInvalidation(tx, 'intake_settings');
  });
  deps.settingsCache.clear();
  return toView(row);
}

export async function updateChannel(deps: ChannelDeps, actor: Actor, id: string, body: UpdateChannelBody) {
  const now = deps.clock.now();
  const { monthlyCost, ...rest } = body;
  const patch = { ...rest, ...(monthlyCost !== undefined ? { monthlyCostFen: toFen(monthlyCost) } : {}) };
  const after = await deps.db
    .transaction(async (tx) => {
      const where = and(eq(channels.workspaceId, actor.workspaceId), eq(channels.id, id));
      const [before] = await tx.select().from(channels).where(where).for('update');
      if (!before) throw notFound('Channel');
      const [updated] = await tx.update(channels).set(patch).where(where).returning();
      const keys = Object.keys(patch) as (keyof ChannelRow)[];
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        ...actorRef(actor),
        action: 'channel.updated',
        entity: 'channel',
        entityId: id,
        before: Object.fromEntries(keys.map((key) => [key, before[key]])),
        after: Object.fromEntries(keys.map((key) => [key, updated![key]])),
        at: now,
      });
      // Intake tags and checks leads by these: every instance re-reads its settings.
      await publishInvalidation(tx, 'intake_settings');
      return updated!;
    })
    .catch((error: unknown) => {
      // Renaming onto another channel's name breaks the unique index.
      if (
        (error as { cause?: { code?: string } }).cause?.code === '23505' ||
        (error as { code?: string }).code === '23505'
      ) {
        throw new AppError('CONFLICT', `A channel named "${body.name}" exists`, 'name');
      }
      throw error;
    });
  deps.settingsCache.clear();
  return toView(after);
}

export async function listChannels(deps: Pick<ChannelDeps, 'db'>, actor: Actor) {
  const rows = await deps.db
    .select()
    .from(channels)
    .where(eq(channels.workspaceId, actor.workspaceId))
    .orderBy(asc(channels.name));
  return rows.map(toView);
}

export async function findChannel(db: Db, workspaceId: string, id: string): Promise<ChannelRow | null> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)));
  return row ?? null;
}

export async function tagRulesOf(deps: Pick<ChannelDeps, 'db'>, actor: Actor) {
  const rows = await deps.db
    .select({ when: channelTagRules.when, tags: channelTagRules.tags })
    .from(channelTagRules)
    .where(eq(channelTagRules.workspaceId, actor.workspaceId))
    .orderBy(asc(channelTagRules.position));
  return { rules: rows };
}

/** The rules are one ordered list: it is replaced whole, as the rule editor saves it. */
export async function replaceTagRules(deps: ChannelDeps, actor: Actor, body: TagRuleList) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await tagRulesOf({ db: tx as unknown as Db }, actor);
    await tx.delete(channelTagRules).where(eq(channelTagRules.workspaceId, actor.workspaceId));
    if (body.rules.length > 0) {
      await tx.insert(channelTagRules).values(
        body.rules.map((rule, position) => ({
          id: randomUUID(),
          workspaceId: actor.workspaceId,
          position,
          when: rule.when,
          tags: rule.tags,
        })),
      );
    }
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'channel_tag_rules.replaced',
      entity: 'channel_tag_rules',
      before,
      after: body,
      at: now,
    });
    // Intake tags and checks leads by these: every instance re-reads its settings.
    await publishInvalidation(tx, 'intake_settings');
  });
  deps.settingsCache.clear();
  return body;
}
