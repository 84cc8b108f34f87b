import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/clock.ts';
import { activities, leadAssignments, leads } from '../src/platform/db/schema.ts';
import { addTeam, PASSWORD, startTestClew, type Org, type TestClew } from '../test/harness.ts';
import { launchBrowser, signIn } from './browser.ts';

/** A manager opens the process board and sees, in red, a rep who has left a lead untouched for 45 minutes. */
describe('the process board', () => {
  const clock = fixedClock(new Date());
  let server: TestClew;
  let browser: Browser;
  let org: Org;

  beforeAll(async () => {
    server = await startTestClew({ clock });
    org = await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 2 });
    const dealtAt = new Date(clock.now().getTime() - 45 * 60_000);
    const id = randomUUID();
    const db = server.clew.deps.db;
    await db.insert(leads).values({
      id,
      workspaceId: server.workspaceId,
      name: 'Untouched lead',
      source: 'import',
      ownerId: org.repIds[0]!,
      teamId: org.teamId,
      createdAt: dealtAt,
      updatedAt: dealtAt,
      lastTouchAt: dealtAt,
    });
    await db.insert(leadAssignments).values({
      id: randomUUID(),
      workspaceId: server.workspaceId,
      leadId: id,
      kind: 'manual',
      teamId: org.teamId,
      chosenUserId: org.repIds[0]!,
      candidates: [],
      details: {},
      createdAt: dealtAt,
    });
    // The other rep answered a lead of three hours ago within ten minutes: a bar in the chart.
    const answered = randomUUID();
    const answeredAt = new Date(clock.now().getTime() - 180 * 60_000);
    await db.insert(leads).values({
      id: answered,
      workspaceId: server.workspaceId,
      name: 'Answered lead',
      source: 'import',
      status: 'contacted',
      ownerId: org.repIds[1]!,
      teamId: org.teamId,
      createdAt: answeredAt,
      updatedAt: answeredAt,
      lastTouchAt: answeredAt,
    });
    await db.insert(leadAssignments).values({
      id: randomUUID(),
      workspaceId: server.workspaceId,
      leadId: answered,
      kind: 'manual',
      teamId: org.teamId,
      chosenUserId: org.repIds[1]!,
      candidates: [],
      details: {},
      createdAt: answeredAt,
    });
    const touchedAt = new Date(answeredAt.getTime() + 10 * 60_000);
    await db.insert(activities).values({
      id: randomUUID(),
      workspaceId: server.workspaceId,
      leadId: answered,
      type: 'call',
      summary: 'Called back',
      at: touchedAt,
      actorType: 'user',
      actorId: org.repIds[1]!,
      createdAt: touchedAt,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a red cell for the rep with an untouched lead (en-US)', async () => {
    const page = await signIn(browser, server.url, org.managerEmail, PASSWORD, 'en-US');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('nav-board').click();
    await page.waitForURL(/\/board$/);
    const table = page.getByTestId('board-table');
    await table.waitFor();

    const lateRep = page.locator(`tr[data-row-key="rep-${org.repIds[0]}"]`);
    await lateRep.waitFor();
    const red = lateRep.locator('[data-colour="red"]');
    expect(await red.count()).toBe(1);
    expect(await red.textContent()).toBe('1 · Red');
    expect(await red.getAttribute('aria-label')).toBe('Awaiting first response: 1 (oldest 45 min), Red');

    const calmRep = page.locator(`tr[data-row-key="rep-${org.repIds[1]}"]`);
    expect(await calmRep.locator('[data-colour="red"]').count()).toBe(0);
    expect(await calmRep.textContent()).toContain('100% · Green');
    expect(await calmRep.textContent()).toContain('10 min · Green');
    expect(await page.locator('tr[data-row-key="team-' + org.teamId + '"]').textContent()).toContain('Team: Inside');
    expect(await page.locator('tr[data-row-key="total"]').textContent()).toContain('Totals');
    await page.getByTestId('board-chart').waitFor();
    await page.screenshot({ path: '/tmp/board.png' });
    await page.close();
  });
});
