import { z } from 'zod';
import { timeZoneName } from '../sla/business-calendar.schemas.ts';

export const boardQuery = z.object({
  teamId: z.uuid().optional().meta({ description: 'A team (with every team below it); default: all you may see' }),
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'The instant to read the board at (ISO 8601); default: now' }),
  timeZone: timeZoneName
    .default('UTC')
    .meta({ description: 'IANA zone whose midnight starts "today" for breaches; default UTC' }),
});
export type BoardQuery = z.infer<typeof boardQuery>;

const colour = z.enum(['red', 'amber', 'green', 'none']);
const metric = z.object({ value: z.number().nullable(), colour });

export const boardMetricsView = z.object({
  awaitingFirstResponse: metric.extend({ oldestMinutes: z.number().int().nullable() }),
  notFollowed24h: metric,
  breachesToday: metric,
  dueNextHour: metric,
  touchRate24h: metric.extend({ touched: z.number().int(), assigned: z.number().int() }),
  medianFirstResponseMinutes: metric,
});

export const boardView = z.object({
  at: z.string(),
  timeZone: z.string(),
  dayStart: z.string(),
  /** The team asked for, if any. */
  teamId: z.uuid().nullable(),
  /** Teams the caller may pick (for the picker); empty for a rep. */
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable() })),
  reps: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      role: z.enum(['rep', 'manager']),
      teamId: z.uuid().nullable(),
      metrics: boardMetricsView,
    }),
  ),
  /** One row per team on the board, rolled up over its reps and those of the teams below it. */
  teamRows: z.array(
    z.object({
      teamId: z.uuid(),
      name: z.string(),
      parentId: z.uuid().nullable(),
      reps: z.number().int(),
      metrics: boardMetricsView,
    }),
  ),
  totals: boardMetricsView,
  thresholds: z.record(z.string(), z.number()),
});
export type BoardView = z.infer<typeof boardView>;
