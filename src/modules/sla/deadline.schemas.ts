import { z } from 'zod';

/** One pending step of a lead's response deadlines, named by what planned it. */
export const leadDeadlineView = z.object({
  id: z.uuid(),
  target: z.string().meta({ description: 'firstTouch, nextFollowUp … or `pool` for a pool’s reclaim' }),
  step: z.string().meta({ description: 'As on the lead’s slaStep: `firstTouch:remind:0.5` …' }),
  action: z.string(),
  startedAt: z.iso.datetime().meta({ description: 'When the clock of this target started' }),
  deadline: z.iso.datetime().meta({ description: 'The target’s deadline' }),
  dueAt: z.iso.datetime().meta({ description: 'When this step happens (a reminder falls before the deadline)' }),
  source: z.object({
    kind: z.enum(['policy', 'pool']),
    id: z.uuid(),
    name: z.string().nullable().meta({ description: 'Null when the policy or pool has since been deleted' }),
  }),
});
export type LeadDeadlineView = z.infer<typeof leadDeadlineView>;
export const leadDeadlineList = z.object({ items: z.array(leadDeadlineView) });
