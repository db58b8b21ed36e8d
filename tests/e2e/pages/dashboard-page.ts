import type { Locator, Page } from '@playwright/test';

/** 报表: the owner's dashboard (zh-CN labels): period picker, tabs, figure cards, lists behind figures, cohorts, RFM, 日结. */
export class DashboardPage {
  readonly heading: Locator;
  readonly periodText: Locator;
  readonly cards: Locator;
  readonly drillDialog: Locator;
  readonly cohortTable: Locator;
  readonly rfmGrid: Locator;
  readonly dailyActions: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: '报表', exact: true });
    this.periodText = page.locator('.reports-period');
    this.cards = page.getByRole('list', { name: '主要指标' });
    this.drillDialog = page.getByRole('dialog');
    this.cohortTable = page.getByRole('table', { name: '同期群留存（按入会月份）' });
    this.rfmGrid = page.getByRole('table', { name: 'RFM 会员分群' });
    this.dailyActions = page.getByRole('group', { name: '日结操作' });
  }

  preset(name: '今天' | '昨天' | '近 7 天' | '近 30 天' | '本月' | '上月' | '自定义'): Locator {
    return this.page.getByRole('group', { name: '统计期间' }).getByRole('radio', { name, exact: true });
  }

  tab(name: '经营概况' | '留存与分群' | '待跟进' | '投诉分析' | '日结'): Locator {
    return this.page.getByRole('tablist', { name: '报表内容' }).getByRole('tab', { name, exact: true });
  }

  /** A headline card (a button named by its figure). */
  card(label: string): Locator {
    return this.cards.getByRole('button', { name: new RegExp(`^${label}`) });
  }

  /** The figure a card shows, as text. */
  async figure(label: string): Promise<string> {
    return (await this.card(label).locator('.figure-value').innerText()).trim();
  }

  /** The count line of the list opened behind a figure. */
  get drillCount(): Locator {
    return this.drillDialog.getByRole('status').first();
  }

  /** The table in the open list (members: a virtualised table with aria-rowcount). */
  get drillTable(): Locator {
    return this.drillDialog.getByRole('table');
  }

  get drillRows(): Locator {
    return this.drillTable.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  async closeDrill(): Promise<void> {
    await this.drillDialog.getByRole('button', { name: '关闭', exact: true }).click();
  }

  async customPeriod(from: string, to: string): Promise<void> {
    await this.preset('自定义').check();
    await this.page.getByLabel('开始日期').fill(from);
    await this.page.getByLabel('结束日期').fill(to);
    await this.page.getByRole('button', { name: '查看', exact: true }).click();
  }

  dailyButton(name: '打印日结' | '导出 PDF' | '导出 CSV'): Locator {
    return this.dailyActions.getByRole('button', { name, exact: true });
  }
}
