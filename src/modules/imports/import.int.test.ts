import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { intakeFixture } from '../../../test/fixtures.ts';
import { addWorkspace, client, loginAs } from '../../../test/harness.ts';
import {
  contactHeaders,
  expectedOutcome,
  fakeMobile,
  fakeName,
  importRows,
  missingDatasets,
  OLIST_MQL_CSV,
  postForm,
  readDataset,
  toCsv,
  waitForImport,
  X_EDUCATION_CSV,
} from '../../../test/import-fixtures.ts';
import { leads, leadTouches } from '../../platform/db/schema.ts';

const missing = missingDatasets();
if (missing) console.warn(`import tests on real data skipped: ${missing}`);

describe('imports over HTTP', () => {
  const f = intakeFixture({ reps: 3 });
  const upload = (file: { name: string; content: string | Uint8Array } | null, fields: Record<string, string> = {}) =>
    postForm(f.server.url, f.adminToken, '/api/v1/imports', file, fields);
  const preview = (file: { name: string; content: string | Uint8Array }, fields: Record<string, string> = {}) =>
    postForm(f.server.url, f.adminToken, '/api/v1/imports/preview', file, fields);

  async function leadCount() {
    const [row] = await f.server.clew.deps.db
      .select({ n: count() })
      .from(leads)
      .where(eq(leads.workspaceId, f.server.workspaceId));
    return row!.n;
  }

  async function touchCount() {
    const [row] = await f.server.clew.deps.db
      .select({ n: count() })
      .from(leadTouches)
      .where(eq(leadTouches.workspaceId, f.server.workspaceId));
    return row!.n;
  }

  beforeAll(async () => {
    const field = await client(f.server.url, f.adminToken).post('/api/v1/fields', {
      entity: 'lead',
      name: 'lead_origin',
      label: 'Lead Origin',
      type: 'text',
    });
    expect(field.status).toBe(201);
  });

  describe.skipIf(missing !== null)('a file made from the X Education leads', () => {
    const rows = 1_200;
    let csv: string;
    let mapping: Record<string, string>;
    let firstId: string;

    beforeAll(() => {
      const dataset = readDataset(X_EDUCATION_CSV);
      csv = toCsv([...contactHeaders, ...dataset.headers], importRows(dataset, rows), { bom: true });
    });

    it('should preview the first rows with a guessed mapping, a custom field included', async () => {
      const response = await preview({ name: 'x-education.csv', content: csv });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ format: 'csv', encoding: 'utf-8' });
      expect(response.body.headers.slice(0, 5)).toEqual(['姓名', '手机', '公司', 'Prospect ID', 'Lead Number']);
      expect(response.body.guessedMapping).toEqual({
        姓名: 'name',
        手机: 'phone',
        公司: 'company',
        'Lead Origin': 'custom.lead_origin',
        'Lead Source': 'source',
        // The outcome column, 1/0, is read as won/lost: the history a scoring model learns from.
        Converted: 'status',
        City: 'city',
      });
      expect(response.body.rows).toHaveLength(10);
      expect(response.body.rows[0]).toMatchObject({
        rowNumber: 2,
        values: { 姓名: fakeName(0), 'Lead Source': 'Olark Chat' },
      });
      expect(response.body.cleaned[0]).toMatchObject({
        rowNumber: 2,
        ok: true,
        lead: { name: fakeName(0), phone: `+86${fakeMobile(0)}`, source: 'Olark Chat', custom: { lead_origin: 'API' } },
      });
      mapping = response.body.guessedMapping;
    });

    it('should import it, rows counted once each, bad rows rejected and repeats merged', async () => {
      const started = await upload({ name: 'x-education.csv', content: csv }, { mapping: JSON.stringify(mapping) });
      expect(started.status).toBe(202);
      firstId = started.body.id;
      const done = await waitForImport(f.server.url, f.adminToken, firstId);
      const expected = expectedOutcome(rows);
      expect(done).toMatchObject({ status: 'done', ...expected, processed: rows, quarantined: 0 });
      expect(done.created + done.merged + done.quarantined + done.rejected).toBe(done.total);
      expect(await leadCount()).toBe(expected.created);

      const leadsPage = await client(f.server.url, f.adminToken).get('/api/v1/leads?limit=200&source=Olark%20Chat');
      const first = leadsPage.body.items.find((lead: { phone: string }) => lead.phone === `+86${fakeMobile(0)}`);
      expect(first).toMatchObject({ name: fakeName(0), custom: { lead_origin: 'API' } });
    });

    it('should list the bad rows in the error file, with the reason and the row as it was', async () => {
      const response = await fetch(`${f.server.url}/api/v1/imports/${firstId}/errors.csv?locale=zh-CN`, {
        headers: { authorization: `Bearer ${f.adminToken}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toContain('x-education-errors.csv');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
      expect(lines[0]).toMatch(/^行号,状态,错误代码,字段,原因,姓名,手机,公司,Prospect ID/);
      expect(lines).toHaveLength(1 + expectedOutcome(rows).rejected);
      // Row index 10 (line 12 of the sheet) has an impossible phone; index 35 has none.
      expect(lines[1]).toMatch(new RegExp(`^12,rejected,INVALID_PHONE,phone,.*,${fakeName(10)},1380013,`));
      expect(lines[2]).toMatch(new RegExp(`^37,rejected,MISSING_CONTACT,phone,.*,${fakeName(35)},,`));
    });

    it('should create nothing and touch nothing when the same file is imported again', async () => {
      const leadsBefore = await leadCount();
      const touchesBefore = await touchCount();
      const again = await upload({ name: 'again.csv', content: csv }, { mapping: JSON.stringify(mapping) });
      expect(again.status).toBe(202);
      expect(again.body.replayOf).toBe(firstId);
      const done = await waitForImport(f.server.url, f.adminToken, again.body.id);
      const expected = expectedOutcome(rows);
      expect(done).toMatchObject({
        status: 'done',
        total: rows,
        created: 0,
        merged: expected.created + expected.merged,
        rejected: expected.rejected,
      });
      expect(await leadCount()).toBe(leadsBefore);
      expect(await touchCount()).toBe(touchesBefore);
      const errors = await fetch(`${f.server.url}/api/v1/imports/${again.body.id}/errors.csv`, {
        headers: { authorization: `Bearer ${f.adminToken}` },
      });
      expect((await errors.text()).split('\r\n').filter(Boolean)).toHaveLength(1 + expected.rejected);
    });

    it('should import the file for real when the mapping differs, merging every row into its lead', async () => {
      const touchesBefore = await touchCount();
      const withoutCity = Object.fromEntries(Object.entries(mapping).filter(([header]) => header !== 'City'));
      const started = await upload({ name: 'x-education.csv', content: csv }, { mapping: JSON.stringify(withoutCity) });
      expect(started.body.replayOf).toBeUndefined();
      const done = await waitForImport(f.server.url, f.adminToken, started.body.id);
      const expected = expectedOutcome(rows);
      expect(done).toMatchObject({
        created: 0,
        merged: expected.created + expected.merged,
        rejected: expected.rejected,
      });
      expect(await touchCount()).toBe(touchesBefore + expected.created + expected.merged);
    });
  });

  describe.skipIf(missing !== null)('a file made from the Olist marketing-qualified leads', () => {
    it('should guess the real columns onto source and custom fields, and coerce a date field', async () => {
      const admin = client(f.server.url, f.adminToken);
      for (const field of [
        { entity: 'lead', name: 'landing_page_id', label: '落地页 ID', type: 'text' },
        { entity: 'lead', name: 'first_contact_date', type: 'date' },
      ]) {
        expect((await admin.post('/api/v1/fields', field)).status).toBe(201);
      }
      const rows = 800;
      const dataset = readDataset(OLIST_MQL_CSV);
      // Other people than the X Education file's: nobody here repeats a lead imported above.
      const csv = toCsv([...contactHeaders, ...dataset.headers], importRows(dataset, rows, 1_000_000));
      const previewed = await preview({ name: 'olist.csv', content: csv });
      expect(previewed.body.guessedMapping).toEqual({
        姓名: 'name',
        手机: 'phone',
        公司: 'company',
        first_contact_date: 'custom.first_contact_date',
        landing_page_id: 'custom.landing_page_id',
        origin: 'source',
      });
      const started = await upload(
        { name: 'olist.csv', content: csv },
        {
          mapping: JSON.stringify(previewed.body.guessedMapping),
        },
      );
      const done = await waitForImport(f.server.url, f.adminToken, started.body.id);
      expect(done).toMatchObject({ status: 'done', ...expectedOutcome(rows) });

      const [first] = dataset.rows;
      const found = await admin.get(`/api/v1/leads?source=${encodeURIComponent(first![3]!)}&limit=200`);
      const lead = found.body.items.find((item: { phone: string }) => item.phone === `+86${fakeMobile(1_000_000)}`);
      expect(lead).toMatchObject({
        source: first![3],
        custom: { landing_page_id: first![2], first_contact_date: first![1] },
      });
    });
  });

  it('should import the first sheet of an .xlsx, numbers and dates as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['客户姓名', '手机号码', '企业名称', '省份', '城市', '来源', '所属行业']);
    sheet.addRow(['陈静', 13911112222, '杭州启明软件有限公司', '浙江', '杭州', '展会', '软件']);
    sheet.addRow([
      '黄伟',
      '139 1111 3333',
      { richText: [{ text: '深圳' }, { text: '恒通物流有限公司' }] },
      '广东',
      '深圳',
    ]);
    sheet.addRow([]);
    sheet.addRow(['无联系方式', null, '某公司']);
    workbook.addWorksheet('备注').addRow(['not', 'read']);
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());

    const previewed = await preview({ name: '展会线索.xlsx', content });
    expect(previewed.body).toMatchObject({ format: 'xlsx', guessedMapping: { 客户姓名: 'name', 手机号码: 'phone' } });
    expect(previewed.body.rows.map((row: { rowNumber: number }) => row.rowNumber)).toEqual([2, 3, 5]);
    expect(previewed.body.rows[1].values.企业名称).toBe('深圳恒通物流有限公司');

    const mapping = {
      客户姓名: 'name',
      手机号码: 'phone',
      企业名称: 'company',
      省份: 'province',
      城市: 'city',
      来源: 'source',
      所属行业: 'custom.lead_origin',
    };
    const started = await upload({ name: '展会线索.xlsx', content }, { mapping: JSON.stringify(mapping) });
    expect(started.status).toBe(202);
    const done = await waitForImport(f.server.url, f.adminToken, started.body.id);
    expect(done).toMatchObject({ status: 'done', format: 'xlsx', total: 3, created: 2, merged: 0, rejected: 1 });
    const found = await client(f.server.url, f.adminToken).get('/api/v1/leads?source=%E5%B1%95%E4%BC%9A');
    expect(found.body.items[0]).toMatchObject({
      name: '陈静',
      phone: '+8613911112222',
      custom: { lead_origin: '软件' },
    });
  });

  it('should read a GBK file from a Chinese Excel', async () => {
    // "姓名,手机,公司\r\n张三,13800138000,北京星河科技有限公司\r\n李四,12345,上海\r\n" in GBK.
    const gbk = Buffer.from(
      'd0d5c3fb2ccad6bbfa2cb9abcbbe0d0ad5c5c8fd2c31333830303133383030302cb1b1bea9d0c7bad3bfc6bcbcd3d0cfdeb9abcbbe0d0ac0eecbc42c31323334352cc9cfbaa30d0a',
      'hex',
    );
    const response = await preview({ name: 'gbk.csv', content: gbk });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      encoding: 'gb18030',
      headers: ['姓名', '手机', '公司'],
      rows: [{ values: { 姓名: '张三', 公司: '北京星河科技有限公司' } }, { values: { 姓名: '李四' } }],
      cleaned: [
        { ok: true, lead: { phone: '+8613800138000' } },
        { ok: false, error: { code: 'INVALID_PHONE', field: 'phone' } },
      ],
    });
  });

  it('should preview with the mapping being edited', async () => {
    const csv = '姓名,电话,备注\n周杰,13912340001,老客户\n李明,13912340002,\n';
    const response = await preview(
      { name: 'edit.csv', content: csv },
      { mapping: JSON.stringify({ 备注: 'name', 电话: 'phone' }) },
    );
    expect(response.body.guessedMapping).toEqual({ 姓名: 'name', 电话: 'phone' });
    expect(response.body.cleaned[0]).toMatchObject({ ok: true, lead: { name: '老客户', phone: '+8613912340001' } });
    expect(response.body.cleaned[1]).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'name', message: 'name is empty' },
    });
  });

  it.each([
    [{ mapping: '{"姓名":' }, 400, 'MALFORMED_JSON', 'mapping'],
    [{}, 400, 'VALIDATION_FAILED', 'mapping'],
    [{ mapping: '["姓名"]' }, 400, 'VALIDATION_FAILED', 'mapping'],
    [{ mapping: '{"姓名":"name","手机":"mobile"}' }, 400, 'VALIDATION_FAILED', 'mapping.手机'],
    [{ mapping: '{"姓名":"name","手机":"phone","传真":"phone"}' }, 400, 'VALIDATION_FAILED', 'mapping.传真'],
    [{ mapping: '{"姓名":"name","手机":"custom.no_such_field"}' }, 400, 'VALIDATION_FAILED', 'mapping.手机'],
    [{ mapping: '{"手机":"phone"}' }, 400, 'VALIDATION_FAILED', 'mapping'],
    [{ mapping: '{"姓名":"name","手机":"phone"}', dedupe: 'sometimes' }, 400, 'VALIDATION_FAILED', 'dedupe'],
    [
      { mapping: '{"姓名":"name","手机":"phone"}', channelId: 'c0ffee00-0000-4000-8000-000000000001' },
      400,
      'VALIDATION_FAILED',
      'channelId',
    ],
  ])('should refuse %j with %i %s on %s', async (fields, status, code, field) => {
    const response = await upload({ name: 'bad.csv', content: '姓名,手机\n张三,13800138000\n' }, fields);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, field });
  });

  it('should refuse a missing file, an old .xls, a body that is not a form, and a file over the limit', async () => {
    const noFile = await upload(null, { mapping: '{"姓名":"name","手机":"phone"}' });
    expect(noFile.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    const xls = await upload(
      { name: 'old.xls', content: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]) },
      { mapping: '{}' },
    );
    expect(xls.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    const json = await client(f.server.url, f.adminToken).post('/api/v1/imports', { mapping: {} });
    expect(json.status).toBe(415);

    const limits = f.server.clew.deps.imports;
    const maxBytes = limits.maxBytes;
    limits.maxBytes = 1024;
    try {
      const big = await upload(
        { name: 'big.csv', content: `姓名,手机\n${'张三,13800138000\n'.repeat(200)}` },
        { mapping: '{"姓名":"name","手机":"phone"}' },
      );
      expect(big.status).toBe(413);
      expect(big.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });
    } finally {
      limits.maxBytes = maxBytes;
    }
  });

  it('should let a manager and marketing import, and refuse a rep', async () => {
    const manager = await loginAs(f.server.url, f.org.managerEmail);
    expect((await client(f.server.url, manager).get('/api/v1/imports')).status).toBe(200);
    const rep = await loginAs(f.server.url, f.org.repEmails[0]!);
    expect((await client(f.server.url, rep).get('/api/v1/imports')).status).toBe(403);
    const refused = await postForm(
      f.server.url,
      rep,
      '/api/v1/imports',
      { name: 'a.csv', content: '姓名,手机\n' },
      { mapping: '{}' },
    );
    expect(refused.status).toBe(403);
    expect((await postForm(f.server.url, rep, '/api/v1/imports/preview', { name: 'a.csv', content: 'x' })).status).toBe(
      403,
    );
  });

  it('should list recent imports, newest first, and answer 404 for another workspace’s', async () => {
    const listed = await client(f.server.url, f.adminToken).get('/api/v1/imports?limit=5');
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
    const [newest] = listed.body.items;
    expect((await client(f.server.url, f.adminToken).get(`/api/v1/imports/${newest.id}`)).body.id).toBe(newest.id);
    const unknown = await client(f.server.url, f.adminToken).get(
      '/api/v1/imports/c0ffee00-0000-4000-8000-000000000001',
    );
    expect(unknown.status).toBe(404);
    await addWorkspace(f.server.clew, 'Other', 'admin@other.clew');
    const other = client(f.server.url, await loginAs(f.server.url, 'admin@other.clew'));
    expect((await other.get(`/api/v1/imports/${newest.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/imports/${newest.id}/errors.csv`)).status).toBe(404);
    expect((await other.get('/api/v1/imports')).body.items).toEqual([]);
  });
});
