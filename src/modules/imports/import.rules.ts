import { leadTargets, type LeadTarget } from '../leads/lead.schemas.ts';
import { leadStatuses, type LeadStatus } from '../leads/lead.schemas.ts';
import { toHalfWidth } from '../leads/text.rules.ts';

export interface CustomFieldName {
  name: string;
  label: string | null;
}

export type ImportFormat = 'csv' | 'xlsx';
export type RowStatus = 'created' | 'merged' | 'quarantined' | 'rejected';

/**
 * Header spellings seen in Chinese and English exports (CRMs, ad platforms, Excel sheets made by
 * hand), compared after `headerKey` folds width, case, spaces, punctuation and notes in brackets.
 */
const headerAliases: Record<LeadTarget, string[]> = {
  status: ['状态', '线索状态', '跟进结果', '结果', '是否成交', '成交', 'status', 'leadstatus', 'outcome', 'converted', 'won'],
  name: [
    '姓名',
    '名字',
    '联系人',
    '联系人姓名',
    '客户姓名',
    '称呼',
    'name',
    'fullname',
    'contact',
    'contactname',
    'leadname',
  ],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '电话号码',
    '联系电话',
    '联系方式',
    '移动电话',
    '座机',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'phone',
    'phonenumber',
    'tel',
    'telephone',
    'cell',
    'cellphone',
  ],
  email: ['邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址', 'email', 'emailaddress', 'mail'],
  company: [
    '公司',
    '公司名称',
    '公司名',
    '企业',
    '企业名称',
    '单位',
    '单位名称',
    '工作单位',
    '所在公司',
    '客户名称',
    '客户公司',
    'company',
    'companyname',
    'organization',
    'organisation',
    'account',
    'accountname',
  ],
  title: ['职位', '职务', '岗位', '头衔', 'title', 'jobtitle', 'position'],
  province: ['省', '省份', '所在省份', '所在省', '省直辖市', 'province', 'state'],
  city: ['市', '城市', '所在城市', '地市', 'city'],
  website: ['网站', '官网', '网址', '公司网站', '公司官网', '主页', 'website', 'web', 'url', 'homepage', 'site'],
  source: ['来源', '线索来源', '客户来源', '来源渠道', 'source', 'leadsource', 'origin'],
  campaign: ['活动', '活动名称', '市场活动', '推广活动', 'campaign', 'campaignname'],
  landingPage: ['落地页', '着陆页', 'landingpage', 'landingpageurl'],
  referrer: ['引荐来源', '来源页面', 'referrer', 'referer'],
  'utm.source': ['utmsource'],
  'utm.medium': ['utmmedium'],
  'utm.campaign': ['utmcampaign'],
  'utm.term': ['utmterm'],
  'utm.content': ['utmcontent'],
};

