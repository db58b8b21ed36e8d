import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import type { ShopService } from '../shop/shop-service.js';
import type { StaffService } from '../staff/staff-service.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Locale } from '../../../shared/contract/common.js';
import type { Role } from '../../../shared/roles.js';
import type { StaffRow } from '../../../shared/contract/staff.js';
import { DomainError } from '../lib/domain-error.js';
import { fillDemoData, type DemoOptions } from './demo-shop.js';

/** The demo shop's staff. Their PINs are shown on the sign-in screen of a demo shop only. */
export const DEMO_STAFF: Array<{ name: string; role: Role; pin: string }> = [
  { name: '王店主', role: 'owner', pin: '8888' },
  { name: '李店长', role: 'manager', pin: '6666' },
  { name: '张小丽', role: 'cashier', pin: '1111' },
];

export function createDemoSetup(db: Database, clock: Clock, shop: ShopService, staff: StaffService, audit: AuditLog) {
  return {
    async create(locale: Locale, options: DemoOptions = {}) {
      if (shop.isSetUp() || staff.count() > 0) throw new DomainError('already_set_up');
      const created: Array<StaffRow & { pin: string }> = [];
      for (const s of DEMO_STAFF) created.push({ ...(await staff.create(s, null)), pin: s.pin });
      fillDemoData(db, clock, created.map((s) => s.id), options);
      db.transaction(() => {
        shop.markDemo({
          shopName: locale === 'zh-CN' ? '幸福里便利店（演示）' : 'Happy Lane Mart (demo)',
          receiptHeader: locale === 'zh-CN' ? '幸福里便利店\n地址：幸福里 88 号  电话：021-5555 0188' : 'Happy Lane Mart\n88 Happy Lane, tel 021-5555 0188',
          receiptFooter: locale === 'zh-CN' ? '谢谢惠顾，欢迎再次光临！' : 'Thank you, see you again!',
          locale,
        });
        audit.record({ staffId: created[0]!.id, action: 'shop.setupDemo' });
      })();
      return created.map(({ id, name, role, pin }) => ({ id, name, role, pin }));
    },
  };
}
export type DemoSetup = ReturnType<typeof createDemoSetup>;
