import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, client, loginAs, PASSWORD, startTestClew, type Org, type TestClew } from '../test/harness.ts';
import { chooseOption, launchBrowser, signIn } from './browser.ts';

/**
 * Issue 7's journey: a rep converts a lead, is refused at the quote stage's gate, records the
 * three requirement elements, finishes the task, moves on; a skip's reason is there for the manager.
 */
describe('a deal through the stage gates in the browser', () => {
  let server: TestClew;
  let browser: Browser;
  let org: Org;

  beforeAll(async () => {
    server = await startTestClew();
    org = await addTeam(server.clew, server.workspaceId, { name: 'Deals', reps: 1 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should refuse the quote stage until the elements are recorded and the task is done, then move on', async () => {
    const repToken = await loginAs(server.url, org.repEmails[0]!);
    const rep = client(server.url, repToken);
    const lead = await client(server.url, await loginAs(server.url, org.managerEmail)).post('/api/v1/leads', {
      name: '王启明',
      phone: '13911112222',
      company: '杭州启明软件有限公司',
    });
    expect(lead.status).toBe(201);
    // The team's only rep gets it.
    expect(lead.body.ownerId).toBe(org.repIds[0]);
    const converted = await rep.post(`/api/v1/leads/${lead.body.id}/convert`, { product: 'CRM', amount: 80000 });
    expect(converted.status).toBe(201);
    const pipeline = (await rep.get('/api/v1/pipelines')).body[0];
    // Up to 需求确认 through the API; the browser takes it from there.
    for (const stage of pipeline.stages.slice(1, 3))
      expect((await rep.post(`/api/v1/deals/${converted.body.dealId}/stage`, { stageId: stage.id })).status).toBe(200);

    const page = await signIn(browser, server.url, org.repEmails[0]!, PASSWORD, 'zh-CN');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('nav-deals').click();
    await page.locator('[data-testid="deal-table"] a', { hasText: '杭州启明软件有限公司' }).click();
    await chooseOption(page, 'deal-move-target', '方案提供');
    await page.getByTestId('deal-move').click();
    const gate = page.getByTestId('deal-gate');
    await gate.waitFor();
    expect(await gate.textContent()).toContain('现有系统');
    expect(await gate.textContent()).toContain('需求调研访谈');

    await page.getByTestId('deal-existingSystems').fill('用友 U8');
    await page.getByTestId('deal-decisionProcess').fill('IT 评估，总经理拍板');
    await page.getByTestId('deal-acceptanceCriteria').fill('上线三个月无重大缺陷');
    await page.getByTestId('deal-save').click();
    await expect
      .poll(async () => (await rep.get(`/api/v1/deals/${converted.body.dealId}`)).body.acceptanceCriteria)
      .toBe('上线三个月无重大缺陷');
    await page.getByTestId('deal-task-needs_interview').getByTestId('deal-task-complete').click();
    await page.getByTestId('deal-task-needs_interview').getByText('已完成').waitFor();

    await chooseOption(page, 'deal-move-target', '方案提供');
    await page.getByTestId('deal-move').click();
    await expect
      .poll(async () => (await rep.get(`/api/v1/deals/${converted.body.dealId}`)).body.stageId)
      .toBe(pipeline.stages[3].id);
    await page.getByTestId('deal-task-send_proposal').waitFor();

    // Straight to 签约成交: a skip, with its reason.
    await chooseOption(page, 'deal-move-target', '签约成交');
    await page.getByTestId('deal-move').click();
    await page.getByTestId('deal-gate').waitFor();
    await page.getByTestId('deal-skip-reason').fill('客户总部已统一采购');
    await page.getByTestId('deal-skip').click();
    await page.getByTestId('deal-history').getByText('客户总部已统一采购').waitFor();
    await page.screenshot({ path: '/tmp/deal-journey.png' });
    await page.close();

    const managerPage = await signIn(browser, server.url, org.managerEmail, PASSWORD, 'en-US');
    await managerPage.goto(`${server.url}/deals/${converted.body.dealId}`);
    await managerPage.getByTestId('deal-history').getByText('客户总部已统一采购').waitFor();
    expect(await managerPage.getByTestId('deal-history').textContent()).toContain('Skipped');
    await managerPage.close();
  });

  it('should convert a lead from its page and open the new deal', async () => {
    const manager = client(server.url, await loginAs(server.url, org.managerEmail));
    const lead = await manager.post('/api/v1/leads', {
      name: 'Lin Yue',
      phone: '13933334444',
      company: '苏州远航机械',
    });
    expect(lead.status).toBe(201);
    const page = await signIn(browser, server.url, org.repEmails[0]!, PASSWORD, 'en-US');
    await page.goto(`${server.url}/leads/${lead.body.id}`);
    await page.getByTestId('convert-lead').click();
    await page.getByTestId('convert-product').fill('Clew Enterprise');
    await page.getByTestId('convert-confirm').click();
    await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const dealId = page.url().split('/').pop()!;
    const deal = (await manager.get(`/api/v1/deals/${dealId}`)).body;
    expect(deal).toMatchObject({ leadId: lead.body.id, product: 'Clew Enterprise' });
    expect((await manager.get(`/api/v1/leads/${lead.body.id}`)).body.status).toBe('converted');
    await page.close();
  });
});
