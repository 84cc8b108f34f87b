import { Tag } from 'antd';
import type { LeadStatus } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { LEAD_STATUS_LOOK } from './leadStatus';

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const t = useT();
  const look = LEAD_STATUS_LOOK[status];
  return (
    <Tag color={look.tag} data-status={status}>
      {t(look.label)}
    </Tag>
  );
}
