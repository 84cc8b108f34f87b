import { Timeline, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { Assignment } from './routing.types';

/** Every time the lead changed hands, newest first: how, to whom, by whom and why. */
export function AssignmentHistory({
  items,
  nameOf,
}: {
  items: readonly Assignment[];
  nameOf: (id: string | null) => string;
}) {
  const { t, formatDateTime } = useI18n();
  if (items.length === 0) return <Typography.Text type="secondary">{t('routing.why.noHistory')}</Typography.Text>;
  return (
    <Timeline
      data-testid="lead-assignment-history"
      items={items.map((item, index) => ({
        key: `${item.assignedAt}-${index}`,
        content: (
          <>
            <Typography.Text strong>{t(`routing.kind.${item.kind}`)}</Typography.Text>{' '}
            <Typography.Text>
              {item.chosenUserId ? t('routing.why.to', { name: nameOf(item.chosenUserId) }) : t('routing.why.toPool')}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(item.assignedAt)}
              {item.actorId && ` · ${t('routing.why.by', { name: nameOf(item.actorId) })}`}
              {item.ruleSetVersion !== null && item.kind === 'rules' && ` · v${item.ruleSetVersion}`}
            </Typography.Text>
            {item.reason && (
              <>
                <br />
                <Typography.Text style={{ fontSize: 12 }}>{item.reason}</Typography.Text>
              </>
            )}
          </>
        ),
      }))}
    />
  );
}
