import { randomUUID } from 'node:crypto';
import type { Multipart } from '@fastify/multipart';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findChannel } from '../channels/channel.service.ts';
import { intakeSettings, type IntakeSettingsDeps } from '../intake/intake-settings.ts';
import { batchItem } from '../intake/intake.schemas.ts';
import { cleanSubmission, type ChannelActor } from '../intake/intake.service.ts';
import {
  detectCsvEncoding,
  ImportFileError,
  openTable,
  removeFile,
  saveUpload,
  type SavedUpload,
} from './import.files.ts';
import {
  copyErrors,
  customFieldNames,
  errorPage,
  findImport,
  findSameImport,
  insertImport,
  recentImports,
  type ImportRow,
  type NewImport,
} from './import.repository.ts';
import {
  checkMapping,
  detectFormat,
  errorFileHeader,
  errorFileLine,
  guessMapping,
  replayCounts,
  rowErrorMessage,
  rowToLead,
  type ErrorFileLocale,
  type ImportFormat,
  type TextEncoding,
} from './import.rules.ts';
import { channelIdField, dedupeField, mappingField, type ImportView, type PreviewResponse } from './import.schemas.ts';

export interface ImportSettings {
  /** Where uploads wait until their import is done. */
  dir: string;
  maxBytes: number;
  /** Starts work on a new upload at once rather than at the worker's next poll. */
  worker: { kick(): void };
}

export interface ImportDeps extends IntakeSettingsDeps {
  db: Db;
  clock: Clock;
  imports: ImportSettings;
}

const PREVIEW_ROWS = 10;
/** A preview reads the start of a CSV; an .xlsx can only be read whole. */
const PREVIEW_CSV_BYTES = 1_048_576;
const ERROR_PAGE_ROWS = 1000;

interface Upload {
  saved: SavedUpload;
  fileName: string;
  fields: Map<string, unknown>;
}

/** The file is written to disk as it arrives; the other parts are small fields. */
async function receiveUpload(
  deps: ImportDeps,
  parts: AsyncIterable<Multipart>,
  options: { sample: boolean },
): Promise<Upload> {
  const fields = new Map<string, unknown>();
  let file: { saved: SavedUpload; fileName: string } | null = null;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        fields.set(part.fieldname, part.value);
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        throw new AppError('VALIDATION_FAILED', 'Send one file, in the field "file"', part.fieldname);
      }
      const saved = await saveUpload(part.file, deps.imports.dir, {
        maxBytes: options.sample
          ? (head) => (isXlsx(part.filename, head) ? deps.imports.maxBytes : PREVIEW_CSV_BYTES)
          : deps.imports.maxBytes,
        sample: options.sample,
      });
      file = { saved, fileName: part.filename || 'import.csv' };
    }
  } catch (error) {
    if (file) await removeFile(file.saved.path);
    throw asUploadError(error);
  }
  if (!file) throw new AppError('VALIDATION_FAILED', 'Send the file in the field "file"', 'file');
  return { ...file, fields };
}

function isXlsx(fileName: string, head: Buffer): boolean {
  const format = detectFormat(fileName, head);
  return format.ok && format.format === 'xlsx';
}

function asUploadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The upload is too large', 'file');
  if (status === 406) return new AppError('MALFORMED_JSON', 'A field sent as JSON is not valid JSON');
  return error;
}

function jsonField(fields: Map<string, unknown>, name: string): unknown {
  const value = fields.get(name);
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new AppError('MALFORMED_JSON', `The field "${name}" is not valid JSON`, name);
  }
}

function parsed<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  field: string,
  message: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('VALIDATION_FAILED', message, field);
  return result.data;
}

async function readable(upload: Upload): Promise<{ format: ImportFormat; encoding: TextEncoding; headers: string[] }> {
  const format = detectFormat(upload.fileName, upload.saved.head);
  if (!format.ok) throw new AppError('VALIDATION_FAILED', format.message, 'file');
  const encoding =
    format.format === 'csv'
      ? await detectCsvEncoding(upload.saved.path, upload.saved.head, { sample: upload.saved.truncated })
      : 'utf-8';
  try {
    const table = await openTable(upload.saved.path, format.format, encoding);
    await table.close();
    return { format: format.format, encoding, headers: table.headers };
  } catch (error) {
    if (error instanceof ImportFileError) throw new AppError('VALIDATION_FAILED', error.message, 'file');
    throw error;
  }
}

