import { describe, expect, it } from 'vitest';
import { poolSettings, type PoolSettings } from './pool.schemas.ts';
import {
  canClaim,
  canSee,
  maskContact,
  maskEmail,
  maskPhone,
  protectionUntil,
  reclaimDue,
  type ClaimHistory,
  type FollowUp,
  type HeldLead,
  type PoolRep,
} from './pool.rules.ts';

const DAY = 86_400;
const settings = (input: Record<string, unknown> = {}): PoolSettings => poolSettings.parse(input);

// Monday 2026-11-23 14:00 in Shanghai; the local day began at 2026-11-22T16:00Z.
const now = new Date('2026-11-23T06:00:00Z');
const at = (iso: string) => new Date(iso);

const rep = (overrides: Partial<PoolRep> = {}): PoolRep => ({
  id: 'li-na',
  active: true,
  teamIds: ['team-east'],
  held: { open: 3, won: 2 },
  ...overrides,
});
const inPool = { inPool: true };
const noHistory: ClaimHistory = { repClaims: [], formerOwners: [] };

describe('canSee', () => {
  it.each<[string, Record<string, unknown>, PoolRep, boolean]>([
    ['a pool shown to every team', {}, rep(), true],
    ['a pool shown to the rep’s team', { visibleTeamIds: ['team-east', 'team-north'] }, rep(), true],
    ['a pool shown to other teams', { visibleTeamIds: ['team-west'] }, rep(), false],
    ['a rep in no team, pool shown to some', { visibleTeamIds: ['team-west'] }, rep({ teamIds: [] }), false],
    ['a pool shown to no team', { visibleTeamIds: [] }, rep(), false],
    ['its admin, whatever the teams', { visibleTeamIds: [], adminUserIds: ['li-na'] }, rep(), true],
  ])('%s', (_label, input, who, visible) => {
    expect(canSee(settings(input), who)).toBe(visible);
  });
});

describe('canClaim', () => {
  it('should let a rep claim from a pool without limits', () => {
    expect(canClaim(settings(), rep(), inPool, noHistory, now)).toEqual({ ok: true });
  });

  it.each<[string, Record<string, unknown>, PoolRep, { inPool: boolean }, ClaimHistory, unknown]>([
    ['a lead no longer in the pool', {}, rep(), { inPool: false }, noHistory, { ok: false, reason: 'not_in_pool' }],
    ['an inactive rep', {}, rep({ active: false }), inPool, noHistory, { ok: false, reason: 'inactive' }],
    [
      'a pool the rep cannot see',
      { visibleTeamIds: ['team-west'] },
      rep(),
      inPool,
      noHistory,
      { ok: false, reason: 'not_visible' },
    ],
    [
      'holding as many open leads as allowed',
      { maxHeld: 3 },
      rep(),
      inPool,
      noHistory,
      { ok: false, reason: 'max_held' },
    ],
    ['one under the limit', { maxHeld: 4 }, rep(), inPool, noHistory, { ok: true }],
    [
      'won leads counted toward the limit',
      { maxHeld: 5, countWon: true },
      rep(),
      inPool,
      noHistory,
      { ok: false, reason: 'max_held' },
    ],
    ['won leads not counted', { maxHeld: 5, countWon: false }, rep(), inPool, noHistory, { ok: true }],
    [
      'today’s claims used up: try again at local midnight',
      { claimsPerDay: 2 },
      rep(),
      inPool,
      { repClaims: [at('2026-11-22T16:00:00Z'), at('2026-11-23T02:00:00Z')], formerOwners: [] },
      { ok: false, reason: 'daily_limit', retryAt: at('2026-11-23T16:00:00Z') },
    ],
    [
      'yesterday’s late claim does not count today (23:59 local)',
      { claimsPerDay: 2 },
      rep(),
      inPool,
      { repClaims: [at('2026-11-22T15:59:59Z'), at('2026-11-23T02:00:00Z')], formerOwners: [] },
      { ok: true },
    ],
    [
      'the day starts at midnight in the pool’s zone (New York)',
      { claimsPerDay: 1, timeZone: 'America/New_York' },
      rep(),
      inPool,
      { repClaims: [at('2026-11-23T05:30:00Z')], formerOwners: [] }, // 00:30 local
      { ok: false, reason: 'daily_limit', retryAt: at('2026-11-24T05:00:00Z') },
    ],
    [
      'too soon after the last claim',
      { minGapSeconds: 600 },
      rep(),
      inPool,
      { repClaims: [at('2026-11-23T05:55:00Z'), at('2026-11-23T01:00:00Z')], formerOwners: [] },
      { ok: false, reason: 'too_soon', retryAt: at('2026-11-23T06:05:00Z') },
    ],
    [
      'exactly the gap after the last claim',
      { minGapSeconds: 600 },
      rep(),
      inPool,
      { repClaims: [at('2026-11-23T05:50:00Z')], formerOwners: [] },
      { ok: true },
    ],
    [
      'a former owner cooling down',
      { cooldownSeconds: 7 * DAY },
      rep(),
      inPool,
      { repClaims: [], formerOwners: [{ userId: 'li-na', until: at('2026-11-20T06:00:00Z') }] },
      { ok: false, reason: 'cooling_down', retryAt: at('2026-11-27T06:00:00Z') },
    ],
    [
      'the latest loss counts when the rep lost the lead twice',
      { cooldownSeconds: 7 * DAY },
      rep(),
      inPool,
      {
        repClaims: [],
        formerOwners: [
          { userId: 'li-na', until: at('2026-11-01T06:00:00Z') },
          { userId: 'li-na', until: at('2026-11-21T06:00:00Z') },
        ],
      },
      { ok: false, reason: 'cooling_down', retryAt: at('2026-11-28T06:00:00Z') },
    ],
    [
      'a former owner after the cool-down',
      { cooldownSeconds: 7 * DAY },
      rep(),
      inPool,
      { repClaims: [], formerOwners: [{ userId: 'li-na', until: at('2026-11-16T06:00:00Z') }] },
      { ok: true },
    ],
    [
      'someone else’s cool-down does not apply',
      { cooldownSeconds: 7 * DAY },
      rep(),
      inPool,
      { repClaims: [], formerOwners: [{ userId: 'wang-fang', until: at('2026-11-23T05:00:00Z') }] },
      { ok: true },
    ],
  ])('%s', (_label, input, who, lead, history, decision) => {
    expect(canClaim(settings(input), who, lead, history, now)).toEqual(decision);
  });

  it('should name the first rule that stops a claim', () => {
    const strict = settings({ visibleTeamIds: ['team-west'], maxHeld: 1, claimsPerDay: 1, minGapSeconds: 60 });
    const busy: ClaimHistory = { repClaims: [now], formerOwners: [] };
    expect(canClaim(strict, rep(), inPool, busy, now)).toMatchObject({ reason: 'not_visible' });
    expect(canClaim(strict, rep({ teamIds: ['team-west'] }), inPool, busy, now)).toMatchObject({ reason: 'max_held' });
    expect(
      canClaim(strict, rep({ teamIds: ['team-west'], held: { open: 0, won: 0 } }), inPool, busy, now),
    ).toMatchObject({ reason: 'daily_limit' });
  });
});

