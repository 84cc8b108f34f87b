import { Select } from 'antd';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { listCalendars } from './calendars.api';

/** Picks a business calendar for a team or a rep; cleared means inheriting the next one up. */
export function BusinessCalendarSelect({
  value = null,
  onChange = () => undefined,
  testId,
}: {
  /** Given by the surrounding Form.Item. */
  value?: string | null;
  onChange?: (next: string | null) => void;
  testId?: string;
}) {
  const t = useT();
  const calendars = useApiQuery('business-calendars', listCalendars);
  return (
    <Select
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange(next ?? null)}
      allowClear
      loading={calendars.loading}
      disabled={calendars.error !== undefined}
      placeholder={t('calendars.select.inherit')}
      options={(calendars.data?.items ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name }))}
      style={{ width: 280 }}
      data-testid={testId}
    />
  );
}
