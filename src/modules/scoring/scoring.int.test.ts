import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { client, until } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';

const start = new Date('2026-11-23T08:00:00.000Z');
const HOUR = 3_600_000;

describe('lead scoring', () => {
  const clock = fixedClock(start);
  const f = intakeFixture({ reps: 2, clock });
  const admin = () => client(f.server.url, f.adminToken);
  const lead = async (id: string) => (await admin().get(`/api/v1/leads/${id}`)).body;

  it('grades a new lead by the default rules at once, and says why', async () => {
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '王总',
      phone: '13912340001',
      company: '杭州云帆科技有限公司',
      title: '总经理',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ score: 20, grade: 'C', urgency: 'normal', winProbability: null });
    expect(created.body.scoreFactors).toEqual(
      expect.arrayContaining([
        { factor: '有公司名称', effect: 10 },
        { factor: '决策层职务', effect: 10 },
      ]),
    );
  });

  it('rescores on behaviour in the same request, and raises urgency as a trial nears its end', async () => {
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '李工', phone: '13912340002' });
    const id = created.body.id;
    await client(f.server.url, f.apiKey).post(`/api/v1/leads/${id}/events`, {
      type: 'page_view',
      props: { seconds: 240 },
    });
    expect(await lead(id)).toMatchObject({
      score: 20,
      scoreFactors: [{ factor: '7 天内浏览超过 3 分钟', effect: 20 }],
    });

    const expiresAt = new Date(start.getTime() + 72 * HOUR).toISOString();
    await client(f.server.url, f.apiKey).post(`/api/v1/leads/${id}/events`, {
      type: 'trial_expiring',
      props: { expiresAt },
    });
    expect((await lead(id)).urgency).toBe('normal');

    // A day later the trial is 48 hours from its end: time alone makes the lead critical.
    clock.advance(24 * HOUR + 1_000);
    f.server.clew.deps.scoringWorker.kick();
    const urgent = await until(
      () => lead(id),
      (view) => view.urgency === 'critical',
      'the trial to become urgent',
    );
    expect(urgent.urgencyReason).toBe('试用 48 小时内到期');
  });

  it('previews a rule change, then saves it and rescores every lead in the background', async () => {
    const saved = (await admin().get('/api/v1/scoring/config')).body;
    const draft = {
      pointRules: [
        ...saved.pointRules.map(({ id: _id, ...rule }: { id: string }) => rule),
        {
          name: '来自官网注册',
          group: 'fit',
          points: 60,
          active: true,
          when: [{ kind: 'field', field: 'source', op: 'eq', value: '官网注册' }],
        },
      ],
      urgencyRules: saved.urgencyRules.map(({ id: _id, ...rule }: { id: string }) => rule),
      settings: { ...saved.settings, caps: { ...saved.settings.caps, fit: 100 } },
    };
    const preview = await admin().post('/api/v1/scoring/preview', draft);
    expect(preview.status).toBe(200);
    expect(preview.body.evaluated).toBe(preview.body.total);
    expect(preview.body.changed).toBeGreaterThan(0);
    expect(preview.body.examples[0].factors).toContainEqual({ factor: '来自官网注册', effect: 60 });

    const put = await admin().put('/api/v1/scoring/config', draft);
    expect(put.status).toBe(200);
    const job = await until(
      async () => (await admin().get(`/api/v1/scoring/jobs/${put.body.lastJob.id}`)).body,
      (view) => view.status === 'done',
      'the rescore',
    );
    expect(job.processed).toBe(job.total);
    const listed = (await admin().get('/api/v1/leads?limit=50')).body.items;
    for (const item of listed) expect(item.scoreFactors).toContainEqual({ factor: '来自官网注册', effect: 60 });
  });

  it('refuses a rule set whose thresholds do not fall from A to C, naming the field', async () => {
    const saved = (await admin().get('/api/v1/scoring/config')).body;
    const response = await admin().put('/api/v1/scoring/config', {
      pointRules: [],
      urgencyRules: [],
      settings: { ...saved.settings, thresholds: { A: 30, B: 50, C: 10 } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(response.body.error)).toContain('thresholds');
  });

  it('says how many outcomes a model needs instead of training on too few', async () => {
    const readiness = (await admin().get('/api/v1/scoring/readiness')).body;
    expect(readiness).toMatchObject({ ready: false, won: 0, lost: 0 });
    const response = await admin().post('/api/v1/scoring/models', {});
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('NOT_ENOUGH_OUTCOMES');
    expect(response.body.error.message).toContain('200');
  });

  it('learns from won and lost leads, reports on a hold-out, and scores new leads with the model', async () => {
    const leads = Array.from({ length: 300 }, (_, index) => {
      const referral = index % 2 === 0;
      // 90 % of referrals are won, 10 % of the rest: a hold-out of 60 still ranks them clearly.
      const won = referral ? index % 20 !== 0 : index % 20 === 1;
      return {
        name: `客户${index}`,
        phone: `1370000${String(index).padStart(4, '0')}`,
        source: referral ? '老客户介绍' : '信息流广告',
        city: ['北京', '上海', '深圳'][index % 3],
        status: won ? 'won' : 'lost',
      };
    });
    const batch = await client(f.server.url, f.apiKey).post('/api/v1/leads/batch', { leads });
    expect(batch.body.results.every((result: { status: string }) => result.status === 'created')).toBe(true);
    expect((await admin().get('/api/v1/scoring/readiness')).body.ready).toBe(true);

    const requested = await admin().post('/api/v1/scoring/models', { exclude: ['city'] });
    expect(requested.status).toBe(202);
    const model = await until(
      async () => (await admin().get(`/api/v1/scoring/models/${requested.body.id}`)).body,
      (view) => view.status !== 'training',
      'the model',
    );
    expect(model).toMatchObject({ status: 'ready', active: true, version: 1, exclude: ['city'] });
    expect(model.metrics.auc).toBeGreaterThan(0.7);
    expect(model.metrics.nTrain + model.metrics.nHoldout).toBe(300);
    expect(model.features[0].name).toBe('source');
    expect(model.features.map((feature: { name: string }) => feature.name)).not.toContain('city');
    expect(model.calibration.length).toBeGreaterThan(0);
    expect(model.lift.length).toBeGreaterThan(0);

    const fresh = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '新客户',
      phone: '13612345678',
      source: '老客户介绍',
    });
    expect(fresh.body.winProbability).toBeGreaterThan(0.5);
    expect(fresh.body.scoreFactors.some((factor: { factor: string }) => factor.factor.includes('老客户介绍'))).toBe(
      true,
    );
    const cold = await client(f.server.url, f.apiKey).post('/api/v1/leads', {
      name: '冷线索',
      phone: '13612345679',
      source: '信息流广告',
    });
    expect(cold.body.winProbability).toBeLessThan(fresh.body.winProbability);
  });

  it('records when a lead is won, and reopening it clears the date', async () => {
    const created = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name: '成交', phone: '13512345678' });
    const won = await admin().patch(`/api/v1/leads/${created.body.id}`, { status: 'won' });
    expect(won.status).toBe(200);
    expect(won.body.status).toBe('won');
    const list = await admin().get('/api/v1/leads?status=won&limit=200');
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
  });
});
