import type { Database } from '../db/open.js';
import type { AuditLog } from '../audit/audit-log.js';
import { createSettingsStore, type SettingsStore } from '../shop/settings-store.js';
import { DomainError } from '../lib/domain-error.js';
import { BUILTIN_CATEGORIES, BUILTIN_CHANNELS, SEVERITIES, type ComplaintLists } from '../../../shared/contract/complaints.js';

export interface ListEntry {
  code: string;
  labels: { 'zh-CN': string; en: string };
  active: boolean;
}
interface StoredLists { channels: ListEntry[]; categories: ListEntry[] }

export const SETTINGS_KEY = 'complaints.lists';

/** The glossary's words (到店, 电话, 微信, 网络评价, 其他 / 商品质量, 服务态度, …). */
export const DEFAULT_LISTS: StoredLists = {
  channels: [
    { code: 'in_store', labels: { 'zh-CN': '到店', en: 'In store' }, active: true },
    { code: 'phone', labels: { 'zh-CN': '电话', en: 'Phone' }, active: true },
    { code: 'wechat', labels: { 'zh-CN': '微信', en: 'WeChat' }, active: true },
    { code: 'online', labels: { 'zh-CN': '网络评价', en: 'Online review' }, active: true },
    { code: 'other', labels: { 'zh-CN': '其他', en: 'Other' }, active: true },
  ],
  categories: [
    { code: 'product', labels: { 'zh-CN': '商品质量', en: 'Product quality' }, active: true },
    { code: 'service', labels: { 'zh-CN': '服务态度', en: 'Service attitude' }, active: true },
    { code: 'price', labels: { 'zh-CN': '价格', en: 'Price' }, active: true },
    { code: 'waiting', labels: { 'zh-CN': '等待时间', en: 'Waiting time' }, active: true },
    { code: 'environment', labels: { 'zh-CN': '购物环境', en: 'Environment' }, active: true },
    { code: 'other', labels: { 'zh-CN': '其他', en: 'Other' }, active: true },
  ],
};

const BUILTIN = { channels: BUILTIN_CHANNELS as readonly string[], categories: BUILTIN_CATEGORIES as readonly string[] };

/**
 * The shop's complaint channels and categories: the stable built-in codes (which may be
 * deactivated but not removed, so history and imports keep their meaning) plus custom
 * entries with their own zh-CN/en labels. Stored as one JSON setting.
 */
export function createComplaintLists(db: Database, audit: AuditLog, settings: SettingsStore = createSettingsStore(db)) {
  function read(): StoredLists {
    return settings.get<StoredLists>(SETTINGS_KEY, DEFAULT_LISTS);
  }
  function view(s: StoredLists): ComplaintLists {
    return {
      channels: s.channels.map((e) => ({ ...e, builtin: BUILTIN.channels.includes(e.code) })),
      categories: s.categories.map((e) => ({ ...e, builtin: BUILTIN.categories.includes(e.code) })),
      severities: [...SEVERITIES],
    };
  }
  function check(field: 'channels' | 'categories', entries: ListEntry[]): void {
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.code)) throw new DomainError('bad_input', { field, code: e.code, rule: 'duplicate_code' }, 'errors.complaint_list_duplicate_code');
      seen.add(e.code);
    }
    for (const code of BUILTIN[field]) {
      if (!seen.has(code)) throw new DomainError('rule_violation', { rule: 'builtin_code_required', field, code }, 'errors.complaint_list_builtin_required');
    }
    if (!entries.some((e) => e.active)) throw new DomainError('rule_violation', { rule: 'list_empty', field }, 'errors.complaint_list_empty');
  }

  return {
    get: () => view(read()),
    /** Codes valid for `field`; with `activeOnly`, those the log form offers. */
    codes(field: 'channels' | 'categories', activeOnly: boolean): Set<string> {
      return new Set(read()[field].filter((e) => !activeOnly || e.active).map((e) => e.code));
    },
    label(field: 'channels' | 'categories', code: string, locale: 'zh-CN' | 'en'): string {
      return read()[field].find((e) => e.code === code)?.labels[locale] ?? code;
    },
    set(patch: { channels?: ListEntry[] | undefined; categories?: ListEntry[] | undefined }, staffId: number | null): ComplaintLists {
      return db.transaction(() => {
        const before = read();
        const after: StoredLists = { channels: patch.channels ?? before.channels, categories: patch.categories ?? before.categories };
        if (patch.channels) check('channels', patch.channels);
        if (patch.categories) check('categories', patch.categories);
        settings.set(SETTINGS_KEY, after);
        audit.record({ staffId, action: 'complaints.settings', entity: 'settings', entityId: SETTINGS_KEY, details: { before, after } });
        return view(after);
      })();
    },
  };
}
export type ComplaintListsService = ReturnType<typeof createComplaintLists>;
