import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../leads/lead.rules.ts';
import { demoDefaultTeam, demoTeams, demoUsers, generateDemoLeads } from './demo-data.rules.ts';

const now = new Date('2026-11-23T08:00:00Z');

describe('demo data', () => {
  it('should be the same for the same seed', () => {
    expect(generateDemoLeads(50, now)).toEqual(generateDemoLeads(50, now));
  });

  it('should give every lead a valid, unique +86 mobile and an owner', () => {
    const leads = generateDemoLeads(300, now);
    expect(new Set(leads.map((lead) => lead.phone)).size).toBe(300);
    for (const lead of leads) {
      expect(normalisePhone(lead.phone)).toBe(lead.phone);
      expect(lead.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(demoUsers.some((user) => user.key === lead.ownerKey && user.role === 'rep')).toBe(true);
    }
  });

  it('should have a hierarchy whose default team has reps', () => {
    const keys = new Set(demoTeams.map((team) => team.key));
    for (const team of demoTeams) if (team.parent) expect(keys.has(team.parent)).toBe(true);
    expect(demoUsers.filter((user) => user.role === 'rep' && user.team === demoDefaultTeam).length).toBeGreaterThan(1);
    expect(demoUsers.filter((user) => user.role === 'rep')).toHaveLength(12);
  });
});
