import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { pdfText } from '../../../tests/helpers/pdf-text.js';
import { bundledCjkFont, dailyReportPdf, findCjkFont } from './daily-report-files.js';

const report = {
  title: '日结报表 2026-11-20',
  sections: [
    { title: '营业概况', rows: [['营业额', '¥48.00'], ['客单价', '¥16.00'], ['会员消费占比', '94%']] as Array<[string, string]> },
    { title: '热销商品', rows: [['乐事薯片 原味 70g ×6', '¥45.00'], ['王芳', '']] as Array<[string, string]> },
  ],
};

describe('the PDF 日结 with the font the app ships', () => {
  it('ships Source Han Sans SC with its licence', () => {
    const font = bundledCjkFont();
    expect(font?.[0]).toMatch(/resources[\\/]fonts[\\/]SourceHanSansSC-Regular-GB2312\.otf$/);
    expect(fs.readFileSync(font![0]).subarray(0, 4).toString('latin1')).toBe('OTTO'); // an OpenType (CFF) font
    expect(fs.readFileSync(font![0].replace(/SourceHanSansSC-Regular-GB2312\.otf$/, 'LICENSE-SourceHanSans.txt'), 'utf8')).toContain('SIL Open Font License');
  });

  it('has the Chinese text when no system Chinese font is used (text extracted back)', async () => {
    const font = findCjkFont([]); // none of the system fonts: only the shipped one is left
    expect(font).toEqual(bundledCjkFont());
    const text = await pdfText(await dailyReportPdf(report, font));
    for (const words of ['日结报表 2026-11-20', '营业概况', '营业额', '¥48.00', '会员消费占比', '乐事薯片 原味 70g ×6', '王芳']) expect(text).toContain(words);
  });

  it('prefers a system font with every character when the computer has one', () => {
    const here = import.meta.filename;
    expect(findCjkFont([['/no/such/font.ttc', 'X'], [here, 'Y']])).toEqual([here, 'Y']);
  });
});
