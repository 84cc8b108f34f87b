import { Button, DatePicker, Form, Input, InputNumber, message, Modal, Select } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { convertLead, listPipelines } from '../deals/deals.api';
import { useI18n, useT } from '../i18n/I18nProvider';
import { navigate } from '../router/router';

interface ConvertFormValues {
  pipelineId?: string;
  amount?: number | null;
  product?: string;
  // A Dayjs from the picker; only its calendar date is sent.
  expectedCloseAt?: { format(pattern: string): string } | null;
}

/** Turns a qualified lead into a deal (商机) on a pipeline, with its account and contact, then opens the deal. */
export function ConvertLeadButton({ leadId }: { leadId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ConvertFormValues>();
  const [messages, holder] = message.useMessage();

  const submit = async (values: ConvertFormValues) => {
    setSaving(true);
    try {
      const { dealId } = await convertLead(leadId, {
        ...(values.pipelineId ? { pipelineId: values.pipelineId } : {}),
        ...(values.amount != null ? { amount: values.amount } : {}),
        ...(values.product?.trim() ? { product: values.product.trim() } : {}),
        ...(values.expectedCloseAt ? { expectedCloseAt: values.expectedCloseAt.format('YYYY-MM-DD') } : {}),
      });
      setOpen(false);
      navigate(`/deals/${dealId}`);
    } catch (error) {
      void messages.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {holder}
      <Button type="primary" onClick={() => setOpen(true)} data-testid="convert-lead">
        {t('convert.action')}
      </Button>
      <Modal
        open={open}
        title={t('convert.title')}
        okText={t('convert.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: saving, 'data-testid': 'convert-confirm' }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="pipelineId" label={t('convert.pipeline')} extra={t('convert.pipelineHelp')}>
            <PipelineSelect />
          </Form.Item>
          <Form.Item name="amount" label={t('convert.amount')}>
            <InputNumber min={0} max={1e13} precision={2} prefix="¥" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="product" label={t('convert.product')} rules={[{ max: 200 }]}>
            <Input data-testid="convert-product" />
          </Form.Item>
          <Form.Item name="expectedCloseAt" label={t('convert.expectedCloseAt')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Rendered only while the dialog is open, so the lead page does not load pipelines it may never need. */
function PipelineSelect(props: { value?: string; onChange?: (value: string | undefined) => void }) {
  const { locale } = useI18n();
  const pipelines = useApiQuery('pipelines', listPipelines);
  return (
    <Select
      {...props}
      allowClear
      loading={pipelines.loading}
      options={(pipelines.data ?? []).map((pipeline) => ({
        value: pipeline.id,
        label: (locale === 'en-US' && pipeline.nameEn) || pipeline.name,
      }))}
    />
  );
}
