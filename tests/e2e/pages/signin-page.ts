import type { Locator, Page } from '@playwright/test';

/** The sign-in screen: staff radio group and the PIN pad. */
export class SignInPage {
  readonly heading: Locator;
  readonly staffGroup: Locator;
  readonly pin: Locator;
  readonly submit: Locator;
  readonly demoHint: Locator;

  constructor(readonly page: Page, labels = { heading: '员工登录', staff: '选择员工', pin: '密码', submit: '登录', demo: '演示店铺的示例密码' }) {
    this.heading = page.getByRole('heading', { level: 1, name: labels.heading });
    this.staffGroup = page.getByRole('radiogroup', { name: labels.staff });
    this.pin = page.getByLabel(labels.pin, { exact: true });
    this.submit = page.getByRole('button', { name: labels.submit, exact: true });
    this.demoHint = page.getByRole('complementary', { name: labels.demo });
  }

  staff(name: string): Locator {
    return this.staffGroup.getByRole('radio', { name: new RegExp(`^${name}`) });
  }

  padKey(name: string): Locator {
    return this.page.getByRole('group', { name: '数字键盘' }).getByRole('button', { name, exact: true });
  }

  /** Picks the person, types the PIN on the keyboard and presses Enter. */
  async signIn(name: string, pin: string): Promise<void> {
    await this.staff(name).click();
    await this.page.keyboard.type(pin);
    await this.page.keyboard.press('Enter');
  }
}
