import type { Database } from '../db/open.js';
import type { SettingsStore } from './settings-store.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffService } from '../staff/staff-service.js';
import { DomainError } from '../lib/domain-error.js';
import type { ShopSettings } from '../../../shared/contract/shop.js';
import type { Locale } from '../../../shared/contract/common.js';

const DEFAULTS: ShopSettings = { shopName: '', receiptHeader: '', receiptFooter: '谢谢惠顾，欢迎再次光临！', locale: 'zh-CN' };

export function createShopService(db: Database, settings: SettingsStore, staff: StaffService, audit: AuditLog) {
  function read(): ShopSettings {
    return settings.get<ShopSettings>('shop', DEFAULTS);
  }
  return {
    /** A shop exists once it has a name and an owner; until then the UI shows onboarding. */
    isSetUp(): boolean {
      return settings.get<boolean>('shop.setUp', false);
    },
    isDemo(): boolean {
      return settings.get<boolean>('shop.demo', false);
    },
    settings: read,

    async setup(input: { shopName: string; receiptHeader: string; locale: Locale; owner: { name: string; pin: string } }) {
      if (this.isSetUp() || staff.count() > 0) throw new DomainError('already_set_up');
      const owner = await staff.create({ name: input.owner.name, role: 'owner', pin: input.owner.pin }, null);
      db.transaction(() => {
        settings.set('shop', { ...DEFAULTS, shopName: input.shopName, receiptHeader: input.receiptHeader, locale: input.locale });
        settings.set('shop.setUp', true);
        audit.record({ staffId: owner.id, action: 'shop.setup', details: { shopName: input.shopName } });
      })();
      return owner;
    },

    markDemo(shop: ShopSettings): void {
      settings.set('shop', shop);
      settings.set('shop.setUp', true);
      settings.set('shop.demo', true);
    },

    update(patch: Partial<ShopSettings>, by: number): ShopSettings {
      return db.transaction(() => {
        const before = read();
        const after: ShopSettings = { ...before };
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) (after as Record<string, unknown>)[k] = v;
        settings.set('shop', after);
        audit.record({ staffId: by, action: 'settings.update', entity: 'settings', entityId: 'shop', details: { before, after } });
        return after;
      })();
    },
  };
}
export type ShopService = ReturnType<typeof createShopService>;
