import { Alert, Space, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { Link } from '../router/router';
import { formatPhone } from './formatPhone';
import type { DuplicateMatch, DuplicateReason } from './leadEntry.api';

const REASON_LABEL: Record<DuplicateReason, MessageKey> = {
  phone: 'leadEntry.duplicates.phone',
  email: 'leadEntry.duplicates.email',
  name_company: 'leadEntry.duplicates.nameCompany',
  company: 'leadEntry.duplicates.company',
};

/** Who the lead being typed may already be; each links to that lead. */
export function DuplicateWarning({ matches }: { matches: DuplicateMatch[] }) {
  const t = useT();
  if (matches.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('leadEntry.duplicates.title', { count: matches.length })}
      data-testid="duplicate-warning"
      description={
        <Space orientation="vertical" size={4}>
          {matches.map((match) => {
            const contact = match.phone ? formatPhone(match.phone) : match.email;
            return (
              <span key={`${match.id}-${match.reason}`} data-testid={`duplicate-${match.reason}`}>
                <Typography.Text strong>
                  {t(REASON_LABEL[match.reason] ?? 'leadEntry.duplicates.company')}
                </Typography.Text>
                {' · '}
                <Link to={`/leads/${encodeURIComponent(match.id)}`} target="_blank" rel="noreferrer">
                  {match.name}
                </Link>
                {match.company && ` · ${match.company}`}
                {contact && ` · ${contact}`}
                {' · '}
                <Typography.Text type="secondary">
                  {match.ownerName
                    ? t('leadEntry.duplicates.owner', { owner: match.ownerName })
                    : t('leads.unassigned')}
                </Typography.Text>
              </span>
            );
          })}
        </Space>
      }
    />
  );
}