function channelActor(actor: Actor, channelId: string | null, label: string): ChannelActor {
  return { kind: 'channel', workspaceId: actor.workspaceId, source: 'import', channelId, label };
}

/**
 * Takes an upload and starts its import: the mapping is checked against the file's headers and
 * the workspace's fields before anything is written. The same file imported again with the same
 * mapping, channel and policy is not run again (see `replay`); while its first import is still
 * running, the answer is that import.
 */
export async function startImport(
  deps: ImportDeps,
  actor: Actor,
  parts: AsyncIterable<Multipart>,
): Promise<{ id: string; replayOf?: string }> {
  const upload = await receiveUpload(deps, parts, { sample: false });
  let keepFile = false;
  try {
    const rawMapping = parsed(
      mappingField,
      jsonField(upload.fields, 'mapping'),
      'mapping',
      'Send the mapping: a JSON object of column header → lead field',
    );
    const channelId = upload.fields.has('channelId')
      ? parsed(channelIdField, upload.fields.get('channelId'), 'channelId', 'channelId must be a channel id')
      : null;
    const { format, headers } = await readable(upload);
    const check = checkMapping(rawMapping, headers, await customFieldNames(deps.db, actor.workspaceId));
    if (!check.ok) throw new AppError('VALIDATION_FAILED', check.message, check.field);
    const channel = channelId ? await findChannel(deps.db, actor.workspaceId, channelId) : null;
    if (channelId && !channel) throw new AppError('VALIDATION_FAILED', 'There is no such channel', 'channelId');
    // Unless the upload says otherwise, the channel's policy applies, as to its other leads.
    const dedupePolicy = upload.fields.has('dedupe')
      ? parsed(dedupeField, upload.fields.get('dedupe'), 'dedupe', 'dedupe must be merge, review or create')
      : (channel?.dedupePolicy ?? 'merge');

    const key = { fileHash: upload.saved.sha256, mapping: check.mapping, channelId, dedupePolicy };
    const same = await findSameImport(deps.db, actor.workspaceId, key);
    if (same?.status === 'running') return { id: same.id };

    const now = deps.clock.now();
    const row: NewImport = {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      createdBy: actor.kind === 'user' ? actor.userId : null,
      fileName: upload.fileName,
      fileHash: upload.saved.sha256,
      format,
      filePath: upload.saved.path,
      mapping: check.mapping,
      dedupePolicy,
      channelId,
      status: 'running',
      createdAt: now,
    };
    await deps.db.transaction(async (tx) => {
      if (same) {
        await insertImport(tx, { ...row, ...replayCounts(same), status: 'done', finishedAt: now });
        await copyErrors(tx, actor.workspaceId, same.id, row.id);
      } else {
        await insertImport(tx, row);
      }
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        ...actorRef(actor),
        action: 'import.started',
        entity: 'import',
        entityId: row.id,
        after: {
          fileName: row.fileName,
          fileHash: row.fileHash,
          format,
          mapping: row.mapping,
          dedupePolicy,
          channelId,
          replayOf: same?.id ?? null,
        },
        at: now,
      });
    });
    if (same) return { id: row.id, replayOf: same.id };
    keepFile = true;
    deps.imports.worker.kick();
    return { id: row.id };
  } finally {
    if (!keepFile) await removeFile(upload.saved.path);
  }
}

