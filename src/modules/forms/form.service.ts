import { randomInt, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { forms } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findChannel } from '../channels/channel.service.ts';
import { findForm, leadCustomFields, listFormRows, type FormRow } from './form.repository.ts';
import {
  checkFormFields,
  generateSlug,
  localize,
  SLUG_ALPHABET,
  tidyTexts,
  type FormFieldInput,
} from './form.rules.ts';
import type { CreateFormBody, FormView, UpdateFormBody } from './form.schemas.ts';
import { embedSnippet, formPath, formUrl, type TrackingParams } from './share.rules.ts';

export interface FormDeps {
  db: Db;
  clock: Clock;
}

// A clash of two random 8-letter suffixes is already unlikely; a few tries make it vanishing.
const SLUG_ATTEMPTS = 5;

const randomIndexes = (count: number) => Array.from({ length: count }, () => randomInt(SLUG_ALPHABET.length));

function toView(row: FormRow, origin: string): FormView {
  const title = localize(row.texts.title, 'zh-CN') ?? row.name;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    channelId: row.channelId,
    campaign: row.campaign,
    fields: row.fields,
    texts: row.texts,
    redirectUrl: row.redirectUrl,
    active: row.active,
    publicPath: formPath(row.slug),
    publicUrl: formUrl(origin, row.slug),
    embedSnippet: embedSnippet(origin, row.slug, title),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function checkedFields(db: Executor, workspaceId: string, input: FormFieldInput[]) {
  const checked = checkFormFields(input, await leadCustomFields(db, workspaceId));
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', checked.message, checked.field);
  return checked.value;
}

async function checkChannel(db: Db, workspaceId: string, channelId: string | null | undefined) {
  if (channelId && !(await findChannel(db, workspaceId, channelId))) {
    throw new AppError('VALIDATION_FAILED', 'There is no such channel', 'channelId');
  }
}

const slugTaken = (slug: string) => new AppError('CONFLICT', `The address /f/${slug} is taken`, 'slug');

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

export async function createForm(deps: FormDeps, actor: Actor, body: CreateFormBody, origin: string) {
  const now = deps.clock.now();
  const fields = await checkedFields(deps.db, actor.workspaceId, body.fields);
  await checkChannel(deps.db, actor.workspaceId, body.channelId);
  const base: Omit<FormRow, 'slug'> = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    name: body.name,
    channelId: body.channelId ?? null,
    campaign: body.campaign ?? null,
    fields,
    texts: tidyTexts(body.texts),
    redirectUrl: body.redirectUrl ?? null,
    active: body.active,
    createdBy: actor.kind === 'user' ? actor.userId : null,
    createdAt: now,
    updatedAt: now,
  };
  for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
    const row: FormRow = { ...base, slug: body.slug ?? generateSlug(body.name, randomIndexes) };
    const written = await deps.db.transaction(async (tx) => {
      const inserted = await tx.insert(forms).values(row).onConflictDoNothing().returning({ id: forms.id });
      if (inserted.length === 0) return false;
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        ...actorRef(actor),
        action: 'form.created',
        entity: 'form',
        entityId: row.id,
        after: row,
        at: now,
      });
      return true;
    });
    if (written) return toView(row, origin);
    if (body.slug) throw slugTaken(body.slug);
  }
  throw new AppError('CONFLICT', 'Could not find a free address for the form; try again', 'slug');
}

export async function listForms(deps: Pick<FormDeps, 'db'>, actor: Actor, origin: string) {
  return (await listFormRows(deps.db, actor.workspaceId)).map((row) => toView(row, origin));
}

export async function getForm(deps: Pick<FormDeps, 'db'>, actor: Actor, id: string, origin: string) {
  const row = await findForm(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Form');
  return toView(row, origin);
}

export async function updateForm(deps: FormDeps, actor: Actor, id: string, body: UpdateFormBody, origin: string) {
  const now = deps.clock.now();
  if (body.channelId !== undefined) await checkChannel(deps.db, actor.workspaceId, body.channelId);
  const fields = body.fields ? await checkedFields(deps.db, actor.workspaceId, body.fields) : undefined;
  const { fields: _fields, texts, ...plain } = body;
  const patch: Partial<FormRow> = {
    ...plain,
    ...(fields ? { fields } : {}),
    ...(texts ? { texts: tidyTexts(texts) } : {}),
    updatedAt: now,
  };
  const updated = await deps.db
    .transaction(async (tx) => {
      const before = await findForm(tx, actor.workspaceId, id, true);
      if (!before) throw notFound('Form');
      const [row] = await tx.update(forms).set(patch).where(eqFormId(actor.workspaceId, id)).returning();
      const after = row as FormRow;
      const keys = Object.keys(patch) as (keyof FormRow)[];
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        ...actorRef(actor),
        action: 'form.updated',
        entity: 'form',
        entityId: id,
        before: Object.fromEntries(keys.map((key) => [key, before[key]])),
        after: Object.fromEntries(keys.map((key) => [key, after[key]])),
        at: now,
      });
      return after;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error) && body.slug) throw slugTaken(body.slug);
      throw error;
    });
  return toView(updated, origin);
}

export type QrFormat = 'png' | 'svg';

/** The form's address, with the tracking parameters given, as a QR code for posters and badges. */
export async function formQrCode(
  deps: Pick<FormDeps, 'db'>,
  actor: Actor,
  id: string,
  request: { origin: string; params: TrackingParams; size: number; format: QrFormat },
): Promise<{ body: Buffer | string; filename: string }> {
  const row = await findForm(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Form');
  const text = formUrl(request.origin, row.slug, request.params);
  // M survives a crumpled or partly covered print; margin 2 keeps the quiet zone scanners need.
  const options = { errorCorrectionLevel: 'M', margin: 2, width: request.size } as const;
  const body =
    request.format === 'png'
      ? await QRCode.toBuffer(text, { ...options, type: 'png' })
      : await QRCode.toString(text, { ...options, type: 'svg' });
  return { body, filename: `form-${row.slug}.${request.format}` };
}

function eqFormId(workspaceId: string, id: string) {
  return and(eq(forms.workspaceId, workspaceId), eq(forms.id, id));
}
