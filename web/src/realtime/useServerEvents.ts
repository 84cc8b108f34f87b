import { useEffect } from 'react';
import { api } from '../api/client';
import { NOTIFYING_EVENT_NAMES, publishNotificationEvent } from '../notifications/notificationEvents';
import { LEAD_EVENT_NAMES, publishLeadEvent } from './leadEvents';

const EVENTS_URL = '/api/v1/events';
// EventSource retries by itself after a dropped connection, but gives up for good when the
// server answers with an HTTP error (a 502 while it restarts, a 401 once the session expired).
const REOPEN_AFTER_FAILURE_MS = 15_000;

/** `<body data-realtime="open">` while the stream is connected: for styling and for browser tests. */
function markConnection(state: 'open' | 'closed'): void {
  document.body.dataset.realtime = state;
}

/** Keeps one Server-Sent Events connection open while the calling component is mounted. */
export function useServerEvents(): void {
  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: number | undefined;
    let closed = false;

    const open = () => {
      if (closed) return;
      // Same origin, so the session cookie goes along without `withCredentials`.
      source = new EventSource(EVENTS_URL);
      source.onopen = () => markConnection('open');
      for (const name of LEAD_EVENT_NAMES) {
        source.addEventListener(name, (message: MessageEvent<string>) => publishLeadEvent(name, message.data));
      }
      for (const name of NOTIFYING_EVENT_NAMES) source.addEventListener(name, publishNotificationEvent);
      source.onerror = () => {
        markConnection('closed');
        if (source?.readyState !== EventSource.CLOSED) return;
        source = null;
        reopenTimer = window.setTimeout(reopenIfStillSignedIn, REOPEN_AFTER_FAILURE_MS);
      };
    };

    // Asking /me first turns an expired session into the usual trip to the login page
    // (which unmounts this hook) instead of a silent 401 every few seconds.
    const reopenIfStillSignedIn = () => {
      api.get('/me').then(open, () => {
        if (!closed) reopenTimer = window.setTimeout(reopenIfStillSignedIn, REOPEN_AFTER_FAILURE_MS);
      });
    };

    open();
    return () => {
      closed = true;
      window.clearTimeout(reopenTimer);
      source?.close();
      markConnection('closed');
    };
  }, []);
}
