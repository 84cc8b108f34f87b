import { Checkbox, Flex, Input, Select, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { WEEKDAYS, type RepCalendar, type Weekday } from './routing.types';

const TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'UTC'];
const WORKDAY = { start: '09:00', end: '18:00' };

/**
 * A rep's working week, one span per weekday (the server takes several; the simple editor keeps the
 * first). No calendar at all means the rep is always available.
 */
export function CalendarEditor({
  value = null,
  onChange = () => undefined,
}: {
  /** Given by the surrounding Form.Item. */
  value?: RepCalendar | null;
  onChange?: (next: RepCalendar | null) => void;
}) {
  const t = useT();
  const zones = value && !TIME_ZONES.includes(value.timeZone) ? [value.timeZone, ...TIME_ZONES] : TIME_ZONES;
  const setDay = (day: Weekday, span: { start: string; end: string } | null) => {
    if (!value) return;
    const weekly = { ...value.weekly };
    if (span) weekly[day] = [span];
    else delete weekly[day];
    onChange({ ...value, weekly });
  };

  return (
    <Flex vertical gap={6}>
      <Checkbox
        checked={!!value}
        onChange={(event) =>
          onChange(
            event.target.checked
              ? {
                  timeZone: 'Asia/Shanghai',
                  weekly: Object.fromEntries(WEEKDAYS.slice(0, 5).map((day) => [day, [WORKDAY]])),
                }
              : null,
          )
        }
        data-testid="routing-rep-calendar-on"
      >
        {t('routing.calendar.use')}
      </Checkbox>
      {value && (
        <>
          <Select
            value={value.timeZone}
            onChange={(timeZone) => onChange({ ...value, timeZone })}
            options={zones.map((zone) => ({ value: zone, label: zone }))}
            style={{ width: 220 }}
            aria-label={t('routing.calendar.timeZone')}
          />
          {WEEKDAYS.map((day) => {
            const span = value.weekly[day]?.[0];
            return (
              <Flex key={day} gap="small" align="center">
                <Checkbox
                  checked={!!span}
                  onChange={(event) => setDay(day, event.target.checked ? WORKDAY : null)}
                  style={{ width: 90 }}
                >
                  {t(`routing.weekday.${day}`)}
                </Checkbox>
                {span ? (
                  <>
                    <Input
                      type="time"
                      value={span.start}
                      onChange={(event) => setDay(day, { ...span, start: event.target.value })}
                      style={{ width: 120 }}
                    />
                    <Typography.Text>–</Typography.Text>
                    <Input
                      type="time"
                      value={span.end}
                      onChange={(event) => setDay(day, { ...span, end: event.target.value })}
                      style={{ width: 120 }}
                    />
                  </>
                ) : (
                  <Typography.Text type="secondary">{t('routing.calendar.off')}</Typography.Text>
                )}
              </Flex>
            );
          })}
        </>
      )}
    </Flex>
  );
}
