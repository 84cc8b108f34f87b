/** Builders for routing's tests and its evaluation: a team, a rep and a lead with nothing set but what is given. */
import type { RoutingLead } from './routing-conditions.rules.ts';
import type { RepSettings, TeamSettings } from './routing-profile.rules.ts';
import type { RouterLead } from './router.rules.ts';

export function teamSettings(id: string, extra: Partial<TeamSettings> = {}): TeamSettings {
  return {
    id,
    parentId: null,
    routingStrategy: 'round_robin',
    allowOffHours: false,
    defaultCapacity: null,
    bestFit: null,
    ...extra,
  };
}

export function repSettings(id: string, teamId: string | null, extra: Partial<RepSettings> = {}): RepSettings {
  return {
    id,
    teamId,
    active: true,
    onLeave: false,
    calendar: null,
    capacity: null,
    maxNewPerDay: null,
    skills: [],
    routingWeight: 1,
    ...extra,
  };
}

/** A new lead created at `at` with no contact, place or company: a grade C, score 40, normal urgency. */
export function blankLead(at: Date, extra: Partial<RouterLead> = {}): RouterLead & RoutingLead {
  return {
    source: '官网',
    campaign: null,
    utm: null,
    landingPage: null,
    province: null,
    city: null,
    title: null,
    email: null,
    phone: null,
    company: null,
    companyKey: null,
    website: null,
    tags: [],
    custom: {},
    createdAt: at,
    lastTouchAt: at,
    touchCount: 1,
    status: 'new',
    score: 40,
    grade: 'C',
    urgency: 'normal',
    ...extra,
  };
}
