import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import { addMonths } from '../lib/dates.js';
import type { MemberCountCard } from '../../../shared/contract/count-cards.js';

interface TypeRow { id: number; name: string; package_product_id: number; service_product_id: number; service_name: string; uses: number; valid_months: number | null; active: number }
interface CardRow { id: number; member_id: number; type_id: number; name: string; service_product_id: number; service_name: string; uses: number; remaining: number; bought_at: string; expires_on: string | null; line_id: number | null }

/**
 * Count cards (次卡 / 计次卡): prepaid uses of a service. The card's remaining uses are the
 * sum of its ledger (purchase +N, use −1, refund ±, expire −rest); nothing is edited in place.
 */
export function createCountCards(db: Database, clock: Clock, audit: AuditLog) {
  const TYPE = `SELECT t.*, p.name AS service_name FROM count_card_types t JOIN products p ON p.id = t.service_product_id`;
  const CARD = `SELECT c.id, c.member_id, c.type_id, t.name, t.service_product_id, p.name AS service_name, t.uses, c.bought_at, c.expires_on, c.line_id,
      (SELECT coalesce(sum(delta), 0) FROM count_card_ledger l WHERE l.card_id = c.id) AS remaining
    FROM member_count_cards c JOIN count_card_types t ON t.id = c.type_id JOIN products p ON p.id = t.service_product_id`;
  const typeByPackage = db.prepare<[number], TypeRow>(`${TYPE} WHERE t.package_product_id = ? AND t.active = 1`);
  const typeById = db.prepare<[number], TypeRow>(`${TYPE} WHERE t.id = ?`);
  const cardById = db.prepare<[number], CardRow>(`${CARD} WHERE c.id = ?`);
  const post = db.prepare('INSERT INTO count_card_ledger (card_id, at, delta, reason, sale_id, staff_id) VALUES (?, ?, ?, ?, ?, ?)');
  const today = () => localDate(clock.now());

  const typeView = (t: TypeRow) => ({
    id: t.id, name: t.name, packageProductId: t.package_product_id, serviceProductId: t.service_product_id, serviceName: t.service_name,
    uses: t.uses, validMonths: t.valid_months, active: t.active === 1,
  });
  const cardView = (c: CardRow): MemberCountCard => ({
    id: c.id, typeId: c.type_id, name: c.name, serviceProductId: c.service_product_id, serviceName: c.service_name, remaining: c.remaining,
    uses: c.uses, boughtAt: c.bought_at, expiresOn: c.expires_on, expired: c.expires_on !== null && c.expires_on < today(),
  });

  return {
    types: () => (db.prepare(`${TYPE} ORDER BY t.active DESC, t.name`).all() as TypeRow[]).map(typeView),
    saveType(input: { id?: number | undefined; name: string; packageProductId: number; serviceProductId: number; uses: number; validMonths: number | null; active: boolean }, staffId: number) {
      if (input.packageProductId === input.serviceProductId) throw new DomainError('bad_input', { field: 'serviceProductId', rule: 'package_is_not_service' });
      // Unknown products or card types are the caller's mistake, answered as such (not a foreign-key crash).
      for (const productId of [input.packageProductId, input.serviceProductId]) {
        if (!db.prepare('SELECT 1 FROM products WHERE id = ?').get(productId)) throw new DomainError('not_found', { entity: 'product', id: productId });
      }
      // Names and package products are unique (a sold package must name one card type): say which, not a constraint crash.
      const taken = (column: 'name' | 'package_product_id', value: string | number) =>
        db.prepare<[string | number, number], { id: number }>(`SELECT id FROM count_card_types WHERE ${column} = ? AND id != ?`).get(value, input.id ?? 0);
      if (taken('name', input.name)) throw new DomainError('conflict', { field: 'name' }, 'errors.count_card_name_taken');
      if (taken('package_product_id', input.packageProductId)) throw new DomainError('conflict', { field: 'packageProductId' }, 'errors.count_card_package_taken');
      const id = db.transaction(() => {
        const params = { name: input.name, pkg: input.packageProductId, svc: input.serviceProductId, uses: input.uses, months: input.validMonths, active: input.active ? 1 : 0 };
        let id = input.id;
        if (id) {
          const changed = db.prepare('UPDATE count_card_types SET name=@name, package_product_id=@pkg, service_product_id=@svc, uses=@uses, valid_months=@months, active=@active WHERE id=@id').run({ ...params, id }).changes;
          if (changed === 0) throw new DomainError('not_found', { entity: 'count_card_type', id });
        }
        else id = Number(db.prepare('INSERT INTO count_card_types (name, package_product_id, service_product_id, uses, valid_months, active) VALUES (@name, @pkg, @svc, @uses, @months, @active)').run(params).lastInsertRowid);
        audit.record({ staffId, action: 'countCards.saveType', entity: 'count_card_type', entityId: id, details: { ...input } });
        return id;
      })();
      return typeView(typeById.get(id)!);
    },
    forMember(memberId: number, includeSpent: boolean): MemberCountCard[] {
      const cards = (db.prepare(`${CARD} WHERE c.member_id = ? ORDER BY c.expires_on IS NULL, c.expires_on, c.id`).all(memberId) as CardRow[]).map(cardView);
      return includeSpent ? cards : cards.filter((c) => c.remaining > 0 && !c.expired);
    },

    /** Is this product a count-card package? (Selling it needs a member.) */
    packageType: (productId: number) => typeByPackage.get(productId) ?? null,

    /** Checks a use before the sale: the member's card, for this service, unexpired, with uses left. */
    checkUse(cardId: number, memberId: number | null, productId: number, qty: number): void {
      const c = cardById.get(cardId);
      if (!c || c.member_id !== memberId) throw new DomainError('not_found', { entity: 'count_card', id: cardId }, 'errors.count_card_not_found');
      if (c.service_product_id !== productId) throw new DomainError('rule_violation', { rule: 'count_card_wrong_service', serviceName: c.service_name }, 'errors.count_card_wrong_service');
      if (c.expires_on !== null && c.expires_on < today()) throw new DomainError('rule_violation', { rule: 'count_card_expired', expiresOn: c.expires_on }, 'errors.count_card_expired');
      if (c.remaining < qty) throw new DomainError('rule_violation', { rule: 'count_card_exhausted', remaining: c.remaining }, 'errors.count_card_exhausted');
    },

    /** Inside the sale: one card per package sold, and −qty on each card used. */
    afterSale(saleId: number, memberId: number | null, staffId: number, lines: Array<{ lineId: number; productId: number | null; qty: number; countCardId: number | null }>): void {
      const at = localDateTime(clock.now());
      for (const l of lines) {
        if (l.countCardId !== null) { post.run(l.countCardId, at, -l.qty, 'use', saleId, staffId); continue; }
        const type = l.productId === null ? null : typeByPackage.get(l.productId);
        if (!type) continue;
        if (memberId === null) throw new DomainError('rule_violation', { rule: 'count_card_needs_member' }, 'errors.count_card_needs_member');
        for (let i = 0; i < l.qty; i++) {
          const cardId = Number(db.prepare('INSERT INTO member_count_cards (member_id, type_id, sale_id, line_id, bought_at, expires_on) VALUES (?, ?, ?, ?, ?, ?)')
            .run(memberId, type.id, saleId, l.lineId, at, type.valid_months ? addMonths(today(), type.valid_months) : null).lastInsertRowid);
          post.run(cardId, at, type.uses, 'purchase', saleId, staffId);
        }
      }
    },

    /**
     * Inside a refund: a refunded use goes back on its card; a refunded package takes back
     * unused cards only (a card already used is not refundable as a package).
     */
    afterRefund(refundId: number, staffId: number, lines: Array<{ originalLineId: number; qty: number; countCardId: number | null }>): void {
      const at = localDateTime(clock.now());
      for (const l of lines) {
        if (l.countCardId !== null) { post.run(l.countCardId, at, l.qty, 'refund', refundId, staffId); continue; }
        const cards = db.prepare<[number], CardRow>(`${CARD} WHERE c.line_id = ?`).all(l.originalLineId);
        if (cards.length === 0) continue;
        const unused = cards.filter((c) => c.remaining === c.uses);
        if (unused.length < l.qty) throw new DomainError('rule_violation', { rule: 'count_card_used', unused: unused.length }, 'errors.count_card_used');
        for (const c of unused.slice(0, l.qty)) post.run(c.id, at, -c.remaining, 'refund', refundId, staffId);
      }
    },

    /** Remaining uses of the cards a sale used, for the receipt ("剪发次卡 剩余 7 次"). */
    usedBy(saleId: number): Array<{ name: string; remaining: number }> {
      return db.prepare<[number], { name: string; remaining: number }>(`SELECT t.name, (SELECT sum(delta) FROM count_card_ledger x WHERE x.card_id = c.id) AS remaining
        FROM count_card_ledger l JOIN member_count_cards c ON c.id = l.card_id JOIN count_card_types t ON t.id = c.type_id
        WHERE l.sale_id = ? AND l.reason IN ('use','purchase') GROUP BY c.id`).all(saleId);
    },

    /** Daily: uses left on expired cards are written off. Idempotent. */
    expireAll(): number {
      let n = 0;
      db.transaction(() => {
        const rows = db.prepare<[string], { id: number; remaining: number }>(`SELECT c.id, (SELECT sum(delta) FROM count_card_ledger l WHERE l.card_id = c.id) AS remaining
          FROM member_count_cards c WHERE c.expires_on IS NOT NULL AND c.expires_on < ?`).all(today());
        for (const r of rows) if (r.remaining > 0) { post.run(r.id, localDateTime(clock.now()), -r.remaining, 'expire', null, null); n += 1; }
      })();
      return n;
    },
  };
}
export type CountCards = ReturnType<typeof createCountCards>;
