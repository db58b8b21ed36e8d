import type { Locator, Page } from '@playwright/test';

/** 投诉关怀 (zh-CN labels): the log dialog, the list and a complaint's detail, the care list. */
export class ComplaintsPage {
  readonly heading: Locator;
  readonly logDialog: Locator;
  readonly list: Locator;
  readonly timeline: Locator;
  readonly careTable: Locator;
  readonly careToolbar: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: '投诉关怀', exact: true });
    this.logDialog = page.getByRole('dialog', { name: '登记投诉' });
    this.list = page.getByRole('table', { name: /^投诉列表/ });
    this.timeline = page.getByRole('region', { name: '处理记录' });
    this.careTable = page.getByRole('table', { name: '客户关怀任务' });
    this.careToolbar = page.getByRole('toolbar', { name: '回访名单操作' });
  }

  row(description: string): Locator {
    return this.list.getByRole('row').filter({ hasText: description });
  }

  detailHeading(id: number): Locator {
    return this.page.getByRole('heading', { level: 2, name: `投诉 #${id}` });
  }

  tab(name: string): Locator {
    return this.page.getByRole('tablist', { name: '投诉关怀分类' }).getByRole('tab', { name, exact: true });
  }

  careButton(name: string): Locator {
    return this.careToolbar.getByRole('button', { name, exact: true });
  }
}
