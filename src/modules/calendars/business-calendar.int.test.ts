import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

/** Weekdays 09:00–18:00 in Shanghai with a 12:00–13:00 lunch break. */
const nineToSix = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const shanghaiOffice = {
  name: '上海办公室',
  timeZone: 'Asia/Shanghai',
  weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
};

describe('business calendars', () => {
  // Friday 2026-12-04 17:30 in Shanghai.
  const clock = fixedClock(new Date('2026-12-04T09:30:00.000Z'));
  const f = intakeFixture({ reps: 2, clock, channel: '官网' });
  let phone = 13700000000;
  const admin = () => client(f.server.url, f.adminToken);
  const newLead = async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '工时',
      phone: String(++phone),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; ownerId: string; slaDueAt: string | null };
  };
  const due = async (id: string, from: string, seconds: number) => {
    const response = await admin().get(
      `/api/v1/business-calendars/${id}/due?from=${encodeURIComponent(from)}&seconds=${seconds}`,
    );
    expect(response.status).toBe(200);
    return response.body.due as string;
  };

  it('should create, list, get, patch and delete calendars, refusing bad ones with code and field', async () => {
    const created = await admin().post('/api/v1/business-calendars', shanghaiOffice);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '上海办公室',
      timeZone: 'Asia/Shanghai',
      holidays: [],
      makeUpWorkdays: [],
      usedBy: { users: 0, teams: 0, workspaceDefault: false },
    });
    const id = created.body.id as string;
    const got = await admin().get(`/api/v1/business-calendars/${id}`);
    expect(got.body.weekly.fri).toEqual(nineToSix);
    const listed = await admin().get('/api/v1/business-calendars');
    expect(listed.body).toMatchObject({ defaultCalendarId: null, items: [{ id }] });

    const patched = await admin().patch(`/api/v1/business-calendars/${id}`, { holidays: ['2026-12-25'] });
    expect(patched.status).toBe(200);
    expect(patched.body.holidays).toEqual(['2026-12-25']);

    const cases: [unknown, number, string, string | undefined][] = [
      [{ ...shanghaiOffice }, 409, 'CONFLICT', 'name'],
      [{ ...shanghaiOffice, name: 'x', timeZone: 'Mars/Olympus' }, 400, 'VALIDATION_FAILED', 'timeZone'],
      [{ ...shanghaiOffice, name: 'x', weekly: {} }, 400, 'VALIDATION_FAILED', 'weekly'],
      [
        { ...shanghaiOffice, name: 'x', weekly: { mon: [{ start: '13:00', end: '12:00' }] } },
        400,
        'VALIDATION_FAILED',
        'weekly.mon.0',
      ],
      [
        { ...shanghaiOffice, name: 'x', holidays: ['2026-10-10'], makeUpWorkdays: [{ date: '2026-10-10' }] },
        400,
        'VALIDATION_FAILED',
        'makeUpWorkdays',
      ],
      [{ ...shanghaiOffice, name: 'x', holidays: ['2026-02-30'] }, 400, 'VALIDATION_FAILED', 'holidays.0'],
      [{ ...shanghaiOffice, name: 'x', preset: 'mars-2026' }, 400, 'VALIDATION_FAILED', 'preset'],
    ];
    for (const [body, status, code, field] of cases) {
      const refused = await admin().post('/api/v1/business-calendars', body);
      expect({ status: refused.status, code: refused.body.error.code, field: refused.body.error.field }).toEqual({
        status,
        code,
        field,
      });
    }
    const renamedClash = await admin().post('/api/v1/business-calendars', { ...shanghaiOffice, name: '北京' });
    const clash = await admin().patch(`/api/v1/business-calendars/${renamedClash.body.id}`, { name: '上海办公室' });
    expect([clash.status, clash.body.error.code, clash.body.error.field]).toEqual([409, 'CONFLICT', 'name']);
    const badYear = await admin().post(`/api/v1/business-calendars/${id}/holidays/china?year=2031`);
    expect([badYear.status, badYear.body.error.field]).toEqual([400, 'year']);

    const managerToken = await loginAs(f.server.url, f.org.managerEmail);
    expect((await client(f.server.url, managerToken).get(`/api/v1/business-calendars/${id}`)).status).toBe(200);
    expect(
      (await client(f.server.url, managerToken).post('/api/v1/business-calendars', { ...shanghaiOffice, name: 'm' }))
        .status,
    ).toBe(403);
    const repToken = await loginAs(f.server.url, f.org.repEmails[0]!);
    expect((await client(f.server.url, repToken).get('/api/v1/business-calendars')).status).toBe(403);

    const deleted = await admin().delete(`/api/v1/business-calendars/${renamedClash.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await admin().get(`/api/v1/business-calendars/${renamedClash.body.id}`)).status).toBe(404);
    await admin().delete(`/api/v1/business-calendars/${id}`);
  });

  it('should answer due times in business time: over a weekend, a lunch break, a holiday and a 调休 Saturday', async () => {
    const created = await admin().post('/api/v1/business-calendars', {
      ...shanghaiOffice,
      name: '上海 2026',
      preset: 'china-2026',
    });
    expect(created.status).toBe(201);
    expect(created.body.makeUpWorkdays).toContainEqual({ date: '2026-02-28', hours: 'mon' });
    expect(created.body.holidays).toContain('2026-10-01');
    const id = created.body.id as string;
    // Friday 17:30 + 1 h → Monday 09:30 (Shanghai).
    expect(await due(id, '2026-12-04T17:30:00+08:00', 3600)).toBe('2026-12-07T01:30:00.000Z');
    // Monday 11:30 + 1 h → 13:30, past lunch.
    expect(await due(id, '2026-12-07T11:30:00+08:00', 3600)).toBe('2026-12-07T05:30:00.000Z');
    // Friday 2026-02-27 17:30 + 1 h → Saturday 02-28 09:30, a make-up working day.
    expect(await due(id, '2026-02-27T17:30:00+08:00', 3600)).toBe('2026-02-28T01:30:00.000Z');
    // Thursday 09-24 17:30 + 1 h → over 中秋 (9/25–9/27) → Monday 09-28 09:30.
    expect(await due(id, '2026-09-24T17:30:00+08:00', 3600)).toBe('2026-09-28T01:30:00.000Z');
    // Without `from`: from the injected clock (Friday 2026-12-04 17:30 Shanghai).
    const now = await admin().get(`/api/v1/business-calendars/${id}/due?seconds=3600`);
    expect(now.body).toMatchObject({ from: '2026-12-04T09:30:00.000Z', due: '2026-12-07T01:30:00.000Z' });
    const bad = await admin().get(`/api/v1/business-calendars/${id}/due?seconds=-1`);
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([400, 'VALIDATION_FAILED', 'seconds']);

    // Importing into a plain calendar does the same, and twice changes nothing.
    const plain = await admin().post('/api/v1/business-calendars', { ...shanghaiOffice, name: '导入' });
    const imported = await admin().post(`/api/v1/business-calendars/${plain.body.id}/holidays/china?year=2026`);
    expect(imported.status).toBe(200);
    const again = await admin().post(`/api/v1/business-calendars/${plain.body.id}/holidays/china?year=2026`);
    expect([again.body.holidays, again.body.makeUpWorkdays]).toEqual([
      created.body.holidays,
      created.body.makeUpWorkdays,
    ]);
  });

  it('should plan a dealt lead’s deadlines in its team’s calendar, and refuse to delete a calendar in use', async () => {
    const policy = await admin().post('/api/v1/sla-policies', {
      name: '1 工作小时',
      targets: { firstTouch: { seconds: 3600, businessTime: true } },
      ladder: { reminders: [], atDeadline: ['notify_owner'] },
    });
    expect(policy.status).toBe(201);
    // No calendar anywhere: around the clock.
    expect((await newLead()).slaDueAt).toBe('2026-12-04T10:30:00.000Z');

    const calendar = await admin().post('/api/v1/business-calendars', { ...shanghaiOffice, name: '团队' });
    const unknown = await admin().patch(`/api/v1/teams/${f.org.teamId}`, {
      businessCalendarId: '00000000-0000-4000-8000-000000000000',
    });
    expect([unknown.status, unknown.body.error.field]).toEqual([400, 'businessCalendarId']);
    const team = await admin().patch(`/api/v1/teams/${f.org.teamId}`, { businessCalendarId: calendar.body.id });
    expect([team.status, team.body.businessCalendarId]).toEqual([200, calendar.body.id]);
    // Friday 17:30 + 1 business hour → Monday 09:30 in the team's calendar.
    const dealt = await newLead();
    expect(dealt.slaDueAt).toBe('2026-12-07T01:30:00.000Z');

    // A rep's own calendar wins over the team's: Saturdays too.
    const weekend = await admin().post('/api/v1/business-calendars', {
      ...shanghaiOffice,
      name: '周末班',
      weekly: { ...shanghaiOffice.weekly, sat: nineToSix },
    });
    // A lead reassigned by hand is planned again in its new owner's calendar.
    const other = f.org.repIds.find((id) => id !== dealt.ownerId)!;
    await admin().patch(`/api/v1/users/${other}`, { businessCalendarId: weekend.body.id });
    const moved = await admin().post(`/api/v1/leads/${dealt.id}/reassign`, { userId: other, reason: '周末值班' });
    expect(moved.status).toBe(200);
    expect(moved.body.slaDueAt).toBe('2026-12-05T01:30:00.000Z');
    for (const repId of f.org.repIds) {
      const rep = await admin().patch(`/api/v1/users/${repId}`, { businessCalendarId: weekend.body.id });
      expect([rep.status, rep.body.businessCalendarId]).toEqual([200, weekend.body.id]);
    }
    expect((await newLead()).slaDueAt).toBe('2026-12-05T01:30:00.000Z');

    const inUse = await admin().delete(`/api/v1/business-calendars/${calendar.body.id}`);
    expect([inUse.status, inUse.body.error.code]).toEqual([409, 'CALENDAR_IN_USE']);
    const used = await admin().get(`/api/v1/business-calendars/${calendar.body.id}`);
    expect(used.body.usedBy).toEqual({ users: 0, teams: 1, workspaceDefault: false });

    // Off the reps and the team, the workspace default counts; with none left, around the clock again.
    for (const repId of f.org.repIds) await admin().patch(`/api/v1/users/${repId}`, { businessCalendarId: null });
    await admin().patch(`/api/v1/teams/${f.org.teamId}`, { businessCalendarId: null });
    const setDefault = await admin().patch('/api/v1/business-calendars/default', {
      businessCalendarId: weekend.body.id,
    });
    expect(setDefault.body).toEqual({ defaultCalendarId: weekend.body.id });
    expect((await newLead()).slaDueAt).toBe('2026-12-05T01:30:00.000Z');
    await admin().patch('/api/v1/business-calendars/default', { businessCalendarId: null });
    expect((await newLead()).slaDueAt).toBe('2026-12-04T10:30:00.000Z');
    expect((await admin().delete(`/api/v1/business-calendars/${calendar.body.id}`)).status).toBe(204);
  });
  it('should time the next follow-up from an owner’s touch in business time too', async () => {
    const [policy] = (await admin().get('/api/v1/sla-policies')).body.items as { id: string }[];
    const patched = await admin().patch(`/api/v1/sla-policies/${policy!.id}`, {
      targets: {
        firstTouch: { seconds: 3600, businessTime: true },
        nextFollowUp: { seconds: 3600, businessTime: true },
      },
    });
    expect(patched.status).toBe(200);
    const calendar = await admin().post('/api/v1/business-calendars', { ...shanghaiOffice, name: '跟进' });
    await admin().patch(`/api/v1/teams/${f.org.teamId}`, { businessCalendarId: calendar.body.id });
    const lead = await newLead();
    const owner = client(
      f.server.url,
      await loginAs(f.server.url, f.org.repEmails[f.org.repIds.indexOf(lead.ownerId)]!),
    );
    // Friday 17:30: a touch starts the follow-up clock, due Monday 09:30.
    const touched = await owner.post(`/api/v1/leads/${lead.id}/activities`, { type: 'wechat', summary: '加了微信' });
    expect(touched.status).toBe(201);
    expect((await admin().get(`/api/v1/leads/${lead.id}`)).body).toMatchObject({
      slaDueAt: '2026-12-07T01:30:00.000Z',
      slaStep: 'nextFollowUp:deadline:notify_owner',
    });
  });
});
