import { Alert, Col, Form, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { BusinessCalendarSelect } from '../calendars/BusinessCalendarSelect';
import { useT } from '../i18n/I18nProvider';
import { CalendarEditor } from './CalendarEditor';
import { updateUserRouting } from './routing.api';
import type { RepCalendar, RoutingUser } from './routing.types';

interface RepForm {
  skills: string[];
  capacity: number | null;
  maxNewPerDay: number | null;
  routingWeight: number;
  onLeave: boolean;
  active: boolean;
  calendar: RepCalendar | null;
  businessCalendarId: string | null;
}

/** A rep's routing profile: skills, limits, weight, leave, and working hours. */
export function RepEditModal({
  rep,
  onClose,
  onSaved,
}: {
  rep: RoutingUser;
  onClose: () => void;
  onSaved: (rep: RoutingUser) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<RepForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: RepForm) => {
    setSaving(true);
    setError(null);
    try {
      onSaved(
        await updateUserRouting(rep.id, {
          skills: values.skills.map((skill) => skill.trim()).filter(Boolean),
          capacity: values.capacity ?? null,
          maxNewPerDay: values.maxNewPerDay ?? null,
          routingWeight: values.routingWeight ?? 1,
          onLeave: values.onLeave,
          active: values.active,
          calendar: values.calendar,
          businessCalendarId: values.businessCalendarId ?? null,
        }),
      );
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={620}
      title={t('routing.rep.edit', { name: rep.name })}
      okText={t('routing.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'routing-rep-submit' }}
      // With the calendar open the form is taller than a laptop screen: it scrolls, the buttons stay in sight.
      styles={{ body: { maxHeight: 'calc(100vh - 260px)', overflowY: 'auto', overflowX: 'hidden' } }}
    >
      <Form<RepForm>
        form={form}
        layout="vertical"
        initialValues={{
          skills: rep.skills,
          capacity: rep.capacity,
          maxNewPerDay: rep.maxNewPerDay,
          routingWeight: rep.routingWeight,
          onLeave: rep.onLeave,
          active: rep.active,
          calendar: rep.calendar,
          businessCalendarId: rep.businessCalendarId ?? null,
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="skills" label={t('routing.rep.skills')}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，']}
            placeholder={t('routing.rep.skillsHint')}
            data-testid="routing-rep-skills"
          />
        </Form.Item>
        {/* Limits side by side and the two switches on one line keep the dialog short enough to show the calendar. */}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="capacity" label={t('routing.rep.capacity')}>
              <InputNumber
                min={0}
                max={100_000}
                precision={0}
                placeholder={t('routing.rep.teamDefault')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="maxNewPerDay" label={t('routing.rep.maxNewPerDay')}>
              <InputNumber
                min={0}
                max={10_000}
                precision={0}
                placeholder={t('routing.unlimited')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="routingWeight" label={t('routing.rep.weight')}>
              <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="onLeave" label={t('routing.rep.onLeave')} valuePropName="checked">
              <Switch data-testid="routing-rep-on-leave" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="active" label={t('routing.rep.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="calendar" label={t('routing.rep.calendar')}>
          <CalendarEditor />
        </Form.Item>
        <Form.Item name="businessCalendarId" label={t('routing.rep.businessCalendar')}>
          <BusinessCalendarSelect testId="routing-rep-business-calendar" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
