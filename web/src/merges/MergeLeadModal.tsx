import { Alert, App, Button, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import type { Lead } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { getLead } from '../leads/leads.api';
import { MergeCandidateList } from './MergeCandidateList';
import { duplicateCheck, mergeLeadInto } from './merges.api';
import {
  candidateFromLead,
  combineCandidates,
  ownDuplicateQuery,
  searchPlan,
  type MergeCandidate,
} from './mergeSearch';

interface MergeLeadModalProps {
  lead: Lead;
  onClose: () => void;
  onMerged: () => void;
}

type Search =
  | { status: 'idle' }
  | { status: 'loading'; results: MergeCandidate[] }
  | { status: 'done'; results: MergeCandidate[] }
  | { status: 'failed'; error: unknown };

async function lookUp(lead: Lead, text: string): Promise<MergeCandidate[]> {
  const plan = searchPlan(text, lead);
  const byId = plan.leadId
    ? getLead(plan.leadId).then(
        (found) => [candidateFromLead(found)],
        // An id that is not a lead (or not one the user may see) is simply not found.
        (error: unknown) => {
          if (isApiError(error, 404)) return [];
          throw error;
        },
      )
    : Promise.resolve([]);
  const lists = await Promise.all([
    byId,
    ...plan.queries.map((query) => duplicateCheck(query).then((answer) => answer.matches)),
  ]);
  return combineCandidates(lists, lead.id);
}

/** Picks a lead to fold into this one, then says plainly what the merge will do before doing it. */
export function MergeLeadModal({ lead, onClose, onMerged }: MergeLeadModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const suggestions = useApiQuery(`merge-suggestions:${lead.id}`, (signal) =>
    duplicateCheck(ownDuplicateQuery(lead), signal).then((answer) => combineCandidates([answer.matches], lead.id)),
  );
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const latestSearch = useRef(0);
  const [selected, setSelected] = useState<MergeCandidate | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [merging, setMerging] = useState(false);

  const runSearch = async (text: string) => {
    const ticket = ++latestSearch.current;
    setSelected(null);
    if (!text.trim()) {
      setSearch({ status: 'idle' });
      return;
    }
    setSearch((current) => ({ status: 'loading', results: current.status === 'done' ? current.results : [] }));
    try {
      const results = await lookUp(lead, text);
      // A slower answer to an earlier search must not replace the latest one.
      if (ticket === latestSearch.current) setSearch({ status: 'done', results });
    } catch (error) {
      if (ticket === latestSearch.current) setSearch({ status: 'failed', error });
    }
  };

  const merge = async () => {
    if (!selected) return;
    setMerging(true);
    try {
      await mergeLeadInto(lead.id, selected.id);
      message.success(t('merges.mergedInto', { merged: selected.name, survivor: lead.name }));
      onMerged();
    } catch (error) {
      message.error(describeError(error, t));
      setMerging(false);
    }
  };

  let list;
  if (search.status === 'failed') {
    list = <Alert type="error" showIcon title={describeError(search.error, t)} />;
  } else if (search.status !== 'idle') {
    list = (
      <MergeCandidateList
        candidates={search.results}
        selectedId={selected?.id ?? null}
        onSelect={setSelected}
        empty={search.status === 'loading' ? t('merges.searching') : t('merges.noResults')}
      />
    );
  } else if (suggestions.error !== undefined) {
    list = <Alert type="error" showIcon title={describeError(suggestions.error, t)} />;
  } else if (suggestions.loading) {
    list = <Skeleton active paragraph={{ rows: 3 }} />;
  } else {
    list = (
      <MergeCandidateList
        candidates={suggestions.data ?? []}
        selectedId={selected?.id ?? null}
        onSelect={setSelected}
        empty={t('merges.noSuggestions')}
      />
    );
  }

  const owner = lead.ownerName ?? t('leads.unassigned');
  const footer = confirming
    ? [
        <Button key="back" onClick={() => setConfirming(false)} disabled={merging}>
          {t('merges.back')}
        </Button>,
        <Button
          key="merge"
          type="primary"
          danger
          loading={merging}
          onClick={() => void merge()}
          data-testid="merge-lead-confirm"
        >
          {t('merges.confirm')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="next"
          type="primary"
          disabled={!selected}
          onClick={() => setConfirming(true)}
          data-testid="merge-lead-next"
        >
          {t('merges.next')}
        </Button>,
      ];

  return (
    <Modal open title={t('merges.mergeTitle', { name: lead.name })} onCancel={onClose} footer={footer} width={640}>
      {confirming && selected ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="merge-lead-summary">
          <Typography.Text strong>
            {t('merges.confirmTitle', { merged: selected.name, survivor: lead.name })}
          </Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>{t('merges.effect.survivor', { survivor: lead.name, owner })}</li>
            <li>{t('merges.effect.removed', { merged: selected.name, survivor: lead.name })}</li>
            <li>{t('merges.effect.undo')}</li>
          </ul>
        </Space>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Input.Search
            allowClear
            placeholder={t('merges.searchPlaceholder')}
            onSearch={(text) => void runSearch(text)}
            loading={search.status === 'loading'}
            data-testid="merge-lead-search"
          />
          <Typography.Text type="secondary">
            {search.status === 'idle' ? t('merges.suggestionsHint') : t('merges.searchHint')}
          </Typography.Text>
          {list}
        </Space>
      )}
    </Modal>
  );
}
