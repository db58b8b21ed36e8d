import type { Locator, Page } from '@playwright/test';

/** The signed-in shell: navigation, toolbar, status bar, help overlay and lock screen. */
export class ShellPage {
  readonly nav: Locator;
  readonly statusBar: Locator;
  readonly helpDialog: Locator;
  readonly lockDialog: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: /主导航|Main navigation/ });
    this.statusBar = page.getByRole('contentinfo');
    this.helpDialog = page.getByRole('dialog', { name: /键盘快捷键|Keyboard shortcuts/ });
    this.lockDialog = page.getByRole('dialog', { name: /屏幕已锁定|Screen locked/ });
  }

  navItem(name: string): Locator {
    return this.nav.getByRole('button', { name, exact: true });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  toolbarButton(name: string): Locator {
    return this.page.getByRole('toolbar').getByRole('button', { name, exact: true });
  }

  language(name: '中文' | 'English'): Locator {
    return this.page.getByRole('toolbar').getByRole('button', { name, exact: true });
  }

  /** A message in the alert region (the newest of a kind replaces the older one). */
  alert(text?: string | RegExp): Locator {
    const all = this.page.getByRole('alert');
    return text === undefined ? all : all.filter({ hasText: text });
  }

  /** The PIN field and unlock button on the lock screen. */
  get lockPin(): Locator {
    return this.lockDialog.getByLabel(/^(密码|PIN)$/);
  }
}
