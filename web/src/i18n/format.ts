import type { Locale } from './locale';

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    dateTimeFormats.set(locale, format);
  }
  return format;
}

export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  // Show the raw value rather than "Invalid Date" if the server ever sends something unexpected.
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat(locale).format(date);
}
