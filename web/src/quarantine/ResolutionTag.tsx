import { Tag } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import type { HeldSubmission } from './quarantine.api';

/** Open, discarded, or released with a link to the lead it became. */
export function ResolutionTag({ item }: { item: HeldSubmission }) {
  const t = useT();
  if (item.resolution === 'released') {
    return (
      <Tag color="green">
        {item.resolvedLeadId ? (
          <Link to={`/leads/${encodeURIComponent(item.resolvedLeadId)}`} data-testid={`held-lead-${item.id}`}>
            {t('quarantine.status.released')}
          </Link>
        ) : (
          t('quarantine.status.released')
        )}
      </Tag>
    );
  }
  if (item.resolution === 'discarded') return <Tag>{t('quarantine.status.discarded')}</Tag>;
  return <Tag color="gold">{t('quarantine.status.open')}</Tag>;
}
