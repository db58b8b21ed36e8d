// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.js';
import { ROLES } from '../../../shared/roles.js';
import { DeviceState } from '../../../shared/contract/system.js';
import { LOCALES } from '../../../shared/contract/common.js';
import { SECTIONS, SETTINGS_TABS } from '../app/sections.js';
import { zhCN, en } from './resources.js';
import { createI18n } from './index.js';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const enFlat = flatten(en as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...enFlat.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !enFlat.has(k))).toEqual([]);
  });

  it('no translation is empty and both use the same placeholders', () => {
    for (const [key, zhText] of zh) {
      const enText = enFlat.get(key)!;
      expect(zhText.trim(), key).not.toBe('');
      expect(enText.trim(), key).not.toBe('');
      expect(placeholders(enText), key).toEqual(placeholders(zhText));
    }
  });

  it('every error code of the contract has a message', () => {
    for (const code of ERROR_CODES) {
      expect(zh.has(`errors.${code}`), code).toBe(true);
      expect(enFlat.has(`errors.${code}`), code).toBe(true);
    }
    // Finer message keys the core sends today.
    for (const key of ['errors.staff_name_taken', 'errors.last_owner']) expect(zh.has(key), key).toBe(true);
  });

  it('every role, section, settings tab, device state and language has a label', () => {
    for (const r of ROLES) expect(zh.has(`roles.${r}`), r).toBe(true);
    for (const s of SECTIONS) expect(zh.has(`sections.${s.id}`), s.id).toBe(true);
    for (const tab of SETTINGS_TABS) expect(zh.has(`settings.tab.${tab.id}`), tab.id).toBe(true);
    for (const d of DeviceState.options) expect(zh.has(`status.device.${d}`), d).toBe(true);
    for (const l of LOCALES) expect(zh.get(`lang.${l}`)).toBe(enFlat.get(`lang.${l}`));
  });

  it('uses the counter vocabulary of the glossary in zh-CN', () => {
    expect(zh.get('sections.checkout')).toBe('收银');
    expect(zh.get('sections.members')).toBe('会员');
    expect(zh.get('roles.cashier')).toBe('收银员');
    expect(zh.get('roles.manager')).toBe('店长');
    expect(zh.get('roles.owner')).toBe('店主');
    expect(zh.get('shell.lock')).toBe('锁屏');
    expect(zh.get('shell.signOut')).toBe('退出登录');
    expect(zh.get('status.printer')).toBe('小票打印机');
    expect(zh.get('status.scanner')).toBe('扫码枪');
  });

  it('initialises synchronously and switches language at run time', async () => {
    const i18n = createI18n('zh-CN');
    expect(i18n.isInitialized).toBe(true);
    expect(i18n.t('sections.settings')).toBe('设置');
    await i18n.changeLanguage('en');
    expect(i18n.t('sections.settings')).toBe('Settings');
    expect(i18n.t('errors.wrong_pin', { attemptsLeft: 2 })).toBe('Wrong PIN. Attempts left: 2.');
  });
});
