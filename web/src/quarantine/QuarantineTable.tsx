import { Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { codeLabel, HELD_KIND_LOOK, payloadSummary } from './heldLook';
import type { HeldSubmission } from './quarantine.api';
import { ResolutionTag } from './ResolutionTag';

interface QuarantineTableProps {
  items: HeldSubmission[];
  loading: boolean;
  onOpen: (item: HeldSubmission) => void;
}

export function QuarantineTable({ items, loading, onOpen }: QuarantineTableProps) {
  const { t, formatDateTime } = useI18n();
  const none = t('common.none');

  const columns: TableProps<HeldSubmission>['columns'] = [
    {
      key: 'receivedAt',
      title: t('quarantine.column.receivedAt'),
      render: (_, item) => formatDateTime(item.receivedAt),
    },
    {
      key: 'kind',
      title: t('quarantine.column.kind'),
      render: (_, item) => <Tag color={HELD_KIND_LOOK[item.kind].color}>{t(HELD_KIND_LOOK[item.kind].label)}</Tag>,
    },
    {
      key: 'reason',
      title: t('quarantine.column.reason'),
      render: (_, item) => {
        const label = codeLabel(item.code);
        return (
          <Space orientation="vertical" size={0}>
            <Space size={4} wrap>
              <Typography.Text strong>{label ? t(label) : item.code}</Typography.Text>
              {item.field && <Typography.Text code>{item.field}</Typography.Text>}
            </Space>
            <Typography.Text type="secondary" ellipsis={{ tooltip: item.message }} style={{ maxWidth: 320 }}>
              {item.message}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      key: 'origin',
      title: t('quarantine.column.origin'),
      render: (_, item) => (
        <Space orientation="vertical" size={0}>
          <span>{item.source ?? none}</span>
          {item.channel && item.channel !== item.source && (
            <Typography.Text type="secondary">{item.channel}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'payload',
      title: t('quarantine.column.payload'),
      render: (_, item) => (
        <Typography.Text ellipsis style={{ maxWidth: 280 }}>
          {payloadSummary(item)}
        </Typography.Text>
      ),
    },
    { key: 'status', title: t('quarantine.column.status'), render: (_, item) => <ResolutionTag item={item} /> },
  ];

  const rowProps = (item: HeldSubmission): HTMLAttributes<HTMLElement> => ({
    onClick: (event) => {
      if ((event.target as HTMLElement).closest('a')) return;
      onOpen(item);
    },
    style: { cursor: 'pointer' },
    ...{ 'data-testid': `held-row-${item.id}` },
  });

  return (
    <Table<HeldSubmission>
      data-testid="quarantine-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      onRow={rowProps}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('quarantine.empty') }}
    />
  );
}
