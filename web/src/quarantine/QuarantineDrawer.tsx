import { Alert, Descriptions, Drawer, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { Channel, CustomField } from '../leads/leadEntry.api';
import { Link } from '../router/router';
import { codeLabel, HELD_KIND_LOOK, prettyPayload } from './heldLook';
import { HeldFixForm } from './HeldFixForm';
import type { HeldSubmission } from './quarantine.api';
import { ResolutionTag } from './ResolutionTag';

interface QuarantineDrawerProps {
  item: HeldSubmission | null;
  channels: Channel[];
  fields: CustomField[];
  /** Set right after a release that merged into an existing lead, to say so. */
  merged: boolean;
  onClose: () => void;
  onReleased: (item: HeldSubmission, result: { leadId: string; deduplicated: boolean }) => void;
  onDiscarded: (item: HeldSubmission) => void;
}

export function QuarantineDrawer({
  item,
  channels,
  fields,
  merged,
  onClose,
  onReleased,
  onDiscarded,
}: QuarantineDrawerProps) {
  const { t, formatDateTime } = useI18n();
  const none = t('common.none');
  if (!item) return <Drawer open={false} onClose={onClose} />;
  const label = codeLabel(item.code);

  const details: DescriptionsProps['items'] = [
    {
      key: 'kind',
      label: t('quarantine.column.kind'),
      children: <Tag color={HELD_KIND_LOOK[item.kind].color}>{t(HELD_KIND_LOOK[item.kind].label)}</Tag>,
    },
    { key: 'status', label: t('quarantine.column.status'), children: <ResolutionTag item={item} /> },
    {
      key: 'reason',
      label: t('quarantine.column.reason'),
      span: 2,
      children: (
        <span data-testid="held-reason">
          {label ? `${t(label)} · ` : ''}
          <Typography.Text code>{item.code}</Typography.Text>
          {item.field && <Typography.Text code>{item.field}</Typography.Text>} {item.message}
        </span>
      ),
    },
    { key: 'receivedAt', label: t('quarantine.column.receivedAt'), children: formatDateTime(item.receivedAt) },
    { key: 'clientIp', label: t('quarantine.clientIp'), children: item.clientIp ?? none },
    { key: 'source', label: t('leads.column.source'), children: item.source ?? none },
    { key: 'channel', label: t('leadEntry.channel'), children: item.channel ?? none },
  ];
  if (item.resolution) {
    details.push({
      key: 'resolved',
      label: t('quarantine.resolved'),
      span: 2,
      children: t('quarantine.resolvedBy', {
        who: item.resolvedByName ?? none,
        at: item.resolvedAt ? formatDateTime(item.resolvedAt) : none,
      }),
    });
  }

  return (
    <Drawer
      open
      onClose={onClose}
      size={720}
      title={t('quarantine.drawerTitle')}
      destroyOnHidden
      data-testid="held-drawer"
    >
      <Descriptions size="small" column={2} bordered items={details} />
      {item.resolution === 'released' && item.resolvedLeadId && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={merged ? t('quarantine.releasedMerged') : t('quarantine.releasedNew')}
          action={
            <Link to={`/leads/${encodeURIComponent(item.resolvedLeadId)}`} data-testid="held-open-lead">
              {t('quarantine.openLead')}
            </Link>
          }
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('quarantine.payload')}
      </Typography.Title>
      <pre
        data-testid="held-payload"
        style={{
          maxHeight: 240,
          overflow: 'auto',
          padding: 12,
          margin: 0,
          background: 'rgba(0,0,0,0.04)',
          borderRadius: 6,
        }}
      >
        {prettyPayload(item.payload)}
      </pre>
      {item.resolution === null && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('quarantine.fixTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('quarantine.fixHint')}</Typography.Paragraph>
          <HeldFixForm
            key={item.id}
            item={item}
            channels={channels}
            fields={fields}
            onReleased={(result) => onReleased(item, result)}
            onDiscarded={onDiscarded}
          />
        </>
      )}
    </Drawer>
  );
}
