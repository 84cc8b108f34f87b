import { z } from 'zod';
import { businessCalendar, daySpans, isoDate, makeUpWorkday, timeZoneName } from '../sla/business-calendar.schemas.ts';
import { weekdays } from '../routing/routing.schemas.ts';

/** Built-in holiday tables a calendar can be filled from (china-holidays.data.ts). */
export const holidayPresets = ['china-2026'] as const;

const name = z.string().trim().min(1).max(100);

/** The stored calendar's fields, each checked alone; the whole is checked again by businessCalendar. */
const fields = {
  name,
  timeZone: timeZoneName,
  weekly: z.partialRecord(z.enum(weekdays), daySpans),
  hourSets: z.record(z.string().min(1).max(40), daySpans),
  holidays: z.array(isoDate).max(2000),
  makeUpWorkdays: z.array(makeUpWorkday).max(500),
};

export const businessCalendarBody = z.strictObject({
  ...fields,
  hourSets: fields.hourSets.default({}),
  holidays: fields.holidays.default([]),
  makeUpWorkdays: fields.makeUpWorkdays.default([]),
  preset: z
    .enum(holidayPresets)
    .optional()
    .meta({ description: 'Fill holidays and make-up working days (调休) from a built-in table too' }),
});
export type BusinessCalendarBody = z.infer<typeof businessCalendarBody>;

export const businessCalendarPatch = z
  .strictObject({
    name: fields.name.optional(),
    timeZone: fields.timeZone.optional(),
    weekly: fields.weekly.optional(),
    hourSets: fields.hourSets.optional(),
    holidays: fields.holidays.optional(),
    makeUpWorkdays: fields.makeUpWorkdays.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change');
export type BusinessCalendarPatch = z.infer<typeof businessCalendarPatch>;

export const businessCalendarView = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  weekly: fields.weekly,
  hourSets: fields.hourSets,
  holidays: z.array(z.string()),
  makeUpWorkdays: z.array(z.object({ date: z.string(), hours: z.string() })),
  /** Where it is named: users, teams, and whether it is the workspace default. */
  usedBy: z.object({ users: z.number().int(), teams: z.number().int(), workspaceDefault: z.boolean() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type BusinessCalendarView = z.infer<typeof businessCalendarView>;

export const businessCalendarList = z.object({
  items: z.array(businessCalendarView),
  defaultCalendarId: z.uuid().nullable(),
});

export const calendarIdParams = z.strictObject({ id: z.uuid() });

export const dueQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Start instant; now when left out' }),
  seconds: z.coerce
    .number()
    .min(0)
    .max(366 * 86_400)
    .meta({ description: 'Business seconds to add' }),
});

export const dueView = z.object({ from: z.iso.datetime(), seconds: z.number(), due: z.iso.datetime() });

export const presetQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const defaultCalendarBody = z.strictObject({ businessCalendarId: z.uuid().nullable() });
export const defaultCalendarView = z.object({ defaultCalendarId: z.uuid().nullable() });

export { businessCalendar };
