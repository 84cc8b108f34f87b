import { z } from 'zod';
import { fieldTypes } from './field.rules.ts';

export const createFieldBody = z
  .strictObject({
    entity: z.enum(['lead']),
    name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and "_", starting with a letter'),
    label: z.string().trim().min(1).max(100).optional(),
    type: z.enum(fieldTypes),
    options: z.array(z.string().trim().min(1).max(100)).min(1).max(200).optional(),
  })
  .refine((body) => (body.type === 'select') === (body.options !== undefined), {
    message: 'options are required for select fields and allowed for them only',
    path: ['options'],
  });
export type CreateFieldBody = z.infer<typeof createFieldBody>;

export const fieldView = z.object({
  id: z.uuid(),
  entity: z.enum(['lead']),
  name: z.string(),
  label: z.string().nullable(),
  type: z.enum(fieldTypes),
  options: z.array(z.string()).nullable(),
  createdAt: z.iso.datetime(),
});
export const fieldList = z.object({ items: z.array(fieldView) });
export const fieldListQuery = z.strictObject({ entity: z.enum(['lead']).default('lead') });
