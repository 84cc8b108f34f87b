import { describe, expect, it } from 'vitest';
import { businessCalendar } from './business-calendar.schemas.ts';
import {
  choosePolicy,
  dueSteps,
  isTargetMet,
  metTargets,
  nextStep,
  pendingSteps,
  planDeadlines,
  type ActivityFact,
  type LeadProgress,
} from './sla-ladder.rules.ts';
import { slaPolicy, type SlaLead, type SlaPolicy } from './sla.schemas.ts';

const officeDay = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const shanghai = businessCalendar.parse({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: officeDay, tue: officeDay, wed: officeDay, thu: officeDay, fri: officeDay },
});

const policy = (input: Record<string, unknown>): SlaPolicy =>
  slaPolicy.parse({ name: 'p', priority: 100, targets: { firstTouch: { seconds: 1800 } }, ...input });

/** Seed 002's 5-30-120, with reminders at half and four fifths of each target. */
const fiveThirtyOneTwenty = policy({
  id: '5-30-120',
  targets: {
    assign: { seconds: 300 },
    firstTouch: { seconds: 1800 },
    firstNeedTags: { seconds: 7200 },
  },
  ladder: { reminders: [0.5, 0.8], atDeadline: ['notify_owner', 'escalate_manager'] },
});

const lead = (overrides: Partial<SlaLead> = {}): SlaLead => ({
  grade: 'B',
  urgency: 'normal',
  channelType: 'web_form',
  channelId: 'channel-1',
  teamId: 'team-east',
  ...overrides,
});

describe('choosePolicy', () => {
  const policies = [
    policy({ id: 'default', priority: 1000 }),
    policy({ id: 'a-grade', priority: 10, when: { grades: ['A'] } }),
    policy({ id: 'critical-phone', priority: 20, when: { urgencies: ['critical'], channelTypes: ['phone'] } }),
    policy({ id: 'west-team', priority: 30, when: { teamIds: ['team-west'] } }),
    policy({ id: 'retired', priority: 0, active: false }),
    policy({ id: 'channel-9', priority: 40, when: { channelIds: ['channel-9'] } }),
    policy({ id: 'b-tie', priority: 50, when: { grades: ['C'] } }),
    policy({ id: 'a-tie', priority: 50, when: { grades: ['C'] } }),
  ];

  it.each<[string, SlaLead, string | null]>([
    ['an A lead takes the A policy', lead({ grade: 'A' }), 'a-grade'],
    ['an A lead of the west team: the A policy comes first', lead({ grade: 'A', teamId: 'team-west' }), 'a-grade'],
    ['a critical phone lead', lead({ urgency: 'critical', channelType: 'phone' }), 'critical-phone'],
    ['critical but from a form: every condition must hold', lead({ urgency: 'critical' }), 'default'],
    ['the west team', lead({ teamId: 'team-west' }), 'west-team'],
    ['no team cannot match a team list', lead({ teamId: null }), 'default'],
    ['a channel by id', lead({ channelId: 'channel-9' }), 'channel-9'],
    ['no channel cannot match a channel list', lead({ channelId: null, channelType: null }), 'default'],
    ['equal priority: the lower id', lead({ grade: 'C' }), 'a-tie'],
    ['an inactive policy is never chosen', lead(), 'default'],
  ])('%s', (_label, input, expected) => {
    expect(choosePolicy(policies, input)?.id ?? null).toBe(expected);
  });

  it('should answer null when nothing matches', () => {
    expect(choosePolicy([policy({ id: 'a', when: { grades: ['A'] } })], lead())).toBeNull();
    expect(choosePolicy([], lead())).toBeNull();
  });

  it('should not depend on the order policies are listed in', () => {
    expect(choosePolicy([...policies].reverse(), lead({ grade: 'A' }))?.id).toBe('a-grade');
  });
});

const iso = (date: Date) => date.toISOString();
const steps = (plan: ReturnType<typeof planDeadlines>) => plan.map((step) => [step.step, iso(step.dueAt), step.action]);

