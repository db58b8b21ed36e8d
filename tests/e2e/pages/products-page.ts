import type { Locator, Page } from '@playwright/test';

/** Settings → 商品管理 (zh-CN labels). */
export class ProductsPage {
  readonly table: Locator;
  readonly report: Locator;
  readonly importButton: Locator;
  readonly exportButton: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: '商品列表' });
    this.report = page.getByRole('region', { name: '导入结果' });
    this.importButton = page.getByRole('button', { name: '导入 CSV' });
    this.exportButton = page.getByRole('button', { name: '导出 CSV' });
    this.search = page.getByLabel('查找商品');
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  }

  /** Imports a CSV through the file chooser the button opens. */
  async importCsv(name: string, text: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.importButton.click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  }

  errorRow(line: number): Locator {
    return this.report.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: `第 ${line} 行`, exact: true }) });
  }
}
