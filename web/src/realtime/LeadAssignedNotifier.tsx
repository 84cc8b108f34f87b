import { App, Button } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { navigate } from '../router/router';
import { useLeadEvent } from './leadEvents';

/** Pops up a notification when a lead is assigned to the signed-in user, or one of theirs becomes urgent. */
export function LeadAssignedNotifier() {
  const t = useT();
  const { user } = useAuth();
  const { notification } = App.useApp();

  useLeadEvent('lead.assigned', (event) => {
    // The server sends each user their own assignments; this guards the title's "to you".
    if (event.ownerId && user && event.ownerId !== user.id) return;
    const key = `lead-assigned-${event.leadId}`;
    const summary = [event.name, event.company, event.source].filter(Boolean).join(' · ');
    notification.info({
      key,
      title: t('realtime.leadAssigned.title'),
      description: summary,
      placement: 'topRight',
      duration: 10,
      props: { 'data-testid': 'lead-popup' },
      actions: (
        <Button
          type="primary"
          size="small"
          data-testid="lead-popup-open"
          onClick={() => {
            notification.destroy(key);
            navigate(`/leads/${encodeURIComponent(event.leadId)}`);
          }}
        >
          {t('realtime.open')}
        </Button>
      ),
    });
  });

  useLeadEvent('lead.urgent', (event) => {
    const key = `lead-urgent-${event.leadId}`;
    const summary = [event.name, event.company, event.reason].filter(Boolean).join(' · ');
    const open = () => {
      notification.destroy(key);
      navigate(`/leads/${encodeURIComponent(event.leadId)}`);
    };
    notification[event.urgency === 'critical' ? 'error' : 'warning']({
      key,
      title: t(event.urgency === 'critical' ? 'realtime.leadUrgent.critical' : 'realtime.leadUrgent.high'),
      description: summary,
      placement: 'topRight',
      duration: 0,
      props: { 'data-testid': 'lead-urgent-popup' },
      actions: (
        <Button type="primary" size="small" onClick={open}>
          {t('realtime.open')}
        </Button>
      ),
    });
  });

  return null;
}