describe('planDeadlines', () => {
  it('should lay out 5-30-120 from Monday 09:00 in Shanghai (01:00Z), in the order steps fall due', () => {
    const plan = planDeadlines(fiveThirtyOneTwenty, shanghai, new Date('2026-11-23T01:00:00Z'));
    expect(steps(plan)).toEqual([
      ['assign:remind:0.5', '2026-11-23T01:02:30.000Z', 'remind'],
      ['assign:remind:0.8', '2026-11-23T01:04:00.000Z', 'remind'],
      ['assign:deadline:notify_owner', '2026-11-23T01:05:00.000Z', 'notify_owner'],
      ['assign:deadline:escalate_manager', '2026-11-23T01:05:00.000Z', 'escalate_manager'],
      ['firstTouch:remind:0.5', '2026-11-23T01:15:00.000Z', 'remind'],
      ['firstTouch:remind:0.8', '2026-11-23T01:24:00.000Z', 'remind'],
      ['firstTouch:deadline:notify_owner', '2026-11-23T01:30:00.000Z', 'notify_owner'],
      ['firstTouch:deadline:escalate_manager', '2026-11-23T01:30:00.000Z', 'escalate_manager'],
      ['firstNeedTags:remind:0.5', '2026-11-23T02:00:00.000Z', 'remind'],
      ['firstNeedTags:remind:0.8', '2026-11-23T02:36:00.000Z', 'remind'],
      ['firstNeedTags:deadline:notify_owner', '2026-11-23T03:00:00.000Z', 'notify_owner'],
      ['firstNeedTags:deadline:escalate_manager', '2026-11-23T03:00:00.000Z', 'escalate_manager'],
    ]);
    expect(plan.every((step) => step.deadline.getTime() >= step.dueAt.getTime())).toBe(true);
  });

  it('should carry a lead that arrives at 17:50 over to the next morning, reminders included', () => {
    const plan = planDeadlines(fiveThirtyOneTwenty, shanghai, new Date('2026-11-23T09:50:00Z'), {
      targets: ['firstTouch'],
    });
    expect(steps(plan)).toEqual([
      ['firstTouch:remind:0.5', '2026-11-24T01:05:00.000Z', 'remind'],
      ['firstTouch:remind:0.8', '2026-11-24T01:14:00.000Z', 'remind'],
      ['firstTouch:deadline:notify_owner', '2026-11-24T01:20:00.000Z', 'notify_owner'],
      ['firstTouch:deadline:escalate_manager', '2026-11-24T01:20:00.000Z', 'escalate_manager'],
    ]);
  });

  it('should count a wall-time target through the night and the weekend', () => {
    const aroundTheClock = policy({
      id: 'wall',
      targets: { firstTouch: { seconds: 7200, businessTime: false } },
      ladder: { reminders: [], atDeadline: ['reclaim_to_pool'] },
    });
    const plan = planDeadlines(aroundTheClock, shanghai, new Date('2026-11-28T02:00:00Z'));
    expect(steps(plan)).toEqual([
      ['firstTouch:deadline:reclaim_to_pool', '2026-11-28T04:00:00.000Z', 'reclaim_to_pool'],
    ]);
  });

  it('should plan a 3-second target to the millisecond', () => {
    const short = policy({
      id: 'short',
      targets: { firstTouch: { seconds: 3 } },
      ladder: { reminders: [0.5], atDeadline: ['notify_owner', 'reassign_by_rules'] },
    });
    expect(steps(planDeadlines(short, shanghai, new Date('2026-11-23T01:00:00Z')))).toEqual([
      ['firstTouch:remind:0.5', '2026-11-23T01:00:01.500Z', 'remind'],
      ['firstTouch:deadline:notify_owner', '2026-11-23T01:00:03.000Z', 'notify_owner'],
      ['firstTouch:deadline:reassign_by_rules', '2026-11-23T01:00:03.000Z', 'reassign_by_rules'],
    ]);
  });

  it('should count business-time targets around the clock without a calendar', () => {
    const plan = planDeadlines(fiveThirtyOneTwenty, null, new Date('2026-11-28T02:00:00Z'), { targets: ['assign'] });
    expect(plan.at(-1)!.dueAt.toISOString()).toBe('2026-11-28T02:05:00.000Z');
  });

  it('should start each target from its own start and use its own ladder', () => {
    const withFollowUp = policy({
      id: 'follow-up',
      targets: { firstTouch: { seconds: 1800 }, nextFollowUp: { seconds: 3600 } },
      ladder: { reminders: [], atDeadline: ['notify_owner'] },
      ladders: { nextFollowUp: { reminders: [0.5], atDeadline: ['reclaim_to_pool'] } },
    });
    const plan = planDeadlines(withFollowUp, shanghai, new Date('2026-11-23T01:00:00Z'), {
      startsAt: { nextFollowUp: new Date('2026-11-23T03:30:00Z') }, // 11:30, touched
    });
    expect(steps(plan)).toEqual([
      ['firstTouch:deadline:notify_owner', '2026-11-23T01:30:00.000Z', 'notify_owner'],
      ['nextFollowUp:remind:0.5', '2026-11-23T04:00:00.000Z', 'remind'],
      ['nextFollowUp:deadline:reclaim_to_pool', '2026-11-23T05:30:00.000Z', 'reclaim_to_pool'],
    ]);
  });

  it('should order two targets due together by target order', () => {
    const together = policy({
      id: 'together',
      targets: { firstNeedTags: { seconds: 60 }, assign: { seconds: 60 } },
    });
    expect(planDeadlines(together, shanghai, new Date('2026-11-23T01:00:00Z')).map((step) => step.target)).toEqual([
      'assign',
      'firstNeedTags',
    ]);
  });
});

