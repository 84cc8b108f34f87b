import type { DuplicateMatch } from '../api/types';
import type { Translate } from '../i18n/translate';

/** A likeness of 0–1 as a whole percentage, never rounded up to a 100 it did not reach. */
export function percentOf(score: number): number {
  const percent = Math.round(score * 100);
  return percent === 100 && score < 1 ? 99 : percent;
}

/**
 * Why two leads are thought to be one person, in words: "same phone", "same name at a like company
 * (87 %)"; `id` is a lead someone looked up by its id or link.
 */
export function reasonText(reason: DuplicateMatch['reason'] | 'id', score: number, t: Translate): string {
  switch (reason) {
    case 'phone':
      return t('duplicates.reason.phone');
    case 'email':
      return t('duplicates.reason.email');
    case 'name_company':
      return t('duplicates.reason.nameCompany', { percent: percentOf(score) });
    case 'company':
      return t('duplicates.reason.company', { percent: percentOf(score) });
    case 'id':
      return t('duplicates.reason.id');
  }
}
