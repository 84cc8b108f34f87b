import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { describeStep, formatDuration, urgencyOf } from './slaStep';
import { useNow } from './useNow';

const COLORS = { ok: 'default', near: 'warning', overdue: 'error' } as const;

interface SlaCountdownProps {
  dueAt: string | null;
  step: string | null;
  testId?: string;
}

/** Time left to the lead's next deadline step: amber when near, red once overdue. */
export function SlaCountdown({ dueAt, step, testId }: SlaCountdownProps) {
  const { t, formatDateTime } = useI18n();
  const now = useNow();
  if (!dueAt) return <span data-testid={testId}>{t('common.none')}</span>;
  const remaining = new Date(dueAt).getTime() - now;
  const urgency = urgencyOf(remaining);
  const label = step ? describeStep(step, t) : null;
  const text =
    urgency === 'overdue'
      ? t('deadline.overdueBy', { time: formatDuration(remaining) })
      : t('deadline.left', { time: formatDuration(remaining) });
  return (
    <Tooltip
      title={
        label
          ? t('deadline.tooltip', { target: label.target, action: label.action, at: formatDateTime(dueAt) })
          : formatDateTime(dueAt)
      }
    >
      <Tag
        color={COLORS[urgency]}
        data-testid={testId}
        data-urgency={urgency}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}
