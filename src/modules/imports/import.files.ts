import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, pipeline, type Duplex, type Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../platform/errors.ts';
import {
  cleanCell,
  csvEncodings,
  isBlankRow,
  uniqueHeaders,
  type ImportFormat,
  type TextEncoding,
} from './import.rules.ts';

/** A file that cannot be read as a table; the import fails with this message. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

export interface SavedUpload {
  path: string;
  sha256: string;
  bytes: number;
  /** The first bytes, to tell the format and the text encoding. */
  head: Buffer;
  /** Stopped at `maxBytes` before the end. */
  truncated: boolean;
}

const HEAD_BYTES = 8192;

/**
 * Streams an upload to a new file in `dir`, hashing it on the way; never holds more than a
 * chunk in memory. Past `maxBytes` it stops writing and, unless `sample`, refuses the file
 * (413); a sample (a preview) keeps what it has and drains the rest.
 */
export async function saveUpload(
  input: Readable & { truncated?: boolean },
  dir: string,
  options: {
    /** A number, or one decided by the first chunk (a preview needs the start of a CSV, all of an .xlsx). */
    maxBytes: number | ((head: Buffer) => number);
    sample?: boolean;
  },
): Promise<SavedUpload> {
  await fs.promises.mkdir(dir, { recursive: true });
  const filePath = path.join(dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  let truncated = false;
  let maxBytes = typeof options.maxBytes === 'number' ? options.maxBytes : null;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // Past the limit the rest is read and dropped, so the request still ends normally.
      if (truncated) return done();
      maxBytes ??= (options.maxBytes as (head: Buffer) => number)(chunk);
      const part = chunk.subarray(0, maxBytes - bytes);
      truncated = part.length < chunk.length;
      bytes += part.length;
      hash.update(part);
      if (headLength < HEAD_BYTES) {
        headChunks.push(part.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(part.length, HEAD_BYTES - headLength);
      }
      done(null, part);
    },
  });
  try {
    await pipelineAsync(input, measure, fs.createWriteStream(filePath, { flags: 'wx' }));
  } catch (error) {
    await removeFile(filePath);
    throw error;
  }
  // Busboy marks a file cut at its own size limit; we cut at the same size above.
  truncated ||= input.truncated === true;
  if (truncated && !options.sample) {
    await removeFile(filePath);
    const megabytes = Math.round((maxBytes ?? 0) / 1_048_576);
    throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${megabytes} MB`, 'file');
  }
  return { path: filePath, sha256: hash.digest('hex'), bytes, head: Buffer.concat(headChunks), truncated };
}

export async function removeFile(filePath: string): Promise<void> {
  await fs.promises.rm(filePath, { force: true });
}

export async function readHead(filePath: string): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The file's text encoding: its byte-order mark, else UTF-8 if every byte decodes as UTF-8,
 * else GB18030. A sample (the start of a file) may end inside a character; that is not held
 * against it.
 */
export async function detectCsvEncoding(
  filePath: string,
  head: Uint8Array,
  options: { sample?: boolean } = {},
): Promise<TextEncoding> {
  const [first, fallback] = csvEncodings(head);
  if (!fallback) return first!;
  const decoder = new TextDecoder(first, { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    if (!options.sample) decoder.decode();
    return first!;
  } catch {
    return fallback;
  }
}

export interface SheetRow {
  /** As a spreadsheet numbers it: the header is row 1 of a CSV. */
  rowNumber: number;
  cells: string[];
}

export interface Table {
  headers: string[];
  /** Data rows, blank ones left out. */
  rows: AsyncGenerator<SheetRow>;
  /** Closes the file, whether or not the rows were read to the end. */
  close(): Promise<void>;
}

/**
 * The first non-blank row as the headers, then every non-blank row after it, streamed from the
 * file: a CSV through papaparse, an .xlsx's first worksheet through exceljs's streaming reader.
 */
export async function openTable(filePath: string, format: ImportFormat, encoding: TextEncoding): Promise<Table> {
  const records = format === 'csv' ? csvRecords(filePath, encoding) : xlsxRecords(filePath);
  for (;;) {
    const next = await records.next();
    if (next.done) throw new ImportFileError('The file has no header row');
    if (isBlankRow(next.value.cells)) continue;
    return {
      headers: uniqueHeaders(next.value.cells),
      rows: dataRows(records),
      close: async () => void (await records.return(undefined)),
    };
  }
}

async function* dataRows(records: AsyncGenerator<SheetRow>): AsyncGenerator<SheetRow> {
  try {
    for await (const record of records) if (!isBlankRow(record.cells)) yield record;
  } finally {
    await records.return(undefined);
  }
}

async function* csvRecords(filePath: string, encoding: TextEncoding): AsyncGenerator<SheetRow> {
  // Not fatal: the encoding was chosen by reading the file; a stray byte becomes U+FFFD, not a failure.
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      const text = decoder.decode(chunk, { stream: true });
      done(null, text === '' ? undefined : text);
    },
    flush(done) {
      const text = decoder.decode();
      done(null, text === '' ? undefined : text);
    },
  });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: false }) as unknown as Duplex;
  const rows = pipeline(fs.createReadStream(filePath, { highWaterMark: 256 * 1024 }), decode, parser, () => {
    // Errors reach the loop below through the last stream; an early stop is not one.
  });
  let rowNumber = 0;
  try {
    for await (const cells of rows as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, cells: cells.map(cleanCell) };
    }
  } finally {
    rows.destroy();
  }
}

async function* xlsxRecords(filePath: string): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(filePath);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        // Sparse, and 1-based: column A is values[1].
        const values = (row.values as unknown[]).slice(1);
        yield { rowNumber: row.number, cells: Array.from(values, (value) => cleanCell(cellText(value))) };
      }
      // The first worksheet only.
      return;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`The Excel file cannot be read: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
}

/** What a cell shows, as text: rich text joined, a formula's result, a date as YYYY-MM-DD. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
  }
  return '';
}
