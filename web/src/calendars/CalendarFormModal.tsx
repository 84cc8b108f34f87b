import { App, Button, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { createCalendar, importChinaHolidays, updateCalendar } from './calendars.api';
import type { BusinessCalendar, BusinessCalendarBody } from './calendars.types';
import { WeeklyHoursEditor, WORKDAY } from './WeeklyHoursEditor';

const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'UTC',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Values {
  name: string;
  timeZone: string;
  weekly: BusinessCalendarBody['weekly'];
  holidays: string[];
  makeUpDates: string[];
  chinaPreset: boolean;
}

const blank: Values = {
  name: '',
  timeZone: 'Asia/Shanghai',
  weekly: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY },
  holidays: [],
  makeUpDates: [],
  chinaPreset: true,
};

function valuesOf(calendar: BusinessCalendar): Values {
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    weekly: calendar.weekly,
    holidays: calendar.holidays,
    makeUpDates: calendar.makeUpWorkdays.map((day) => day.date),
    chinaPreset: false,
  };
}

/** A date list typed or pasted as YYYY-MM-DD, one tag per date. */
function DateTags({
  value,
  onChange,
  testId,
}: {
  value?: string[];
  onChange?: (next: string[]) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <Select
      mode="tags"
      value={value}
      onChange={(next: string[]) => onChange?.([...new Set(next.map((date) => date.trim()))].sort())}
      tokenSeparators={[',', ' ', '\n', '，']}
      open={false}
      placeholder={t('calendars.datesPlaceholder')}
      data-testid={testId}
    />
  );
}

/** Creates a calendar, or edits one (with a button that lays China's 2026 holidays and 调休 over it). */
export function CalendarFormModal({
  open,
  calendar,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new calendar. */
  calendar: BusinessCalendar | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    if (open) form.setFieldsValue(calendar ? valuesOf(calendar) : blank);
  }, [open, calendar, form]);

  const save = async (values: Values) => {
    // A make-up day keeps the hours it was given through the API; a new one works as a Monday.
    const hoursOf = new Map(calendar?.makeUpWorkdays.map((day) => [day.date, day.hours]));
    const body: BusinessCalendarBody = {
      name: values.name.trim(),
      timeZone: values.timeZone,
      weekly: values.weekly,
      holidays: values.holidays,
      makeUpWorkdays: values.makeUpDates.map((date) => ({ date, hours: hoursOf.get(date) ?? 'mon' })),
    };
    setSaving(true);
    try {
      if (calendar) await updateCalendar(calendar.id, body);
      else await createCalendar(values.chinaPreset ? { ...body, preset: 'china-2026' } : body);
      message.success(t('calendars.saved'));
      onSaved();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  const importChina = async () => {
    if (!calendar) return;
    setImporting(true);
    try {
      const updated = await importChinaHolidays(calendar.id, 2026);
      form.setFieldsValue({ holidays: updated.holidays, makeUpDates: updated.makeUpWorkdays.map((day) => day.date) });
      message.success(t('calendars.imported'));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setImporting(false);
    }
  };

  const dateRule = {
    validator: (_: unknown, dates: string[] | undefined) =>
      (dates ?? []).every((date) => DATE.test(date))
        ? Promise.resolve()
        : Promise.reject(new Error(t('calendars.badDate'))),
  };

  return (
    <Modal
      open={open}
      title={calendar ? t('calendars.edit') : t('calendars.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('calendars.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={760}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} data-testid="calendar-form">
        <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="calendar-name" />
        </Form.Item>
        <Form.Item name="timeZone" label={t('calendars.timeZone')} rules={[{ required: true }]}>
          <Select
            showSearch
            options={TIME_ZONES.map((zone) => ({ value: zone, label: zone }))}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item name="weekly" label={t('calendars.weekly')}>
          <WeeklyHoursEditor />
        </Form.Item>
        <Form.Item
          name="holidays"
          label={t('calendars.holidays')}
          rules={[dateRule]}
          extra={t('calendars.holidaysHint')}
        >
          <DateTags testId="calendar-holidays" />
        </Form.Item>
        <Form.Item
          name="makeUpDates"
          label={t('calendars.makeUpDays')}
          rules={[dateRule]}
          extra={t('calendars.makeUpHint')}
        >
          <DateTags testId="calendar-makeup" />
        </Form.Item>
        {calendar ? (
          <Button onClick={importChina} loading={importing} data-testid="calendar-import-china">
            {t('calendars.importChina')}
          </Button>
        ) : (
          <Form.Item name="chinaPreset" valuePropName="checked">
            <Checkbox data-testid="calendar-preset-china">{t('calendars.presetChina')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