/** 'E-mail', ' email ', 'ＥＭＡＩＬ', '邮箱（必填）' and '*邮箱' all fold to one key. */
export function headerKey(header: string): string {
  return toHalfWidth(header)
    .toLowerCase()
    .replace(/[([{【].*?[)\]}】]/g, '')
    .replace(/[\s_\-.*:：/\\#'"、，,]/g, '');
}

const aliasIndex = new Map<string, LeadTarget>(
  leadTargets.flatMap((target) => headerAliases[target].map((alias) => [alias, target] as const)),
);

/**
 * Column names as the file has them, made unique and never empty: mappings name columns by
 * header, so two "备注" columns become "备注" and "备注 (2)", and a blank one "Column 3".
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((header, index) => {
    const base = cleanCell(header) || `Column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

/**
 * A mapping guessed from the headers: built-in aliases first, then custom fields by name or
 * label. Each target is guessed for one column only; unknown columns are left out (skipped).
 */
export function guessMapping(headers: readonly string[], fields: readonly CustomFieldName[]): Record<string, string> {
  const customByKey = new Map<string, string>();
  for (const field of fields) {
    for (const key of [field.name, field.label].filter((text): text is string => Boolean(text))) {
      if (!customByKey.has(headerKey(key))) customByKey.set(headerKey(key), `custom.${field.name}`);
    }
  }
  const taken = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    const key = headerKey(header);
    const target = aliasIndex.get(key) ?? customByKey.get(key);
    if (!target || taken.has(target)) continue;
    taken.add(target);
    mapping[header] = target;
  }
  return mapping;
}

export type MappingCheck =
  { ok: true; mapping: Record<string, string> } | { ok: false; field: string; message: string };

/**
 * A mapping the import can run: every column it names is in the file, every target is a lead
 * field or an existing custom field, and (when `complete`) the rows can become leads: a name,
 * and a phone or an e-mail. An empty or null target skips the column.
 */
export function checkMapping(
  raw: Record<string, string | null>,
  headers: readonly string[],
  fields: readonly CustomFieldName[],
  options: { complete: boolean } = { complete: true },
): MappingCheck {
  const known = new Set(headers);
  const customNames = new Set(fields.map((field) => field.name));
  const mapping: Record<string, string> = {};
  for (const [header, target] of Object.entries(raw)) {
    if (target === null || target === '') continue;
    const field = `mapping.${header}`;
    if (!known.has(header)) return { ok: false, field, message: `The file has no column "${header}"` };
    if (target.startsWith('custom.')) {
      if (!customNames.has(target.slice('custom.'.length))) {
        return { ok: false, field, message: `There is no custom field "${target.slice('custom.'.length)}"` };
      }
    } else if (!(leadTargets as readonly string[]).includes(target)) {
      return { ok: false, field, message: `"${target}" is not a lead field; use one of ${leadTargets.join(', ')}` };
    }
    mapping[header] = target;
  }
  const targets = new Set(Object.values(mapping));
  if (!options.complete) return { ok: true, mapping };
  if (!targets.has('name')) return { ok: false, field: 'mapping', message: 'Map a column to name' };
  if (!targets.has('phone') && !targets.has('email')) {
    return { ok: false, field: 'mapping', message: 'Map a column to phone or email' };
  }
  return { ok: true, mapping };
}

/**
 * Text PostgreSQL can store: no NUL, no half of a surrogate pair (a damaged file or a bad
 * conversion leaves both). Ends trimmed; inner spacing is the intake's to tidy.
 */
export function cleanCell(value: string): string {
  return value.replaceAll('\u0000', '').toWellFormed().trim();
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell === '');
}

/**
 * One row as the body of POST /leads: each mapped, non-empty cell goes to its target; when two
 * columns map to one target, the first non-empty one (left to right) wins.
 */
const statusWords: Record<string, string> = {
  won: 'won',
  '1': 'won',
  true: 'won',
  yes: 'won',
  y: 'won',
  成交: 'won',
  赢单: 'won',
  已成交: 'won',
  lost: 'lost',
  '0': 'lost',
  false: 'lost',
  no: 'lost',
  n: 'lost',
  输单: 'lost',
  丢单: 'lost',
  未成交: 'lost',
};

/**
 * A status column of past leads: the statuses themselves, or the yes/no of an outcome column
 * ("Converted" 1/0, 成交 是/否 …) as won/lost. Anything else is passed on and refused by name.
 */
export function importedStatus(cell: string): string {
  const word = cell.trim().toLowerCase();
  if (leadStatuses.includes(word as LeadStatus)) return word;
  return statusWords[word] ?? (word === '是' ? 'won' : word === '否' ? 'lost' : cell);
}

export function rowToLead(
  headers: readonly string[],
  cells: readonly string[],
  mapping: Record<string, string>,
  channelId: string | null,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const utm: Record<string, string> = {};
  const custom: Record<string, string> = {};
  headers.forEach((header, index) => {
    const target = mapping[header];
    const value = cells[index] ?? '';
    if (!target || value === '') return;
    const [group, name] = target.includes('.') ? (target.split('.', 2) as [string, string]) : [null, target];
    const into = group === 'utm' ? utm : group === 'custom' ? custom : body;
    if (!Object.hasOwn(into, name)) into[name] = into === body && name === 'status' ? importedStatus(value) : value;
  });
  if (Object.keys(utm).length > 0) body.utm = utm;
  if (Object.keys(custom).length > 0) body.custom = custom;
  if (channelId) body.channelId = channelId;
  return body;
}

/**
 * The intake names a batch item by its index ("leads[17].phone: …"); the error file names the
 * row instead. An empty required cell reads as such rather than as a type error.
 */
