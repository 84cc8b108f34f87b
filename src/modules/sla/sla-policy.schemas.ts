import { z } from 'zod';
import { slaPolicy } from './sla.schemas.ts';

const { id: _id, ...fields } = slaPolicy.shape;

const hasTarget = (policy: { targets?: object | undefined }) =>
  policy.targets === undefined || Object.keys(policy.targets).length > 0;

/** A new policy: sla.schemas.ts's policy without its id (the server gives it). Targets are in seconds. */
export const slaPolicyBody = z
  .strictObject({ ...fields, priority: fields.priority.default(100) })
  .refine(hasTarget, { message: 'a policy needs at least one target', path: ['targets'] });
export type SlaPolicyBody = z.infer<typeof slaPolicyBody>;

/** What a PATCH may change: any field; the result is checked as a whole. */
export const slaPolicyPatch = z
  .strictObject(
    Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as {
      [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
    },
  )
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change')
  .refine(hasTarget, { message: 'a policy needs at least one target', path: ['targets'] });
export type SlaPolicyPatch = z.infer<typeof slaPolicyPatch>;

export const slaPolicyView = slaPolicy.safeExtend({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SlaPolicyView = z.infer<typeof slaPolicyView>;
export const slaPolicyList = z.object({ items: z.array(slaPolicyView) });
export const policyIdParams = z.strictObject({ id: z.uuid() });
