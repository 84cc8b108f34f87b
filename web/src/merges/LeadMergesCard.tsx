import { MergeOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import type { Lead, LeadMerge } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import styles from './LeadMergesCard.module.css';
import { MergeLeadModal } from './MergeLeadModal';
import { listMerges, undoMerge } from './merges.api';

interface LeadMergesCardProps {
  lead: Lead;
  /** Bumped by the page whenever the lead changed, so the list follows. */
  revision: number;
  /** A merge or an undo changed this lead, its touches and this list: the page reloads them all. */
  onChanged: () => void;
}

const leadUrl = (id: string) => `/leads/${encodeURIComponent(id)}`;

/** The leads folded into this one, newest first, each with an undo for those who may judge duplicates. */
export function LeadMergesCard({ lead, revision, onChanged }: LeadMergesCardProps) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const mayMerge = user?.role === 'admin' || user?.role === 'manager';
  const merges = useApiQuery(`merges:${lead.id}:${revision}`, (signal) => listMerges(lead.id, signal));
  const [undoingId, setUndoingId] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);

  const nameOf = (merge: LeadMerge) => merge.mergedName ?? t('merges.unnamed');

  const undo = async (merge: LeadMerge) => {
    setUndoingId(merge.id);
    try {
      const undone = await undoMerge(merge.id);
      message.success({
        content: (
          <span>
            {t('merges.undone', { name: nameOf(undone) })}{' '}
            <Link to={leadUrl(undone.mergedId)}>{t('merges.openSplit', { name: nameOf(undone) })}</Link>
          </span>
        ),
        duration: 6,
      });
      onChanged();
    } catch (error) {
      message.error(describeError(error, t));
      // A 409 means someone undid it already; either way the list should show what is true now.
      merges.reload();
    } finally {
      setUndoingId(null);
    }
  };

  const items = merges.data?.items ?? [];

  const row = (merge: LeadMerge) => (
    <Flex
      key={merge.id}
      justify="space-between"
      align="center"
      gap="small"
      wrap
      className={styles.merge}
      data-testid={`lead-merge-${merge.id}`}
    >
      <Space orientation="vertical" size={2}>
        <Space size={6} wrap>
          <Tag color={merge.kind === 'intake' ? 'blue' : 'purple'}>{t(`merges.kind.${merge.kind}`)}</Tag>
          <Typography.Text strong delete={merge.undoneAt !== null}>
            {nameOf(merge)}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary">
          {t('merges.mergedAt', { date: formatDateTime(merge.mergedAt) })}
        </Typography.Text>
      </Space>
      {merge.undoneAt ? (
        <Space size={6} wrap>
          <Tag>{t('merges.undoneAt', { date: formatDateTime(merge.undoneAt) })}</Tag>
          <Link to={leadUrl(merge.mergedId)} data-testid={`lead-merge-split-${merge.id}`}>
            {t('merges.openSplit', { name: nameOf(merge) })}
          </Link>
        </Space>
      ) : (
        mayMerge && (
          <Popconfirm
            title={t('merges.undoConfirmTitle', { name: nameOf(merge) })}
            description={<div style={{ maxWidth: 300 }}>{t('merges.undoConfirmHint', { name: nameOf(merge) })}</div>}
            okText={t('merges.undo')}
            cancelText={t('common.cancel')}
            onConfirm={() => void undo(merge)}
          >
            <Button
              size="small"
              icon={<UndoOutlined />}
              loading={undoingId === merge.id}
              data-testid={`lead-merge-undo-${merge.id}`}
            >
              {t('merges.undo')}
            </Button>
          </Popconfirm>
        )
      )}
    </Flex>
  );

  let body;
  if (merges.error !== undefined && !merges.data) {
    body = <Alert type="error" showIcon title={describeError(merges.error, t)} />;
  } else if (merges.loading && !merges.data) {
    body = <Skeleton active paragraph={{ rows: 2 }} />;
  } else if (items.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('merges.empty')} />;
  } else {
    body = <div>{items.map(row)}</div>;
  }

  return (
    <Card
      title={t('merges.title')}
      data-testid="lead-merges"
      extra={
        mayMerge && (
          <Button size="small" icon={<MergeOutlined />} onClick={() => setMerging(true)} data-testid="merge-lead-open">
            {t('merges.mergeAnother')}
          </Button>
        )
      }
    >
      {body}
      {merging && (
        <MergeLeadModal
          lead={lead}
          onClose={() => setMerging(false)}
          onMerged={() => {
            setMerging(false);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
