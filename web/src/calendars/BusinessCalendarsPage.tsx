import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { deleteCalendar, listCalendars, setDefaultCalendar } from './calendars.api';
import { CALENDAR_WEEKDAYS, type BusinessCalendar } from './calendars.types';
import { CalendarFormModal } from './CalendarFormModal';

/** Business-hours calendars: deadlines count business time in the owner's, the team's or the default one. */
export function BusinessCalendarsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const calendars = useApiQuery('business-calendars', listCalendars);
  const [editing, setEditing] = useState<BusinessCalendar | 'new' | null>(null);

  if (isApiError(calendars.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      calendars.reload();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  const workdays = (calendar: BusinessCalendar) =>
    CALENDAR_WEEKDAYS.filter((day) => (calendar.weekly[day]?.length ?? 0) > 0)
      .map((day) => t(`routing.weekday.${day}`))
      .join(' ');

  const columns: TableColumnsType<BusinessCalendar> = [
    { title: t('calendars.name'), dataIndex: 'name', key: 'name' },
    { title: t('calendars.timeZone'), dataIndex: 'timeZone', key: 'timeZone' },
    { title: t('calendars.weekly'), key: 'weekly', render: (_, calendar) => workdays(calendar) },
    {
      title: t('calendars.holidays'),
      key: 'days',
      render: (_, calendar) =>
        t('calendars.dayCounts', { holidays: calendar.holidays.length, makeUp: calendar.makeUpWorkdays.length }),
    },
    {
      title: t('calendars.usedBy'),
      key: 'usedBy',
      render: (_, calendar) => (
        <Space size={4} wrap>
          {calendar.usedBy.workspaceDefault && <Tag color="blue">{t('calendars.default')}</Tag>}
          {t('calendars.usedByCounts', { teams: calendar.usedBy.teams, users: calendar.usedBy.users })}
        </Space>
      ),
    },
    ...(isAdmin
      ? [
          {
            title: t('calendars.actions'),
            key: 'actions',
            render: (_: unknown, calendar: BusinessCalendar) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => setEditing(calendar)}
                  data-testid={`calendar-edit-${calendar.name}`}
                >
                  {t('calendars.edit')}
                </Button>
                <Popconfirm
                  title={t('calendars.deleteConfirm')}
                  onConfirm={() => run(() => deleteCalendar(calendar.id), t('calendars.deleted'))}
                >
                  <Button size="small" danger>
                    {t('calendars.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const items = calendars.data?.items ?? [];
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('calendars.title')}
        </Typography.Title>
        {isAdmin && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="calendar-create"
          >
            {t('calendars.create')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('calendars.intro')}
      </Typography.Paragraph>
      {calendars.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(calendars.error, t)}
          action={<Button onClick={calendars.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Flex align="center" gap="small" wrap>
        <Typography.Text>{t('calendars.workspaceDefault')}</Typography.Text>
        <Select
          value={calendars.data?.defaultCalendarId ?? ''}
          disabled={!isAdmin || calendars.loading}
          onChange={(id: string) => run(() => setDefaultCalendar(id || null), t('calendars.saved'))}
          options={[
            { value: '', label: t('calendars.aroundTheClock') },
            ...items.map((calendar) => ({ value: calendar.id, label: calendar.name })),
          ]}
          style={{ width: 260 }}
          data-testid="calendar-default"
        />
      </Flex>
      <Card size="small">
        <Table
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={calendars.loading}
          pagination={false}
          locale={{ emptyText: t('calendars.empty') }}
        />
      </Card>
      <CalendarFormModal
        open={editing !== null}
        calendar={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          calendars.reload();
        }}
      />
    </Flex>
  );
}