export function toImportView(row: ImportRow): ImportView {
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    format: row.format,
    mapping: row.mapping,
    dedupePolicy: row.dedupePolicy,
    channelId: row.channelId,
    total: row.total,
    processed: row.processed,
    created: row.created,
    merged: row.merged,
    quarantined: row.quarantined,
    rejected: row.rejected,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getImport(deps: Pick<ImportDeps, 'db'>, actor: Actor, id: string): Promise<ImportView> {
  const row = await findImport(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Import');
  return toImportView(row);
}

export async function listImports(deps: Pick<ImportDeps, 'db'>, actor: Actor, limit: number): Promise<ImportView[]> {
  return (await recentImports(deps.db, actor.workspaceId, limit)).map(toImportView);
}

/**
 * The first rows of a file as they are and as intake would clean them, with a mapping guessed
 * from the headers (or the one sent, while it is being edited). Reads only the start of a CSV.
 */
export async function previewImport(
  deps: ImportDeps,
  actor: Actor,
  parts: AsyncIterable<Multipart>,
): Promise<PreviewResponse> {
  const upload = await receiveUpload(deps, parts, { sample: true });
  try {
    const { format, encoding, headers } = await readable(upload);
    const table = await openTable(upload.saved.path, format, encoding);
    const rows: { rowNumber: number; cells: string[] }[] = [];
    try {
      for await (const row of table.rows) {
        rows.push(row);
        if (rows.length === PREVIEW_ROWS) break;
      }
    } finally {
      await table.close();
    }
    const fields = await customFieldNames(deps.db, actor.workspaceId);
    const guessedMapping = guessMapping(headers, fields);
    let mapping = guessedMapping;
    if (upload.fields.has('mapping')) {
      const raw = parsed(
        mappingField,
        jsonField(upload.fields, 'mapping'),
        'mapping',
        'mapping must be a JSON object of column header → lead field',
      );
      const check = checkMapping(raw, headers, fields, { complete: false });
      if (!check.ok) throw new AppError('VALIDATION_FAILED', check.message, check.field);
      mapping = check.mapping;
    }
    const channelId = upload.fields.has('channelId')
      ? parsed(channelIdField, upload.fields.get('channelId'), 'channelId', 'channelId must be a channel id')
      : null;
    const settings = await intakeSettings(deps, actor.workspaceId);
    const intakeActor = channelActor(actor, channelId, upload.fileName);
    return {
      format,
      encoding,
      headers,
      guessedMapping,
      mapping,
      rows: rows.map((row) => ({
        rowNumber: row.rowNumber,
        values: Object.fromEntries(headers.map((header, column) => [header, row.cells[column] ?? ''])),
      })),
      cleaned: rows.map((row) => {
        const body = batchItem.safeParse(rowToLead(headers, row.cells, mapping, channelId));
        if (!body.success) {
          const issue = body.error.issues[0]!;
          const field = issue.path.join('.') || null;
          return {
            rowNumber: row.rowNumber,
            ok: false as const,
            error: { code: 'VALIDATION_FAILED', field, message: rowErrorMessage(issue.message, field) },
          };
        }
        const submission = cleanSubmission(intakeActor, body.data, settings);
        if (submission instanceof AppError) {
          const { code, field, message } = submission;
          return { rowNumber: row.rowNumber, ok: false as const, error: { code, field: field ?? null, message } };
        }
        const { companyKey: _companyKey, ...lead } = submission.item.lead;
        return { rowNumber: row.rowNumber, ok: true as const, lead };
      }),
    };
  } finally {
    await removeFile(upload.saved.path);
  }
}

/**
 * The rows that did not become leads, as a CSV Excel opens (UTF-8 with a byte-order mark): row
 * number, status, code, field and reason, then the row as it was. Read a page at a time.
 */
export async function errorFile(
  deps: Pick<ImportDeps, 'db'>,
  actor: Actor,
  id: string,
  locale: ErrorFileLocale,
): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
  const row = await findImport(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Import');
  async function* lines() {
    let page = await errorPage(deps.db, actor.workspaceId, id, 0, ERROR_PAGE_ROWS);
    const columns = (page[0]?.row as [string, string][] | undefined)?.map(([header]) => header) ?? [];
    yield `\ufeff${errorFileHeader(locale, columns)}`;
    while (page.length > 0) {
      yield page.map((error) => errorFileLine(error, columns, error.row as [string, string][])).join('');
      if (page.length < ERROR_PAGE_ROWS) break;
      page = await errorPage(deps.db, actor.workspaceId, id, page.at(-1)!.rowNumber, ERROR_PAGE_ROWS);
    }
  }
  const base = row.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-errors.csv`, lines: lines() };
}
