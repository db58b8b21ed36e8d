import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { cleanLine, cleanText } from '../../../shared/text.js';
import { unneutraliseCell } from './safe-csv.js';

export interface CsvRow {
  /** 1-based line number in the file where the record starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export type CsvReadResult =
  | { ok: true; rows: CsvRow[]; encoding: 'utf8' | 'gb18030' }
  | { ok: false; reason: 'encoding' | 'header' | 'syntax'; message: string; line?: number };

/**
 * Decodes an import file. Shops export from Excel as UTF-8 (often with a BOM) or as GBK;
 * bytes that are not valid UTF-8 are read as GB18030 (a superset of GBK), and text that
 * still holds replacement characters is refused rather than imported garbled.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'gb18030' } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf8' };
  } catch {
    const text = iconv.decode(buf, 'gb18030');
    if (text.includes('\uFFFD')) return null;
    return { text, encoding: 'gb18030' };
  }
}

/**
 * Free-text columns of an import and how they are cleaned (shared/text.ts), as the contract
 * cleans the same fields typed at the till: an import must not be the way round it.
 * Identifier columns (phone, sku, barcode, card_no…) are only trimmed; their own checks refuse
 * a hidden character, as the contract does.
 */
export type CsvTextColumns = Readonly<Record<string, 'line' | 'text'>>;

/**
 * Parses a CSV import with an exact expected header (order free, names exact, no extras
 * missing). Blank lines are skipped. Each row keeps its line number for error reports.
 * Every cell loses the apostrophe our exports put before a formula character (safe-csv.ts),
 * so an export imports back as it was.
 */
export function readCsv(bytes: Uint8Array, expected: readonly string[], text: CsvTextColumns = {}): CsvReadResult {
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, reason: 'encoding', message: 'the file is neither UTF-8 nor GBK text' };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(decoded.text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: false }) as never;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { ok: false, reason: 'syntax', message: e.message ?? 'CSV syntax error', ...(e.lines ? { line: e.lines } : {}) };
  }
  const header = records[0]?.record.map((h) => h.trim().toLowerCase());
  if (!header) return { ok: false, reason: 'header', message: `empty file; expected header ${expected.join(',')}` };
  const missing = expected.filter((h) => !header.includes(h));
  const unknown = header.filter((h) => !expected.includes(h));
  if (missing.length || unknown.length) {
    return {
      ok: false, reason: 'header', line: 1,
      message: `expected header ${expected.join(',')}${missing.length ? `; missing ${missing.join(',')}` : ''}${unknown.length ? `; unknown ${unknown.join(',')}` : ''}`,
    };
  }
  const rows: CsvRow[] = [];
  // csv-parse's info.lines is the line where the record ENDS; count starts from the record's end minus embedded newlines.
  for (const { record, info } of records.slice(1)) {
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      const cell = unneutraliseCell((record[i] ?? '').trim());
      const kind = text[h];
      values[h] = kind === 'line' ? cleanLine(cell) : kind === 'text' ? cleanText(cell) : cell;
    });
    const embedded = record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    rows.push({ line: info.lines - embedded, values });
    if (record.length !== header.length) (values as Record<string, string>)['__columns'] = String(record.length);
  }
  return { ok: true, rows, encoding: decoded.encoding };
}
