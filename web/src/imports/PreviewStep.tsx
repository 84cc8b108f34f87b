import { Alert, Button, Flex, Form, Radio, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { listChannels, previewImport, startImport } from './imports.api';
import type { CleanedRow, CustomField, DedupePolicy, StartedImport } from './imports.types';
import { LEAD_TARGETS, type LeadTarget } from '../api/leadTargets';
import { cleanedValue, targetLabelKey } from './importTargets';

interface PreviewStepProps {
  file: File;
  sample: Blob;
  headers: string[];
  mapping: Record<string, string>;
  customFields: CustomField[];
  onBack: () => void;
  onStarted: (started: StartedImport) => void;
}

const policies: DedupePolicy[] = ['merge', 'review', 'create'];

/** The first rows as intake will clean them with this mapping, then how to run the import. */
export function PreviewStep({ file, sample, headers, mapping, customFields, onBack, onStarted }: PreviewStepProps) {
  const t = useT();
  const [channelId, setChannelId] = useState<string | null>(null);
  const [dedupe, setDedupe] = useState<DedupePolicy>('merge');
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const preview = useApiQuery(JSON.stringify({ mapping, channelId }), () =>
    previewImport(sample, file.name, { mapping, channelId }),
  );
  // Choosing a channel is optional: a role that cannot list channels still imports.
  const channels = useApiQuery('import-channels', (signal) => listChannels(signal).catch(() => ({ items: [] })));

  // One column per target, in the file's column order.
  const targets = [...new Set(headers.map((header) => mapping[header]).filter((target) => target !== undefined))];
  const labelOf = (target: string) => {
    if ((LEAD_TARGETS as readonly string[]).includes(target)) {
      return t(targetLabelKey(target as LeadTarget));
    }
    const name = target.replace(/^custom\./, '');
    return customFields.find((field) => field.name === name)?.label ?? name;
  };

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      onStarted(await startImport(file, { mapping, dedupe, channelId }));
    } catch (caught) {
      setStartError(caught);
      setStarting(false);
    }
  };

  const cleaned = preview.data?.cleaned ?? [];
  return (
    <Flex vertical gap="middle">
      <Typography.Text type="secondary">{t('imports.preview.hint', { count: cleaned.length })}</Typography.Text>
      {preview.error !== undefined && <Alert type="error" showIcon title={describeError(preview.error, t)} />}
      <Table<CleanedRow>
        size="small"
        rowKey="rowNumber"
        pagination={false}
        loading={preview.loading}
        scroll={{ x: 'max-content' }}
        dataSource={cleaned}
        data-testid="import-preview-table"
        columns={[
          { title: t('imports.preview.rowNumber'), dataIndex: 'rowNumber', width: 64, fixed: 'left' },
          {
            title: t('imports.preview.result'),
            key: 'result',
            width: 220,
            render: (_, row) =>
              row.ok ? (
                <Tag color="success">{t('imports.preview.ok')}</Tag>
              ) : (
                <Flex vertical>
                  <Tag color="error">{t('imports.preview.failed')}</Tag>
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {row.error.field ? `${row.error.field}: ` : ''}
                    {row.error.message}
                  </Typography.Text>
                </Flex>
              ),
          },
          ...targets.map((target) => ({
            title: labelOf(target),
            key: target,
            render: (_: unknown, row: CleanedRow) => (row.ok ? cleanedValue(row.lead, target) : ''),
          })),
        ]}
      />
      <Form layout="inline">
        <Form.Item label={t('imports.options.dedupe')}>
          <Radio.Group
            value={dedupe}
            onChange={(event) => setDedupe(event.target.value as DedupePolicy)}
            options={policies.map((policy) => ({ value: policy, label: t(`imports.options.dedupe.${policy}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('imports.options.channel')}>
          <Select
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('imports.options.channelPlaceholder')}
            value={channelId ?? undefined}
            loading={channels.loading}
            options={(channels.data?.items ?? []).map((channel) => ({ value: channel.id, label: channel.name }))}
            onChange={(value?: string) => {
              setChannelId(value ?? null);
              const channel = channels.data?.items.find((candidate) => candidate.id === value);
              if (channel) setDedupe(channel.dedupePolicy);
            }}
          />
        </Form.Item>
      </Form>
      {startError !== null && <Alert type="error" showIcon title={describeError(startError, t)} />}
      <Flex justify="space-between">
        <Button onClick={onBack} disabled={starting}>
          {t('imports.back')}
        </Button>
        <Button type="primary" loading={starting} onClick={() => void start()} data-testid="import-start">
          {t('imports.start')}
        </Button>
      </Flex>
    </Flex>
  );
}