export function rowErrorMessage(message: string, field: string | null = null): string {
  const text = message.replace(/^leads\[\d+\](?:\.[^:]*)?:\s*/, '');
  return field && /received undefined$/.test(text) ? `${field} is empty` : text;
}

export interface ImportCounts {
  total: number;
  processed: number;
  created: number;
  merged: number;
  quarantined: number;
  rejected: number;
}

export function countOutcomes(statuses: readonly RowStatus[]): Record<RowStatus, number> {
  const counts: Record<RowStatus, number> = { created: 0, merged: 0, quarantined: 0, rejected: 0 };
  for (const status of statuses) counts[status]++;
  return counts;
}

/**
 * What a second import of a file already imported reports, without touching a lead: the rows
 * the first one created or merged now match a lead (merged); the rest fail as they did.
 */
export function replayCounts(previous: ImportCounts): ImportCounts {
  return {
    total: previous.total,
    processed: previous.total,
    created: 0,
    merged: previous.created + previous.merged,
    quarantined: previous.quarantined,
    rejected: previous.rejected,
  };
}

/** A worker holds an import while its heartbeat is fresh; after `staleMs` another may take it over. */
export function isStale(heartbeatAt: Date | null, now: Date, staleMs: number): boolean {
  return heartbeatAt === null || now.getTime() - heartbeatAt.getTime() >= staleMs;
}

export type FormatGuess = { ok: true; format: ImportFormat } | { ok: false; message: string };

/** By the first bytes, which outrank the name: an .xlsx is a zip, an old .xls an OLE file. */
export function detectFormat(fileName: string, head: Uint8Array): FormatGuess {
  const startsWith = (bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (startsWith([0x50, 0x4b, 0x03, 0x04])) return { ok: true, format: 'xlsx' };
  if (startsWith([0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, message: 'Excel 97-2003 (.xls) files are not supported; save the sheet as .xlsx or CSV' };
  }
  if (/\.xlsx?$/i.test(fileName)) return { ok: false, message: `"${fileName}" is not a valid Excel file` };
  if (head.length === 0) return { ok: false, message: 'The file is empty' };
  const bom = textEncodingByBom(head);
  // Text has no NUL bytes, except in UTF-16 (which starts with its byte-order mark).
  if (!bom?.startsWith('utf-16') && head.includes(0)) {
    return { ok: false, message: 'This is not a CSV or an Excel (.xlsx) file' };
  }
  return { ok: true, format: 'csv' };
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** A byte-order mark settles the encoding; without one, see `csvEncodings`. */
export function textEncodingByBom(head: Uint8Array): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The encodings to try, in order. UTF-8 is strict and self-checking, so a file that decodes as
 * UTF-8 is UTF-8; a Chinese Excel's "CSV" is GBK, which GB18030 (its superset) reads.
 */
export function csvEncodings(head: Uint8Array): TextEncoding[] {
  const bom = textEncodingByBom(head);
  return bom ? [bom] : ['utf-8', 'gb18030'];
}

/**
 * A cell as Excel should open it: quoted when needed, and text that Excel would run as a formula
 * (=…, @…, +/- followed by a non-number) is prefixed with an apostrophe. "+86 138…" stays as is.
 */
export function csvCell(value: string): string {
  const safe = /^[=@\t\r]/.test(value) || /^[+-][^\d\s.]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const errorFileColumns = {
  'en-US': ['row', 'status', 'code', 'field', 'message'],
  'zh-CN': ['行号', '状态', '错误代码', '字段', '原因'],
} as const;
export type ErrorFileLocale = keyof typeof errorFileColumns;

/** The original row is kept as [header, value] pairs: jsonb would lose the columns' order. */
export function errorFileHeader(locale: ErrorFileLocale, columns: readonly string[]): string {
  return csvLine([...errorFileColumns[locale], ...columns]);
}

export function errorFileLine(
  error: { rowNumber: number; status: string; code: string; field: string | null; message: string },
  columns: readonly string[],
  row: readonly (readonly [string, string])[],
): string {
  const values = new Map(row);
  return csvLine([
    String(error.rowNumber),
    error.status,
    error.code,
    error.field ?? '',
    error.message,
    ...columns.map((column) => values.get(column) ?? ''),
  ]);
}
