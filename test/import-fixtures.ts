/**
 * Import files made from real lead data. The public datasets in ../shared/datasets carry real
 * channels (Lead Origin, Lead Source, origin, landing page) but no names, phones or companies;
 * this adds deterministic Chinese contacts (valid +86 mobiles), and, on purpose, some rows that
 * must fail (an impossible phone, no contact at all) and some repeats of earlier rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** CI clones the repository with shared/ beside it. */
export const SHARED_DIR = path.resolve(repoRoot, '../shared');
export const X_EDUCATION_CSV = path.join(SHARED_DIR, 'datasets/x-education-leads/Leads.csv');
export const OLIST_MQL_CSV = path.join(
  SHARED_DIR,
  'datasets/olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv',
);

/** Why a test or bench is skipped, or null when the datasets are there. */
export function missingDatasets(): string | null {
  const missing = [X_EDUCATION_CSV, OLIST_MQL_CSV].filter((file) => !fs.existsSync(file));
  return missing.length === 0 ? null : `shared datasets missing (${missing.join(', ')}): clone shared/ beside the repo`;
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建国',
  '晓东',
  '志强',
  '海燕',
  '俊杰',
  '雪梅',
];
const mobilePrefixes = [
  '139',
  '138',
  '137',
  '136',
  '135',
  '150',
  '151',
  '152',
  '158',
  '159',
  '186',
  '187',
  '188',
  '177',
  '199',
];
const cities = ['北京', '上海', '深圳', '杭州', '成都', '武汉', '南京', '苏州', '西安', '广州', '天津', '重庆'];
const trades = ['星河', '启明', '华信', '博远', '智联', '恒通', '瑞达', '云帆', '同创', '鼎盛', '嘉禾', '远景'];
const industries = ['科技', '软件', '教育咨询', '医疗器械', '物流', '电子商务', '新材料', '智能制造'];

const NAMES = surnames.length * givenNames.length;
/**
 * The first 1,200 rows get two-character names; later rows a third character per 1,200, so a name
 * comes back only every 30,000 rows and with a company every 210,000 (companies repeat every 168):
 * the same name at the same company is one person to the de-duplication.
 */
export const fakeName = (index: number) => {
  const cycle = Math.floor(index / NAMES) % (givenNames.length + 1);
  const given = givenNames[Math.floor(index / surnames.length) % givenNames.length];
  return `${surnames[index % surnames.length]}${given}${cycle === 0 ? '' : givenNames[cycle - 1]}`;
};
/** 11 digits, valid for its +86 prefix, different for every index below 10^8. */
export const fakeMobile = (index: number) =>
  `${mobilePrefixes[index % mobilePrefixes.length]}${String(index % 100_000_000).padStart(8, '0')}`;
export const fakeCompany = (index: number) =>
  `${cities[index % cities.length]}${trades[Math.floor(index / 7) % trades.length]}${industries[index % industries.length]}有限公司`;

export type RowKind = 'new' | 'repeat' | 'badPhone' | 'noContact';

/**
 * What row `index` (0-based) of a made-up file is: mostly new people; every 50th has an
 * impossible phone, every 50th (offset 25) no phone at all; every 40th (offset 39) repeats the
 * person 20 rows earlier.
 */
export function rowKind(index: number): RowKind {
  if (index % 50 === 10) return 'badPhone';
  if (index % 50 === 35) return 'noContact';
  if (index % 40 === 39) return 'repeat';
  return 'new';
}

export interface Expected {
  total: number;
  created: number;
  merged: number;
  rejected: number;
}

export function expectedOutcome(rows: number): Expected {
  const counts = { total: rows, created: 0, merged: 0, rejected: 0 };
  for (let index = 0; index < rows; index++) {
    const kind = rowKind(index);
    if (kind === 'new') counts.created++;
    else if (kind === 'repeat') counts.merged++;
    else counts.rejected++;
  }
  return counts;
}

function contactCells(index: number): [string, string, string] {
  switch (rowKind(index)) {
    case 'badPhone':
      return [fakeName(index), '1380013', fakeCompany(index)];
    case 'noContact':
      return [fakeName(index), '', fakeCompany(index)];
    case 'repeat':
      // The same person written another way: spaces and a +86 prefix.
      return [fakeName(index - 20), `+86 ${fakeMobile(index - 20).replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3')}`, ''];
    case 'new':
      return [fakeName(index), fakeMobile(index), fakeCompany(index)];
  }
}

/** 'Select' is the X Education form's untouched default: no answer. */
const blankSelect = (cell: string) => (cell === 'Select' ? '' : cell);

export interface Dataset {
  headers: string[];
  rows: string[][];
}

export function readDataset(file: string): Dataset {
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8'), { skipEmptyLines: true });
  const [headers, ...rows] = parsed.data;
  return { headers: headers!, rows: rows.map((row) => row.map(blankSelect)) };
}

/**
 * `count` rows: 姓名, 手机, 公司 in front of the real columns, which repeat from the top when
 * `count` is larger than the dataset. `offset` shifts the contacts, so two files do not share people.
 */
export function* importRows(dataset: Dataset, count: number, offset = 0): Generator<string[]> {
  for (let index = 0; index < count; index++) {
    const [name, phone, company] = contactCells(index);
    const shifted = offset === 0 ? [name, phone, company] : shiftContacts(index, offset);
    yield [...shifted, ...dataset.rows[index % dataset.rows.length]!];
  }
}

function shiftContacts(index: number, offset: number): string[] {
  const kind = rowKind(index);
  // The company is shifted one further than the name: names repeat every 1,200 rows and companies
  // every 168, and the same name at the same company is one person to the de-duplication.
  if (kind === 'new') return [fakeName(index + offset), fakeMobile(index + offset), fakeCompany(index + offset + 1)];
  if (kind === 'repeat') return [fakeName(index - 20 + offset), fakeMobile(index - 20 + offset), ''];
  return contactCells(index);
}

export const contactHeaders = ['姓名', '手机', '公司'];

export function toCsv(headers: string[], rows: Iterable<string[]>, options: { bom?: boolean } = {}): string {
  const lines = [Papa.unparse([headers]), ...[...rows].map((row) => Papa.unparse([row]))];
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}

/** Writes a large file row by row, never the whole of it in memory. */
export async function writeCsvFile(file: string, headers: string[], rows: Iterable<string[]>): Promise<number> {
  const out = fs.createWriteStream(file);
  let written = 0;
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`${Papa.unparse([headers])}\r\n`);
  for (const row of rows) {
    await write(`${Papa.unparse([row])}\r\n`);
    written++;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return written;
}

/** POSTs a multipart form: the fields first, then the file. */
export async function postForm(
  baseUrl: string,
  credential: string,
  path: string,
  file: { name: string; content: string | Uint8Array } | null,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}` },
    body: form,
  });
  const text = await response.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** Polls GET /imports/:id until it is no longer running (bounded). */
export async function waitForImport(baseUrl: string, credential: string, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/v1/imports/${id}`, {
      headers: { authorization: `Bearer ${credential}` },
    });
    const body = (await response.json()) as any;
    if (response.status !== 200) throw new Error(`GET import ${id}: ${response.status} ${JSON.stringify(body)}`);
    if (body.status !== 'running') return body;
    if (Date.now() > deadline)
      throw new Error(`import ${id} still running after ${timeoutMs} ms: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
