import type { Locator, Page } from '@playwright/test';
import type { CheckoutPage } from './checkout-page.js';

/** Rewards at the till (zh-CN labels): the attached member's balances and the points, coupon, count-card and top-up dialogs. */
export class TillRewards {
  readonly page: Page;
  readonly points: Locator;
  readonly coupons: Locator;
  readonly cards: Locator;
  readonly topUp: Locator;

  constructor(readonly co: CheckoutPage) {
    this.page = co.page;
    this.points = co.dialog('积分抵扣');
    this.coupons = co.dialog('优惠券');
    this.cards = co.dialog('次卡');
    this.topUp = co.dialog('会员充值');
  }

  /** The attached member's card in the side panel. */
  member(name: string): Locator {
    return this.page.getByRole('group', { name: `当前会员：${name}` });
  }

  /** A fact of the attached member ("积分", "储值余额") as shown. */
  fact(name: string, label: string): Locator {
    return this.member(name).locator('div', { has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  }

  /** The member's count cards with the uses left. */
  cardRows(name: string): Locator {
    return this.member(name).getByRole('list', { name: '次卡' }).getByRole('listitem');
  }

  /** A row of the totals panel (subtotal, discounts, coupons...). */
  totalsRow(label: string | RegExp): Locator {
    return this.co.totals.locator('div', { has: this.page.locator('dt', { hasText: label }) });
  }
}
