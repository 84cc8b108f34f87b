import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { DuplicateKeep, DuplicateLead, DuplicatePair } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatPhone } from '../leads/formatPhone';
import { Link } from '../router/router';
import styles from './DuplicatePairCard.module.css';
import { cellDifference, COMPARE_ROWS, fieldValue, type CompareRow } from './pairCompare';
import { reasonText } from './reasonText';

export type PairJudgement = { kind: 'merge'; keep: DuplicateKeep } | { kind: 'dismiss' };

interface DuplicatePairCardProps {
  pair: DuplicatePair;
  channelNames: ReadonlyMap<string, string>;
  /** Absent when the pair is already judged (or the viewer may not judge it): no buttons then. */
  onJudge?: (pair: DuplicatePair, judgement: PairJudgement) => void;
}

const STATUS_COLOR = { open: 'processing', merged: 'success', dismissed: 'default' } as const;

function LeadHeading({ lead, label }: { lead: DuplicateLead; label: string }) {
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Link to={`/leads/${encodeURIComponent(lead.id)}`} data-testid={`duplicate-lead-link-${lead.id}`}>
        {lead.name}
      </Link>
    </Space>
  );
}

export function DuplicatePairCard({ pair, channelNames, onJudge }: DuplicatePairCardProps) {
  const { t, formatDateTime } = useI18n();
  const none = t('common.none');

  const show = (lead: DuplicateLead, row: CompareRow) => {
    const value = fieldValue(lead, row.field);
    switch (row.field) {
      case 'phone':
        return value ? formatPhone(value) : none;
      case 'channel':
        return value ? (channelNames.get(value) ?? t('duplicates.unknownChannel')) : none;
      case 'owner':
        return lead.ownerName ?? t('leads.unassigned');
      case 'created':
        return formatDateTime(lead.createdAt);
      default:
        return value ?? none;
    }
  };

  const highlight = (row: CompareRow) => {
    const difference = cellDifference(pair.lead, pair.duplicateOf, row);
    return { className: difference === 'same' ? undefined : styles[difference] };
  };

  const columns: TableProps<CompareRow>['columns'] = [
    {
      key: 'label',
      width: 110,
      render: (_, row) => <span className={styles.rowLabel}>{t(row.label)}</span>,
    },
    {
      key: 'newer',
      title: <LeadHeading lead={pair.lead} label={t('duplicates.newer')} />,
      onCell: highlight,
      render: (_, row) => show(pair.lead, row),
    },
    {
      key: 'older',
      title: <LeadHeading lead={pair.duplicateOf} label={t('duplicates.older')} />,
      onCell: highlight,
      render: (_, row) => show(pair.duplicateOf, row),
    },
  ];

  const judge = (judgement: PairJudgement) => onJudge?.(pair, judgement);

  return (
    <Card
      size="small"
      data-testid={`duplicate-pair-${pair.id}`}
      title={
        <Space size={8} wrap>
          <Typography.Text strong>{reasonText(pair.reason, pair.score, t)}</Typography.Text>
          <Tag>{pair.foundBy === 'scan' ? t('duplicates.foundBy.scan') : t('duplicates.foundBy.intake')}</Tag>
          {pair.status !== 'open' && (
            <Tag color={STATUS_COLOR[pair.status]}>{t(`duplicates.status.${pair.status}`)}</Tag>
          )}
        </Space>
      }
      extra={<Typography.Text type="secondary">{formatDateTime(pair.createdAt)}</Typography.Text>}
    >
      <Table<CompareRow>
        className={styles.compare}
        size="small"
        rowKey="field"
        pagination={false}
        columns={columns}
        dataSource={[...COMPARE_ROWS]}
        scroll={{ x: 'max-content' }}
      />
      {onJudge && (
        <>
          <Flex gap="small" wrap style={{ marginTop: 12 }}>
            <Button
              type="primary"
              onClick={() => judge({ kind: 'merge', keep: 'duplicateOf' })}
              data-testid={`duplicate-merge-${pair.id}`}
            >
              {t('duplicates.action.mergeIntoOlder')}
            </Button>
            <Button
              onClick={() => judge({ kind: 'merge', keep: 'lead' })}
              data-testid={`duplicate-keep-newer-${pair.id}`}
            >
              {t('duplicates.action.keepNewer')}
            </Button>
            <Button onClick={() => judge({ kind: 'dismiss' })} data-testid={`duplicate-dismiss-${pair.id}`}>
              {t('duplicates.action.dismiss')}
            </Button>
          </Flex>
          <Typography.Text type="secondary" className={styles.hint}>
            {t('duplicates.mergeHint')}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
