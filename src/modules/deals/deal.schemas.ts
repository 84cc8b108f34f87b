import { z } from 'zod';

const when = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
const requirement = z.string().trim().max(4000).nullable();
const amount = z.number().min(0).max(1e13);

export const convertBody = z.strictObject({
  amount: amount.optional(),
  product: z.string().trim().min(1).max(200).optional(),
  /** A date (YYYY-MM-DD, midnight UTC) or an instant. */
  expectedCloseAt: when.optional(),
  /** Without one, the workspace's default pipeline. */
  pipelineId: z.uuid().optional(),
  /** The account to create or link; by default the lead's company (or, without one, the person's name). */
  accountName: z.string().trim().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type ConvertBody = z.infer<typeof convertBody>;

export const convertResult = z.object({ dealId: z.uuid(), accountId: z.uuid() });

export const dealPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    amount: amount.nullable().optional(),
    product: z.string().trim().max(200).nullable().optional(),
    expectedCloseAt: when.nullable().optional(),
    existingSystems: requirement.optional(),
    decisionProcess: requirement.optional(),
    acceptanceCriteria: requirement.optional(),
    /** Values of the workspace's custom fields by name; null clears one. */
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change');
export type DealPatch = z.infer<typeof dealPatch>;

export const stageMoveBody = z.strictObject({
  stageId: z.uuid(),
  /** Needed to move forward past other stages or over an unmet gate; kept on the stage history. */
  skipReason: z.string().trim().min(1).max(1000).optional(),
});
export type StageMoveBody = z.infer<typeof stageMoveBody>;

export const stageHistoryItem = z.object({
  id: z.uuid(),
  stageId: z.uuid(),
  stageName: z.string().nullable(),
  fromStageId: z.uuid().nullable(),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  timeInStageMs: z.number().int(),
  skipped: z.boolean(),
  skipReason: z.string().nullable(),
  skippedStageIds: z.array(z.uuid()),
  missing: z.object({ fields: z.array(z.string()), tasks: z.array(z.string()) }).nullable(),
  actorType: z.enum(['user', 'api_key', 'system']),
  actorId: z.uuid().nullable(),
});

export const dealView = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  accountId: z.uuid(),
  contactId: z.uuid().nullable(),
  pipelineId: z.uuid(),
  stageId: z.uuid(),
  stageEnteredAt: z.string(),
  ownerId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  name: z.string(),
  amount: z.number().nullable(),
  product: z.string().nullable(),
  expectedCloseAt: z.string().nullable(),
  existingSystems: z.string().nullable(),
  decisionProcess: z.string().nullable(),
  acceptanceCriteria: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  stageHistory: z.array(stageHistoryItem),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DealView = z.infer<typeof dealView>;

export const taskView = z.object({
  id: z.uuid(),
  dealId: z.uuid(),
  stageId: z.uuid(),
  key: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  talkTrack: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  dueAt: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  completedBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type TaskView = z.infer<typeof taskView>;

export const taskList = z.object({ items: z.array(taskView) });
export const dealIdParams = z.strictObject({ id: z.uuid() });
export const taskIdParams = z.strictObject({ id: z.uuid() });

export const dealSummary = dealView.omit({ stageHistory: true });
export type DealSummary = z.infer<typeof dealSummary>;
export const dealList = z.object({ items: z.array(dealSummary) });

export const dealListQuery = z.strictObject({
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DealListQuery = z.infer<typeof dealListQuery>;

export const taskListQuery = z.strictObject({
  status: z.enum(['open', 'done']).optional(),
  ownerId: z.uuid().optional(),
  /** Tasks due before this instant: today's and overdue ones. */
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;
