import { CalendarError, type BusinessCalendar } from '../sla/business-calendar.schemas.ts';
import { mainlandChinaHolidays } from '../sla/china-holidays.data.ts';

/** The years the built-in mainland China table covers. */
export const chinaHolidayYears = Object.keys(mainlandChinaHolidays).map(Number);

/**
 * The calendar with a year of mainland China's holidays and make-up working days laid over it:
 * the table wins for its dates (a date it calls a holiday stops being a make-up day here, and the
 * other way round), dates outside it are kept. Importing twice changes nothing. A make-up day keeps
 * Monday's hours, as the State Council's notice makes it "a working day" without naming hours.
 */
export function withChinaHolidays(calendar: BusinessCalendar, year: number): BusinessCalendar {
  const table = mainlandChinaHolidays[year as keyof typeof mainlandChinaHolidays];
  if (!table) throw new CalendarError(`no built-in holiday table for ${year}`);
  const holidays = new Set<string>(table.holidays);
  const makeUp = new Set<string>(table.makeUpWorkdays);
  return {
    ...calendar,
    holidays: [...new Set([...calendar.holidays.filter((date) => !makeUp.has(date)), ...holidays])].sort(),
    makeUpWorkdays: [
      ...calendar.makeUpWorkdays.filter((day) => !holidays.has(day.date) && !makeUp.has(day.date)),
      ...table.makeUpWorkdays.map((date) => ({ date, hours: 'mon' })),
    ].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
