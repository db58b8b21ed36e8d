import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { CartLineInput } from '../../../shared/contract/checkout.js';

interface HeldCart { lines: CartLineInput[]; memberId: number | null; coupons: string[]; redeemPoints: number }
interface HeldRow { id: number; label: string; cart: string; member_id: number | null; total_fen: number; held_at: string; staff_name: string | null }

/**
 * 挂单 / 取单: a cart put aside while the next customer pays. Kept in the database so a
 * restart does not lose it; resuming takes it off the list and the till re-prices it.
 */
export function createHeldOrders(db: Database, clock: Clock) {
  const list = db.prepare<[], HeldRow>('SELECT h.*, s.name AS staff_name FROM held_orders h LEFT JOIN staff s ON s.id = h.staff_id ORDER BY h.id');
  const byId = db.prepare<[number], HeldRow>('SELECT h.*, s.name AS staff_name FROM held_orders h LEFT JOIN staff s ON s.id = h.staff_id WHERE h.id = ?');
  const view = (r: HeldRow) => ({
    id: r.id, label: r.label, memberId: r.member_id, totalFen: r.total_fen, heldAt: r.held_at, staffName: r.staff_name,
    lineCount: (JSON.parse(r.cart) as HeldCart).lines.length,
  });
  return {
    list: () => list.all().map(view),
    hold(label: string, cart: HeldCart, totalFen: number, staffId: number) {
      const n = (db.prepare('SELECT count(*) AS n FROM held_orders').get() as { n: number }).n;
      const id = Number(db.prepare('INSERT INTO held_orders (label, cart, member_id, total_fen, held_at, staff_id) VALUES (?, ?, ?, ?, ?, ?)')
        .run(label || `#${n + 1}`, JSON.stringify(cart), cart.memberId, totalFen, localDateTime(clock.now()), staffId).lastInsertRowid);
      return view(byId.get(id)!);
    },
    resume(id: number): HeldCart {
      return db.transaction(() => {
        const row = byId.get(id);
        if (!row) throw new DomainError('not_found', { entity: 'held_order', id });
        db.prepare('DELETE FROM held_orders WHERE id = ?').run(id);
        // Orders held before coupons and points were kept have neither.
        const cart = JSON.parse(row.cart) as Partial<HeldCart> & Pick<HeldCart, 'lines' | 'memberId'>;
        return { ...cart, coupons: cart.coupons ?? [], redeemPoints: cart.redeemPoints ?? 0 };
      })();
    },
    discard(id: number): void {
      if (db.prepare('DELETE FROM held_orders WHERE id = ?').run(id).changes === 0) throw new DomainError('not_found', { entity: 'held_order', id });
    },
  };
}
export type HeldOrders = ReturnType<typeof createHeldOrders>;
