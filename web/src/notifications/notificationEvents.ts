// Any server event that may have added an entry to the notification centre: the bell re-reads its count.
import { useEffect, useEffectEvent } from 'react';

/** Every event the server turns into an in-app notification (notification-write.ts). */
export const NOTIFYING_EVENT_NAMES = [
  'lead.assigned',
  'lead.touched',
  'lead.urgent',
  'lead.flagged',
  'lead.deadline',
  'lead.pool',
] as const;

const listeners = new Set<() => void>();

export function publishNotificationEvent(): void {
  for (const listener of listeners) listener();
}

export function useNotificationEvent(onEvent: () => void): void {
  const handle = useEffectEvent(onEvent);
  useEffect(() => {
    const listener = () => handle();
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
