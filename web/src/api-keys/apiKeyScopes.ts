import type { ApiKeyScope } from '../api/types';
import type { MessageKey } from '../i18n/zh-CN';

export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['leads:write', 'full'];

export const API_KEY_SCOPE_LABEL: Record<ApiKeyScope, MessageKey> = {
  'leads:write': 'apiKeys.scope.leadsWrite',
  full: 'apiKeys.scope.full',
};
