import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { safeStringify } from '../csv/safe-csv.js';
import { DomainError } from '../lib/domain-error.js';
import { resourcePath } from '../lib/resources.js';
import { RULE, esc, left, pair, yuan } from '../receipts/markup.js';
import type { ReportSection } from './daily-report.js';

interface Report { title: string; sections: ReportSection[] }

/** Printed width in Font A columns: CJK and full-width characters take two. */
const printWidth = (text: string) => [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

/**
 * ReceiptLine markup for the receipt printer (money with the full-width ￥ printers know).
 * A row too wide for the paper prints its label on a line of its own, the value below it.
 */
export function dailyReportMarkup(r: Report, printedAt: string, cpl: number): string {
  const out = [`^^${esc(r.title)}`, RULE];
  for (const s of r.sections) {
    out.push(left(`"${esc(s.title)}`));
    for (const [label, value] of s.rows) {
      if (!value) out.push(left(esc(label)));
      // ReceiptLine gives each side of `label | value` half the paper: a longer label goes on its own line.
      else if (printWidth(label) > cpl / 2 - 1) out.push(left(esc(label)), `| ${esc(value)}`);
      else out.push(pair(esc(label), esc(value)));
    }
    out.push(RULE);
  }
  out.push(left(esc(printedAt.replace('T', ' '))));
  return out.join('\n');
}
export { yuan as paperYuan };

/** CSV with one row per figure: section, item, value (UTF-8 with a BOM so Excel reads Chinese). */
export function dailyReportCsv(r: Report): Buffer {
  const rows = r.sections.flatMap((s) => s.rows.map(([label, value]) => [s.title, label, value]));
  return Buffer.from(`\uFEFF${safeStringify([['section', 'item', 'value'], ...rows])}`, 'utf8');
}

/** A font file and, inside a .ttc collection, the PostScript name of the face to use. */
export type PdfFont = [file: string, face?: string];

/**
 * Fonts with Chinese glyphs that the shop's computer may already have (Windows, macOS,
 * Linux). They come first because they have every character, the rare ones of some names too.
 * The PDF embeds only the glyphs it uses.
 */
export const CJK_FONTS: PdfFont[] = [
  ['C:\\Windows\\Fonts\\msyh.ttc', 'MicrosoftYaHei'],
  ['C:\\Windows\\Fonts\\simsun.ttc', 'SimSun'],
  ['/System/Library/Fonts/PingFang.ttc', 'PingFangSC-Regular'],
  ['/System/Library/Fonts/STHeiti Light.ttc', 'STHeitiSC-Light'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
];

/**
 * The font the app ships (resources/fonts, made by scripts/make-font.mjs): Source Han Sans SC
 * with the 6,763 common hanzi of GB 2312, so a computer without any Chinese font still gets
 * a readable PDF.
 */
export const bundledCjkFont = (): PdfFont | null => {
  const file = resourcePath('fonts/SourceHanSansSC-Regular-GB2312.otf');
  return file ? [file] : null;
};

export function findCjkFont(candidates = CJK_FONTS, bundled = bundledCjkFont()): PdfFont | null {
  return candidates.find(([file]) => fs.existsSync(file)) ?? bundled;
}

/** An A4 PDF of the report. Without any Chinese font (the shipped one missing too) it refuses clearly (CSV and print still work). */
export async function dailyReportPdf(r: Report, font: PdfFont | null = findCjkFont()): Promise<Buffer> {
  if (!font) throw new DomainError('rule_violation', { rule: 'pdf_font_missing' }, 'errors.pdf_font_missing');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: r.title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    if (font[1]) doc.font(font[0], font[1]);
    else doc.font(font[0]);
    doc.fontSize(18).text(r.title);
    doc.moveDown(0.5);
    const labelX = 50;
    const valueX = 330;
    for (const s of r.sections) {
      if (doc.y > 720) doc.addPage();
      doc.moveDown(0.5).fontSize(13).text(s.title, labelX);
      doc.fontSize(10.5);
      for (const [label, value] of s.rows) {
        if (doc.y > 770) doc.addPage();
        const y = doc.y;
        doc.text(label, labelX, y, { width: valueX - labelX - 10 });
        const after = doc.y;
        doc.text(value, valueX, y, { width: 200, align: 'right' });
        doc.y = Math.max(after, doc.y);
      }
    }
    doc.end();
  });
}
