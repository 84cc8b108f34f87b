import type { Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/zh-CN';
import { ApiError, NETWORK_ERROR } from './client';

// Codes the UI words itself, so the message follows the chosen language; any other code shows
// the server's own message, which is more specific than anything generic we could say.
const LOCALIZED_CODES: Record<string, MessageKey> = {
  [NETWORK_ERROR]: 'error.network',
  INVALID_CREDENTIALS: 'error.invalidCredentials',
  FORBIDDEN: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  RATE_LIMITED: 'error.rateLimited',
};

export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const key = LOCALIZED_CODES[error.code];
    if (key) return t(key);
    if (error.status === 429) return t('error.rateLimited');
    if (error.message) return error.message;
  }
  return t('error.unknown');
}

export function isApiError(error: unknown, status: number): error is ApiError {
  return error instanceof ApiError && error.status === status;
}
