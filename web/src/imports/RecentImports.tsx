import { Alert, Button, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { errorFileUrl, listImports } from './imports.api';
import type { ImportJob, ImportStatus } from './imports.types';

const statusColor: Record<ImportStatus, string> = { running: 'processing', done: 'success', failed: 'error' };

/** The workspace's latest imports; refreshed when `version` changes and while one is running. */
export function RecentImports({ version }: { version: number }) {
  const { t, locale, formatDateTime } = useI18n();
  const imports = useApiQuery(`imports-${version}`, listImports);
  const items = imports.data?.items ?? [];
  const anyRunning = items.some((job) => job.status === 'running');
  const { reload } = imports;

  useEffect(() => {
    if (!anyRunning) return;
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [anyRunning, reload, imports.data]);

  if (imports.error !== undefined) {
    return <Alert type="error" showIcon title={describeError(imports.error, t)} />;
  }
  return (
    <Table<ImportJob>
      size="small"
      rowKey="id"
      pagination={false}
      loading={imports.loading && !imports.data}
      dataSource={items}
      locale={{ emptyText: t('imports.recent.empty') }}
      data-testid="recent-imports"
      columns={[
        { title: t('imports.recent.file'), dataIndex: 'fileName', ellipsis: true },
        {
          title: t('imports.recent.status'),
          dataIndex: 'status',
          width: 110,
          render: (status: ImportStatus, job) => (
            <Tag color={statusColor[status]} title={job.error ?? undefined}>
              {t(`imports.status.${status}`)}
            </Tag>
          ),
        },
        {
          title: t('imports.recent.result'),
          key: 'result',
          render: (_, job) => (
            <Typography.Text>
              {job.created} / {job.merged} / {job.quarantined} / {job.rejected}
              {job.status === 'running' && job.total > 0 && (
                <Typography.Text type="secondary"> ({Math.floor((job.processed * 100) / job.total)}%)</Typography.Text>
              )}
            </Typography.Text>
          ),
        },
        {
          title: t('imports.recent.createdAt'),
          dataIndex: 'createdAt',
          width: 180,
          render: (createdAt: string) => formatDateTime(createdAt),
        },
        {
          key: 'errors',
          width: 160,
          render: (_, job) =>
            job.rejected + job.quarantined > 0 ? (
              <Button type="link" size="small" href={errorFileUrl(job.id, locale)}>
                {t('imports.errorFile')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
