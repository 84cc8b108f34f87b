import { describe, expect, it } from 'vitest';
import { planDealtLeads, targetsOnAssignment, type DealtLead } from './deadline.rules.ts';
import { slaPolicy, type SlaPolicy } from './sla.schemas.ts';

const now = new Date('2026-12-01T02:00:00.000Z');
const ids = () => {
  let next = 0;
  return () => `id-${++next}`;
};
const policy = (fields: Partial<SlaPolicy> & Pick<SlaPolicy, 'id' | 'targets'>): SlaPolicy =>
  slaPolicy.parse({ name: fields.id, priority: 10, ...fields });
const lead = (fields: Partial<DealtLead> = {}): DealtLead => ({
  id: 'lead-1',
  grade: 'B',
  urgency: 'normal',
  channelType: 'web_form',
  channelId: null,
  teamId: 't1',
  ownerId: 'rep-1',
  ...fields,
});

const fiveThirty = policy({
  id: 'p1',
  targets: {
    assign: { seconds: 300, businessTime: false },
    firstTouch: { seconds: 1800, businessTime: false },
    nextFollowUp: { seconds: 86_400, businessTime: false },
  },
  ladder: { reminders: [0.5], atDeadline: ['notify_owner', 'escalate_manager'] },
});

describe('targetsOnAssignment', () => {
  it.each([
    [true, ['firstTouch']],
    [false, ['assign']],
  ])('owned %s → %j', (owned, expected) => {
    expect(targetsOnAssignment(fiveThirty, owned)).toEqual(expected);
  });
});

describe('planDealtLeads', () => {
  it('should plan the owner’s first-touch ladder from now, in order, and show its first step on the lead', () => {
    const { rows, sla } = planDealtLeads([fiveThirty], 'w', [lead()], now, ids());
    expect(rows.map((row) => [row.step, row.dueAt.toISOString(), row.position])).toEqual([
      ['firstTouch:remind:0.5', '2026-12-01T02:15:00.000Z', 0],
      ['firstTouch:deadline:notify_owner', '2026-12-01T02:30:00.000Z', 1],
      ['firstTouch:deadline:escalate_manager', '2026-12-01T02:30:00.000Z', 2],
    ]);
    expect(new Set(rows.map((row) => row.planId)).size).toBe(1);
    expect(rows.every((row) => row.ownerId === 'rep-1' && row.policyId === 'p1' && row.state === 'pending')).toBe(true);
    expect(sla.get('lead-1')).toEqual({
      slaDueAt: new Date('2026-12-01T02:15:00.000Z'),
      slaStep: 'firstTouch:remind:0.5',
    });
  });

  it('should time only the assignment of a lead left without an owner', () => {
    const { rows } = planDealtLeads([fiveThirty], 'w', [lead({ ownerId: null })], now, ids());
    expect(rows.map((row) => row.step)).toEqual([
      'assign:remind:0.5',
      'assign:deadline:notify_owner',
      'assign:deadline:escalate_manager',
    ]);
  });

  it('should plan nothing without a policy that takes the lead, and read the channel type as the scope does', () => {
    const onlyA = policy({
      id: 'p2',
      targets: { firstTouch: { seconds: 3, businessTime: false } },
      when: { grades: ['A'] },
    });
    expect(planDealtLeads([], 'w', [lead()], now, ids()).rows).toEqual([]);
    const none = planDealtLeads([onlyA], 'w', [lead()], now, ids());
    expect(none.rows).toEqual([]);
    expect(none.sla.get('lead-1')).toEqual({ slaDueAt: null, slaStep: null });
    const byChannel = policy({
      id: 'p3',
      targets: { firstTouch: { seconds: 3, businessTime: false } },
      when: { channelTypes: ['api'] },
    });
    expect(planDealtLeads([byChannel], 'w', [lead({ channelType: 'api' })], now, ids()).rows).toHaveLength(1);
    expect(planDealtLeads([byChannel], 'w', [lead({ channelType: 'bogus' })], now, ids()).rows).toHaveLength(0);
    const three = planDealtLeads([byChannel], 'w', [lead({ channelType: 'api' })], now, ids()).rows[0]!;
    expect(three.dueAt.getTime() - now.getTime()).toBe(3_000);
  });
});
