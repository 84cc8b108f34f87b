import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Empty, List, Segmented, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { navigate } from '../router/router';
import { notificationApi, type NotificationItem } from './notificationApi';
import { useNotificationEvent } from './notificationEvents';

const typeKeys: Record<string, MessageKey> = {
  'lead.assigned': 'notifications.type.lead.assigned',
  'lead.touched': 'notifications.type.lead.touched',
  'lead.urgent': 'notifications.type.lead.urgent',
  'lead.flagged': 'notifications.type.lead.flagged',
  'lead.deadline': 'notifications.type.lead.deadline',
  'lead.pool': 'notifications.type.lead.pool',
};

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** The header's bell: the unread count, live on server events, and a drawer with the list. */
export function NotificationBell() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [onlyUnread, setOnlyUnread] = useState(true);
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const refreshCount = useCallback(() => {
    notificationApi.unreadCount().then(
      (body) => setUnread(body.unread),
      () => {},
    );
  }, []);

  // Callers set `loading` first; the request's answer clears it.
  const load = useCallback(
    (more: string | null, unreadOnly: boolean) => {
      notificationApi
        .list({ unread: unreadOnly ? true : undefined, cursor: more })
        .then(
          (page) => {
            setItems((current) => (more ? [...current, ...page.items] : page.items));
            setCursor(page.nextCursor);
          },
          (error: unknown) => void message.error(describeError(error, t)),
        )
        .finally(() => setLoading(false));
    },
    [message, t],
  );
  const reload = (more: string | null = null, unreadOnly = onlyUnread) => {
    setLoading(true);
    load(more, unreadOnly);
  };

  useEffect(refreshCount, [refreshCount]);
  useNotificationEvent(() => {
    refreshCount();
    if (open) reload();
  });

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      const result = await notificationApi.markRead(body);
      setUnread(result.unread);
      const now = new Date().toISOString();
      const ids = 'ids' in body ? new Set(body.ids) : null;
      setItems((current) =>
        current.map((item) => (ids === null || ids.has(item.id) ? { ...item, readAt: item.readAt ?? now } : item)),
      );
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  const openItem = (item: NotificationItem) => {
    if (!item.readAt) void markRead({ ids: [item.id] });
    if (item.leadId) {
      setOpen(false);
      navigate(`/leads/${encodeURIComponent(item.leadId)}`);
    }
  };

  return (
    <>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          onClick={() => {
            setOpen(true);
            reload();
          }}
          aria-label={t('notifications.bell')}
          title={t('notifications.bell')}
          data-testid="notification-bell"
        />
      </Badge>
      <Drawer
        title={t('notifications.title')}
        open={open}
        onClose={() => setOpen(false)}
        width={400}
        extra={
          <Button size="small" disabled={unread === 0} onClick={() => void markRead({ all: true })}>
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(value) => {
              setOnlyUnread(value === 'unread');
              reload(null, value === 'unread');
            }}
            options={[
              { value: 'unread', label: t('notifications.filter.unread') },
              { value: 'all', label: t('notifications.filter.all') },
            ]}
          />
          <List
            loading={loading}
            dataSource={items}
            locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
            data-testid="notification-list"
            renderItem={(item) => (
              <List.Item
                onClick={() => openItem(item)}
                style={{ cursor: 'pointer', opacity: item.readAt ? 0.6 : 1 }}
                actions={
                  item.readAt
                    ? []
                    : [
                        <Button
                          key="read"
                          size="small"
                          type="link"
                          onClick={(event) => {
                            event.stopPropagation();
                            void markRead({ ids: [item.id] });
                          }}
                        >
                          {t('notifications.markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Typography.Text strong={!item.readAt}>
                      {typeKeys[item.type] ? t(typeKeys[item.type]!) : item.type}
                    </Typography.Text>
                  }
                  description={
                    <>
                      <div>{[text(item.data.name), text(item.data.company)].filter(Boolean).join(' · ')}</div>
                      <Typography.Text type="secondary">{formatDateTime(item.createdAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {cursor && (
            <Button block onClick={() => reload(cursor)} loading={loading}>
              {t('notifications.more')}
            </Button>
          )}
        </Space>
      </Drawer>
    </>
  );
}