describe('protectionUntil (10 days, +3 per follow-up, at most 20)', () => {
  const pool = settings({ protection: { baseSeconds: 10 * DAY, perActivitySeconds: 3 * DAY, capSeconds: 20 * DAY } });
  const assignedAt = at('2026-11-01T02:00:00Z');
  const follow = (type: FollowUp['type'], iso = '2026-11-02T02:00:00Z'): FollowUp => ({ type, at: at(iso) });
  const daysAfterAssignment = (until: Date | null) => (until!.getTime() - assignedAt.getTime()) / (DAY * 1000);

  it.each<[string, FollowUp[], number]>([
    ['no follow-up', [], 10],
    ['one call', [follow('call')], 13],
    ['two follow-ups of any contact type', [follow('wechat'), follow('visit')], 16],
    ['three', [follow('call'), follow('email'), follow('visit')], 19],
    ['four: capped at 20', [follow('call'), follow('call'), follow('call'), follow('call')], 20],
    ['notes do not extend it', [follow('note'), follow('note')], 10],
    ['follow-ups before the assignment do not', [follow('call', '2026-10-31T02:00:00Z')], 10],
  ])('%s', (_label, activities, days) => {
    expect(daysAfterAssignment(protectionUntil(pool, assignedAt, activities))).toBe(days);
  });

  it('should be null for a pool without protection', () => {
    expect(protectionUntil(settings(), assignedAt, [follow('call')])).toBeNull();
  });

  it('should refuse a cap below the base period', () => {
    expect(
      poolSettings.safeParse({ protection: { baseSeconds: 10 * DAY, perActivitySeconds: 0, capSeconds: 5 * DAY } })
        .success,
    ).toBe(false);
  });
});

