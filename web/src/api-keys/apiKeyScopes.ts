import type { ApiKeyScope } from '../api/types';
import type { MessageKey } from '../i18n/zh-CN';

export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['leads:write', 'full'];

const SCOPE_LABELS: Partial<Record<string, MessageKey>> = {
  'leads:write': 'apiKeys.scope.leadsWrite',
  full: 'apiKeys.scope.full',
};

/** Undefined for a scope the server knows and this UI does not yet: show it raw. */
export function scopeLabelKey(scope: string): MessageKey | undefined {
  return SCOPE_LABELS[scope];
}