describe('nextStep, pendingSteps and dueSteps', () => {
  const plan = planDeadlines(fiveThirtyOneTwenty, shanghai, new Date('2026-11-23T01:00:00Z'));

  it('should give the first step not done', () => {
    expect(nextStep(plan, [])?.step).toBe('assign:remind:0.5');
    expect(nextStep(plan, ['assign:remind:0.5'])?.step).toBe('assign:remind:0.8');
  });

  it('should skip every step of a met target', () => {
    expect(nextStep(plan, [], ['assign'])?.step).toBe('firstTouch:remind:0.5');
    expect(pendingSteps(plan, [], ['assign', 'firstTouch']).map((step) => step.target)).toEqual(
      Array(4).fill('firstNeedTags'),
    );
  });

  it('should be null when the ladder is finished', () => {
    expect(
      nextStep(
        plan,
        plan.map((step) => step.step),
      ),
    ).toBeNull();
    expect(nextStep(plan, [], ['assign', 'firstTouch', 'firstNeedTags'])).toBeNull();
  });

  it('should list every step due and not done, so a worker that was down catches up', () => {
    const now = new Date('2026-11-23T01:24:00Z');
    expect(dueSteps(plan, new Set(['assign:remind:0.5']), [], now).map((step) => step.step)).toEqual([
      'assign:remind:0.8',
      'assign:deadline:notify_owner',
      'assign:deadline:escalate_manager',
      'firstTouch:remind:0.5',
      'firstTouch:remind:0.8',
    ]);
    expect(dueSteps(plan, [], ['assign', 'firstTouch'], now)).toEqual([]);
  });
});

