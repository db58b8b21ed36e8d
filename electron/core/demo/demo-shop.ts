import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { seededRandom } from '../lib/random.js';
import { ean13 } from '../../../shared/barcode.js';
import { pinyinInitials } from '../catalogue/initials.js';
import { cardNoFor } from '../members/card-no.js';
import { DEMO_CATEGORIES, GIVEN, SURNAMES, TAGS } from './demo-catalogue.js';

export interface DemoOptions {
  seed?: number;
  members?: number;
  days?: number;
  /** Average sales per day; the generator varies it by weekday. */
  salesPerDay?: number;
}

const METHODS = ['cash', 'wechat', 'wechat', 'wechat', 'alipay', 'alipay', 'card'] as const;

/**
 * Fills the catalogue, members and a few months of sales history for the demo shop.
 * Deterministic for a seed. Writes straight to the tables in one transaction (bulk path);
 * demo sales are marked source = 'demo'. Staff are created by the caller (they need hashed PINs).
 */
export function fillDemoData(db: Database, clock: Clock, staffIds: number[], opts: DemoOptions = {}) {
  const rnd = seededRandom(opts.seed ?? 20261122);
  const memberCount = opts.members ?? 300;
  const days = opts.days ?? 90;
  const perDay = opts.salesPerDay ?? 40;
  const now = clock.now();
  const nowIso = localDateTime(now);

  const counts = { products: 0, members: 0, sales: 0 };
  db.transaction(() => {
    const insCategory = db.prepare('INSERT INTO categories (name) VALUES (?)');
    const insProduct = db.prepare(
      'INSERT INTO products (sku, name, initials, category_id, price_fen, points_pct, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insBarcode = db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)');
    const products: Array<{ id: number; name: string; price: number; barcode: string }> = [];
    let sku = 1000;
    for (const [category, items] of Object.entries(DEMO_CATEGORIES)) {
      const categoryId = Number(insCategory.run(category).lastInsertRowid);
      for (const [name, price, pointsPct] of items) {
        sku += 1;
        const id = Number(insProduct.run(`SKU${sku}`, name, pinyinInitials(name), categoryId, price, pointsPct ?? 100, nowIso).lastInsertRowid);
        // 690–695: prefixes GS1 China assigns to manufacturers.
        const barcode = ean13(`69${rnd.int(0, 5)}${rnd.digits(9)}`);
        insBarcode.run(barcode, id);
        products.push({ id, name, price, barcode });
      }
    }
    counts.products = products.length;

    const tiers = db.prepare('SELECT id, rank, min_spend_fen FROM tiers ORDER BY rank').all() as Array<{ id: number; rank: number; min_spend_fen: number }>;
    const entryTier = tiers[0]!.id;
    const insMember = db.prepare(`INSERT INTO members (card_no, phone, name, birthday_md, birth_year, gender, note, consent, tier_id, enrolled_at, updated_at)
      VALUES (@cardNo, @phone, @name, @birthday, @birthYear, @gender, '', @consent, @tier, @enrolledAt, @enrolledAt)`);
    const setCard = db.prepare('UPDATE members SET card_no = ? WHERE id = ?');
    const insTag = db.prepare('INSERT OR IGNORE INTO member_tags (tag, member_id) VALUES (?, ?)');
    const insTierHistory = db.prepare('INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at) VALUES (?, ?, ?, ?, ?)');
    const phones = new Set<string>();
    const members: Array<{ id: number; enrolled: number; loyalty: number }> = [];
    for (let i = 0; i < memberCount; i++) {
      let phone: string;
      do phone = `1${rnd.pick(['3', '5', '8', '7', '9'])}${rnd.digits(9)}`;
      while (phones.has(phone));
      phones.add(phone);
      // Enrolment spread over the history window, more of it early (the shop's regulars).
      const enrolledDay = Math.floor(days * rnd.float() ** 1.5);
      const enrolled = new Date(now.getTime() - (days - enrolledDay) * 86_400_000);
      enrolled.setHours(rnd.int(9, 21), rnd.int(0, 59), rnd.int(0, 59));
      const gender = rnd.chance(0.15) ? null : rnd.chance(0.55) ? 'female' : 'male';
      const enrolledAt = localDateTime(enrolled);
      const id = Number(insMember.run({
        cardNo: `pending-${i}`,
        phone,
        name: rnd.chance(0.9) ? rnd.pick(SURNAMES) + rnd.pick(GIVEN) : '',
        birthday: rnd.chance(0.7) ? `${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}` : null,
        birthYear: rnd.chance(0.4) ? rnd.int(1960, 2005) : null,
        gender,
        consent: rnd.chance(0.8) ? 1 : 0,
        tier: entryTier,
        enrolledAt,
      }).lastInsertRowid);
      setCard.run(cardNoFor(id), id);
      insTierHistory.run(id, null, entryTier, 'enrol', enrolledAt);
      if (rnd.chance(0.5)) insTag.run(rnd.pick(TAGS), id);
      // A few heavy regulars, many occasional customers.
      members.push({ id, enrolled: enrolledDay, loyalty: rnd.chance(0.1) ? 6 : rnd.chance(0.4) ? 2 : 0.5 });
    }
    counts.members = members.length;

    const insSale = db.prepare(`INSERT INTO sales (receipt_no, kind, business_date, sold_at, member_id, staff_id, subtotal_fen, discount_fen, total_fen, source)
      VALUES (?, 'sale', ?, ?, ?, ?, ?, 0, ?, 'demo')`);
    const insLine = db.prepare(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, barcode, qty, unit_price_fen, total_fen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insPay = db.prepare('INSERT INTO sale_payments (sale_id, method, amount_fen, tendered_fen, change_fen) VALUES (?, ?, ?, ?, ?)');
    const weights = members.map((m) => m.loyalty);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const spend = new Map<number, number>();

    for (let d = 0; d < days; d++) {
      const day = new Date(now.getTime() - (days - d) * 86_400_000);
      const weekend = day.getDay() === 0 || day.getDay() === 6;
      const n = Math.max(1, Math.round(perDay * (weekend ? 1.3 : 0.9) * (0.8 + 0.4 * rnd.float())));
      const date = localDate(day);
      const times = Array.from({ length: n }, () => rnd.int(8 * 3600, 22 * 3600)).sort((a, b) => a - b);
      for (let s = 0; s < n; s++) {
        const t = new Date(day);
        t.setHours(0, 0, times[s]!);
        let memberId: number | null = null;
        if (rnd.chance(0.45)) {
          // Weighted pick among members already enrolled that day.
          let target = rnd.float() * weightSum;
          for (let k = 0; k < members.length; k++) {
            target -= weights[k]!;
            if (target <= 0) {
              if (members[k]!.enrolled <= d) memberId = members[k]!.id;
              break;
            }
          }
        }
        const lineCount = rnd.int(1, 5);
        const lines: Array<{ p: (typeof products)[number]; qty: number }> = [];
        for (let l = 0; l < lineCount; l++) lines.push({ p: rnd.pick(products), qty: rnd.chance(0.8) ? 1 : rnd.int(2, 4) });
        const total = lines.reduce((sum, l) => sum + l.p.price * l.qty, 0);
        const receiptNo = `${date.replaceAll('-', '')}-${String(s + 1).padStart(4, '0')}`;
        const saleId = Number(insSale.run(receiptNo, date, localDateTime(t), memberId, rnd.pick(staffIds), total, total).lastInsertRowid);
        lines.forEach((l, i) => insLine.run(saleId, i + 1, l.p.id, l.p.name, l.p.barcode, l.qty, l.p.price, l.p.price * l.qty));
        const method = rnd.pick(METHODS);
        if (method === 'cash') {
          const tendered = Math.ceil(total / 1000) * 1000;
          insPay.run(saleId, 'cash', total, tendered, tendered - total);
        } else {
          insPay.run(saleId, method, total, null, null);
        }
        if (memberId) spend.set(memberId, (spend.get(memberId) ?? 0) + total);
        counts.sales += 1;
      }
    }

    // Members whose demo spend qualifies them sit in the matching tier, with the history to show why.
    const setTier = db.prepare('UPDATE members SET tier_id = ? WHERE id = ?');
    for (const [memberId, total] of spend) {
      const tier = [...tiers].reverse().find((t) => total >= t.min_spend_fen && t.rank > 0);
      if (tier) {
        setTier.run(tier.id, memberId);
        insTierHistory.run(memberId, entryTier, tier.id, 'upgrade', nowIso);
      }
    }
  })();
  return counts;
}
