import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { getImport } from './imports.api';
import type { ImportJob, StartedImport } from './imports.types';
import { ImportSummary } from './ImportSummary';

const POLL_MS = 500;

/** Polls the import until it is done or failed, then shows what became of the rows. */
export function ImportProgress({
  started,
  onSettled,
  onAgain,
}: {
  started: StartedImport;
  onSettled: () => void;
  onAgain: () => void;
}) {
  const t = useT();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const settled = useEffectEvent(onSettled);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await getImport(started.id, controller.signal);
        setJob(next);
        setError(null);
        if (next.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
        else settled();
      } catch (caught) {
        if (controller.signal.aborted) return;
        // A blip (a restart, the network) must not end the watch: try again a little later.
        setError(caught);
        timer = setTimeout(() => void poll(), POLL_MS * 4);
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [started.id]);

  const percent =
    job?.status === 'done' ? 100 : job && job.total > 0 ? Math.floor((job.processed * 100) / job.total) : 0;
  const progressStatus = job?.status === 'failed' ? 'exception' : job?.status === 'done' ? 'success' : 'active';
  return (
    <Flex vertical gap="middle" data-testid="import-progress" data-percent={percent} data-status={job?.status}>
      <Progress percent={percent} status={progressStatus} />
      <Typography.Text type="secondary">
        {job?.status === 'done'
          ? t('imports.progress.done')
          : job?.status === 'failed'
            ? t('imports.progress.failed')
            : job && job.total > 0
              ? t('imports.progress.rows', { processed: job.processed, total: job.total })
              : t('imports.progress.counting')}
      </Typography.Text>
      {error !== null && <Alert type="warning" showIcon title={describeError(error, t)} />}
      {started.replayOf && <Alert type="info" showIcon title={t('imports.progress.replay')} />}
      {job?.status === 'failed' && job.error && <Alert type="error" showIcon title={job.error} />}
      {job && job.status !== 'running' && <ImportSummary job={job} />}
      {job && job.status !== 'running' && (
        <Flex justify="flex-end">
          <Button type="primary" onClick={onAgain} data-testid="import-again">
            {t('imports.again')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
