import { Alert, Flex, Progress, Typography } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { getScoringJob } from './scoring.api';
import type { ScoringJob } from './scoring.types';

const POLL_MS = 500;

const finished = (job: ScoringJob) => job.status === 'done' || job.status === 'failed';

/** Follows a background rescore until it is done (or failed), from the job the server returned. */
export function RescoreProgress({
  initial,
  onFinished,
}: {
  initial: ScoringJob;
  onFinished?: (job: ScoringJob) => void;
}) {
  const t = useT();
  const [job, setJob] = useState<ScoringJob>(initial);
  const [error, setError] = useState<unknown>(null);
  const notify = useEffectEvent((done: ScoringJob) => onFinished?.(done));

  useEffect(() => {
    if (finished(initial)) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await getScoringJob(initial.id, controller.signal);
        setJob(next);
        setError(null);
        if (finished(next)) notify(next);
        else timer = setTimeout(() => void poll(), POLL_MS);
      } catch (caught) {
        if (controller.signal.aborted) return;
        // A blip must not end the watch: try again a little later.
        setError(caught);
        timer = setTimeout(() => void poll(), POLL_MS * 4);
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [initial]);

  const percent =
    job.status === 'done' ? 100 : job.total > 0 ? Math.min(100, Math.floor((job.processed * 100) / job.total)) : 0;
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active';
  let text;
  if (job.status === 'done') text = t('scoring.rescore.done', { total: job.total });
  else if (job.status === 'failed') text = t('scoring.rescore.failed');
  else if (job.status === 'queued') text = t('scoring.rescore.queued');
  else text = t('scoring.rescore.running', { processed: job.processed, total: job.total });

  return (
    <Flex vertical gap={4} data-testid="scoring-rescore" data-status={job.status} data-percent={percent}>
      <Progress percent={percent} status={status} size="small" />
      <Typography.Text type="secondary">{text}</Typography.Text>
      {job.error && <Alert type="error" showIcon title={job.error} />}
      {error !== null && <Alert type="warning" showIcon title={describeError(error, t)} />}
    </Flex>
  );
}
