import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { CustomField } from './leadEntry.api';

function FieldInput({ field }: { field: CustomField }) {
  const t = useT();
  const testId = `lead-form-custom-${field.name}`;
  switch (field.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} data-testid={testId} />;
    case 'date':
      // The browser's own date input gives the YYYY-MM-DD text the API takes.
      return <Input type="date" data-testid={testId} />;
    case 'select':
      return (
        <Select
          allowClear
          placeholder={t('leadEntry.choose')}
          options={(field.options ?? []).map((option) => ({ value: option, label: option }))}
          data-testid={testId}
        />
      );
    case 'bool':
      return <Switch data-testid={testId} />;
    default:
      return <Input maxLength={2000} data-testid={testId} />;
  }
}

/** One input per custom field of the workspace, by its type; values go under `custom`. */
export function CustomFieldInputs({ fields }: { fields: CustomField[] }) {
  return (
    <Row gutter={16}>
      {fields.map((field) => (
        <Col key={field.id} xs={24} sm={12}>
          <Form.Item
            name={['custom', field.name]}
            label={field.label ?? field.name}
            valuePropName={field.type === 'bool' ? 'checked' : 'value'}
          >
            <FieldInput field={field} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
