import { ReloadOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Result, Segmented, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import type { DuplicateStatus } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { navigate, useLocation } from '../router/router';
import { DedupeSettingsCard } from './DedupeSettingsCard';
import { DuplicatePairCard } from './DuplicatePairCard';
import styles from './DuplicatePairCard.module.css';
import { listChannels, scanDuplicates } from './duplicates.api';
import { useDuplicateQueue } from './useDuplicateQueue';

const STATUSES: readonly DuplicateStatus[] = ['open', 'merged', 'dismissed'];

function statusFrom(value: string | null): DuplicateStatus {
  return STATUSES.find((status) => status === value) ?? 'open';
}

function Legend() {
  const t = useT();
  return (
    <Space size="middle" wrap>
      <Typography.Text type="secondary">
        <span className={`${styles.legendSwatch} ${styles.differs}`} />
        {t('duplicates.legend.differs')}
      </Typography.Text>
      <Typography.Text type="secondary">
        <span className={`${styles.legendSwatch} ${styles.oneMissing}`} />
        {t('duplicates.legend.oneMissing')}
      </Typography.Text>
    </Space>
  );
}

export function DuplicatesPage() {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const { searchParams } = useLocation();
  // The status lives in the address, so "back" from a lead returns to the same tab.
  const status = statusFrom(searchParams.get('status'));
  const queue = useDuplicateQueue(status);
  const channels = useApiQuery('channels', listChannels);
  const channelNames = useMemo(
    () => new Map((channels.data?.items ?? []).map((channel) => [channel.id, channel.name])),
    [channels.data],
  );
  const [scanning, setScanning] = useState(false);
  const [lastScan, setLastScan] = useState<number | null>(null);

  const scan = async () => {
    setScanning(true);
    try {
      const { proposed } = await scanDuplicates();
      setLastScan(proposed);
      if (status === 'open') queue.reload();
      else navigate('/duplicates');
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setScanning(false);
    }
  };

  if (isApiError(queue.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('duplicates.title')}
        </Typography.Title>
        {isAdmin && (
          <Space wrap>
            {lastScan !== null && (
              <Typography.Text type="secondary" data-testid="duplicates-scan-result">
                {lastScan === 0 ? t('duplicates.scan.none') : t('duplicates.scan.proposed', { count: lastScan })}
              </Typography.Text>
            )}
            <Button
              icon={<ScanOutlined />}
              loading={scanning}
              onClick={() => void scan()}
              data-testid="duplicates-scan"
            >
              {t('duplicates.scan.button')}
            </Button>
          </Space>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('duplicates.intro')}
      </Typography.Paragraph>
      {isAdmin && <DedupeSettingsCard />}
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <Segmented<DuplicateStatus>
          value={status}
          onChange={(next) =>
            navigate(next === 'open' ? '/duplicates' : `/duplicates?status=${next}`, { replace: true })
          }
          options={STATUSES.map((value) => ({ value, label: t(`duplicates.status.${value}`) }))}
          data-testid="duplicates-status"
        />
        <Space wrap>
          <Legend />
          <Button icon={<ReloadOutlined />} onClick={queue.reload} aria-label={t('duplicates.refresh')} />
        </Space>
      </Flex>
      {queue.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={describeError(queue.error, t)}
          action={<Button onClick={queue.reload}>{t('common.retry')}</Button>}
        />
      )}
      <Spin spinning={queue.loading}>
        {queue.items.length === 0 ? (
          queue.loading ? (
            <div style={{ minHeight: 120 }} />
          ) : (
            <Empty description={t(`duplicates.empty.${status}`)} data-testid="duplicates-empty" />
          )
        ) : (
          <Flex vertical gap="middle" data-testid="duplicates-list">
            {queue.items.map((pair) => (
              <DuplicatePairCard
                key={pair.id}
                pair={pair}
                channelNames={channelNames}
                onJudge={
                  pair.status === 'open' ? (judged, judgement) => void queue.judge(judged, judgement) : undefined
                }
              />
            ))}
          </Flex>
        )}
      </Spin>
    </Flex>
  );
}
