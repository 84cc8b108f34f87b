import { useEffect } from 'react';
import { parseLeadAssigned, publishLeadAssigned } from './leadAssigned';

const EVENTS_URL = '/api/v1/events';
// EventSource retries by itself after a dropped connection, but gives up for good when the
// server answers with an HTTP error (e.g. a 502 while it restarts). Then we start over.
const REOPEN_AFTER_FAILURE_MS = 15_000;

/** Keeps one Server-Sent Events connection open while the calling component is mounted. */
export function useServerEvents(): void {
  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: number | undefined;

    const onLeadAssigned = (message: MessageEvent<string>) => {
      const event = parseLeadAssigned(message.data);
      if (event) publishLeadAssigned(event);
    };

    const open = () => {
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.addEventListener('lead.assigned', onLeadAssigned);
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return;
        source = null;
        reopenTimer = window.setTimeout(open, REOPEN_AFTER_FAILURE_MS);
      };
    };

    open();
    return () => {
      window.clearTimeout(reopenTimer);
      source?.close();
    };
  }, []);
}
