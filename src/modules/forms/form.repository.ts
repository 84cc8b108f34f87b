import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/database.ts';
import { auditLog, customFields, forms } from '../../platform/db/schema.ts';
import type { CustomFieldRef, FormField, FormTexts } from './form.rules.ts';

/** A form row with its JSON columns typed as the rules wrote them. */
export type FormRow = Omit<typeof forms.$inferSelect, 'fields' | 'texts'> & { fields: FormField[]; texts: FormTexts };

const asFormRow = (row: typeof forms.$inferSelect): FormRow => row as FormRow;

export async function findForm(db: Executor, workspaceId: string, id: string, lock = false): Promise<FormRow | null> {
  const query = db
    .select()
    .from(forms)
    .where(and(eq(forms.workspaceId, workspaceId), eq(forms.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ? asFormRow(row) : null;
}

/** Slugs are unique across workspaces: the public page finds its form, and workspace, by slug alone. */
export async function findFormBySlug(db: Db, slug: string): Promise<FormRow | null> {
  const [row] = await db.select().from(forms).where(eq(forms.slug, slug));
  return row ? asFormRow(row) : null;
}

export async function listFormRows(db: Db, workspaceId: string): Promise<FormRow[]> {
  const rows = await db
    .select()
    .from(forms)
    .where(eq(forms.workspaceId, workspaceId))
    .orderBy(desc(forms.createdAt), asc(forms.id));
  return rows.map(asFormRow);
}

/** The custom fields a form may ask for, read fresh (not from intake's cache) when a form is saved. */
export async function leadCustomFields(db: Executor, workspaceId: string): Promise<CustomFieldRef[]> {
  return db
    .select({
      name: customFields.name,
      label: customFields.label,
      type: customFields.type,
      options: customFields.options,
    })
    .from(customFields)
    .where(and(eq(customFields.workspaceId, workspaceId), eq(customFields.entity, 'lead')))
    .orderBy(asc(customFields.name));
}

export const SUBMISSION_ACTION = 'form.submitted';

/**
 * Records that an address submitted to a form and says how many times it had already done so
 * since `since`. The record is an audit row (who submitted, from where, with what consent), and
 * the audit index (workspace, entity, entity id, time) makes the count a short range scan that
 * every server sharing the database agrees on.
 */
export async function recordSubmission(
  db: Db,
  form: Pick<FormRow, 'id' | 'workspaceId'>,
  submission: { clientIp: string; consent: boolean | null; at: Date; since: Date },
): Promise<number> {
  const where = and(
    eq(auditLog.workspaceId, form.workspaceId),
    eq(auditLog.entity, 'form'),
    eq(auditLog.entityId, form.id),
    gt(auditLog.at, submission.since),
    eq(auditLog.action, SUBMISSION_ACTION),
    sql`${auditLog.after}->>'clientIp' = ${submission.clientIp}`,
  );
  const [recent] = await db.select({ n: count() }).from(auditLog).where(where);
  await db.insert(auditLog).values({
    workspaceId: form.workspaceId,
    actorType: 'system',
    actorId: null,
    action: SUBMISSION_ACTION,
    entity: 'form',
    entityId: form.id,
    after: { clientIp: submission.clientIp, consent: submission.consent },
    at: submission.at,
  });
  return recent?.n ?? 0;
}
