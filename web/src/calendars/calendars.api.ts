import { api } from '../api/client';
import type { BusinessCalendar, BusinessCalendarBody, BusinessCalendarList } from './calendars.types';

const path = (id: string) => `/business-calendars/${encodeURIComponent(id)}`;

export function listCalendars(signal?: AbortSignal): Promise<BusinessCalendarList> {
  return api.get<BusinessCalendarList>('/business-calendars', { signal });
}

export function createCalendar(body: BusinessCalendarBody): Promise<BusinessCalendar> {
  return api.post<BusinessCalendar>('/business-calendars', body);
}

export function updateCalendar(id: string, body: Partial<BusinessCalendarBody>): Promise<BusinessCalendar> {
  return api.patch<BusinessCalendar>(path(id), body);
}

export function deleteCalendar(id: string): Promise<void> {
  return api.delete(path(id));
}

/** Lays mainland China's holidays and 调休 of the year over the calendar. */
export function importChinaHolidays(id: string, year: number): Promise<BusinessCalendar> {
  return api.post<BusinessCalendar>(`${path(id)}/holidays/china`, undefined, { query: { year: String(year) } });
}

export function setDefaultCalendar(businessCalendarId: string | null): Promise<{ defaultCalendarId: string | null }> {
  return api.patch<{ defaultCalendarId: string | null }>('/business-calendars/default', { businessCalendarId });
}
