import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { addUser, client, loginAs } from '../../../test/harness.ts';
import { intakeFixture } from '../../../test/fixtures.ts';
import { insertWorkspace } from '../workspaces/workspace.service.ts';
import { ensureDefaultPipelines } from '../pipeline/pipeline.repository.ts';

interface Stage {
  id: string;
  name: string;
  order: number;
  requiredFields: string[];
  requiredTasks: string[];
}

describe('pipelines, deals and stage gates', () => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
  const f = intakeFixture({ reps: 2, clock, channel: '官网' });
  let stages: Stage[];
  let pipelineId: string;
  let tokens: Map<string, string>;
  let managerToken: string;
  const tokenOf = (ownerId: string) => tokens.get(ownerId)!;
  const otherRep = (ownerId: string) => tokens.get(f.org.repIds.find((id) => id !== ownerId)!)!;

  async function newLead(name: string, phone: string, company: string) {
    const lead = await client(f.server.url, f.apiKey).post('/api/v1/leads', { name, phone, company });
    expect(lead.status).toBe(201);
    return lead.body as { id: string; ownerId: string };
  }

  beforeAll(async () => {
    tokens = new Map();
    for (const [index, id] of f.org.repIds.entries())
      tokens.set(id, await loginAs(f.server.url, f.org.repEmails[index]!));
    managerToken = await loginAs(f.server.url, f.org.managerEmail);
  });

  it('should list the default pipeline as a bare array, its quote stage gated by the three requirement elements', async () => {
    const response = await client(f.server.url, f.adminToken).get('/api/v1/pipelines');
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    expect(response.body).toHaveLength(1);
    const [pipeline] = response.body;
    expect(pipeline).toMatchObject({ id: expect.any(String), name: '标准销售流程', isDefault: true });
    stages = pipeline.stages;
    pipelineId = pipeline.id;
    expect(stages.length).toBeGreaterThanOrEqual(8);
    expect(stages.map((stage) => stage.order)).toEqual(stages.map((_, index) => index + 1));
    const proposal = stages.find((stage) => stage.name === '方案提供')!;
    expect(proposal.requiredFields).toEqual(['existingSystems', 'decisionProcess', 'acceptanceCriteria']);
    expect(stages[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        name: '新线索',
        order: 1,
        requiredFields: [],
        requiredTasks: [],
      }),
    );
  });

  it('should give an older workspace without a pipeline the default one, once', async () => {
    const db = f.server.clew.deps.db;
    await insertWorkspace(db, randomUUID(), 'Older', clock.now());
    expect(await ensureDefaultPipelines(db, clock.now())).toBe(1);
    expect(await ensureDefaultPipelines(db, clock.now())).toBe(0);
  });

  let dealId: string;
  let accountId: string;
  let leadId: string;
  let ownerId: string;

  it('should convert a lead (201 {dealId, accountId}), refuse a second conversion (409) and share the account of the same company', async () => {
    const lead = await newLead('王启明', '13911110001', '杭州启明软件有限公司');
    leadId = lead.id;
    ownerId = lead.ownerId;
    const owner = client(f.server.url, tokenOf(ownerId));
    const converted = await owner.post(`/api/v1/leads/${leadId}/convert`, {
      amount: 120000,
      product: 'CRM',
      expectedCloseAt: '2027-01-31',
    });
    expect(converted.status).toBe(201);
    expect(Object.keys(converted.body).sort()).toEqual(['accountId', 'dealId']);
    dealId = converted.body.dealId;
    accountId = converted.body.accountId;

    const again = await owner.post(`/api/v1/leads/${leadId}/convert`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_CONVERTED');

    const sibling = await newLead('李明', '13911110002', '杭州启明软件');
    const second = await client(f.server.url, tokenOf(sibling.ownerId)).post(`/api/v1/leads/${sibling.id}/convert`, {});
    expect(second.status).toBe(201);
    expect(second.body.accountId).toBe(accountId);
    expect(second.body.dealId).not.toBe(dealId);

    const other = await newLead('赵六', '13911110003', '宁波海天塑机集团');
    // No body at all: everything is optional.
    const third = await client(f.server.url, f.adminToken).post(`/api/v1/leads/${other.id}/convert`);
    expect(third.status).toBe(201);
    expect(third.body.accountId).not.toBe(accountId);

    const leadView = await owner.get(`/api/v1/leads/${leadId}`);
    expect(leadView.body.status).toBe('converted');
  });

  it('should convert a lead once when two conversions race: one 201, one 409, one deal, one account', async () => {
    const lead = await newLead('周九', '13911110009', '上海并发测试有限公司');
    const owner = client(f.server.url, tokenOf(lead.ownerId));
    const answers = await Promise.all(
      [0, 1, 2].map(() => owner.post(`/api/v1/leads/${lead.id}/convert`, { product: 'CRM' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const conflicts = answers.filter((answer) => answer.status === 409);
    expect(conflicts.every((answer) => answer.body.error.code === 'ALREADY_CONVERTED')).toBe(true);
    const deals = (await client(f.server.url, f.adminToken).get('/api/v1/deals')).body.items.filter(
      (deal: { leadId: string }) => deal.leadId === lead.id,
    );
    expect(deals).toHaveLength(1);
  });

  it('should end the lead’s response deadlines when it is converted', async () => {
    const policy = await client(f.server.url, f.adminToken).post('/api/v1/sla-policies', {
      name: '转化测试',
      targets: { firstTouch: { seconds: 3600, businessTime: false } },
    });
    expect(policy.status).toBe(201);
    const lead = await newLead('吴十', '13911110010', '南京时限测试有限公司');
    const owner = client(f.server.url, tokenOf(lead.ownerId));
    expect((await owner.get(`/api/v1/leads/${lead.id}`)).body.slaDueAt).not.toBeNull();
    expect((await owner.post(`/api/v1/leads/${lead.id}/convert`, {})).status).toBe(201);
    const after = (await owner.get(`/api/v1/leads/${lead.id}`)).body;
    expect(after).toMatchObject({ status: 'converted', slaDueAt: null, slaStep: null });
    const off = await client(f.server.url, f.adminToken).patch(`/api/v1/sla-policies/${policy.body.id}`, {
      active: false,
    });
    expect(off.status).toBe(200);
  });

  it('should show the deal with its pipeline, stage, history and requirement fields, and the first stage’s tasks', async () => {
    const owner = client(f.server.url, tokenOf(ownerId));
    const deal = await owner.get(`/api/v1/deals/${dealId}`);
    expect(deal.status).toBe(200);
    expect(deal.body).toMatchObject({
      id: dealId,
      leadId,
      accountId,
      pipelineId,
      stageId: stages[0]!.id,
      ownerId,
      amount: 120000,
      product: 'CRM',
      expectedCloseAt: '2027-01-31T00:00:00.000Z',
      existingSystems: null,
      decisionProcess: null,
      acceptanceCriteria: null,
    });
    expect(deal.body.stageHistory).toEqual([
      expect.objectContaining({
        stageId: stages[0]!.id,
        stageName: '新线索',
        enteredAt: '2026-12-01T02:00:00.000Z',
        leftAt: null,
        skipped: false,
        skipReason: null,
        actorId: ownerId,
      }),
    ]);
    const tasks = await owner.get(`/api/v1/deals/${dealId}/tasks`);
    expect(tasks.status).toBe(200);
    expect(tasks.body.items).toEqual([
      expect.objectContaining({
        key: 'first_contact',
        stageId: stages[0]!.id,
        ownerId,
        status: 'open',
        dueAt: '2026-12-02T02:00:00.000Z',
        overdue: false,
      }),
    ]);
  });

  it('should refuse entering the quote stage with 422 STAGE_GATE_UNMET listing what is missing, then let the deal in once done', async () => {
    const owner = client(f.server.url, tokenOf(ownerId));
    clock.advance(3_600_000);
    expect((await owner.post(`/api/v1/deals/${dealId}/stage`, { stageId: stages[1]!.id })).status).toBe(200);
    clock.advance(3_600_000);
    expect((await owner.post(`/api/v1/deals/${dealId}/stage`, { stageId: stages[2]!.id })).status).toBe(200);

    const refused = await owner.post(`/api/v1/deals/${dealId}/stage`, { stageId: stages[3]!.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'STAGE_GATE_UNMET',
      missing: { fields: ['existingSystems', 'decisionProcess', 'acceptanceCriteria'], tasks: ['needs_interview'] },
    });

    const patched = await owner.patch(`/api/v1/deals/${dealId}`, {
      existingSystems: '用友 U8',
      decisionProcess: 'IT 部评估，总经理拍板',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.existingSystems).toBe('用友 U8');
    const stillMissing = await owner.post(`/api/v1/deals/${dealId}/stage`, { stageId: stages[3]!.id });
    expect(stillMissing.body.error.missing).toEqual({ fields: ['acceptanceCriteria'], tasks: ['needs_interview'] });

    await owner.patch(`/api/v1/deals/${dealId}`, { acceptanceCriteria: '上线三个月无重大缺陷' });
    const tasks = (await owner.get(`/api/v1/deals/${dealId}/tasks`)).body.items as { id: string; key: string }[];
    const interview = tasks.find((task) => task.key === 'needs_interview')!;
    const completed = await owner.post(`/api/v1/tasks/${interview.id}/complete`);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'done',
      completedBy: ownerId,
      completedAt: '2026-12-01T04:00:00.000Z',
    });
    clock.advance(60_000);
    const twice = await owner.post(`/api/v1/tasks/${interview.id}/complete`);
    expect(twice.status).toBe(200);
    expect(twice.body.completedAt).toBe('2026-12-01T04:00:00.000Z');

    const moved = await owner.post(`/api/v1/deals/${dealId}/stage`, { stageId: stages[3]!.id });
    expect(moved.status).toBe(200);
    expect(moved.body.stageId).toBe(stages[3]!.id);
    const history = moved.body.stageHistory;
    expect(history.map((entry: { stageId: string }) => entry.stageId)).toEqual(stages.slice(0, 4).map((s) => s.id));
    expect(history[0]).toMatchObject({ leftAt: '2026-12-01T03:00:00.000Z', timeInStageMs: 3_600_000 });
    expect(history[3]).toMatchObject({ leftAt: null, skipped: false, fromStageId: stages[2]!.id });
    const proposalTasks = (await owner.get(`/api/v1/deals/${dealId}/tasks`)).body.items.filter(
      (task: { stageId: string }) => task.stageId === stages[3]!.id,
    );
    expect(proposalTasks.map((task: { key: string }) => task.key)).toEqual(['send_proposal', 'proposal_feedback']);
  });

  it('should allow skipping only with a reason, record it for the manager, and always allow moving back', async () => {
    const lead = await newLead('钱七', '13911110004', '苏州工业园区某某科技');
    const owner = client(f.server.url, tokenOf(lead.ownerId));
    const deal = (await owner.post(`/api/v1/leads/${lead.id}/convert`, {})).body.dealId;

    const passing = await owner.post(`/api/v1/deals/${deal}/stage`, { stageId: stages[2]!.id });
    expect(passing.status).toBe(422);
    expect(passing.body.error.code).toBe('SKIP_REASON_REQUIRED');
    const gated = await owner.post(`/api/v1/deals/${deal}/stage`, { stageId: stages[4]!.id });
    expect(gated.status).toBe(422);
    expect(gated.body.error.code).toBe('STAGE_GATE_UNMET');
    expect(gated.body.error.missing.fields).toEqual([
      'existingSystems',
      'decisionProcess',
      'acceptanceCriteria',
      'amount',
      'product',
    ]);

    const skipped = await owner.post(`/api/v1/deals/${deal}/stage`, {
      stageId: stages[4]!.id,
      skipReason: '老客户续约，需求已在上一期确认',
    });
    expect(skipped.status).toBe(200);
    expect(skipped.body.stageId).toBe(stages[4]!.id);

    const seen = await client(f.server.url, managerToken).get(`/api/v1/deals/${deal}`);
    expect(seen.status).toBe(200);
    expect(seen.body.stageHistory.at(-1)).toMatchObject({
      stageId: stages[4]!.id,
      skipped: true,
      skipReason: '老客户续约，需求已在上一期确认',
      skippedStageIds: [stages[1]!.id, stages[2]!.id, stages[3]!.id],
      missing: { fields: expect.arrayContaining(['amount']), tasks: ['needs_interview'] },
      actorId: lead.ownerId,
    });

    const back = await owner.post(`/api/v1/deals/${deal}/stage`, { stageId: stages[1]!.id });
    expect(back.status).toBe(200);
    expect(back.body.stageHistory.at(-1)).toMatchObject({ stageId: stages[1]!.id, skipped: false });

    const unknown = await owner.post(`/api/v1/deals/${deal}/stage`, { stageId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('stageId');
  });

  it('should keep other reps out (404), let the manager act, and refuse moves by marketing (403)', async () => {
    const stranger = client(f.server.url, otherRep(ownerId));
    expect((await stranger.get(`/api/v1/deals/${dealId}`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/deals/${dealId}/stage`, { stageId: stages[2]!.id })).status).toBe(404);
    expect((await stranger.patch(`/api/v1/deals/${dealId}`, { product: 'x' })).status).toBe(404);
    expect((await stranger.get(`/api/v1/deals/${dealId}/tasks`)).status).toBe(404);
    const tasks = (await client(f.server.url, tokenOf(ownerId)).get(`/api/v1/deals/${dealId}/tasks`)).body.items;
    const open = tasks.find((task: { status: string }) => task.status === 'open');
    expect((await stranger.post(`/api/v1/tasks/${open.id}/complete`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/leads/${leadId}/convert`, {})).status).toBe(404);

    const manager = client(f.server.url, managerToken);
    const done = await manager.post(`/api/v1/tasks/${open.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');

    await addUser(f.server.clew, f.server.workspaceId, 'marketing', 'mkt.deals@test.clew');
    const marketing = client(f.server.url, await loginAs(f.server.url, 'mkt.deals@test.clew'));
    expect((await marketing.get(`/api/v1/deals/${dealId}`)).status).toBe(200);
    expect((await marketing.post(`/api/v1/deals/${dealId}/stage`, { stageId: stages[2]!.id })).status).toBe(403);
  });

  it('should list deals and tasks in scope, with today’s and overdue work for the rep and the manager', async () => {
    const owner = client(f.server.url, tokenOf(ownerId));
    const ownDeals = (await owner.get('/api/v1/deals')).body.items as { id: string; ownerId: string }[];
    expect(ownDeals.map((deal) => deal.id)).toContain(dealId);
    expect(ownDeals.every((deal) => deal.ownerId === ownerId)).toBe(true);
    const everyDeal = (await client(f.server.url, managerToken).get('/api/v1/deals')).body.items;
    expect(everyDeal.length).toBeGreaterThan(ownDeals.length);
    const inProposal = (await owner.get(`/api/v1/deals?stageId=${stages[3]!.id}`)).body.items;
    expect(inProposal.map((deal: { id: string }) => deal.id)).toEqual([dealId]);

    // Past the first stages’ due times (a day or two), within a session’s life.
    clock.advance(2 * 86_400_000);
    const due = await owner.get(`/api/v1/tasks?status=open&dueBefore=${encodeURIComponent(clock.now().toISOString())}`);
    expect(due.status).toBe(200);
    const items = due.body.items as { ownerId: string; status: string; overdue: boolean; dueAt: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((task) => task.ownerId === ownerId && task.status === 'open' && task.overdue)).toBe(true);
    expect(items.map((task) => task.dueAt)).toEqual([...items.map((task) => task.dueAt)].sort());
    const others = (await client(f.server.url, otherRep(ownerId)).get('/api/v1/tasks')).body.items;
    expect(others.some((task: { ownerId: string }) => task.ownerId === ownerId)).toBe(false);
    const managerView = (await client(f.server.url, managerToken).get(`/api/v1/tasks?ownerId=${ownerId}`)).body.items;
    expect(managerView.length).toBeGreaterThanOrEqual(items.length);
  });

  it('should put the conversion and stage moves on the lead’s timeline', async () => {
    const timeline = await client(f.server.url, tokenOf(ownerId)).get(`/api/v1/leads/${leadId}/timeline?limit=100`);
    expect(timeline.status).toBe(200);
    const kinds = timeline.body.items.map((item: { kind: string; type: string }) => `${item.kind}:${item.type}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['audit:lead.converted', 'audit:deal.stage_moved', 'audit:deal.task_completed']),
    );
    expect(kinds.filter((kind: string) => kind === 'audit:deal.stage_moved')).toHaveLength(3);
  });

  it('should refuse bad deal input with a code and a field', async () => {
    const owner = client(f.server.url, tokenOf(ownerId));
    const negative = await owner.patch(`/api/v1/deals/${dealId}`, { amount: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.field).toBe('amount');
    const unknownCustom = await owner.patch(`/api/v1/deals/${dealId}`, { custom: { nope: 1 } });
    expect(unknownCustom.status).toBe(400);
    expect(unknownCustom.body.error.field).toBe('custom.nope');
    const badPipeline = await owner.post(`/api/v1/leads/${randomUUID()}/convert`, {});
    expect(badPipeline.status).toBe(404);
  });

  describe('pipeline administration', () => {
    const stage = (index: number) => ({
      name: `阶段${index}`,
      nameEn: `Stage ${index}`,
      winProbability: index / 10,
      requiredFields: index === 2 ? ['amount'] : [],
      requiredTasks: index === 1 ? ['call'] : [],
      taskTemplates: index === 1 ? [{ key: 'call', title: '电话', talkTrack: '您好', dueOffsetHours: 4 }] : [],
    });
    let created: { id: string; stages: Stage[] };

    it('should create a pipeline of 8–12 stages (admin only) and convert into it', async () => {
      const admin = client(f.server.url, f.adminToken);
      const body = {
        name: '硬件产品线',
        productLine: 'hardware',
        stages: Array.from({ length: 8 }, (_, i) => stage(i)),
      };
      expect((await client(f.server.url, managerToken).post('/api/v1/pipelines', body)).status).toBe(403);
      const tooFew = await admin.post('/api/v1/pipelines', { ...body, stages: body.stages.slice(1) });
      expect(tooFew.status).toBe(400);
      expect(tooFew.body.error.field).toBe('stages');
      const badTask = await admin.post('/api/v1/pipelines', {
        ...body,
        stages: [{ ...stage(0), requiredTasks: ['ghost'] }, ...body.stages.slice(1)],
      });
      expect(badTask.status).toBe(400);
      expect(badTask.body.error.field).toBe('stages.0.requiredTasks');
      const badField = await admin.post('/api/v1/pipelines', {
        ...body,
        stages: [{ ...stage(0), requiredFields: ['custom.ghost'] }, ...body.stages.slice(1)],
      });
      expect(badField.body.error.field).toBe('stages.0.requiredFields');

      const response = await admin.post('/api/v1/pipelines', body);
      expect(response.status).toBe(201);
      created = response.body;
      expect(created.stages.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(created.stages[1]).toMatchObject({
        requiredTasks: ['call'],
        taskTemplates: [expect.objectContaining({ key: 'call' })],
      });
      const listed = (await admin.get('/api/v1/pipelines')).body;
      expect(listed.map((p: { id: string }) => p.id)).toEqual([pipelineId, created.id]);

      const lead = await newLead('孙八', '13911110005', '深圳某某电子');
      const converted = await client(f.server.url, tokenOf(lead.ownerId)).post(`/api/v1/leads/${lead.id}/convert`, {
        pipelineId: created.id,
      });
      expect(converted.status).toBe(201);
      const deal = await client(f.server.url, f.adminToken).get(`/api/v1/deals/${converted.body.dealId}`);
      expect(deal.body).toMatchObject({ pipelineId: created.id, stageId: created.stages[0]!.id });
    });

    it('should update stages in place, and refuse removing a stage a deal is in (409)', async () => {
      const admin = client(f.server.url, f.adminToken);
      const kept = created.stages.map((s, index) => ({ ...stage(index), id: s.id }));
      const renamed = await admin.patch(`/api/v1/pipelines/${created.id}`, {
        name: '硬件',
        stages: [{ ...kept[0]!, name: '接洽' }, ...kept.slice(1)],
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        name: '硬件',
        stages: expect.arrayContaining([expect.objectContaining({ id: created.stages[0]!.id, name: '接洽' })]),
      });
      const dropFirst = await admin.patch(`/api/v1/pipelines/${created.id}`, {
        stages: [...kept.slice(1), stage(9)],
      });
      expect(dropFirst.status).toBe(409);
      const foreign = await admin.patch(`/api/v1/pipelines/${created.id}`, {
        stages: [{ ...kept[0]!, id: stages[0]!.id }, ...kept.slice(1)],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.field).toBe('stages.0.id');
      const makeDefault = await admin.patch(`/api/v1/pipelines/${created.id}`, { isDefault: true });
      expect(makeDefault.body.isDefault).toBe(true);
      const listed = (await admin.get('/api/v1/pipelines')).body;
      expect(listed.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: string }) => p.id)).toEqual([
        created.id,
      ]);
    });
  });
});