describe('what meets a target', () => {
  const since = new Date('2026-11-23T01:00:00Z');
  const activity = (type: ActivityFact['type'], actorId = 'owner', at = '2026-11-23T01:10:00Z'): ActivityFact => ({
    type,
    actorId,
    at: new Date(at),
  });
  const progress = (overrides: Partial<LeadProgress> = {}): LeadProgress => ({
    ownerId: 'owner',
    status: 'new',
    tags: [],
    activities: [],
    ...overrides,
  });
  const needPolicy = policy({ id: 'needs', needTags: ['预算', 'Timeline'], needTagsRequired: 2 });

  it.each<[string, Parameters<typeof isTargetMet>[0], LeadProgress, boolean]>([
    ['assign: an owner', 'assign', progress(), true],
    ['assign: nobody yet', 'assign', progress({ ownerId: null }), false],
    ['firstTouch: a call by the owner', 'firstTouch', progress({ activities: [activity('call')] }), true],
    ['firstTouch: a WeChat message', 'firstTouch', progress({ activities: [activity('wechat')] }), true],
    ['firstTouch: an e-mail', 'firstTouch', progress({ activities: [activity('email')] }), true],
    ['firstTouch: a visit', 'firstTouch', progress({ activities: [activity('visit')] }), true],
    ['firstTouch: a note is not a touch', 'firstTouch', progress({ activities: [activity('note')] }), false],
    [
      'firstTouch: a call by someone else',
      'firstTouch',
      progress({ activities: [activity('call', 'manager')] }),
      false,
    ],
    [
      'firstTouch: a call before the clock started',
      'firstTouch',
      progress({ activities: [activity('call', 'owner', '2026-11-23T00:59:59Z')] }),
      false,
    ],
    [
      'firstTouch: a call at the very start',
      'firstTouch',
      progress({ activities: [activity('call', 'owner', '2026-11-23T01:00:00Z')] }),
      true,
    ],
    [
      'nextFollowUp: the touch that started the clock does not count',
      'nextFollowUp',
      progress({ activities: [activity('call', 'owner', '2026-11-23T01:00:00Z')] }),
      false,
    ],
    ['nextFollowUp: a later touch', 'nextFollowUp', progress({ activities: [activity('visit')] }), true],
    [
      'firstTouch: no owner, no touch',
      'firstTouch',
      progress({ ownerId: null, activities: [activity('call')] }),
      false,
    ],
    ['firstNeedTags: both need tags (any case)', 'firstNeedTags', progress({ tags: ['预算', 'timeline'] }), true],
    ['firstNeedTags: one of two', 'firstNeedTags', progress({ tags: ['预算', 'vip'] }), false],
    ['firstNeedTags: the same tag twice is one', 'firstNeedTags', progress({ tags: ['预算', '预算'] }), false],
    ['solutionStart: qualified', 'solutionStart', progress({ status: 'qualified' }), true],
    ['solutionStart: converted', 'solutionStart', progress({ status: 'converted' }), true],
    ['solutionStart: only contacted', 'solutionStart', progress({ status: 'contacted' }), false],
    ['a lost lead has nothing left to chase', 'firstTouch', progress({ status: 'lost' }), true],
    ['a won lead neither', 'firstNeedTags', progress({ status: 'won' }), true],
  ])('%s', (_label, target, input, met) => {
    expect(isTargetMet(target, needPolicy, input, since)).toBe(met);
  });

  it('should take any tag when the policy names no need tags', () => {
    const anyTag = policy({ id: 'any' });
    expect(isTargetMet('firstNeedTags', anyTag, progress({ tags: ['vip'] }), since)).toBe(true);
    expect(isTargetMet('firstNeedTags', anyTag, progress({ tags: [] }), since)).toBe(false);
  });

  it('should list the policy’s met targets, each from its own start', () => {
    const lead = progress({ tags: ['x'], activities: [activity('call', 'owner', '2026-11-23T01:10:00Z')] });
    const withFollowUp = policy({
      id: 'f',
      targets: {
        assign: { seconds: 60 },
        firstTouch: { seconds: 60 },
        firstNeedTags: { seconds: 60 },
        nextFollowUp: { seconds: 60 },
      },
    });
    expect(metTargets(withFollowUp, lead, since, { nextFollowUp: new Date('2026-11-23T01:10:00Z') })).toEqual([
      'assign',
      'firstTouch',
      'firstNeedTags',
    ]);
  });
});

describe('policy schema', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['a 3-second target', { targets: { firstTouch: { seconds: 3 } } }, true],
    ['a target of nothing', { targets: { firstTouch: { seconds: 0 } } }, false],
    ['a fractional target', { targets: { firstTouch: { seconds: 1.5 } } }, false],
    ['no targets', { targets: {} }, false],
    ['reminders out of order', { ladder: { reminders: [0.8, 0.5] } }, false],
    ['a reminder at the deadline', { ladder: { reminders: [1] } }, false],
    ['an action twice', { ladder: { atDeadline: ['notify_owner', 'notify_owner'] } }, false],
    ['an unknown action', { ladder: { atDeadline: ['call_the_police'] } }, false],
  ])('%s', (_label, input, valid) => {
    expect(
      slaPolicy.safeParse({ id: 'x', name: 'x', priority: 1, targets: { firstTouch: { seconds: 60 } }, ...input })
        .success,
    ).toBe(valid);
  });

  it('should count business time and notify the owner unless told otherwise', () => {
    const parsed = slaPolicy.parse({ id: 'x', name: 'x', priority: 1, targets: { assign: { seconds: 300 } } });
    expect(parsed.targets.assign?.businessTime).toBe(true);
    expect(parsed.ladder).toEqual({ reminders: [], atDeadline: ['notify_owner'] });
  });
});
