import { describe, expect, it } from 'vitest';
import { unscoredLead } from '../scoring/scoring.rules.ts';
import type { LeadRow } from '../leads/lead.repository.ts';
import type { CleanLead } from '../leads/lead.rules.ts';
import { contactKeys, planIntake, type IntakeItem } from './intake.rules.ts';

const now = new Date('2026-11-23T08:00:00Z');
const earlier = new Date('2026-11-01T08:00:00Z');

const blankLead: CleanLead = {
  name: 'x',
  nameKey: 'x',
  phone: null,
  email: null,
  company: null,
  companyKey: null,
  website: null,
  campaign: null,
  utm: null,
  landingPage: null,
  referrer: null,
  channelId: null,
  tags: [],
  custom: {},
  title: null,
  province: null,
  city: null,
  source: 'api',
};

const lead = (fields: Partial<CleanLead>, dedupePolicy: IntakeItem['dedupePolicy'] = 'merge'): IntakeItem => ({
  lead: { ...blankLead, ...fields },
  channel: null,
  payload: fields,
  dedupePolicy,
});

const existingRow = (fields: Partial<LeadRow>): LeadRow => ({
  ...blankLead,
  id: 'existing',
  workspaceId: 'w',
  name: '老客户',
  status: 'contacted',
  ownerId: 'rep-1',
  teamId: 't',
  touchCount: 1,
  ...unscoredLead,
  slaDueAt: null,
  slaStep: null,
  poolId: null,
  lastTouchAt: earlier,
  createdAt: earlier,
  updatedAt: earlier,
  ...fields,
});

function ids() {
  let next = 0;
  return () => `new-${++next}`;
}

describe('contactKeys', () => {
  it.each([
    [{ phone: '+8613800138000', email: null }, ['phone:+8613800138000']],
    [{ phone: null, email: 'a@b.cn' }, ['email:a@b.cn']],
    [{ phone: '+8613800138000', email: 'a@b.cn' }, ['phone:+8613800138000', 'email:a@b.cn']],
    [{ phone: null, email: null }, []],
  ])('should key %j as %j', (contact, expected) => {
    expect(contactKeys(contact)).toEqual(expected);
  });
});

