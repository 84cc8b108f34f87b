import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { queryRows, writeTogether } from '../../platform/db/database.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { addTeam, client, loginAs, type Org } from '../../../test/harness.ts';
import { notificationStatements } from './notification-write.ts';

describe('personal e-mail, prefix preferences, team channels and team preferences', () => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
  const env: Record<string, string> = { SMTP_FROM: 'Clew <clew@test.clew>' };
  const mails: { to: string[]; raw: string }[] = [];
  let smtp: SMTPServer;
  let other: Org;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  const f = intakeFixture({ reps: 2, clock, channel: '官网', env });
  beforeAll(async () => {
    other = await addTeam(f.server.clew, f.server.workspaceId, { name: 'Outside', reps: 1, makeDefault: false });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const admin = () => client(f.server.url, f.adminToken);
  const deps = () => f.server.clew.deps;
  let phone = 13800000000;
  const newLead = async () => {
    const response = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: `个人通知${phone + 1}`,
      company: `个人科技${phone + 1}`,
      phone: String(++phone),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; ownerId: string };
  };
  /** A lead for a given rep of the default team (round robin over two reps). */
  const leadFor = async (repId: string) => {
    for (let tries = 0; tries < 4; tries++) {
      const lead = await newLead();
      if (lead.ownerId === repId) return lead;
    }
    throw new Error(`no lead went to ${repId}`);
  };
  const repClient = async (index: number) => client(f.server.url, await loginAs(f.server.url, f.org.repEmails[index]!));
  const inboxOf = async (index: number, leadId: string) =>
    (await (await repClient(index)).get('/api/v1/notifications?limit=50')).body.items.filter(
      (item: { leadId: string }) => item.leadId === leadId,
    );
  const personalOf = (userId: string) =>
    queryRows<{ status: string; recipient: string; attempts: number; next_attempt_at: string | Date }>(
      deps().db,
      sql`SELECT status, recipient, attempts, next_attempt_at FROM notification_deliveries
          WHERE channel_id IS NULL AND user_id = ${userId} ORDER BY created_at, id`,
    );
  const settle = async () => {
    await deps().deliveryWorker.runNow();
  };

  it('should cost a workspace where nobody names e-mail one probe of the partial index', async () => {
    const statement = notificationStatements(
      [{ workspaceId: f.server.workspaceId, userId: f.org.repIds[0]!, type: 'lead.assigned', data: {} }],
      clock.now(),
      { personalEmail: true },
    )[2]!;
    // Run for real (it inserts nothing): the gate is a one-time filter, and nothing under it runs.
    const plan = (
      await queryRows<{ 'QUERY PLAN': string }>(deps().db, sql`EXPLAIN (ANALYZE, COSTS OFF) ${statement}`)
    ).map((row) => row['QUERY PLAN']);
    const text = plan.join('\n');
    expect(text).toContain('One-Time Filter');
    const joined = plan.filter((line) => / on (users u|notification_preferences (up|tp))\b/.test(line));
    expect(joined).not.toEqual([]);
    for (const line of joined) expect(line, text).toContain('never executed');
    // The gate can use the partial index (on these few rows the planner may prefer a scan).
    await deps().db.execute(sql`SET enable_seqscan = off`);
    try {
      const forced = await queryRows<{ 'QUERY PLAN': string }>(deps().db, sql`EXPLAIN ${statement}`);
      expect(forced.map((row) => row['QUERY PLAN']).join('\n')).toContain('notification_preferences_email_idx');
    } finally {
      await deps().db.execute(sql`RESET enable_seqscan`);
    }
    // Without SMTP, no personal statement at all.
    expect(notificationStatements([], clock.now(), { personalEmail: false })).toHaveLength(2);
  });

  it('should e-mail a user who prefers e-mail at their own address, and nobody who does not', async () => {
    const rep0 = await repClient(0);
    expect((await rep0.put('/api/v1/notification-preferences/me', { channels: ['in_app', 'email'] })).status).toBe(200);
    mails.length = 0;
    const mine = await leadFor(f.org.repIds[0]!);
    const theirs = await leadFor(f.org.repIds[1]!);
    await settle();
    expect(await personalOf(f.org.repIds[0]!)).toMatchObject([
      { status: 'sent', recipient: f.org.repEmails[0], attempts: 1 },
    ]);
    expect(await personalOf(f.org.repIds[1]!)).toEqual([]);
    expect(mails.map((mail) => mail.to)).toEqual([[f.org.repEmails[0]]]);
    expect(await inboxOf(0, mine.id)).toHaveLength(1);
    expect(await inboxOf(1, theirs.id)).toHaveLength(1);
    // The delivery log shows it without a channel.
    const log = await admin().get('/api/v1/notification-deliveries?limit=5');
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ channelId: null, recipient: f.org.repEmails[0], status: 'sent' }),
    );
  });

  it('should hold a personal e-mail through quiet hours and send it when they end', async () => {
    const rep0 = await repClient(0);
    // 02:00 UTC is 10:00 in Shanghai: quiet until 12:00 there, 04:00 UTC.
    const quietHours = { start: '09:00', end: '12:00', timeZone: 'Asia/Shanghai' };
    expect((await rep0.put('/api/v1/notification-preferences/me', { channels: ['email'], quietHours })).status).toBe(
      200,
    );
    mails.length = 0;
    clock.advance(1_000);
    await leadFor(f.org.repIds[0]!);
    await settle();
    const held = (await personalOf(f.org.repIds[0]!)).at(-1)!;
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(new Date(held.next_attempt_at).toISOString()).toBe('2026-12-01T04:00:00.000Z');
    expect(mails).toEqual([]);
    clock.set(new Date(held.next_attempt_at));
    await settle();
    expect((await personalOf(f.org.repIds[0]!)).at(-1)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mails).toHaveLength(1);
    expect((await rep0.put('/api/v1/notification-preferences/me', {})).status).toBe(200);
  });

  it('should honour prefix patterns in byEvent and events, the most specific entry winning', async () => {
    const rep0 = await repClient(0);
    const before = (await personalOf(f.org.repIds[0]!)).length;
    // lead.* → e-mail only: no in-app entry, one e-mail.
    await rep0.put('/api/v1/notification-preferences/me', { channels: ['in_app'], byEvent: { 'lead.*': ['email'] } });
    const emailed = await leadFor(f.org.repIds[0]!);
    expect(await inboxOf(0, emailed.id)).toEqual([]);
    expect(await personalOf(f.org.repIds[0]!)).toHaveLength(before + 1);
    // The exact name beats the prefix.
    await rep0.put('/api/v1/notification-preferences/me', {
      byEvent: { 'lead.*': ['email'], 'lead.assigned': ['in_app'] },
    });
    const exact = await leadFor(f.org.repIds[0]!);
    expect(await inboxOf(0, exact.id)).toHaveLength(1);
    expect(await personalOf(f.org.repIds[0]!)).toHaveLength(before + 1);
    // Events limited to sla.*: nothing at all about leads.
    await rep0.put('/api/v1/notification-preferences/me', { events: ['sla.*'], channels: ['in_app', 'email'] });
    const none = await leadFor(f.org.repIds[0]!);
    expect(await inboxOf(0, none.id)).toEqual([]);
    expect(await personalOf(f.org.repIds[0]!)).toHaveLength(before + 1);
    // A team default applies to a member without their own: team says lead.* by e-mail.
    await rep0.put('/api/v1/notification-preferences/me', {});
    const manager = client(f.server.url, await loginAs(f.server.url, f.org.managerEmail));
    expect(
      (
        await manager.put(`/api/v1/notification-preferences/teams/${f.org.teamId}`, {
          byEvent: { 'lead.*': ['email'] },
        })
      ).status,
    ).toBe(200);
    const team = await leadFor(f.org.repIds[1]!);
    expect(await inboxOf(1, team.id)).toEqual([]);
    expect(await personalOf(f.org.repIds[1]!)).toHaveLength(1);
    expect((await manager.put(`/api/v1/notification-preferences/teams/${f.org.teamId}`, {})).status).toBe(200);
    await settle();
  });

  it('should give a team channel only its own team’s events, and update and delete channels', async () => {
    const add = async (name: string, to: string, teamId: string | null) => {
      const response = await admin().post('/api/v1/notification-channels', {
        name,
        config: { kind: 'email', to: [to] },
        ...(teamId ? { teamId } : {}),
      });
      expect(response.status).toBe(201);
      return response.body as { id: string };
    };
    const inside = await add('inside', 'inside@test.clew', f.org.teamId);
    const outside = await add('outside', 'outside@test.clew', other.teamId);
    mails.length = 0;
    await newLead();
    await settle();
    expect(mails.map((mail) => mail.to)).toEqual([['inside@test.clew']]);

    // Moving the channel to the other team and changing its address: it hears nothing from Inside.
    const patched = await admin().patch(`/api/v1/notification-channels/${inside.id}`, {
      config: { kind: 'email', to: ['moved@test.clew'] },
      teamId: other.teamId,
      events: ['lead.*'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      teamId: other.teamId,
      events: ['lead.*'],
      config: { to: ['moved@test.clew'] },
    });
    mails.length = 0;
    await newLead();
    await settle();
    expect(mails).toEqual([]);
    // Events other teams never raise go nowhere; the other team's own event reaches both its channels.
    await writeTogether(
      deps().db,
      notificationStatements(
        [{ workspaceId: f.server.workspaceId, userId: other.repIds[0]!, type: 'lead.assigned', data: {} }],
        clock.now(),
      ),
    );
    await settle();
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['moved@test.clew', 'outside@test.clew']);

    expect((await admin().delete(`/api/v1/notification-channels/${inside.id}`)).status).toBe(204);
    expect((await admin().delete(`/api/v1/notification-channels/${inside.id}`)).status).toBe(404);
    expect((await admin().get('/api/v1/notification-channels')).body.items.map((c: { id: string }) => c.id)).toEqual([
      outside.id,
    ]);
    expect((await admin().delete(`/api/v1/notification-channels/${outside.id}`)).status).toBe(204);
  });

  it('should let a manager read and write their own team’s preferences only', async () => {
    const manager = client(f.server.url, await loginAs(f.server.url, f.org.managerEmail));
    const own = `/api/v1/notification-preferences/teams/${f.org.teamId}`;
    const foreign = `/api/v1/notification-preferences/teams/${other.teamId}`;
    expect((await manager.put(own, { events: ['lead.*'] })).status).toBe(200);
    expect((await manager.get(own)).body).toMatchObject({ teamId: f.org.teamId, preferences: { events: ['lead.*'] } });
    expect((await manager.get(foreign)).status).toBe(403);
    expect((await manager.put(foreign, { events: ['*'] })).status).toBe(403);
    const otherManager = client(f.server.url, await loginAs(f.server.url, other.managerEmail));
    expect((await otherManager.get(foreign)).status).toBe(200);
    expect((await admin().get(foreign)).status).toBe(200);
    expect(
      (await admin().get('/api/v1/notification-preferences/teams/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await manager.put(own, {})).status).toBe(200);
  });
});
