import type { Locator, Page } from '@playwright/test';

/** First run: the shop form and the demo button (zh-CN labels, the default language). */
export class OnboardingPage {
  readonly heading: Locator;
  readonly shopName: Locator;
  readonly receiptHeader: Locator;
  readonly ownerName: Locator;
  readonly pin: Locator;
  readonly pinConfirm: Locator;
  readonly submit: Locator;
  readonly demoButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: '欢迎使用收银台' });
    this.shopName = page.getByLabel('店铺名称');
    this.receiptHeader = page.getByLabel('小票抬头');
    this.ownerName = page.getByLabel('店主姓名');
    this.pin = page.getByLabel('密码（4–8 位数字）');
    this.pinConfirm = page.getByLabel('确认密码');
    this.submit = page.getByRole('button', { name: '创建店铺' });
    this.demoButton = page.getByRole('button', { name: '用演示数据体验' });
  }

  language(name: '中文' | 'English'): Locator {
    return this.page.getByRole('radio', { name });
  }

  async createShop(v: { shopName: string; receiptHeader?: string; ownerName: string; pin: string; pinConfirm?: string }): Promise<void> {
    await this.shopName.fill(v.shopName);
    await this.receiptHeader.fill(v.receiptHeader ?? '');
    await this.ownerName.fill(v.ownerName);
    await this.pin.fill(v.pin);
    await this.pinConfirm.fill(v.pinConfirm ?? v.pin);
    await this.submit.click();
  }
}
