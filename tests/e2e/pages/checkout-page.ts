import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';
import { HUMAN_KEY_DELAY_MS } from './checkout-shop.js';

/** 收银 (zh-CN labels): search, cart, member, totals, payment, the sale just done, and the till's dialogs. */
export class CheckoutPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly cart: Locator;
  readonly memberInput: Locator;
  readonly memberResults: Locator;
  readonly due: Locator;
  readonly totals: Locator;
  readonly payDialog: Locator;
  readonly done: Locator;
  readonly tools: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: '收银', exact: true });
    this.search = page.getByRole('combobox', { name: '扫码或搜索商品' });
    this.cart = page.getByRole('table', { name: /^购物车/ });
    this.memberInput = page.getByRole('combobox', { name: '查询会员' });
    this.memberResults = page.getByRole('listbox', { name: '会员查询结果' });
    this.due = page.getByRole('status', { name: /^应收 / });
    this.totals = page.getByRole('region', { name: '合计' });
    this.payDialog = page.getByRole('dialog', { name: '结账' });
    this.done = page.getByRole('region', { name: '收款完成' });
    this.tools = page.getByRole('toolbar', { name: '收银操作' });
  }

  /**
   * Waits until the page is idle. Playwright hands the page one key at a time and waits for
   * it to be taken, so a burst typed while the page is busy rendering would arrive with gaps
   * a scanner never has (a scanner's keys are stamped by the OS as they come).
   */
  async settle(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })));
  }

  private session: CDPSession | null = null;

  /**
   * A keyboard-wedge scan: the code's keys and Enter as a burst 3 ms a key. They are real key
   * events from the browser (trusted, with their default actions), sent as a scanner sends
   * them: all at once, each stamped with when it was "typed", the way the OS stamps a
   * scanner's keys. (`keyboard.type` waits for the page to take each key before sending the
   * next and stamps it then, so on a loaded machine its bursts get gaps no scanner has.)
   */
  async scan(code: string): Promise<void> {
    await this.settle();
    this.session ??= await this.page.context().newCDPSession(this.page);
    const cdp = this.session;
    const t0 = Date.now() / 1000;
    const sends: Array<Promise<unknown>> = [];
    [...code, '\r'].forEach((ch, i) => {
      const k = keyFor(ch);
      const at = t0 + i * 0.003;
      const key = { key: k.key, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode };
      sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: k.text, unmodifiedText: k.text, timestamp: at }));
      sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key, timestamp: at + 0.001 }));
    });
    await Promise.all(sends);
  }

  /** The same burst through Playwright's keyboard (a key every ~2 ms, each waited for). */
  async typeBurst(code: string): Promise<void> {
    await this.settle();
    await this.page.keyboard.type(code, { delay: 2 });
  }

  /**
   * Scans a product and waits for its line to show the quantity, as a cashier glances at the
   * screen between items (a test driver, unlike a scanner, waits for the page between keys).
   */
  async scanProduct(code: string, name: string, qty: number): Promise<void> {
    await this.scan(code);
    await this.expectQty(name, qty);
  }

  /** Typing at a person's pace (well over the scanner's gap threshold). */
  async typeSlowly(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: HUMAN_KEY_DELAY_MS });
  }

  row(name: string | RegExp): Locator {
    return this.cart.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  async expectQty(name: string | RegExp, qty: number): Promise<void> {
    await expect(this.row(name).getByRole('cell').nth(1)).toHaveText(new RegExp(`^\\s*−?\\s*${qty}\\s*\\+?\\s*$`));
  }

  tool(name: string | RegExp): Locator {
    return this.tools.getByRole('button', { name });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Reads a ¥ amount shown on screen as fen. */
  static fen(text: string | null): number {
    const m = /-?¥?\s*(-?[\d,]+)\.(\d{2})/.exec(text ?? '');
    if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
    const sign = (text ?? '').trim().startsWith('-') ? -1 : 1;
    return sign * (Number(m[1]!.replaceAll(',', '').replace('-', '')) * 100 + Number(m[2]));
  }

  /** 应收 as fen. */
  async dueFen(): Promise<number> {
    return CheckoutPage.fen(await this.due.textContent());
  }
}

/** What a US-layout keyboard (or a scanner emulating one) sends for a character of a barcode. */
function keyFor(ch: string): { key: string; code: string; keyCode: number; text: string } {
  if (ch === '\r') return { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' };
  if (/^\d$/.test(ch)) return { key: ch, code: `Digit${ch}`, keyCode: 48 + Number(ch), text: ch };
  if (/^[a-z]$/i.test(ch)) return { key: ch, code: `Key${ch.toUpperCase()}`, keyCode: ch.toUpperCase().charCodeAt(0), text: ch };
  if (ch === '-') return { key: '-', code: 'Minus', keyCode: 189, text: '-' };
  throw new Error(`no scanner key for ${JSON.stringify(ch)}`);
}

/** Signs in from the sign-in screen with the keyboard only: arrows to the person, the PIN, Enter. */
export async function signInByKeyboard(page: Page, name: string, pin: string): Promise<void> {
  const group = page.getByRole('radiogroup', { name: '选择员工' });
  const person = group.getByRole('radio', { name: new RegExp(`^${name}`) });
  await expect(person).toBeVisible();
  if ((await person.getAttribute('aria-checked')) !== 'true') {
    await group.locator('[role="radio"][tabindex="0"]').focus();
    for (let i = 0; i < 10 && (await person.getAttribute('aria-checked')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
    await expect(person).toHaveAttribute('aria-checked', 'true');
  }
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}
