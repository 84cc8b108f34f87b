import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import type { User } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { LEAD_STATUS_LOOK, LEAD_STATUSES } from './leadStatus';
import type { LeadFilterValues } from './useLeadListState';

interface LeadFiltersProps {
  value: LeadFilterValues;
  onChange: (value: LeadFilterValues) => void;
  users: User[];
  usersLoading: boolean;
  onRefresh: () => void;
  refreshing: boolean;
}

export function LeadFilters({ value, onChange, users, usersLoading, onRefresh, refreshing }: LeadFiltersProps) {
  const t = useT();
  // The source box applies on Enter/search, not on every keystroke, so typing stays cheap.
  const [sourceDraft, setSourceDraft] = useState(value.source ?? '');
  const hasFilters = Boolean(value.status || value.ownerId || value.source || value.grade || value.urgency);

  const applySource = (source: string) => {
    const trimmed = source.trim();
    onChange({ ...value, source: trimmed || undefined });
  };

  const reset = () => {
    setSourceDraft('');
    onChange({});
  };

  return (
    <Space wrap size="middle" data-testid="lead-filters">
      <Select
        allowClear
        style={{ width: 160 }}
        placeholder={t('leads.filter.statusPlaceholder')}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={LEAD_STATUSES.map((status) => ({ value: status, label: t(LEAD_STATUS_LOOK[status].label) }))}
        data-testid="lead-filter-status"
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('leads.filter.gradePlaceholder')}
        value={value.grade}
        onChange={(grade) => onChange({ ...value, grade })}
        options={(['A', 'B', 'C', 'D'] as const).map((grade) => ({
          value: grade,
          label: t('scoring.gradeTitle', { grade }),
        }))}
        data-testid="lead-filter-grade"
      />
      <Select
        allowClear
        style={{ width: 150 }}
        placeholder={t('leads.filter.urgencyPlaceholder')}
        value={value.urgency}
        onChange={(urgency) => onChange({ ...value, urgency })}
        options={[
          { value: 'high', label: t('leads.filter.urgentAny') },
          { value: 'critical', label: t('scoring.urgency.critical') },
        ]}
        data-testid="lead-filter-urgency"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 180 }}
        placeholder={t('leads.filter.ownerPlaceholder')}
        loading={usersLoading}
        value={value.ownerId}
        onChange={(ownerId) => onChange({ ...value, ownerId })}
        options={users.map((user) => ({ value: user.id, label: user.name }))}
        data-testid="lead-filter-owner"
      />
      <Input.Search
        allowClear
        style={{ width: 200 }}
        placeholder={t('leads.filter.sourcePlaceholder')}
        value={sourceDraft}
        onChange={(event) => setSourceDraft(event.target.value)}
        onSearch={applySource}
        data-testid="lead-filter-source"
      />
      <Button onClick={reset} disabled={!hasFilters}>
        {t('leads.filter.reset')}
      </Button>
      <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing}>
        {t('leads.refresh')}
      </Button>
    </Space>
  );
}
