import type { Locator, Page } from '@playwright/test';

/** Settings → 数据备份 (zh-CN labels): backups, the restore dialog, export everything. */
export class BackupPage {
  readonly table: Locator;
  readonly runNow: Locator;
  readonly exportAll: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: '备份列表' });
    this.runNow = page.getByRole('button', { name: '立即备份', exact: true });
    this.exportAll = page.getByRole('button', { name: '导出全部数据', exact: true });
    this.dialog = page.getByRole('alertdialog', { name: '恢复备份' });
  }

  /** Data rows (the header row excluded). */
  rows(): Locator {
    return this.table.locator('tbody tr');
  }

  row(reason: string): Locator {
    return this.rows().filter({ hasText: reason });
  }

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: '数据备份', exact: true }).click();
  }
}
