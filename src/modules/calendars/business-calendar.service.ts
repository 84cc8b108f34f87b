import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorRef, type Actor } from '../../platform/http/actor.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import type { WorkspaceRouting } from '../routing/workspace-routing.ts';
import { businessCalendar, CalendarError, type BusinessCalendar } from '../sla/business-calendar.schemas.ts';
import { addBusinessTime } from '../sla/business-time.rules.ts';
import type {
  BusinessCalendarBody,
  BusinessCalendarPatch,
  BusinessCalendarView,
} from './business-calendar-api.schemas.ts';
import {
  calendarExists,
  calendarToColumns,
  calendarUses,
  deleteCalendarRow,
  findCalendarRow,
  insertCalendarRow,
  listCalendarRows,
  rowToCalendar,
  setDefaultCalendar,
  updateCalendarRow,
  type BusinessCalendarRow,
  type CalendarUse,
} from './business-calendar.repository.ts';
import { withChinaHolidays } from './holiday-preset.rules.ts';

export interface BusinessCalendarDeps {
  db: Db;
  clock: Clock;
  /** Routing plans a dealt lead's deadlines in its calendar, so it caches the calendars with the rest. */
  routingCache: TtlCache<WorkspaceRouting>;
}

const unused: CalendarUse = { users: 0, teams: 0, workspaceDefault: false };

function toView(row: BusinessCalendarRow, use: CalendarUse = unused): BusinessCalendarView {
  const calendar = rowToCalendar(row);
  return {
    id: row.id,
    name: row.name,
    ...calendar,
    makeUpWorkdays: calendar.makeUpWorkdays.map((day) => ({ date: day.date, hours: day.hours })),
    usedBy: use,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The calendar checked as a whole (a holiday that is also a make-up day…); a problem names its field. */
function checked(candidate: unknown): BusinessCalendar {
  const parsed = businessCalendar.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || fieldOfProblem(issue.message);
  throw new AppError('VALIDATION_FAILED', issue.message, field);
}

/** The whole-calendar checks have no path; their messages say which list they are about. */
function fieldOfProblem(message: string): string | undefined {
  if (message.includes('make-up') || message.includes('keeps hours')) return 'makeUpWorkdays';
  if (message.includes('working hours')) return 'weekly';
  return undefined;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

const nameTaken = (name: string) => new AppError('CONFLICT', `A calendar named “${name}” exists already`, 'name');

export async function listCalendars(
  deps: BusinessCalendarDeps,
  actor: Actor,
): Promise<{ items: BusinessCalendarView[]; defaultCalendarId: string | null }> {
  const [rows, { uses, defaultCalendarId }] = await Promise.all([
    listCalendarRows(deps.db, actor.workspaceId),
    calendarUses(deps.db, actor.workspaceId),
  ]);
  return { items: rows.map((row) => toView(row, uses.get(row.id))), defaultCalendarId };
}

export async function getCalendar(deps: BusinessCalendarDeps, actor: Actor, id: string): Promise<BusinessCalendarView> {
  const row = await findCalendarRow(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Business calendar');
  return toView(row, (await calendarUses(deps.db, actor.workspaceId)).uses.get(id));
}

function withPreset(calendar: BusinessCalendar, preset: BusinessCalendarBody['preset']): BusinessCalendar {
  if (preset === 'china-2026') return checked(withChinaHolidays(calendar, 2026));
  return calendar;
}

export async function createCalendar(
  deps: BusinessCalendarDeps,
  actor: Actor,
  body: BusinessCalendarBody,
): Promise<BusinessCalendarView> {
  const now = deps.clock.now();
  const { name, preset, ...fields } = body;
  const calendar = withPreset(checked(fields), preset);
  const row: BusinessCalendarRow = {
    id: randomUUID(),
    workspaceId: actor.workspaceId,
    name,
    ...calendarToColumns(calendar),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await deps.db.transaction(async (tx) => {
      await insertCalendarRow(tx, row);
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        ...actorRef(actor),
        action: 'business_calendar.created',
        entity: 'business_calendar',
        entityId: row.id,
        after: { name, ...calendar },
        at: now,
      });
      await publishInvalidation(tx, 'routing');
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
  deps.routingCache.clear();
  return toView(row);
}

/** Changes a calendar by a function of it; plans already made keep the due times they were given. */
async function changeCalendar(
  deps: BusinessCalendarDeps,
  actor: Actor,
  id: string,
  action: string,
  change: (before: BusinessCalendarRow) => { name: string; calendar: BusinessCalendar },
): Promise<BusinessCalendarView> {
  const now = deps.clock.now();
  let attemptedName = '';
  try {
    const row = await deps.db.transaction(async (tx) => {
      const before = await findCalendarRow(tx, actor.workspaceId, id, true);
      if (!before) throw notFound('Business calendar');
      const { name, calendar } = change(before);
      attemptedName = name;
      const after = await updateCalendarRow(tx, actor.workspaceId, id, { name, ...calendarToColumns(calendar) }, now);
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        ...actorRef(actor),
        action,
        entity: 'business_calendar',
        entityId: id,
        before: { name: before.name, ...rowToCalendar(before) },
        after: { name, ...calendar },
        at: now,
      });
      await publishInvalidation(tx, 'routing');
      return after;
    });
    deps.routingCache.clear();
    return toView(row, (await calendarUses(deps.db, actor.workspaceId)).uses.get(id));
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(attemptedName);
    throw error;
  }
}

export function updateCalendar(
  deps: BusinessCalendarDeps,
  actor: Actor,
  id: string,
  patch: BusinessCalendarPatch,
): Promise<BusinessCalendarView> {
  return changeCalendar(deps, actor, id, 'business_calendar.updated', (before) => {
    const { name, ...fields } = patch;
    return { name: name ?? before.name, calendar: checked({ ...rowToCalendar(before), ...fields }) };
  });
}

/** Lays a built-in year of mainland China's holidays and 调休 over the calendar (holiday-preset.rules.ts). */
export function importChinaHolidays(
  deps: BusinessCalendarDeps,
  actor: Actor,
  id: string,
  year: number,
): Promise<BusinessCalendarView> {
  return changeCalendar(deps, actor, id, 'business_calendar.holidays_imported', (before) => {
    try {
      return { name: before.name, calendar: checked(withChinaHolidays(rowToCalendar(before), year)) };
    } catch (error) {
      if (error instanceof CalendarError) throw new AppError('VALIDATION_FAILED', error.message, 'year');
      throw error;
    }
  });
}

/**
 * A calendar still named by a user, a team or the workspace default is refused (CALENDAR_IN_USE,
 * with the counts): detaching it silently would move those people's deadlines to another calendar
 * or around the clock without anyone choosing it.
 */
export async function deleteCalendar(deps: BusinessCalendarDeps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await findCalendarRow(tx, actor.workspaceId, id, true);
    if (!before) throw notFound('Business calendar');
    const use = (await calendarUses(tx, actor.workspaceId)).uses.get(id);
    if (use && (use.users > 0 || use.teams > 0 || use.workspaceDefault)) {
      const where = [
        use.users > 0 ? `${use.users} user(s)` : null,
        use.teams > 0 ? `${use.teams} team(s)` : null,
        use.workspaceDefault ? 'the workspace default' : null,
      ].filter(Boolean);
      throw new AppError('CALENDAR_IN_USE', `The calendar is still used by ${where.join(', ')}`);
    }
    await deleteCalendarRow(tx, actor.workspaceId, id);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'business_calendar.deleted',
      entity: 'business_calendar',
      entityId: id,
      before: { name: before.name, ...rowToCalendar(before) },
      at: now,
    });
    await publishInvalidation(tx, 'routing');
  });
  deps.routingCache.clear();
}

