import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { customFields } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import type { CreateFieldBody } from './field.schemas.ts';

export interface FieldDeps {
  db: Db;
  clock: Clock;
  settingsCache: { clear(): void };
}

type FieldRow = typeof customFields.$inferSelect;

function toView(row: FieldRow) {
  return {
    id: row.id,
    entity: row.entity,
    name: row.name,
    label: row.label,
    type: row.type,
    options: row.options,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createField(deps: FieldDeps, actor: Actor, body: CreateFieldBody) {
  const now = deps.clock.now();
  const row: FieldRow = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    entity: body.entity,
    name: body.name,
    label: body.label ?? null,
    type: body.type,
    options: body.options ?? null,
    createdAt: now,
  };
  await deps.db.transaction(async (tx) => {
    const inserted = await tx.insert(customFields).values(row).onConflictDoNothing().returning({ id: customFields.id });
    if (inserted.length === 0)
      throw new AppError('CONFLICT', `A ${body.entity} field named "${body.name}" exists`, 'name');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'custom_field.created',
      entity: 'custom_field',
      entityId: row.id,
      after: row,
      at: now,
    });
    await publishInvalidation(tx, 'intake_settings');
  });
  deps.settingsCache.clear();
  return toView(row);
}

export async function listFields(deps: Pick<FieldDeps, 'db'>, actor: Actor, entity: 'lead') {
  const rows = await deps.db
    .select()
    .from(customFields)
    .where(and(eq(customFields.workspaceId, actor.workspaceId), eq(customFields.entity, entity)))
    .orderBy(customFields.createdAt, customFields.name);
  return rows.map(toView);
}
