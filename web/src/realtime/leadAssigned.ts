// In-page fan-out for `lead.assigned`: one EventSource feeds every interested component
// (the pop-up, the lead list) without each opening its own connection.
import { useEffect, useEffectEvent } from 'react';

export interface LeadAssignedEvent {
  leadId: string;
  name: string;
  company: string | null;
  source: string;
  ownerId: string | null;
  assignedAt: string;
}

type Listener = (event: LeadAssignedEvent) => void;
const listeners = new Set<Listener>();

export function publishLeadAssigned(event: LeadAssignedEvent): void {
  for (const listener of listeners) listener(event);
}

export function parseLeadAssigned(data: string): LeadAssignedEvent | null {
  try {
    const parsed = JSON.parse(data) as Partial<LeadAssignedEvent> | null;
    if (!parsed || typeof parsed.leadId !== 'string') return null;
    return {
      leadId: parsed.leadId,
      name: typeof parsed.name === 'string' ? parsed.name : '',
      company: typeof parsed.company === 'string' ? parsed.company : null,
      source: typeof parsed.source === 'string' ? parsed.source : '',
      ownerId: typeof parsed.ownerId === 'string' ? parsed.ownerId : null,
      assignedAt: typeof parsed.assignedAt === 'string' ? parsed.assignedAt : '',
    };
  } catch {
    return null;
  }
}

export function useLeadAssigned(onEvent: Listener): void {
  const handle = useEffectEvent(onEvent);
  useEffect(() => {
    const listener: Listener = (event) => handle(event);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
