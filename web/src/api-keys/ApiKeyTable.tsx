import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ApiKey } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { scopeLabelKey } from './apiKeyScopes';

interface ApiKeyTableProps {
  apiKeys: ApiKey[];
  loading: boolean;
  revokingId: string | null;
  onRevoke: (apiKey: ApiKey) => Promise<void>;
}

export function ApiKeyTable({ apiKeys, loading, revokingId, onRevoke }: ApiKeyTableProps) {
  const { t, formatDateTime } = useI18n();

  const columns: TableProps<ApiKey>['columns'] = [
    { key: 'name', title: t('apiKeys.column.name'), dataIndex: 'name' },
    {
      key: 'channel',
      title: t('apiKeys.column.channel'),
      render: (_, apiKey) => apiKey.channel ?? t('common.none'),
    },
    {
      key: 'scopes',
      title: t('apiKeys.column.scopes'),
      render: (_, apiKey) => (
        <Space size={4} wrap>
          {apiKey.scopes.map((scope) => {
            const labelKey = scopeLabelKey(scope);
            return (
              <Tag key={scope} color={scope === 'full' ? 'volcano' : 'geekblue'} title={scope}>
                {labelKey ? t(labelKey) : scope}
              </Tag>
            );
          })}
        </Space>
      ),
    },
    {
      key: 'prefix',
      title: t('apiKeys.column.prefix'),
      render: (_, apiKey) => <Typography.Text code>{`${apiKey.prefix}…`}</Typography.Text>,
    },
    {
      key: 'createdAt',
      title: t('apiKeys.column.createdAt'),
      render: (_, apiKey) => formatDateTime(apiKey.createdAt),
    },
    {
      key: 'lastUsedAt',
      title: t('apiKeys.column.lastUsedAt'),
      render: (_, apiKey) =>
        apiKey.lastUsedAt ? (
          formatDateTime(apiKey.lastUsedAt)
        ) : (
          <Typography.Text type="secondary">{t('apiKeys.neverUsed')}</Typography.Text>
        ),
    },
    {
      key: 'revokedAt',
      title: t('apiKeys.column.revokedAt'),
      render: (_, apiKey) =>
        apiKey.revokedAt ? (
          <Tag>{t('apiKeys.revokedOn', { date: formatDateTime(apiKey.revokedAt) })}</Tag>
        ) : (
          <Tag color="success">{t('apiKeys.active')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('apiKeys.column.actions'),
      render: (_, apiKey) =>
        apiKey.revokedAt ? null : (
          <Popconfirm
            title={t('apiKeys.revokeConfirmTitle', { name: apiKey.name })}
            description={<div style={{ maxWidth: 280 }}>{t('apiKeys.revokeConfirmHint')}</div>}
            okText={t('apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => {
              void onRevoke(apiKey);
            }}
          >
            <Button
              danger
              type="link"
              size="small"
              loading={revokingId === apiKey.id}
              data-testid={`revoke-api-key-${apiKey.id}`}
            >
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Table<ApiKey>
      data-testid="api-key-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={apiKeys}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(apiKey) => (apiKey.revokedAt ? 'clew-row-muted' : '')}
      locale={{ emptyText: t('apiKeys.empty') }}
    />
  );
}