describe('reclaimDue', () => {
  const assignedAt = at('2026-11-10T02:00:00Z');
  const held = (overrides: Partial<HeldLead> = {}): HeldLead => ({
    ownerId: 'li-na',
    status: 'contacted',
    assignedAt,
    followUps: 0,
    lastFollowUpAt: null,
    lastProgressAt: null,
    ...overrides,
  });
  const knobs = {
    protection: { baseSeconds: 10 * DAY, perActivitySeconds: 3 * DAY, capSeconds: 20 * DAY },
    reclaimWithoutFollowUpSeconds: 7 * DAY,
    reclaimWithoutProgressSeconds: 14 * DAY,
  };

  it.each<[string, Record<string, unknown>, HeldLead, string, string, boolean]>([
    ['no follow-up for 7 days (from the assignment)', knobs, held(), '2026-11-17T02:00:00Z', 'no_follow_up', true],
    [
      'a recent follow-up pushes it out; protection then ends first',
      knobs,
      held({ followUps: 1, lastFollowUpAt: at('2026-11-20T02:00:00Z') }),
      '2026-11-23T02:00:00Z',
      'protection_expired',
      true,
    ],
    [
      'followed up often: the progress window ends first',
      knobs,
      held({ followUps: 3, lastFollowUpAt: at('2026-11-22T02:00:00Z') }),
      '2026-11-24T02:00:00Z',
      'no_progress',
      false,
    ],
    [
      'a previous owner’s follow-up does not count',
      { reclaimWithoutFollowUpSeconds: 7 * DAY },
      held({ lastFollowUpAt: at('2026-11-09T02:00:00Z') }),
      '2026-11-17T02:00:00Z',
      'no_follow_up',
      true,
    ],
    [
      'progress resets its window',
      { reclaimWithoutProgressSeconds: 14 * DAY },
      held({ lastProgressAt: at('2026-11-20T02:00:00Z') }),
      '2026-12-04T02:00:00Z',
      'no_progress',
      false,
    ],
    [
      'protection alone, capped at 20 days',
      { protection: knobs.protection },
      held({ followUps: 9 }),
      '2026-11-30T02:00:00Z',
      'protection_expired',
      false,
    ],
    [
      'a tie goes to protection, then follow-up',
      {
        protection: { baseSeconds: 7 * DAY, perActivitySeconds: 0, capSeconds: 7 * DAY },
        reclaimWithoutFollowUpSeconds: 7 * DAY,
      },
      held(),
      '2026-11-17T02:00:00Z',
      'protection_expired',
      true,
    ],
  ])('%s', (_label, input, lead, dueAt, reason, due) => {
    expect(reclaimDue(settings(input), lead, now)).toEqual({ at: at(dueAt), reason, due });
  });

  it('should be due at the very instant, not a millisecond later', () => {
    const pool = settings({ reclaimWithoutFollowUpSeconds: 3 });
    const lead = held({ assignedAt: at('2026-11-23T05:59:57Z') });
    expect(reclaimDue(pool, lead, now)?.due).toBe(true);
    expect(reclaimDue(pool, lead, new Date(now.getTime() - 1))?.due).toBe(false);
  });

  it.each<[string, HeldLead]>([
    ['nobody owns it', held({ ownerId: null })],
    ['won', held({ status: 'won' })],
    ['lost', held({ status: 'lost' })],
    ['converted', held({ status: 'converted' })],
    ['unqualified', held({ status: 'unqualified' })],
  ])('should never reclaim a lead when %s', (_label, lead) => {
    expect(reclaimDue(settings(knobs), lead, now)).toBeNull();
  });

  it('should be null for a pool with no reclaim knobs', () => {
    expect(reclaimDue(settings(), held(), now)).toBeNull();
  });
});

describe('masking', () => {
  it.each<[string, string]>([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['+86-138-1234-5678', '138****5678'],
    ['008613812345678', '138****5678'],
    ['+1 212 555 0142', '121****0142'],
    ['010-6552-9988', '010****9988'],
    ['12345', '****45'],
    ['12', '****'],
  ])('should mask the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each<[string, string]>([
    ['zhangwei@example.com', 'z***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
    ['张伟@例子.中国', '张***@例子.中国'],
    ['not-an-address', '***'],
    ['@example.com', '***'],
  ])('should mask the e-mail %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('should tell phone from e-mail and keep null', () => {
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('li.na@example.com')).toBe('l***@example.com');
    expect(maskContact(null)).toBeNull();
  });

  it('should never show the middle digits of a mobile', () => {
    for (const phone of ['13900001111', '+8615012345678', '18688889999'])
      expect(maskContact(phone)).not.toMatch(/\d{5}/);
  });
});

describe('pool settings schema', () => {
  it('should start with every limit off and contacts masked', () => {
    expect(settings()).toEqual({
      visibleTeamIds: null,
      adminUserIds: [],
      timeZone: 'Asia/Shanghai',
      claimsPerDay: null,
      maxHeld: null,
      countWon: false,
      minGapSeconds: null,
      cooldownSeconds: null,
      protection: null,
      reclaimWithoutFollowUpSeconds: null,
      reclaimWithoutProgressSeconds: null,
      maskContacts: true,
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['no claims a day', { claimsPerDay: 0 }],
    ['a fractional gap', { minGapSeconds: 1.5 }],
    ['an unknown zone', { timeZone: 'Moon/Base' }],
    ['an unknown knob', { claimsPerWeek: 3 }],
  ])('should refuse %s', (_label, input) => {
    expect(poolSettings.safeParse(input).success).toBe(false);
  });
});
