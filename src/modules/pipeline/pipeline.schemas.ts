import { z } from 'zod';
import { MAX_STAGES, MIN_STAGES } from './pipeline.rules.ts';

const name = z.string().trim().min(1).max(100);
const fieldRef = z
  .string()
  .regex(/^(custom\.)?[a-zA-Z][a-zA-Z0-9_]{0,62}$/, 'a deal field, or custom.<name> for a custom field');
const taskKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and underscores');

export const taskTemplate = z.strictObject({
  key: taskKey,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  talkTrack: z.string().trim().max(4000).nullable().optional(),
  /** Hours after the deal enters the stage (up to a year). */
  dueOffsetHours: z.number().min(0).max(8760),
});

export const stageInput = z.strictObject({
  /** An existing stage keeps its id (and its deals); without one the stage is new. */
  id: z.uuid().optional(),
  name,
  nameEn: name.nullable().optional(),
  winProbability: z.number().min(0).max(1).default(0),
  requiredFields: z.array(fieldRef).max(30).default([]),
  requiredTasks: z.array(taskKey).max(30).default([]),
  taskTemplates: z.array(taskTemplate).max(30).default([]),
});
export type StageInput = z.infer<typeof stageInput>;

const stageList = z.array(stageInput).min(MIN_STAGES).max(MAX_STAGES);

export const pipelineBody = z.strictObject({
  name,
  nameEn: name.nullable().optional(),
  productLine: z.string().trim().max(100).nullable().optional(),
  isDefault: z.boolean().default(false),
  /** In order: the first stage is where converted deals start. */
  stages: stageList,
});
export type PipelineBody = z.infer<typeof pipelineBody>;

export const pipelinePatch = z.strictObject({
  name: name.optional(),
  nameEn: name.nullable().optional(),
  productLine: z.string().trim().max(100).nullable().optional(),
  isDefault: z.literal(true).optional(),
  /** The whole list, in order; stages left out are removed (refused while a deal is in one). */
  stages: stageList.optional(),
});
export type PipelinePatch = z.infer<typeof pipelinePatch>;

export const stageView = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  order: z.number().int(),
  winProbability: z.number(),
  requiredFields: z.array(z.string()),
  requiredTasks: z.array(z.string()),
  taskTemplates: z.array(taskTemplate),
});
export type StageView = z.infer<typeof stageView>;

export const pipelineView = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  productLine: z.string().nullable(),
  isDefault: z.boolean(),
  stages: z.array(stageView),
});
export type PipelineView = z.infer<typeof pipelineView>;

export const pipelineList = z.array(pipelineView);
export const pipelineIdParams = z.strictObject({ id: z.uuid() });
