import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import {
  CHANNEL_KINDS,
  NOTIFIED_EVENTS,
  notificationApi,
  type ChannelKind,
  type NotificationChannel,
  type TeamOption,
} from './notificationApi';

interface ChannelForm {
  name: string;
  kind: ChannelKind;
  url?: string;
  secret?: string;
  to?: string;
  events: string[];
  teamId?: string | null;
}

/** The form's flat fields from a stored channel (its secret arrives masked, and goes back so to keep it). */
function formOf(channel: NotificationChannel): ChannelForm {
  const config = channel.config as { url?: string; secret?: string; to?: string[] };
  return {
    name: channel.name,
    kind: channel.kind,
    url: config.url,
    secret: config.secret,
    to: (config.to ?? []).join(', '),
    events: channel.events,
    teamId: channel.teamId,
  };
}

/** The config the API expects for a kind, from the form's flat fields. */
function configOf(values: ChannelForm): Record<string, unknown> {
  if (values.kind === 'email') {
    const to = (values.to ?? '').split(/[\s,;]+/).filter(Boolean);
    return { kind: 'email', to };
  }
  const config: Record<string, unknown> = { kind: values.kind, url: values.url };
  if (values.secret && values.kind !== 'wecom') config.secret = values.secret;
  return config;
}

/** Robots, webhooks and e-mail lists: add, edit, switch on and off, test, remove. */
export function ChannelsPanel({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [channels, setChannels] = useState<NotificationChannel[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  /** The channel being edited, or null when the form adds one. */
  const [editing, setEditing] = useState<NotificationChannel | null>(null);
  const [teams, setTeams] = useState<TeamOption[]>([]);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);
  const [form] = Form.useForm<ChannelForm>();
  const kind = Form.useWatch('kind', form);

  const fetchChannels = useCallback(() => {
    notificationApi
      .channels()
      .then(
        (body) => setChannels(body.items),
        (error: unknown) => void message.error(describeError(error, t)),
      )
      .finally(() => setLoading(false));
  }, [message, t]);
  useEffect(fetchChannels, [fetchChannels]);
  useEffect(() => {
    notificationApi.teams().then(
      (body) => setTeams(body.items),
      () => setTeams([]),
    );
  }, []);
  const open = (channel: NotificationChannel | null) => {
    setEditing(channel);
    form.resetFields();
    if (channel) form.setFieldsValue(formOf(channel));
    setAdding(true);
  };
  const maskedSecret = editing ? (editing.config as { secret?: string }).secret : undefined;
  const reload = () => {
    setLoading(true);
    fetchChannels();
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body = {
        name: values.name,
        config: configOf(values),
        events: values.events,
        teamId: values.teamId ?? null,
      };
      if (editing) await notificationApi.updateChannel(editing.id, body);
      else await notificationApi.createChannel(body);
      setAdding(false);
      setEditing(null);
      onChanged();
      form.resetFields();
      reload();
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  const test = async (channel: NotificationChannel) => {
    setTesting(channel.id);
    try {
      const delivery = await notificationApi.testChannel(channel.id);
      if (delivery.status === 'sent') void message.success(t('notificationSettings.testSent'));
      else void message.error(t('notificationSettings.testFailed', { error: delivery.lastError ?? '' }));
      onChanged();
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setTesting(null);
    }
  };

  const act = async (work: Promise<unknown>) => {
    try {
      await work;
      reload();
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => open(null)} data-testid="add-notification-channel">
        {t('notificationSettings.add')}
      </Button>
      <Table
        rowKey="id"
        loading={loading}
        dataSource={channels}
        pagination={false}
        columns={[
          { title: t('notificationSettings.name'), dataIndex: 'name' },
          {
            title: t('notificationSettings.kind'),
            dataIndex: 'kind',
            render: (value: ChannelKind) => t(`notificationSettings.kind.${value}`),
          },
          {
            title: t('notificationSettings.events'),
            dataIndex: 'events',
            render: (events: string[]) => events.map((event) => <Tag key={event}>{event}</Tag>),
          },
          {
            title: t('notificationSettings.team'),
            dataIndex: 'teamId',
            render: (teamId: string | null) =>
              teamId ? (teams.find((team) => team.id === teamId)?.name ?? teamId) : t('notificationSettings.allTeams'),
          },
          {
            title: t('notificationSettings.active'),
            dataIndex: 'active',
            render: (active: boolean, channel) => (
              <Switch
                checked={active}
                size="small"
                onChange={(checked) => void act(notificationApi.updateChannel(channel.id, { active: checked }))}
              />
            ),
          },
          {
            key: 'actions',
            render: (_, channel) => (
              <Space>
                <Button size="small" onClick={() => open(channel)} data-testid={`edit-channel-${channel.id}`}>
                  {t('notificationSettings.edit')}
                </Button>
                <Button size="small" loading={testing === channel.id} onClick={() => void test(channel)}>
                  {t('notificationSettings.test')}
                </Button>
                <Popconfirm
                  title={t('notificationSettings.deleteConfirm')}
                  onConfirm={() => void act(notificationApi.deleteChannel(channel.id))}
                >
                  <Button size="small" danger>
                    {t('notificationSettings.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={t(editing ? 'notificationSettings.editTitle' : 'notificationSettings.add')}
        open={adding}
        onCancel={() => {
          setAdding(false);
          setEditing(null);
        }}
        onOk={() => void save()}
        confirmLoading={saving}
        okText={t('notificationSettings.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'wecom', events: ['lead.*'] }}>
          <Form.Item name="name" label={t('notificationSettings.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t('notificationSettings.kind')}>
            <Select
              options={CHANNEL_KINDS.map((value) => ({ value, label: t(`notificationSettings.kind.${value}`) }))}
            />
          </Form.Item>
          {kind === 'email' ? (
            <Form.Item name="to" label={t('notificationSettings.recipients')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} placeholder="sales@example.cn, boss@example.cn" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="url" label={t('notificationSettings.url')} rules={[{ required: true, type: 'url' }]}>
                <Input placeholder="https://" />
              </Form.Item>
              {kind !== 'wecom' && (
                <Form.Item
                  name="secret"
                  label={t('notificationSettings.secret')}
                  extra={
                    maskedSecret
                      ? t('notificationSettings.secretKeep')
                      : t(`notificationSettings.secretHint.${kind === 'webhook' ? 'webhook' : 'robot'}`)
                  }
                  rules={[
                    { required: kind === 'webhook' },
                    {
                      // The masked secret shown back is short; the server keeps the stored one for it.
                      validator: (_, value?: string) =>
                        kind === 'webhook' && value && value !== maskedSecret && value.length < 16
                          ? Promise.reject(new Error(t('notificationSettings.secretHint.webhook')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <Input.Password />
                </Form.Item>
              )}
            </>
          )}
          <Form.Item name="events" label={t('notificationSettings.events')}>
            <Select
              mode="tags"
              options={['*', 'lead.*', ...NOTIFIED_EVENTS].map((value) => ({ value, label: value }))}
            />
          </Form.Item>
          <Form.Item name="teamId" label={t('notificationSettings.team')}>
            <Select
              allowClear
              placeholder={t('notificationSettings.allTeams')}
              options={teams.map((team) => ({ value: team.id, label: team.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
