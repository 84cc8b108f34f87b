import { z } from 'zod';
import { dedupePolicies } from '../../platform/db/schema.ts';
import { errorFileColumns } from './import.rules.ts';

/** Column header → lead field (`name`, `phone`, `utm.source`, …) or `custom.<name>`; empty or null skips it. */
export const mappingField = z.record(z.string().max(500), z.string().max(100).nullable());
export const dedupeField = z.enum(dedupePolicies);
export const channelIdField = z.uuid();

export const importIdParams = z.strictObject({ id: z.uuid() });

export const importView = z.object({
  id: z.uuid(),
  status: z.enum(['running', 'done', 'failed']),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  mapping: z.record(z.string(), z.string()),
  dedupePolicy: dedupeField,
  channelId: z.uuid().nullable(),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  merged: z.number().int(),
  quarantined: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type ImportView = z.infer<typeof importView>;

export const importList = z.object({ items: z.array(importView) });
export const listImportsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const startImportResponse = z.object({
  id: z.uuid(),
  replayOf: z
    .uuid()
    .optional()
    .meta({
      description:
        'Set when the same file was already imported with the same mapping, channel and policy: ' +
        'this import reports that import’s outcome (its rows as merged) without touching any lead',
    }),
});

export const errorFileQuery = z.strictObject({
  locale: z.enum(Object.keys(errorFileColumns) as [keyof typeof errorFileColumns]).default('en-US'),
});

const rowError = z.object({ code: z.string(), field: z.string().nullable(), message: z.string() });

export const previewResponse = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  headers: z.array(z.string()),
  guessedMapping: z.record(z.string(), z.string()),
  /** The mapping the cleaned values were made with: the one sent, else the guess. */
  mapping: z.record(z.string(), z.string()),
  rows: z.array(z.object({ rowNumber: z.number().int(), values: z.record(z.string(), z.string()) })),
  cleaned: z.array(
    z.union([
      z.object({ rowNumber: z.number().int(), ok: z.literal(true), lead: z.record(z.string(), z.unknown()) }),
      z.object({ rowNumber: z.number().int(), ok: z.literal(false), error: rowError }),
    ]),
  ),
});
export type PreviewResponse = z.infer<typeof previewResponse>;
