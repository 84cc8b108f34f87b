import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTeam,
  ADMIN_EMAIL,
  client,
  loginAs,
  PASSWORD,
  startTestClew,
  type Org,
  type TestClew,
} from '../test/harness.ts';
import { chooseOption, launchBrowser, signIn as signInAs } from './browser.ts';

/**
 * Lead scoring in the browser: an admin adds a point rule, sees the live preview say a lead would
 * change grade, saves, waits for the rescore, and finds the lead's new grade and the rule among its factors.
 */
describe('scoring rules in the browser', () => {
  let server: TestClew;
  let browser: Browser;
  let adminToken: string;
  let org: Org;
  const admin = () => client(server.url, adminToken);

  beforeAll(async () => {
    server = await startTestClew();
    org = await addTeam(server.clew, server.workspaceId, { name: 'Inside', reps: 1 });
    adminToken = await loginAs(server.url, ADMIN_EMAIL);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (locale: 'zh-CN' | 'en-US', email = ADMIN_EMAIL): Promise<Page> =>
    signInAs(browser, server.url, email, PASSWORD, locale);

  it('should preview a new rule, save it, rescore, and show the lead its new grade and why', async () => {
    const created = await admin().post('/api/v1/leads', {
      name: '周敏',
      phone: '13912340071',
      company: '苏州云帆数据',
      source: '行业峰会',
    });
    expect(created.status).toBe(201);
    const lead = created.body as { id: string; grade: string; score: number };
    // The default rules give a company 10 fit points: grade D.
    expect(lead).toMatchObject({ grade: 'D', score: 10 });

    const page = await signIn('en-US');
    await page.getByTestId(`lead-grade-${lead.id}`).waitFor();
    expect(await page.getByTestId(`lead-grade-${lead.id}`).textContent()).toContain('D · 10');

    await page.getByTestId('nav-scoring').click();
    await page.waitForURL(/\/scoring$/);
    const changed = page.getByTestId('scoring-preview-changed');
    // The saved rules previewed against themselves change nothing.
    await expect.poll(() => changed.getAttribute('data-changed'), { timeout: 15_000 }).toBe('0');

    await page.getByTestId('scoring-point-rules-add').click();
    await page.getByTestId('scoring-rule-name').fill('Summit visitors');
    await chooseOption(page, 'scoring-rule-group', 'BANT');
    await page.getByTestId('scoring-rule-points').fill('40');
    await page.getByTestId('scoring-condition-0-value').fill('行业峰会');
    await page.getByTestId('scoring-rule-apply').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('scoring-point-rules').textContent()).toContain('Source is 行业峰会');

    await expect.poll(() => changed.getAttribute('data-changed'), { timeout: 15_000 }).toBe('1');
    expect(await page.getByTestId('scoring-preview-summary').textContent()).toContain(
      'Leads that would change grade with this draft: 1.',
    );
    expect(await page.getByTestId('scoring-preview-transitions').textContent()).toMatch(/D\s*→?\s*B × 1/);
    const example = page.getByTestId(`scoring-preview-example-${lead.id}`);
    await example.waitFor();
    expect(await example.textContent()).toContain('Summit visitors');

    await page.getByTestId('scoring-save').click();
    await page.locator('[data-testid="scoring-rescore"][data-status="done"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('scoring-draft-state').textContent()).toBe('Showing the saved rules.');
    const saved = (await admin().get('/api/v1/scoring/config')).body;
    expect(saved.pointRules.map((rule: { name: string }) => rule.name)).toContain('Summit visitors');
    expect((await admin().get(`/api/v1/leads/${lead.id}`)).body).toMatchObject({ grade: 'B', score: 50 });

    await page.goto(`${server.url}/leads/${lead.id}`);
    const card = page.getByTestId('lead-score');
    await card.waitFor();
    expect(await page.getByTestId('lead-score-grade').getAttribute('data-grade')).toBe('B');
    expect(await page.getByTestId('lead-score-value').textContent()).toContain('50');
    const factors = page.getByTestId('lead-score-factors');
    expect(await factors.locator('[data-factor="Summit visitors"]').getAttribute('data-effect')).toBe('40');
    expect(await factors.textContent()).toContain('+40.0');
    await page.close();
  });

  it('should refuse a rule with mistakes and say what is wrong, in Chinese', async () => {
    const page = await signIn('zh-CN');
    await page.goto(`${server.url}/scoring`);
    await page.getByTestId('scoring-point-rules-add').click();
    await page.getByTestId('scoring-rule-apply').click();
    const modal = page.locator('.ant-modal');
    await modal.getByText('请填写规则名称（最多 100 个字）').waitFor();
    await modal.getByText('请填写值').waitFor();
    await page.getByTestId('scoring-rule-name').fill('无效阈值测试');
    await page.getByTestId('scoring-condition-0-value').fill('展会');
    await page.getByTestId('scoring-rule-apply').click();
    await modal.waitFor({ state: 'hidden' });

    // Thresholds out of order: the settings say so, the preview waits, and nothing can be saved.
    await page.getByTestId('scoring-threshold-C').fill('80');
    await page.getByText('分数线须从 A 到 C 依次降低').waitFor();
    await page.getByText('草稿中有错误，改正后才会更新预览。').waitFor();
    expect(await page.getByTestId('scoring-save').isDisabled()).toBe(true);
    await page.close();
  });

  it('should say why no model can be trained yet instead of showing nothing', async () => {
    const page = await signIn('en-US');
    await page.goto(`${server.url}/scoring?tab=model`);
    const readiness = page.getByTestId('scoring-readiness');
    await readiness.waitFor();
    expect(await readiness.getAttribute('data-ready')).toBe('false');
    const reason = (await page.getByTestId('scoring-readiness-reason').textContent()) ?? '';
    expect(reason.trim().length).toBeGreaterThan(10);
    expect(await readiness.textContent()).toContain('0 closed: 0 won, 0 lost');
    expect(await page.getByTestId('scoring-train').isDisabled()).toBe(true);
    expect(await page.getByTestId('scoring-models').textContent()).toContain('No model trained yet');
    await page.close();
  });

  it('should train a model on won and lost leads, show its report and score new leads with it', async () => {
    // 240 closed leads where the source carries the signal: referrals are mostly won, ads mostly lost.
    const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
    const givens = [...'伟芳娜敏静丽强磊洋艳勇军'];
    const leads = surnames.flatMap((surname, s) =>
      givens.map((given, g) => {
        const i = s * givens.length + g;
        return {
          name: surname + given,
          phone: `1391235${String(i).padStart(4, '0')}`,
          source: i % 2 ? 'referral' : 'ads',
        };
      }),
    );
    const batch = await admin().post('/api/v1/leads/batch', { leads });
    expect(batch.status).toBe(200);
    const results = batch.body.results as { id: string; status: string }[];
    expect(results.filter((result) => result.status === 'created')).toHaveLength(leads.length);
    for (const [i, result] of results.entries()) {
      const won = leads[i]!.source === 'referral' ? i % 10 < 8 : i % 10 < 2;
      const patched = await admin().patch(`/api/v1/leads/${result.id}`, { status: won ? 'won' : 'lost' });
      expect(patched.status).toBe(200);
    }

    const page = await signIn('en-US');
    await page.goto(`${server.url}/scoring?tab=model`);
    const readiness = page.getByTestId('scoring-readiness');
    await readiness.waitFor();
    expect(await readiness.getAttribute('data-ready')).toBe('true');
    await page.getByTestId('scoring-train').click();

    const auc = page.getByTestId('scoring-metric-auc');
    await auc.waitFor({ timeout: 60_000 });
    expect(Number((await auc.textContent())?.replace(/[^0-9.]/g, ''))).toBeGreaterThan(0.7);
    expect(
      Number((await page.getByTestId('scoring-metric-nholdout').textContent())?.replace(/\D/g, '')),
    ).toBeGreaterThan(0);
    await page.getByTestId('scoring-calibration-chart').waitFor();
    await page.getByTestId('scoring-lift-chart').waitFor();
    await page.getByTestId('scoring-importance-chart').waitFor();
    const versions = (await page.getByTestId('scoring-models').textContent()) ?? '';
    expect(versions).toContain('v1');
    expect(versions).toContain('Active');

    // A ready model is the active one: a new lead gets a win probability at once.
    const fresh = await admin().post('/api/v1/leads', { name: '钱进', phone: '13912359999', source: 'referral' });
    expect(fresh.status).toBe(201);
    expect(fresh.body.winProbability).toEqual(expect.any(Number));
    await page.goto(`${server.url}/leads/${fresh.body.id}`);
    await page.getByTestId('lead-score').waitFor();
    expect(await page.getByTestId('lead-score-probability').textContent()).toMatch(/\d+%/);
    await page.close();
  }, 180_000);

  it('should not offer scoring to a rep', async () => {
    const rep = await signIn('en-US', org.repEmails[0]!);
    expect(await rep.getByTestId('nav-leads').count()).toBe(1);
    expect(await rep.getByTestId('nav-scoring').count()).toBe(0);
    await rep.close();
  });
});
