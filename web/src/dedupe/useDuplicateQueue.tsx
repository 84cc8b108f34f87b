import { App } from 'antd';
import { useMemo, useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import type { DuplicatePair, DuplicateStatus } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import type { PairJudgement } from './DuplicatePairCard';
import { dismissDuplicate, listDuplicates, mergeDuplicate } from './duplicates.api';

/**
 * The review queue of one status, with judgements applied optimistically: a judged pair leaves
 * the list at once and comes back, where it was, if the server refuses.
 */
export function useDuplicateQueue(status: DuplicateStatus) {
  const t = useT();
  const { message } = App.useApp();
  const query = useApiQuery(`duplicates:${status}`, (signal) => listDuplicates(status, signal));
  const [judged, setJudged] = useState<ReadonlySet<string>>(() => new Set());

  const setHidden = (id: string, hidden: boolean) =>
    setJudged((current) => {
      const next = new Set(current);
      if (hidden) next.add(id);
      else next.delete(id);
      return next;
    });

  const judge = async (pair: DuplicatePair, judgement: PairJudgement) => {
    setHidden(pair.id, true);
    try {
      if (judgement.kind === 'dismiss') {
        await dismissDuplicate(pair.id);
        message.success(t('duplicates.dismissed', { name: pair.lead.name }));
      } else {
        const merge = await mergeDuplicate(pair.id, judgement.keep);
        const survivor = merge.survivorId === pair.lead.id ? pair.lead : pair.duplicateOf;
        message.success({
          content: (
            <span data-testid="duplicate-merged-message">
              {t('duplicates.merged', { name: survivor.name })}{' '}
              <Link to={`/leads/${encodeURIComponent(merge.survivorId)}`}>{t('duplicates.openSurvivor')}</Link>
            </span>
          ),
          duration: 6,
        });
        // A merge settles every other open pair that named the removed lead.
        query.reload();
      }
    } catch (error) {
      if (isApiError(error, 409)) {
        // Someone else judged it first: it is gone for good, and the list may be stale.
        message.info(t('duplicates.alreadyJudged'));
        query.reload();
        return;
      }
      setHidden(pair.id, false);
      message.error(describeError(error, t));
    }
  };

  const items = useMemo(
    // While another status loads, the previous one's answer is still held; never show it here.
    // A judged pair is hidden only while the server still calls it open.
    () =>
      (query.data?.items ?? []).filter(
        (pair) => pair.status === status && !(pair.status === 'open' && judged.has(pair.id)),
      ),
    [query.data, status, judged],
  );

  return { items, loading: query.loading, error: query.error, reload: query.reload, judge };
}
