import type { Locator, Page } from '@playwright/test';

/** The Members page, a member's profile and the Rewards page (zh-CN labels). */
export class MembersPage {
  readonly lookup: Locator;
  readonly lookupResults: Locator;
  readonly table: Locator;
  readonly count: Locator;
  readonly enrolButton: Locator;
  readonly profileHeading: Locator;
  readonly stats: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.lookup = page.getByRole('searchbox', { name: '查询会员' });
    this.lookupResults = page.getByRole('list', { name: '查询结果' });
    this.table = page.getByRole('table', { name: '会员列表' });
    this.count = page.getByText(/^共 [\d,]+ 位会员$/);
    this.enrolButton = page.getByRole('button', { name: '+ 快速开卡' });
    this.profileHeading = page.locator('#member-profile-heading');
    this.stats = page.getByRole('list', { name: '会员概况' });
    this.history = page.getByRole('table', { name: '消费记录' });
  }

  filter(label: '会员等级' | '标签' | '生日月份' | '状态' | '排序'): Locator {
    return this.page.getByRole('group', { name: '筛选会员' }).getByLabel(label, { exact: true });
  }

  /** The list's data rows (the header row has no row button). */
  get rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** Types into the lookup box and presses Enter. */
  async find(query: string): Promise<void> {
    await this.lookup.fill(query);
    await this.lookup.press('Enter');
  }

  result(name: string | RegExp): Locator {
    return this.lookupResults.getByRole('button', { name });
  }

  stat(label: string): Locator {
    return this.stats.getByRole('listitem').filter({ hasText: label });
  }

  action(name: string): Locator {
    return this.page.getByRole('group', { name: '会员操作' }).getByRole('button', { name, exact: true });
  }

  get phone(): Locator {
    return this.page.locator('.phone-line .mono');
  }
}

export class RewardsPage {
  readonly lookup: Locator;
  readonly statement: Locator;
  readonly adjustForm: Locator;

  constructor(readonly page: Page) {
    this.lookup = page.getByRole('searchbox', { name: '查询会员' });
    this.statement = page.getByRole('table', { name: '积分明细' });
    this.adjustForm = page.getByRole('form', { name: '调整积分' });
  }

  async find(query: string): Promise<void> {
    await this.lookup.fill(query);
    await this.lookup.press('Enter');
  }

  get statementRows(): Locator {
    return this.statement.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  async adjust(direction: '增加' | '扣减', points: number, reason: string): Promise<void> {
    await this.adjustForm.getByRole('radio', { name: direction }).check();
    await this.adjustForm.getByLabel('积分数量').fill(String(points));
    await this.adjustForm.getByLabel('调整原因').fill(reason);
    await this.adjustForm.getByRole('button', { name: '确认调整' }).click();
  }
}
