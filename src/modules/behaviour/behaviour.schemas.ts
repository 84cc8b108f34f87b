import { z } from 'zod';

/** Types the scoring and urgency rules know; any other lower-case name is a custom event. */
export const knownEventTypes = ['page_view', 'download', 'trial_expiring', 'competitor_compare'] as const;

const MAX_PROPS_BYTES = 16_384;

const eventFields = {
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'use lower-case letters, digits, "_" or "."')
    .meta({ description: `${knownEventTypes.join(', ')}, or a custom name` }),
  at: z.iso.datetime({ offset: true }).optional().meta({ description: 'When it happened; defaults to now' }),
  props: z.record(z.string(), z.unknown()).default({}),
};

/** What each known type must carry, so scoring can rely on it. */
function checkProps(event: { type: string; props: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  const { type, props } = event;
  if (JSON.stringify(props).length > MAX_PROPS_BYTES) {
    ctx.addIssue({ code: 'custom', path: ['props'], message: `must be under ${MAX_PROPS_BYTES} bytes as JSON` });
  }
  if (type === 'page_view') {
    const seconds = props.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
      ctx.addIssue({
        code: 'custom',
        path: ['props', 'seconds'],
        message: 'page_view needs seconds between 0 and 86400',
      });
    }
  }
  if (type === 'trial_expiring' && !z.iso.datetime({ offset: true }).safeParse(props.expiresAt).success) {
    ctx.addIssue({
      code: 'custom',
      path: ['props', 'expiresAt'],
      message: 'trial_expiring needs expiresAt as an ISO date-time',
    });
  }
}

export const leadEventBody = z.strictObject(eventFields).superRefine(checkProps);

export const contactEventBody = z
  .strictObject({ ...eventFields, phone: z.string().max(50).optional(), email: z.string().max(320).optional() })
  .superRefine(checkProps)
  .refine((body) => body.phone || body.email, { message: 'Send the phone or the e-mail of the lead', path: ['phone'] });

export type LeadEventBody = z.infer<typeof leadEventBody>;

export const leadEventView = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  type: z.string(),
  at: z.iso.datetime(),
  props: z.record(z.string(), z.unknown()),
  receivedAt: z.iso.datetime(),
});
export const leadEventList = z.object({ items: z.array(leadEventView) });
export const leadIdParams = z.strictObject({ id: z.uuid() });
export const eventListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
