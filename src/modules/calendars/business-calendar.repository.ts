import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { businessCalendars, teams, users, workspaces } from '../../platform/db/schema.ts';
import { businessCalendar, type BusinessCalendar } from '../sla/business-calendar.schemas.ts';
import type { CalendarDirectory } from './calendar-choice.rules.ts';

export type BusinessCalendarRow = typeof businessCalendars.$inferSelect;

/** A stored row as the pure core's calendar (parsed again: the columns are only JSON). */
export function rowToCalendar(row: BusinessCalendarRow): BusinessCalendar {
  return businessCalendar.parse({
    timeZone: row.timeZone,
    weekly: row.weekly,
    hourSets: row.hourSets,
    holidays: row.holidays,
    makeUpWorkdays: row.makeUpWorkdays,
  });
}

export function calendarToColumns(calendar: BusinessCalendar) {
  return {
    timeZone: calendar.timeZone,
    weekly: calendar.weekly,
    hourSets: calendar.hourSets,
    holidays: calendar.holidays,
    makeUpWorkdays: calendar.makeUpWorkdays,
  };
}

export async function listCalendarRows(db: Executor, workspaceId: string): Promise<BusinessCalendarRow[]> {
  return db
    .select()
    .from(businessCalendars)
    .where(eq(businessCalendars.workspaceId, workspaceId))
    .orderBy(asc(businessCalendars.name), asc(businessCalendars.id));
}

export async function findCalendarRow(db: Executor, workspaceId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(businessCalendars)
    .where(and(eq(businessCalendars.workspaceId, workspaceId), eq(businessCalendars.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertCalendarRow(db: Executor, row: BusinessCalendarRow): Promise<void> {
  await db.insert(businessCalendars).values(row);
}

export async function updateCalendarRow(
  db: Executor,
  workspaceId: string,
  id: string,
  columns: Partial<BusinessCalendarRow>,
  now: Date,
): Promise<BusinessCalendarRow> {
  const [row] = await db
    .update(businessCalendars)
    .set({ ...columns, updatedAt: now })
    .where(and(eq(businessCalendars.workspaceId, workspaceId), eq(businessCalendars.id, id)))
    .returning();
  return row!;
}

export async function deleteCalendarRow(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .delete(businessCalendars)
    .where(and(eq(businessCalendars.workspaceId, workspaceId), eq(businessCalendars.id, id)));
}

export interface CalendarUse {
  users: number;
  teams: number;
  workspaceDefault: boolean;
}

/** How many users and teams name each calendar, and which one is the workspace default. */
export async function calendarUses(
  db: Executor,
  workspaceId: string,
): Promise<{ uses: Map<string, CalendarUse>; defaultCalendarId: string | null }> {
  const [userCounts, teamCounts, [workspace]] = await Promise.all([
    db
      .select({ id: users.businessCalendarId, count: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), isNotNull(users.businessCalendarId)))
      .groupBy(users.businessCalendarId),
    db
      .select({ id: teams.businessCalendarId, count: sql<number>`count(*)::int` })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), isNotNull(teams.businessCalendarId)))
      .groupBy(teams.businessCalendarId),
    db.select({ id: workspaces.defaultBusinessCalendarId }).from(workspaces).where(eq(workspaces.id, workspaceId)),
  ]);
  const uses = new Map<string, CalendarUse>();
  const use = (id: string) => {
    const found = uses.get(id) ?? { users: 0, teams: 0, workspaceDefault: false };
    uses.set(id, found);
    return found;
  };
  for (const row of userCounts) use(row.id!).users = Number(row.count);
  for (const row of teamCounts) use(row.id!).teams = Number(row.count);
  const defaultCalendarId = workspace?.id ?? null;
  if (defaultCalendarId) use(defaultCalendarId).workspaceDefault = true;
  return { uses, defaultCalendarId };
}

export async function setDefaultCalendar(db: Executor, workspaceId: string, calendarId: string | null) {
  await db.update(workspaces).set({ defaultBusinessCalendarId: calendarId }).where(eq(workspaces.id, workspaceId));
}

/** Every calendar and who names which, for choosing one per lead (cached with routing's data). */
export async function loadCalendarDirectory(db: Executor, workspaceId: string): Promise<CalendarDirectory> {
  const [rows, userRows, teamRows, [workspace]] = await Promise.all([
    listCalendarRows(db, workspaceId),
    db
      .select({ id: users.id, teamId: users.teamId, calendarId: users.businessCalendarId })
      .from(users)
      .where(eq(users.workspaceId, workspaceId)),
    db
      .select({ id: teams.id, parentId: teams.parentId, calendarId: teams.businessCalendarId })
      .from(teams)
      .where(eq(teams.workspaceId, workspaceId)),
    db.select({ id: workspaces.defaultBusinessCalendarId }).from(workspaces).where(eq(workspaces.id, workspaceId)),
  ]);
  return {
    calendars: new Map(rows.map((row) => [row.id, rowToCalendar(row)])),
    users: new Map(userRows.map((row) => [row.id, { teamId: row.teamId, calendarId: row.calendarId }])),
    teams: new Map(teamRows.map((row) => [row.id, { parentId: row.parentId, calendarId: row.calendarId }])),
    defaultCalendarId: workspace?.id ?? null,
  };
}

/** Whether a calendar id names one of the workspace's calendars (for PATCHes that set one). */
export async function calendarExists(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  return (await findCalendarRow(db, workspaceId, id)) !== null;
}
