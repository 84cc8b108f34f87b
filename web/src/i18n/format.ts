import type { Locale } from './locale';

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const monthDayTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

function cached(cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(locale, format);
  }
  return format;
}

// hourCycle, not hour12: false — with hour12 en-US writes midnight as "24:00".
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(iso: string, locale: Locale): string {
  const date = parse(iso);
  // Show the raw value rather than "Invalid Date" if the server ever sends something unexpected.
  if (!date) return iso;
  return cached(dateTimeFormats, locale, { year: 'numeric', month: '2-digit', day: '2-digit', ...TIME }).format(date);
}

/** "11-25 00:00" / "Nov 25, 00:00": short enough for a one-line summary; other years get the full date. */
export function formatMonthDayTime(iso: string, locale: Locale): string {
  const date = parse(iso);
  if (!date) return iso;
  if (date.getFullYear() !== new Date().getFullYear()) return formatDateTime(iso, locale);
  if (locale === 'en-US') {
    return cached(monthDayTimeFormats, locale, { month: 'short', day: 'numeric', ...TIME }).format(date);
  }
  // Intl writes "11/25 00:00" for zh-CN; people here write a month-day with a dash.
  const parts = cached(monthDayTimeFormats, locale, { month: '2-digit', day: '2-digit', ...TIME }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
