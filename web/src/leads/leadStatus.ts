import type { LeadStatus } from '../api/types';
import type { MessageKey } from '../i18n/zh-CN';

/** In funnel order, which is also the order of the filter and the chart. */
export const LEAD_STATUSES: readonly LeadStatus[] = [
  'new',
  'contacted',
  'qualified',
  'unqualified',
  'converted',
  'won',
  'lost',
];

interface StatusLook {
  label: MessageKey;
  /** antd Tag preset colour */
  tag: string;
  /** the same hue as a hex value, for the chart */
  hex: string;
}

export const LEAD_STATUS_LOOK: Record<LeadStatus, StatusLook> = {
  new: { label: 'leadStatus.new', tag: 'blue', hex: '#1677ff' },
  contacted: { label: 'leadStatus.contacted', tag: 'cyan', hex: '#13c2c2' },
  qualified: { label: 'leadStatus.qualified', tag: 'green', hex: '#52c41a' },
  unqualified: { label: 'leadStatus.unqualified', tag: 'default', hex: '#8c8c8c' },
  converted: { label: 'leadStatus.converted', tag: 'gold', hex: '#faad14' },
  won: { label: 'leadStatus.won', tag: 'success', hex: '#389e0d' },
  lost: { label: 'leadStatus.lost', tag: 'error', hex: '#cf1322' },
};

export function isLeadStatus(value: unknown): value is LeadStatus {
  return LEAD_STATUSES.includes(value as LeadStatus);
}
