import { Alert, Card, Collapse, Descriptions, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { targetLabel } from './channelLabels';
import { previewHook } from './channels.api';
import type { CleanedLead, HookMapping, PreviewItem } from './channels.types';

interface HookPreviewProps {
  channelId: string;
  sample: string;
  mapping: HookMapping;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Each item of the pasted sample as the hook would take it, refreshed as the sample or mapping changes. */
export function HookPreview({ channelId, sample, mapping }: HookPreviewProps) {
  const t = useT();
  const request = useDebounced(JSON.stringify({ sample, mapping }), 400);
  const preview = useApiQuery(`hook-preview:${channelId}:${request}`, (signal) => {
    const { sample: text, mapping: current } = JSON.parse(request) as { sample: string; mapping: HookMapping };
    return text.trim() === '' ? Promise.resolve(null) : previewHook(channelId, text, current, signal);
  });

  if (sample.trim() === '') {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('channels.hook.previewEmpty')} />;
  }
  if (preview.error !== undefined) {
    return <Alert type="warning" showIcon title={describeError(preview.error, t)} data-testid="hook-preview-error" />;
  }
  const items = preview.data?.items;
  return (
    <Spin spinning={preview.loading}>
      <Flex vertical gap="small" data-testid="hook-preview">
        {items?.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('channels.hook.previewNone')} />
        )}
        {items?.map((item) => (
          <PreviewCard key={item.index} item={item} />
        ))}
      </Flex>
    </Spin>
  );
}

const LEAD_FIELDS = ['name', 'phone', 'email', 'company', 'title', 'province', 'city', 'campaign', 'source'] as const;

function leadFields(lead: CleanedLead): { label: string; value: string }[] {
  const fields: { label: string; value: string }[] = [];
  for (const field of LEAD_FIELDS) {
    if (lead[field]) fields.push({ label: field, value: lead[field] });
  }
  for (const [key, value] of Object.entries(lead.utm ?? {})) fields.push({ label: `utm.${key}`, value });
  if (lead.landingPage) fields.push({ label: 'landingPage', value: lead.landingPage });
  if (lead.tags.length > 0) fields.push({ label: 'tags', value: lead.tags.join(', ') });
  for (const [key, value] of Object.entries(lead.custom)) fields.push({ label: `custom.${key}`, value: String(value) });
  return fields;
}

function PreviewCard({ item }: { item: PreviewItem }) {
  const t = useT();
  const ok = item.outcome.status === 'ok';
  return (
    <Card
      size="small"
      data-testid={`hook-preview-item-${item.index}`}
      title={
        <Flex gap="small" align="center" wrap>
          <span>{t('channels.hook.item', { index: item.index + 1 })}</span>
          <Typography.Text type="secondary" code ellipsis style={{ maxWidth: 260 }}>
            {item.externalIdFrom === 'path' ? item.externalId : t('channels.hook.externalIdHashed')}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Tag color={ok ? 'success' : 'error'} data-testid={`hook-preview-status-${item.index}`}>
          {t(ok ? 'channels.hook.accepted' : 'channels.hook.rejected')}
        </Tag>
      }
    >
      <Flex vertical gap="small">
        {item.outcome.status === 'ok' ? (
          <Descriptions
            size="small"
            column={1}
            items={leadFields(item.outcome.lead).map((field) => ({
              key: field.label,
              label: targetLabel(t, field.label),
              children: field.value,
            }))}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            title={item.outcome.error.message}
            description={
              item.outcome.error.field
                ? t('channels.hook.errorField', { field: targetLabel(t, item.outcome.error.field) })
                : undefined
            }
          />
        )}
        {item.warnings.map((warning) => (
          <Typography.Text key={`${warning.target}:${warning.message}`} type="warning">
            {targetLabel(t, warning.target)}: {warning.message}
          </Typography.Text>
        ))}
        <Collapse
          size="small"
          items={[
            {
              key: 'body',
              label: t('channels.hook.mappedBody'),
              children: <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(item.body, null, 2)}</pre>,
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
