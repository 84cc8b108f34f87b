import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../platform/db/database.ts';
import { freshDatabase, testEngine } from '../../../test/harness.ts';
import { unscoredLead } from '../scoring/scoring.rules.ts';
import { insertLeadsStatement, type LeadRow } from '../leads/lead.repository.ts';
import { insertTeam, insertUser, insertWorkspace } from '../workspaces/workspace.service.ts';
import { findMatchCandidates, findSimilarCompanies } from './dedupe.repository.ts';

const NOW = new Date('2026-12-01T08:00:00Z');

/** A workspace whose one rep owns a lead with these very contacts: every workspace gets the same. */
async function workspaceWithLead(database: Database, label: string) {
  const { db } = database;
  const workspaceId = randomUUID();
  await insertWorkspace(db, workspaceId, label, NOW);
  const teamId = await insertTeam(db, { workspaceId, name: `${label} 组`, kind: 'group' }, NOW);
  const repName = `${label} 销售`;
  const ownerId = await insertUser(
    db,
    { workspaceId, email: `rep@${label}.clew`, name: repName, passwordHash: 'x', role: 'rep', teamId },
    NOW,
  );
  const lead: LeadRow = {
    id: randomUUID(),
    workspaceId,
    name: '周杰',
    nameKey: '周杰',
    phone: '+8613912340001',
    email: "o'brien@xinghe.cn",
    company: '北京星河互联科技有限公司',
    companyKey: '北京星河互联科技',
    website: null,
    title: null,
    province: null,
    city: null,
    source: '官网注册',
    channelId: null,
    campaign: null,
    utm: null,
    landingPage: null,
    referrer: null,
    tags: [],
    custom: {},
    ...unscoredLead,
    status: 'new',
    ownerId,
    teamId,
    touchCount: 1,
    lastTouchAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    slaDueAt: null,
    slaStep: null,
    poolId: null,
  };
  await db.execute(insertLeadsStatement([lead]));
  return { workspaceId, leadId: lead.id, repName };
}

describe('findMatchCandidates as prepared statements', () => {
  const opened: Awaited<ReturnType<typeof freshDatabase>>[] = [];
  const open = async () => {
    const fresh = await freshDatabase();
    opened.push(fresh);
    return fresh.database;
  };
  afterEach(async () => {
    for (const fresh of opened.splice(0)) {
      await fresh.database.close();
      await fresh.drop();
    }
  });

  it("should keep returning only the asking workspace's leads after many calls, for each shape of keys", async () => {
    const database = await open();
    const a = await workspaceWithLead(database, 'a');
    const b = await workspaceWithLead(database, 'b');
    const shapes = [
      { phone: '+8613912340001' },
      { email: "o'brien@xinghe.cn" },
      { nameKey: '周杰' },
      { phone: '+8613912340001', email: "o'brien@xinghe.cn", nameKey: '周杰' },
    ];
    // Past PostgreSQL's five custom plans, so the cached generic plan is what answers at the end.
    for (let round = 0; round < 12; round++) {
      for (const keys of shapes) {
        for (const workspace of [a, b]) {
          const found = await findMatchCandidates(database.db, workspace.workspaceId, keys);
          expect(found.map((lead) => [lead.id, lead.ownerName])).toEqual([[workspace.leadId, workspace.repName]]);
          expect(found[0]!.createdAt).toEqual(NOW);
        }
      }
    }
    expect(await findMatchCandidates(database.db, a.workspaceId, { phone: '+8613900000000' })).toEqual([]);
    expect(await findMatchCandidates(database.db, randomUUID(), { phone: '+8613912340001' })).toEqual([]);
    const inTransaction = await database.db.transaction((tx) =>
      findMatchCandidates(tx, b.workspaceId, { phone: '+8613912340001' }),
    );
    expect(inTransaction.map((lead) => lead.id)).toEqual([b.leadId]);
    // A quote in a key is data, not SQL (PGlite's EXECUTE gets its arguments as literals).
    expect(await findMatchCandidates(database.db, a.workspaceId, { email: "x'); DROP TABLE leads; --" })).toEqual([]);
    if (testEngine() === 'pglite') {
      const statements = await queryRows<{ name: string; executions: number }>(
        database.db,
        sql`SELECT name, generic_plans + custom_plans AS executions FROM pg_prepared_statements ORDER BY name`,
      );
      expect(statements.map((row) => row.name)).toEqual([
        'dedupe_match_e',
        'dedupe_match_n',
        'dedupe_match_p',
        'dedupe_match_pen',
      ]);
      expect(statements.find((row) => row.name === 'dedupe_match_p')!.executions).toBeGreaterThanOrEqual(24);
      await database.db.execute(sql`DEALLOCATE ALL`);
      const again = await findMatchCandidates(database.db, b.workspaceId, { phone: '+8613912340001' });
      expect(again.map((lead) => lead.id)).toEqual([b.leadId]);
    }
  });

  it('should prepare again on a database opened after the first was closed', async () => {
    const first = await open();
    const before = await workspaceWithLead(first, 'a');
    expect(await findMatchCandidates(first.db, before.workspaceId, { phone: '+8613912340001' })).toHaveLength(1);
    await opened[0]!.database.close();
    await opened[0]!.drop();
    opened.splice(0, 1);

    const second = await open();
    const after = await workspaceWithLead(second, 'b');
    const found = await findMatchCandidates(second.db, after.workspaceId, { phone: '+8613912340001' });
    expect(found.map((lead) => lead.id)).toEqual([after.leadId]);
  });

  it("should raise pg_trgm's floor for the fuzzy search's own transaction only", async () => {
    const database = await open();
    const a = await workspaceWithLead(database, 'a');
    const floor = async () =>
      (
        await queryRows<{ floor: string }>(
          database.db,
          sql`SELECT current_setting('pg_trgm.similarity_threshold') AS floor`,
        )
      )[0]!.floor;
    const before = await floor();
    const found = await findSimilarCompanies(database.db, a.workspaceId, '北京星河互联科技', 0.6, 5);
    expect(found.map((lead) => lead.id)).toEqual([a.leadId]);
    // PGlite is one session: a SET that outlived the search would change every later `%` there.
    expect(await floor()).toBe(before);
    expect(Number(before)).toBeCloseTo(0.3);
  });
});
