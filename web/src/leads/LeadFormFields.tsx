import { Col, Form, Input, Row, Select } from 'antd';
import type { FormRule } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { CustomFieldInputs } from './CustomFieldInputs';
import type { Channel, CustomField } from './leadEntry.api';

interface LeadFormFieldsProps {
  channels: Channel[];
  fields: CustomField[];
  /** A held submission keeps the channel it came through; the select then only shows it. */
  channelLocked?: boolean;
  /** Shown right under the contact fields (the duplicate warning). */
  afterContacts?: ReactNode;
}

const half = { xs: 24, sm: 12 };
const digits = (text: string) => text.replace(/\D/g, '').length;

/** The lead's own fields, its channel and the workspace's custom fields, inside a parent <Form>. */
export function LeadFormFields({ channels, fields, channelLocked = false, afterContacts }: LeadFormFieldsProps) {
  const t = useT();
  // Cheap checks here spare a round trip; the server still decides (and names the field if not).
  const needsContact: FormRule = ({ getFieldValue }) => ({
    validator: async () => {
      const phone = String(getFieldValue('phone') ?? '').trim();
      const email = String(getFieldValue('email') ?? '').trim();
      if (!phone && !email) throw new Error(t('leadEntry.contactRequired'));
    },
  });
  const channelOptions = channels
    .filter((channel) => channel.active || channelLocked)
    .map((channel) => ({ value: channel.id, label: channel.name }));

  return (
    <>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="name"
            label={t('leads.column.name')}
            rules={[{ required: true, whitespace: true, message: t('leadEntry.nameRequired') }]}
          >
            <Input maxLength={200} data-testid="lead-form-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="company" label={t('leads.column.company')}>
            <Input maxLength={200} data-testid="lead-form-company" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="phone"
            label={t('leads.column.phone')}
            dependencies={['email']}
            rules={[
              needsContact,
              {
                validator: async (_, value?: string) => {
                  if (value?.trim() && digits(value) < 7) throw new Error(t('leadEntry.phoneInvalid'));
                },
              },
            ]}
          >
            <Input maxLength={50} inputMode="tel" data-testid="lead-form-phone" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="email"
            label={t('leads.column.email')}
            dependencies={['phone']}
            rules={[needsContact, { type: 'email', message: t('leadEntry.emailInvalid') }]}
          >
            <Input maxLength={320} inputMode="email" data-testid="lead-form-email" />
          </Form.Item>
        </Col>
      </Row>
      {afterContacts}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="title" label={t('leadDetail.field.title')}>
            <Input maxLength={100} data-testid="lead-form-title" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="website" label={t('leadEntry.website')}>
            <Input maxLength={500} data-testid="lead-form-website" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="province" label={t('leadDetail.field.province')}>
            <Input maxLength={50} data-testid="lead-form-province" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="city" label={t('leadDetail.field.city')}>
            <Input maxLength={50} data-testid="lead-form-city" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="channelId" label={t('leadEntry.channel')}>
            <Select
              allowClear
              disabled={channelLocked}
              placeholder={t('leadEntry.noChannel')}
              options={channelOptions}
              data-testid="lead-form-channel"
            />
          </Form.Item>
        </Col>
      </Row>
      <CustomFieldInputs fields={fields} />
    </>
  );
}