export async function setWorkspaceDefault(
  deps: BusinessCalendarDeps,
  actor: Actor,
  calendarId: string | null,
): Promise<{ defaultCalendarId: string | null }> {
  await assertCalendar(deps.db, actor.workspaceId, calendarId, 'businessCalendarId');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await setDefaultCalendar(tx, actor.workspaceId, calendarId);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      ...actorRef(actor),
      action: 'workspace.default_calendar_set',
      entity: 'workspace',
      entityId: actor.workspaceId,
      after: { defaultBusinessCalendarId: calendarId },
      at: now,
    });
    await publishInvalidation(tx, 'routing');
  });
  deps.routingCache.clear();
  return { defaultCalendarId: calendarId };
}

/** When `seconds` of the calendar's business time have passed from `from` (now when left out). */
export async function dueIn(
  deps: BusinessCalendarDeps,
  actor: Actor,
  id: string,
  query: { from?: string | undefined; seconds: number },
): Promise<{ from: string; seconds: number; due: string }> {
  const row = await findCalendarRow(deps.db, actor.workspaceId, id);
  if (!row) throw notFound('Business calendar');
  const from = query.from ? new Date(query.from) : deps.clock.now();
  return {
    from: from.toISOString(),
    seconds: query.seconds,
    due: addBusinessTime(rowToCalendar(row), from, query.seconds).toISOString(),
  };
}

/** For PATCHes that name a calendar (team, user, workspace default): it must be one of the workspace's. */
export async function assertCalendar(
  db: Executor,
  workspaceId: string,
  calendarId: string | null | undefined,
  field: string,
): Promise<void> {
  if (calendarId && !(await calendarExists(db, workspaceId, calendarId)))
    throw new AppError('VALIDATION_FAILED', 'No such business calendar in this workspace', field);
}
