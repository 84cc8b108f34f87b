import { App, Select } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import type { Lead, LeadStatus } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { updateLead } from './leads.api';
import { LEAD_STATUS_LOOK, LEAD_STATUSES } from './leadStatus';

interface LeadStatusSelectProps {
  lead: Lead;
  onUpdated: (lead: Lead) => void;
}

export function LeadStatusSelect({ lead, onUpdated }: LeadStatusSelectProps) {
  const t = useT();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const change = async (status: LeadStatus) => {
    setSaving(true);
    try {
      const updated = await updateLead(lead.id, { status });
      onUpdated(updated);
      message.success(t('leadDetail.statusUpdated', { status: t(LEAD_STATUS_LOOK[status].label) }));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Select<LeadStatus>
      value={lead.status}
      onChange={(status) => void change(status)}
      loading={saving}
      disabled={saving}
      style={{ width: 140 }}
      options={LEAD_STATUSES.map((status) => ({ value: status, label: t(LEAD_STATUS_LOOK[status].label) }))}
      data-testid="lead-status-select"
    />
  );
}
