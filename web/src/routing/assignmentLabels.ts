import type { MessageKey } from '../i18n/zh-CN';
import type { Translate } from '../i18n/translate';
import { EXCLUSION_REASONS, STRATEGY_NAMES } from './routing.types';

const STRATEGY_WORDS = [...STRATEGY_NAMES, 'direct', 'affinity', 'pool'] as const;

/** A strategy as people say it; a name this build does not know is shown as it came. */
export function strategyLabel(strategy: string | null, t: Translate): string {
  if (!strategy) return t('common.none');
  return (STRATEGY_WORDS as readonly string[]).includes(strategy)
    ? t(`routing.strategy.${strategy}` as MessageKey)
    : strategy;
}

export function exclusionLabel(reason: string, t: Translate): string {
  return (EXCLUSION_REASONS as readonly string[]).includes(reason)
    ? t(`routing.excluded.${reason}` as MessageKey)
    : reason;
}
