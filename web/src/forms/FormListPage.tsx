import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { Link, navigate } from '../router/router';
import { listChannels, listForms } from './forms.api';
import type { HostedForm } from './forms.types';

export function FormListPage() {
  const { t, formatDateTime } = useI18n();
  const forms = useApiQuery('forms', listForms);
  // Channel names are a convenience: without them the column shows a dash.
  const channels = useApiQuery('channels', (signal) => listChannels(signal).catch(() => ({ items: [] })));
  const channelName = new Map((channels.data?.items ?? []).map((channel) => [channel.id, channel.name]));

  if (isApiError(forms.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  const columns: TableProps<HostedForm>['columns'] = [
    {
      key: 'name',
      title: t('forms.column.name'),
      render: (_, form) => (
        <Link to={`/forms/${encodeURIComponent(form.id)}`} data-testid={`form-row-${form.id}`}>
          {form.name}
        </Link>
      ),
    },
    {
      key: 'address',
      title: t('forms.column.address'),
      render: (_, form) => (
        <Typography.Link href={form.publicPath} target="_blank" rel="noopener" code>
          {form.publicPath}
        </Typography.Link>
      ),
    },
    {
      key: 'channel',
      title: t('forms.column.channel'),
      render: (_, form) => (form.channelId ? (channelName.get(form.channelId) ?? t('common.none')) : t('common.none')),
    },
    { key: 'campaign', title: t('forms.column.campaign'), render: (_, form) => form.campaign ?? t('common.none') },
    {
      key: 'active',
      title: t('forms.column.status'),
      render: (_, form) =>
        form.active ? <Tag color="green">{t('forms.active')}</Tag> : <Tag>{t('forms.inactive')}</Tag>,
    },
    { key: 'updatedAt', title: t('forms.column.updatedAt'), render: (_, form) => formatDateTime(form.updatedAt) },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('forms.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/forms/new')} data-testid="create-form">
          {t('forms.create')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('forms.intro')}
      </Typography.Paragraph>
      {forms.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(forms.error, t)}
          action={<Button onClick={forms.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Card size="small">
        <Table<HostedForm>
          rowKey="id"
          columns={columns}
          dataSource={forms.data?.items ?? []}
          loading={forms.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('forms.empty') }}
          data-testid="form-table"
        />
      </Card>
    </Flex>
  );
}
