import type { LeadEvent } from '../api/types';
import type { Translate } from '../i18n/translate';

interface Formatters {
  t: Translate;
  formatMonthDayTime: (iso: string) => string;
}

const SEPARATOR = ' · ';
// A custom event's props are whatever the sender chose; a few of them are enough for one line.
const CUSTOM_PROPS_SHOWN = 3;
const CUSTOM_VALUE_MAX = 40;

// Props come from outside systems and only page_view / trial_expiring are checked by the server,
// so anything else may be missing or of an unexpected type.
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function stay(seconds: unknown, t: Translate): string | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return t('leadBehaviour.stayedSeconds', { seconds: Math.round(seconds) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('leadBehaviour.stayedMinutes', { minutes });
  return t('leadBehaviour.stayedHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function clip(value: string): string {
  return value.length > CUSTOM_VALUE_MAX ? `${value.slice(0, CUSTOM_VALUE_MAX - 1)}…` : value;
}

function customSummary(props: Record<string, unknown>): string | null {
  const parts = Object.entries(props)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .slice(0, CUSTOM_PROPS_SHOWN)
    .map(([name, value]) => `${name}: ${clip(typeof value === 'string' ? value : JSON.stringify(value))}`);
  return parts.length > 0 ? parts.join(SEPARATOR) : null;
}

/** One line such as "停留 4 分钟 · /pricing"; null when the props say nothing worth showing. */
export function summarizeBehaviour(event: LeadEvent, { t, formatMonthDayTime }: Formatters): string | null {
  const { props } = event;
  switch (event.type) {
    case 'page_view': {
      const parts = [stay(props.seconds, t), text(props.url)].filter((part) => part !== null);
      return parts.length > 0 ? parts.join(SEPARATOR) : null;
    }
    case 'download':
      return text(props.asset);
    case 'trial_expiring': {
      const expiresAt = text(props.expiresAt);
      return expiresAt ? t('leadBehaviour.expiresAt', { date: formatMonthDayTime(expiresAt) }) : null;
    }
    case 'competitor_compare': {
      const competitor = text(props.competitor);
      return competitor ? t('leadBehaviour.comparedWith', { competitor }) : null;
    }
    default:
      return customSummary(props);
  }
}
