import type { BusinessCalendar } from '../sla/business-calendar.schemas.ts';

/** Which calendars a workspace's people and teams name, read once and cached with routing's data. */
export interface CalendarDirectory {
  calendars: ReadonlyMap<string, BusinessCalendar>;
  /** User id → their team and the calendar they name (null: none of their own). */
  users: ReadonlyMap<string, { teamId: string | null; calendarId: string | null }>;
  /** Team id → its parent and the calendar it names. */
  teams: ReadonlyMap<string, { parentId: string | null; calendarId: string | null }>;
  defaultCalendarId: string | null;
}

export const emptyCalendarDirectory: CalendarDirectory = {
  calendars: new Map(),
  users: new Map(),
  teams: new Map(),
  defaultCalendarId: null,
};

export type CalendarSource = 'owner' | 'team' | 'workspace' | 'none';

export interface CalendarChoice {
  calendarId: string | null;
  calendar: BusinessCalendar | null;
  source: CalendarSource;
}

/**
 * The calendar a lead's deadlines count business time in: its owner's own, else the nearest one of
 * the owner's team and that team's parents (a region's hours hold for its branches unless a branch
 * names its own), else the workspace default, else none (business time runs around the clock).
 * Without an owner, or with one who has no team (or is unknown here), the lead's team stands in for the owner's. A calendar
 * id that names no calendar (deleted meanwhile) is passed over rather than trusted.
 */
export function chooseCalendar(
  directory: CalendarDirectory,
  lead: { ownerId: string | null; teamId: string | null },
): CalendarChoice {
  const found = (calendarId: string | null | undefined, source: CalendarSource): CalendarChoice | null => {
    const calendar = calendarId ? directory.calendars.get(calendarId) : undefined;
    return calendar ? { calendarId: calendarId!, calendar, source } : null;
  };
  const owner = lead.ownerId ? directory.users.get(lead.ownerId) : undefined;
  const own = found(owner?.calendarId, 'owner');
  if (own) return own;
  const seen = new Set<string>();
  for (let teamId = owner?.teamId ?? lead.teamId; teamId && !seen.has(teamId);) {
    seen.add(teamId);
    const team = directory.teams.get(teamId);
    const chosen = found(team?.calendarId, 'team');
    if (chosen) return chosen;
    teamId = team?.parentId ?? null;
  }
  return found(directory.defaultCalendarId, 'workspace') ?? { calendarId: null, calendar: null, source: 'none' };
}
