import { expect, type Locator, type Page } from '@playwright/test';

/** Settings (zh-CN labels): tabs, staff table and the add-staff form. */
export class SettingsPage {
  readonly staffTable: Locator;
  readonly addForm: Locator;

  constructor(readonly page: Page) {
    this.staffTable = page.getByRole('table', { name: '员工列表' });
    this.addForm = page.getByRole('form', { name: '添加员工' });
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  staffRow(name: string): Locator {
    return this.staffTable.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  }

  async addStaff(name: string, role: '收银员' | '店长' | '店主', pin: string): Promise<void> {
    await this.addForm.getByLabel('姓名', { exact: true }).fill(name);
    await this.addForm.getByLabel('角色', { exact: true }).selectOption({ label: role });
    await this.addForm.getByLabel('密码（4–8 位数字）').fill(pin);
    await this.addForm.getByLabel('确认新密码').fill(pin);
    // Seen once on a loaded CI machine: the name was empty at submit. Check it before adding.
    await expect(this.addForm.getByLabel('姓名', { exact: true })).toHaveValue(name);
    await this.addForm.getByRole('button', { name: '添加员工' }).click();
  }
}
