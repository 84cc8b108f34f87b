import { Badge } from 'antd';
import { useEffect } from 'react';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { Link } from '../router/router';
import { getHeldSummary, onQuarantineChange } from './quarantine.api';

// New submissions are kept without any event to the browser; a minute's lag on the badge is fine.
const REFRESH_MS = 60_000;

/** The nav entry, with the number of held submissions still waiting for someone. */
export function QuarantineNavLabel() {
  const t = useT();
  const summary = useApiQuery('quarantine-summary', getHeldSummary);
  const { reload } = summary;

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    const stop = onQuarantineChange(reload);
    return () => {
      window.clearInterval(timer);
      stop();
    };
  }, [reload]);

  return (
    <Link to="/quarantine" data-testid="nav-quarantine">
      {t('quarantine.nav')}{' '}
      <Badge count={summary.data?.open ?? 0} size="small" overflowCount={999} data-testid="nav-quarantine-badge" />
    </Link>
  );
}
