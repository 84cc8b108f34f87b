import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import type { Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/zh-CN';

// The claim's refusals carry stable codes (pool-move.service.ts); the words are ours, per language.
const REFUSALS: Record<string, MessageKey> = {
  NOT_IN_POOL: 'pool.refusal.NOT_IN_POOL',
  NOT_VISIBLE: 'pool.refusal.NOT_VISIBLE',
  INACTIVE: 'pool.refusal.INACTIVE',
  DAILY_LIMIT: 'pool.refusal.DAILY_LIMIT',
  MAX_HELD: 'pool.refusal.MAX_HELD',
  TOO_SOON: 'pool.refusal.TOO_SOON',
  COOLING_DOWN: 'pool.refusal.COOLING_DOWN',
};

/** The refusal in the user's language, with when to try again if the server said so. */
export function describeRefusal(error: unknown, t: Translate, formatDateTime: (iso: string) => string): string {
  if (!(error instanceof ApiError)) return describeError(error, t);
  const key = REFUSALS[error.code];
  if (!key) return describeError(error, t);
  const retryAt = /try again at (\S+?)\)/.exec(error.message)?.[1];
  const retry =
    retryAt && !Number.isNaN(Date.parse(retryAt)) ? t('pool.refusal.retryAt', { at: formatDateTime(retryAt) }) : '';
  return t(key) + retry;
}
