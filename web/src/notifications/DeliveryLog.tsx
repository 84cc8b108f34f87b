import { App, Button, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useI18n } from '../i18n/I18nProvider';
import { notificationApi, type Delivery } from './notificationApi';

const statusColour: Record<Delivery['status'], string> = {
  pending: 'processing',
  sent: 'success',
  failed: 'warning',
  dead: 'error',
};

/** The outbound delivery log, newest first. `version` changes when a test send added a row. */
export function DeliveryLog({ version }: { version: number }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Delivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    (more: string | null) => {
      notificationApi
        .deliveries(more)
        .then(
          (page) => {
            setRows((current) => (more ? [...current, ...page.items] : page.items));
            setCursor(page.nextCursor);
          },
          (error: unknown) => void message.error(describeError(error, t)),
        )
        .finally(() => setLoading(false));
    },
    [message, t],
  );
  useEffect(() => load(null), [load, version]);

  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        data-testid="delivery-log"
        columns={[
          {
            title: t('notificationSettings.log.at'),
            dataIndex: 'createdAt',
            render: (value: string) => formatDateTime(value),
          },
          { title: t('notificationSettings.log.event'), dataIndex: 'event' },
          {
            title: t('notificationSettings.log.channel'),
            key: 'channel',
            render: (_: unknown, row: Delivery) =>
              row.channelId === null ? t('notificationSettings.log.personal', { to: row.recipient ?? '' }) : null,
          },
          {
            title: t('notificationSettings.log.status'),
            dataIndex: 'status',
            render: (status: Delivery['status']) => (
              <Tag color={statusColour[status]}>{t(`notificationSettings.status.${status}`)}</Tag>
            ),
          },
          { title: t('notificationSettings.log.attempts'), dataIndex: 'attempts' },
          { title: t('notificationSettings.log.code'), dataIndex: 'responseCode' },
          { title: t('notificationSettings.log.error'), dataIndex: 'lastError' },
        ]}
      />
      {cursor && (
        <Button
          block
          onClick={() => {
            setLoading(true);
            load(cursor);
          }}
          loading={loading}
        >
          {t('notifications.more')}
        </Button>
      )}
    </>
  );
}