describe('planIntake', () => {
  it('should create a lead for a new contact', () => {
    const plan = planIntake('w', [lead({ phone: '+8613800138000' })], [], now, ids(), 0.5);
    expect(plan.outcomes).toEqual([expect.objectContaining({ leadId: 'new-1', deduplicated: false, before: null })]);
    expect(plan.leads[0]!.row).toMatchObject({ status: 'new', touchCount: 1, ownerId: null, createdAt: now });
  });

  it('should touch an existing lead by phone, fill its gaps and keep its owner and status', () => {
    const existing = existingRow({ phone: '+8613800138000', company: '旧公司' });
    const plan = planIntake(
      'w',
      [lead({ phone: '+8613800138000', email: 'new@corp.cn', company: '新公司' })],
      [existing],
      now,
      ids(),
      0.5,
    );
    expect(plan.outcomes[0]).toEqual({
      leadId: 'existing',
      deduplicated: true,
      before: { email: null, touchCount: 1 },
      after: { email: 'new@corp.cn', touchCount: 2 },
      match: { reason: 'phone', score: 1 },
    });
    expect(plan.leads[0]!.row).toMatchObject({
      company: '旧公司',
      ownerId: 'rep-1',
      status: 'contacted',
      lastTouchAt: now,
    });
    expect(plan.leads[0]!.before).toBe(existing);
  });

  it('should match by e-mail when the phone differs', () => {
    const plan = planIntake(
      'w',
      [lead({ phone: '+8613900000000', email: 'a@b.cn' })],
      [existingRow({ email: 'a@b.cn' })],
      now,
      ids(),
      0.5,
    );
    expect(plan.outcomes[0]!.leadId).toBe('existing');
  });

  it('should merge repeats within one batch into the lead the batch creates', () => {
    const plan = planIntake(
      'w',
      [
        lead({ phone: '+8613800138000' }),
        lead({ email: 'a@b.cn' }),
        lead({ phone: '+8613800138000', email: 'a@b.cn' }),
        lead({ email: 'a@b.cn', company: 'C' }),
      ],
      [],
      now,
      ids(),
      0.5,
    );
    expect(plan.outcomes.map((outcome) => [outcome.leadId, outcome.deduplicated])).toEqual([
      ['new-1', false],
      ['new-2', false],
      ['new-1', true],
      ['new-2', true],
    ]);
    // The third item holds both leads' keys: it touches the first match (by phone) and fills its e-mail.
    expect(
      plan.leads.map((planned) => [planned.row.id, planned.row.touchCount, planned.row.email, planned.row.company]),
    ).toEqual([
      ['new-1', 2, 'a@b.cn', null],
      ['new-2', 2, 'a@b.cn', 'C'],
    ]);
  });

  it('should pick the oldest lead when two existing leads share the key', () => {
    const older = existingRow({ id: 'older', phone: '+8613800138000', createdAt: new Date('2026-01-01') });
    const newer = existingRow({ id: 'newer', phone: '+8613800138000', createdAt: new Date('2026-06-01') });
    const plan = planIntake('w', [lead({ phone: '+8613800138000' })], [newer, older], now, ids(), 0.5);
    expect(plan.outcomes[0]!.leadId).toBe('older');
  });

  it('should list each touched existing lead once however often it is touched', () => {
    const plan = planIntake(
      'w',
      [lead({ phone: '+8613800138000' }), lead({ phone: '+8613800138000' })],
      [existingRow({ phone: '+8613800138000' })],
      now,
      ids(),
      0.5,
    );
    expect(plan.leads).toHaveLength(1);
    expect(plan.leads[0]!.items).toEqual([0, 1]);
    expect(plan.leads[0]!.row.touchCount).toBe(3);
  });

  it('should take the same name at a like company for the same person', () => {
    const existing = existingRow({
      name: '张伟',
      nameKey: '张伟',
      phone: '+8613800138001',
      companyKey: '北京字节跳动科技',
    });
    const plan = planIntake(
      'w',
      [lead({ name: '张 伟', nameKey: '张伟', email: 'zw@bytedance.com', companyKey: '字节跳动网络技术' })],
      [existing],
      now,
      ids(),
      0.5,
    );
    expect(plan.outcomes[0]).toMatchObject({ leadId: 'existing', match: { reason: 'name_company', score: 1 } });
  });

  it.each([
    ['another person at the same company', { name: '李娜', nameKey: '李娜', companyKey: '北京字节跳动科技' }],
    ['the same name at another company', { name: '张伟', nameKey: '张伟', companyKey: '腾讯' }],
    ['the same name with no company', { name: '张伟', nameKey: '张伟', companyKey: null }],
  ])('should not merge %s', (_, fields) => {
    const existing = existingRow({ name: '张伟', nameKey: '张伟', companyKey: '北京字节跳动科技' });
    const plan = planIntake('w', [lead({ ...fields, email: 'other@x.cn' })], [existing], now, ids(), 0.5);
    expect(plan.outcomes[0]).toMatchObject({ leadId: 'new-1', deduplicated: false });
  });

  it('should create and propose the pair under the review policy', () => {
    const plan = planIntake(
      'w',
      [lead({ phone: '+8613800138000' }, 'review')],
      [existingRow({ phone: '+8613800138000' })],
      now,
      ids(),
      0.5,
    );
    expect(plan.outcomes[0]).toMatchObject({
      leadId: 'new-1',
      deduplicated: false,
      duplicateOf: { leadId: 'existing', reason: 'phone', score: 1 },
    });
    expect(plan.leads.map((planned) => planned.row.id)).toEqual(['new-1']);
  });

  it('should create without looking under the create policy', () => {
    const plan = planIntake(
      'w',
      [lead({ phone: '+8613800138000' }, 'create')],
      [existingRow({ phone: '+8613800138000' })],
      now,
      ids(),
      0.5,
    );
    expect(plan.outcomes[0]).toEqual(expect.objectContaining({ leadId: 'new-1', deduplicated: false }));
    expect(plan.outcomes[0]!.duplicateOf).toBeUndefined();
  });
});
