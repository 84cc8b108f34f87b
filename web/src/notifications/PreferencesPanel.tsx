import { App, Button, Checkbox, Form, Input, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import {
  NOTIFIED_EVENTS,
  PREFERENCE_CHANNELS,
  notificationApi,
  type PreferenceChannel,
  type Preferences,
  type QuietHours,
} from './notificationApi';

type Grid = Record<string, PreferenceChannel[]>;

/** The grid from effective preferences: each event's channels (its byEvent entry, else the general ones; none when unsubscribed). */
function gridOf(effective: Required<Preferences>): Grid {
  const subscribed = (event: string) =>
    effective.events.some(
      (pattern) =>
        pattern === '*' || pattern === event || (pattern.endsWith('.*') && event.startsWith(pattern.slice(0, -1))),
    );
  return Object.fromEntries(
    NOTIFIED_EVENTS.map((event) => [event, subscribed(event) ? (effective.byEvent[event] ?? effective.channels) : []]),
  );
}

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';

/** My preferences: events × channels, and quiet hours in my time zone. */
export function PreferencesPanel() {
  const t = useT();
  const { message } = App.useApp();
  const [grid, setGrid] = useState<Grid | null>(null);
  const [quiet, setQuiet] = useState<QuietHours | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    notificationApi.myPreferences().then(
      (body) => {
        setGrid(gridOf(body.effective));
        setQuiet(body.effective.quietHours);
      },
      (error: unknown) => void message.error(describeError(error, t)),
    );
  }, [message, t]);

  const toggle = (event: string, channel: PreferenceChannel, on: boolean) =>
    setGrid((current) => {
      if (!current) return current;
      const channels = new Set(current[event]);
      if (on) channels.add(channel);
      else channels.delete(channel);
      return { ...current, [event]: PREFERENCE_CHANNELS.filter((each) => channels.has(each)) };
    });

  const save = async () => {
    if (!grid) return;
    setSaving(true);
    try {
      // Every event is listed with its own channels, so the grid says exactly what is saved.
      const events = NOTIFIED_EVENTS.filter((event) => grid[event]!.length > 0);
      const body: Preferences = {
        events: [...events],
        channels: [],
        byEvent: Object.fromEntries(events.map((event) => [event, grid[event]!])),
        quietHours: quiet,
      };
      await notificationApi.saveMyPreferences(body);
      void message.success(t('notificationSettings.saved'));
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  if (!grid) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Table
        rowKey="event"
        size="small"
        pagination={false}
        dataSource={NOTIFIED_EVENTS.map((event) => ({ event }))}
        data-testid="preference-grid"
        columns={[
          {
            title: t('notificationSettings.events'),
            dataIndex: 'event',
            render: (event: string) => t(`notifications.type.${event}` as MessageKey),
          },
          ...PREFERENCE_CHANNELS.map((channel) => ({
            title: t(`notificationSettings.channel.${channel}`),
            key: channel,
            render: (_: unknown, row: { event: string }) => (
              <Checkbox
                checked={grid[row.event]!.includes(channel)}
                onChange={(change) => toggle(row.event, channel, change.target.checked)}
              />
            ),
          })),
        ]}
      />
      <Form layout="inline">
        <Form.Item label={t('notificationSettings.quietHours')}>
          <Switch
            checked={quiet !== null}
            onChange={(on) => setQuiet(on ? { start: '22:00', end: '08:00', timeZone: zone() } : null)}
          />
        </Form.Item>
        {quiet && (
          <>
            <Form.Item label={t('notificationSettings.quietFrom')}>
              <Input
                type="time"
                value={quiet.start}
                onChange={(event) => event.target.value && setQuiet({ ...quiet, start: event.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('notificationSettings.quietTo')}>
              <Input
                type="time"
                value={quiet.end}
                onChange={(event) => event.target.value && setQuiet({ ...quiet, end: event.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('notificationSettings.timeZone')}>
              <Input
                value={quiet.timeZone}
                onChange={(event) => setQuiet({ ...quiet, timeZone: event.target.value })}
              />
            </Form.Item>
          </>
        )}
      </Form>
      <Typography.Text type="secondary">{t('notificationSettings.quietHint')}</Typography.Text>
      <Button type="primary" loading={saving} onClick={() => void save()} data-testid="save-preferences">
        {t('notificationSettings.save')}
      </Button>
    </Space>
  );
}
