import { Checkbox, Flex, Input, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { CALENDAR_WEEKDAYS, type BusinessCalendarBody, type CalendarWeekday, type Span } from './calendars.types';

type Weekly = BusinessCalendarBody['weekly'];

interface DayHours {
  start: string;
  end: string;
  /** The break between the morning and the afternoon; null: worked straight through. */
  lunch: Span | null;
}

export const WORKDAY: Span[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

/** The simple editor's view of a day: its first start, its last end, and the gap after the first span. */
function dayHours(spans: Span[] | undefined): DayHours | null {
  if (!spans || spans.length === 0) return null;
  const lunch = spans.length > 1 ? { start: spans[0]!.end, end: spans[1]!.start } : null;
  return { start: spans[0]!.start, end: spans[spans.length - 1]!.end, lunch };
}

function toSpans(day: DayHours): Span[] {
  if (!day.lunch) return [{ start: day.start, end: day.end }];
  return [
    { start: day.start, end: day.lunch.start },
    { start: day.lunch.end, end: day.end },
  ];
}

function TimeInput({ value, onChange, label }: { value: string; onChange: (next: string) => void; label: string }) {
  return (
    <Input
      type="time"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      style={{ width: 116 }}
      aria-label={label}
    />
  );
}

/**
 * Hours per weekday, each with an optional lunch break (stored as two spans). A day with more
 * spans than two, written through the API, is shown and saved as its outer hours and first break.
 */
export function WeeklyHoursEditor({
  value = {},
  onChange = () => undefined,
}: {
  /** Given by the surrounding Form.Item. */
  value?: Weekly;
  onChange?: (next: Weekly) => void;
}) {
  const t = useT();
  const setDay = (day: CalendarWeekday, hours: DayHours | null) => {
    const weekly = { ...value };
    if (hours) weekly[day] = toSpans(hours);
    else delete weekly[day];
    onChange(weekly);
  };

  return (
    <Flex vertical gap={6}>
      {CALENDAR_WEEKDAYS.map((day) => {
        const hours = dayHours(value[day]);
        const dayName = t(`routing.weekday.${day}`);
        return (
          <Flex key={day} gap="small" align="center" wrap data-testid={`calendar-day-${day}`}>
            <Checkbox
              checked={!!hours}
              onChange={(event) => setDay(day, event.target.checked ? dayHours(WORKDAY) : null)}
              style={{ width: 80 }}
            >
              {dayName}
            </Checkbox>
            {hours ? (
              <>
                <TimeInput
                  value={hours.start}
                  onChange={(start) => setDay(day, { ...hours, start })}
                  label={`${dayName} ${t('calendars.start')}`}
                />
                <Typography.Text>–</Typography.Text>
                <TimeInput
                  value={hours.end}
                  onChange={(end) => setDay(day, { ...hours, end })}
                  label={`${dayName} ${t('calendars.end')}`}
                />
                <Checkbox
                  checked={!!hours.lunch}
                  onChange={(event) =>
                    setDay(day, { ...hours, lunch: event.target.checked ? { start: '12:00', end: '13:00' } : null })
                  }
                >
                  {t('calendars.lunch')}
                </Checkbox>
                {hours.lunch && (
                  <>
                    <TimeInput
                      value={hours.lunch.start}
                      onChange={(start) => setDay(day, { ...hours, lunch: { ...hours.lunch!, start } })}
                      label={`${dayName} ${t('calendars.lunchStart')}`}
                    />
                    <Typography.Text>–</Typography.Text>
                    <TimeInput
                      value={hours.lunch.end}
                      onChange={(end) => setDay(day, { ...hours, lunch: { ...hours.lunch!, end } })}
                      label={`${dayName} ${t('calendars.lunchEnd')}`}
                    />
                  </>
                )}
              </>
            ) : (
              <Typography.Text type="secondary">{t('routing.calendar.off')}</Typography.Text>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}
