import { App, Button, Checkbox, Form, Input, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import {
  NOTIFIED_EVENTS,
  PREFERENCE_CHANNELS,
  type PreferenceChannel,
  type Preferences,
  type QuietHours,
} from './notificationApi';

type Grid = Record<string, PreferenceChannel[]>;

const matches = (pattern: string, event: string) =>
  pattern === '*' || pattern === event || (pattern.endsWith('.*') && event.startsWith(pattern.slice(0, -1)));

/** An event's channels as the server picks them: the most specific byEvent entry (exact, longest `prefix.*`, `*`), else the general ones. */
function channelsFor(preferences: Required<Preferences>, event: string): PreferenceChannel[] {
  let best: { rank: number; channels: PreferenceChannel[] } | null = null;
  for (const [pattern, channels] of Object.entries(preferences.byEvent)) {
    if (!matches(pattern, event)) continue;
    const rank = pattern === event ? Number.MAX_SAFE_INTEGER : pattern === '*' ? 0 : pattern.length;
    if (best === null || rank > best.rank) best = { rank, channels };
  }
  return best ? best.channels : preferences.channels;
}

/** The grid from effective preferences: each event's channels, none when unsubscribed. */
function gridOf(effective: Required<Preferences>): Grid {
  return Object.fromEntries(
    NOTIFIED_EVENTS.map((event) => [
      event,
      effective.events.some((pattern) => matches(pattern, event)) ? channelsFor(effective, event) : [],
    ]),
  );
}

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';

/**
 * Events × channels and quiet hours, for a person or a team. `load` gives the preferences the grid
 * starts from; `save` gets them back in full, every event listed with its own channels, so the grid
 * says exactly what is saved.
 */
export function PreferenceEditor({
  load,
  save,
  testId,
}: {
  load: () => Promise<Required<Preferences>>;
  save: (body: Required<Preferences>) => Promise<unknown>;
  testId: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [grid, setGrid] = useState<Grid | null>(null);
  const [quiet, setQuiet] = useState<QuietHours | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    load().then(
      (preferences) => {
        setGrid(gridOf(preferences));
        setQuiet(preferences.quietHours);
      },
      (error: unknown) => void message.error(describeError(error, t)),
    );
  }, [load, message, t]);

  const toggle = (event: string, channel: PreferenceChannel, on: boolean) =>
    setGrid((current) => {
      if (!current) return current;
      const channels = new Set(current[event]);
      if (on) channels.add(channel);
      else channels.delete(channel);
      return { ...current, [event]: PREFERENCE_CHANNELS.filter((each) => channels.has(each)) };
    });

  const submit = async () => {
    if (!grid) return;
    setSaving(true);
    try {
      const events = NOTIFIED_EVENTS.filter((event) => grid[event]!.length > 0);
      await save({
        events: [...events],
        channels: [],
        byEvent: Object.fromEntries(events.map((event) => [event, grid[event]!])),
        quietHours: quiet,
      });
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
        data-testid={`${testId}-grid`}
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
      <Button type="primary" loading={saving} onClick={() => void submit()} data-testid={`save-${testId}`}>
        {t('notificationSettings.save')}
      </Button>
    </Space>
  );
}
