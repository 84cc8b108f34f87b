import { z } from 'zod';

/** The longest span one simulation replays. */
export const MAX_SIMULATION_DAYS = 366;
/** The most leads one simulation replays: the newest of the span. */
export const MAX_SIMULATED_LEADS = 20_000;

export const simulationBody = z.strictObject({
  ruleSetVersion: z.number().int().min(1).meta({ description: 'Any stored version, draft, published or retired' }),
  from: z.iso.datetime({ offset: true }).meta({ description: 'Leads created at or after this instant' }),
  to: z.iso.datetime({ offset: true }).meta({ description: 'Leads created before this instant' }),
});
export type SimulationBody = z.infer<typeof simulationBody>;

const candidate = z.object({ userId: z.string(), score: z.number(), excluded: z.string().optional() });
const sides = z.object({ simulated: z.number(), actual: z.number() });

export const simulationResult = z.object({
  leadId: z.uuid(),
  ruleSetVersion: z.number().int(),
  ruleId: z.string().nullable(),
  strategy: z.string(),
  chosenUserId: z.string().nullable().meta({ description: 'Null: the rule set leaves the lead in the pool' }),
  candidates: z.array(candidate),
  actualOwnerId: z.string().nullable().meta({ description: 'The lead’s owner now' }),
});

export const simulationView = z
  .object({
    ruleSetVersion: z.number().int(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** The replay began here: `from`, or the oldest lead kept when the span held more than the cap. */
    replayedFrom: z.iso.datetime(),
    truncated: z
      .boolean()
      .meta({ description: `More than ${MAX_SIMULATED_LEADS} leads: only the newest were replayed` }),
    results: z.array(simulationResult).meta({ description: 'One per replayed lead, oldest first' }),
    summary: z.object({
      leads: z.number().int(),
      toPool: sides,
      expectedConversions: sides.meta({
        description: 'Sum over the leads of the owner’s learnt segment rate, shrunk toward the team’s (prior 20)',
      }),
      reps: z.array(
        z.object({
          userId: z.string(),
          name: z.string(),
          teamId: z.string().nullable(),
          simulatedLeads: z.number().int(),
          actualLeads: z.number().int(),
          capacity: z.number().int().nullable(),
          peakLoad: z
            .number()
            .nullable()
            .meta({ description: 'Most open leads in the replay over capacity; null without a capacity' }),
          expectedConversions: sides,
        }),
      ),
      teams: z.array(
        z.object({ teamId: z.string().nullable(), simulatedLeads: z.number().int(), actualLeads: z.number().int() }),
      ),
    }),
  })
  .meta({
    description:
      'A replay of the span’s leads through a rule set, without side effects, against today’s reps and teams ' +
      '(their current settings, capacities and records) — not the ones of the time.',
  });
export type SimulationView = z.infer<typeof simulationView>;

export const allocationQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional()
    .meta({ description: 'YYYY-MM (UTC); defaults to the last full month' }),
});

const tally = { leads: z.number().int(), decided: z.number().int(), won: z.number().int() };

export const allocationReportView = z
  .object({
    month: z.string(),
    thresholds: z.object({
      lowConversionShare: z.number(),
      months: z.number().int(),
      minDecidedPerMonth: z.number().int(),
    }),
    reps: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        teamId: z.string().nullable(),
        ...tally,
        conversionRate: z
          .number()
          .nullable()
          .meta({ description: 'Won over decided (won or lost); null: none decided' }),
        segments: z.array(z.object({ segment: z.string(), ...tally, conversionRate: z.number().nullable() })),
        history: z.array(
          z.object({
            month: z.string(),
            ...tally,
            conversionRate: z.number().nullable(),
            referenceRate: z
              .number()
              .nullable()
              .meta({ description: 'The team’s rate that month (the workspace’s if the team decided none)' }),
          }),
        ),
        lowConversion: z
          .boolean()
          .meta({ description: 'Below the share of the reference rate every month of history' }),
      }),
    ),
    fairness: z.object({
      reps: z.array(
        z.object({ userId: z.string(), leads: z.number().int(), capacity: z.number().int(), perCapacity: z.number() }),
      ),
      jainIndex: z.number().nullable(),
      maxMinRatio: z.number().nullable(),
      withoutCapacity: z.array(z.object({ userId: z.string(), leads: z.number().int() })),
    }),
  })
  .meta({
    description:
      'Leads created in the month (UTC), credited to their owner now, by segment (the team’s segment field); ' +
      'decided and won as of today.',
  });
export type AllocationReportView = z.infer<typeof allocationReportView>;
