import { App, Button, Card, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { changeDeal, type Deal, type DealChange } from './deals.api';

/** The three requirement elements (the quote stage's gate), amount and product. */
export function DealRequirementsCard({ deal, onSaved }: { deal: Deal; onSaved: (deal: Deal) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const save = async (values: DealChange) => {
    setSaving(true);
    try {
      const blankToNull = (value: string | null | undefined) => (value && value.trim() !== '' ? value.trim() : null);
      onSaved(
        await changeDeal(deal.id, {
          amount: values.amount ?? null,
          product: blankToNull(values.product),
          existingSystems: blankToNull(values.existingSystems),
          decisionProcess: blankToNull(values.decisionProcess),
          acceptanceCriteria: blankToNull(values.acceptanceCriteria),
        }),
      );
      message.success(t('deals.saved'));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('deals.requirements')}>
      <Form
        layout="vertical"
        initialValues={deal}
        onFinish={(values: DealChange) => void save(values)}
        data-testid="deal-requirements"
      >
        <Form.Item name="existingSystems" label={t('deals.field.existingSystems')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="deal-existingSystems" />
        </Form.Item>
        <Form.Item name="decisionProcess" label={t('deals.field.decisionProcess')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="deal-decisionProcess" />
        </Form.Item>
        <Form.Item name="acceptanceCriteria" label={t('deals.field.acceptanceCriteria')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="deal-acceptanceCriteria" />
        </Form.Item>
        <Form.Item name="amount" label={t('deals.field.amount')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="product" label={t('deals.field.product')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="deal-save">
          {t('deals.save')}
        </Button>
      </Form>
    </Card>
  );
}
