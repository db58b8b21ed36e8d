import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCell, safeStringify, unneutraliseCell } from './safe-csv.js';
import { readCsv } from './read-csv.js';
import { cleanText } from '../../../shared/text.js';

describe('CSV formula neutralising', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(neutraliseCell('=HYPERLINK("http://evil.example","点我")')).toBe('\'=HYPERLINK("http://evil.example","点我")');
    for (const text of ['+1+cmd', '-2+3', '@SUM(A1)', '-', '+86 138 0013 8000', '=1', "'=1", "''@x"]) {
      expect(neutraliseCell(text), text).toBe(`'${text}`);
    }
  });

  it('leaves plain numbers, ordinary text and a formula character later in the text alone', () => {
    for (const text of ['-12.50', '+8613800138000', '-¥3.00', '-￥0.50', '12.5', '-.5', '张三', 'a=b', '1-2', "'0123", '', "'"]) {
      expect(neutraliseCell(text), text).toBe(text);
    }
  });

  it('writes JS numbers as numbers, negative ones too, and drops invisible characters from text', () => {
    expect(safeStringify([[-1250, '-12.50', '=A1', '张\u0000三\u202E', '第一行\n第二行']])).toBe('-1250,-12.50,\'=A1,张三,"第一行\n第二行"\n');
  });

  it('an import takes exactly the apostrophe an export added', () => {
    expect(unneutraliseCell("'=A1")).toBe('=A1');
    expect(unneutraliseCell("''=A1")).toBe("'=A1");
    expect(unneutraliseCell("'0123")).toBe("'0123");
    expect(unneutraliseCell("'-12.50")).toBe("'-12.50");
    expect(unneutraliseCell("'")).toBe("'");
  });

  it('any text goes through an export and an import unchanged', () => {
    const char = fc.constantFrom('=', '+', '-', '@', "'", '\t', '\r', '\n', ' ', '1', '.', '¥', 'a', '张', '"', ',');
    fc.assert(fc.property(fc.array(fc.string({ unit: char, maxLength: 8 }), { minLength: 1, maxLength: 4 }), (raw) => {
      const cells = ['row', ...raw.map(cleanText)]; // what the contract lets in; 'row' so that no line is blank
      const header = cells.map((_, i) => `c${i}`);
      const read = readCsv(Buffer.from(safeStringify([header, cells])), header, Object.fromEntries(header.map((h) => [h, 'text'])));
      expect(read.ok && read.rows.map((r) => header.map((h) => r.values[h]))).toEqual([cells]);
    }), { numRuns: 500 });
  });

  it('is the only way the core writes CSV', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(dir)) {
        const full = path.join(dir, name);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && full !== path.join(root, 'csv', 'safe-csv.ts')
          && /from 'csv-stringify/.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(root, full));
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
