export const CALENDAR_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type CalendarWeekday = (typeof CALENDAR_WEEKDAYS)[number];

export interface Span {
  start: string;
  end: string;
}

/** What the editor sends: the server's business-calendar body (hour sets are kept as they are). */
export interface BusinessCalendarBody {
  name: string;
  timeZone: string;
  weekly: Partial<Record<CalendarWeekday, Span[]>>;
  holidays: string[];
  makeUpWorkdays: { date: string; hours: string }[];
  /** On create only: fill mainland China's holidays and 调休 of 2026 too. */
  preset?: 'china-2026';
}

export interface BusinessCalendar extends Omit<BusinessCalendarBody, 'preset'> {
  id: string;
  hourSets: Record<string, Span[]>;
  usedBy: { users: number; teams: number; workspaceDefault: boolean };
  createdAt: string;
  updatedAt: string;
}

export interface BusinessCalendarList {
  items: BusinessCalendar[];
  defaultCalendarId: string | null;
}
