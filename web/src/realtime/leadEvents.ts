// In-page fan-out of the server's lead events: one EventSource feeds every interested
// component (the pop-up, the lead list, an open lead) without each opening a connection.
import { useEffect, useEffectEvent } from 'react';

export interface LeadAssignedEvent {
  leadId: string;
  name: string;
  company: string | null;
  source: string;
  ownerId: string | null;
  assignedAt: string;
}

/** A known lead came in again (a merged duplicate); its touches and count changed. */
export interface LeadTouchedEvent {
  leadId: string;
  touchCount: number | null;
}

/** One of the user's leads just became more urgent (a trial about to end, a competitor comparison). */
export interface LeadUrgentEvent {
  leadId: string;
  name: string;
  company: string | null;
  urgency: 'high' | 'critical';
  reason: string | null;
}

/** A lead left its owner for a pool (released, reclaimed) or came out of one (claimed); sent to that owner. */
export interface LeadPoolEvent {
  leadId: string;
  name: string;
  move: 'claim' | 'release' | 'assign' | 'reclaim' | null;
  poolId: string | null;
  reason: string | null;
}

/** A deadline step of one of the user's leads was performed (a reminder, an escalation …). */
export interface LeadDeadlineEvent {
  leadId: string;
  name: string;
  step: string | null;
  action: string | null;
}

export interface LeadEvents {
  'lead.assigned': LeadAssignedEvent;
  'lead.touched': LeadTouchedEvent;
  'lead.urgent': LeadUrgentEvent;
  'lead.pool': LeadPoolEvent;
  'lead.deadline': LeadDeadlineEvent;
}
export type LeadEventName = keyof LeadEvents;
export const LEAD_EVENT_NAMES: readonly LeadEventName[] = [
  'lead.assigned',
  'lead.touched',
  'lead.urgent',
  'lead.pool',
  'lead.deadline',
];

type Listener<Name extends LeadEventName> = (event: LeadEvents[Name]) => void;
const listeners: { [Name in LeadEventName]: Set<Listener<Name>> } = {
  'lead.assigned': new Set(),
  'lead.touched': new Set(),
  'lead.urgent': new Set(),
  'lead.pool': new Set(),
  'lead.deadline': new Set(),
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const parsers: { [Name in LeadEventName]: (data: Record<string, unknown>) => LeadEvents[Name] | null } = {
  'lead.assigned': (data) => {
    const leadId = text(data.leadId);
    if (!leadId) return null;
    return {
      leadId,
      name: text(data.name) ?? '',
      company: text(data.company),
      source: text(data.source) ?? '',
      ownerId: text(data.ownerId),
      assignedAt: text(data.assignedAt) ?? '',
    };
  },
  'lead.touched': (data) => {
    const leadId = text(data.leadId);
    if (!leadId) return null;
    return { leadId, touchCount: typeof data.touchCount === 'number' ? data.touchCount : null };
  },
  'lead.urgent': (data) => {
    const leadId = text(data.leadId);
    if (!leadId || (data.urgency !== 'high' && data.urgency !== 'critical')) return null;
    return {
      leadId,
      name: text(data.name) ?? '',
      company: text(data.company),
      urgency: data.urgency,
      reason: text(data.reason),
    };
  },
  'lead.pool': (data) => {
    const leadId = text(data.leadId);
    if (!leadId) return null;
    const move = data.move;
    return {
      leadId,
      name: text(data.name) ?? '',
      move: move === 'claim' || move === 'release' || move === 'assign' || move === 'reclaim' ? move : null,
      poolId: text(data.poolId),
      reason: text(data.reason),
    };
  },
  'lead.deadline': (data) => {
    const leadId = text(data.leadId);
    if (!leadId) return null;
    return { leadId, name: text(data.name) ?? '', step: text(data.step), action: text(data.action) };
  },
};

/** Parses one SSE message and hands it to the listeners; malformed messages are dropped. */
export function publishLeadEvent<Name extends LeadEventName>(name: Name, rawData: string): void {
  let data: unknown;
  try {
    data = JSON.parse(rawData);
  } catch {
    return;
  }
  if (typeof data !== 'object' || data === null) return;
  const event = parsers[name](data as Record<string, unknown>);
  if (!event) return;
  for (const listener of listeners[name]) listener(event);
}

export function useLeadEvent<Name extends LeadEventName>(name: Name, onEvent: Listener<Name>): void {
  const handle = useEffectEvent(onEvent);
  useEffect(() => {
    const listener: Listener<Name> = (event) => handle(event);
    const set = listeners[name] as Set<Listener<Name>>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }, [name]);
}
