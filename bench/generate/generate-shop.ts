/**
 * The benchmark shop: five years of a busy small shop, deterministic for a seed.
 *
 * Writes straight into the real schema (created by the real migrations through createCore)
 * with prepared statements in one transaction per business day, the bulk path. Everything
 * the app keeps derived is kept by the app's own code, never a second definition:
 * - member_stats and member_balances by the schema's triggers, on every insert;
 * - pricing and points earned by shared/pricing.ts (the till's function);
 * - points ledger entries by points.post, usable points by points.usable (the FIFO replay),
 *   stored-value payments by storedValue.pay (its principal/bonus split);
 * - points expiry (each new year) and the final state (expiry, tier re-evaluation, care
 *   tasks) by the daily jobs, run with the generator's clock as the till would run them;
 * - complaints and NPS answers through the complaints and feedback services.
 * What the generator decides itself is behaviour: who comes when, what they buy, how they
 * pay, who complains. Tier upgrades on the sale that crosses a threshold are recorded as
 * the till would (tiers.afterSale's rule, with the window summed from monthly buckets);
 * the final daily re-evaluation then corrects any member the approximation got wrong.
 */
import { createCore } from '../../electron/core/app.js';
import { localDateTime } from '../../electron/core/lib/clock.js';
import { addDays } from '../../electron/core/lib/dates.js';
import { seededRandom } from '../../electron/core/lib/random.js';
import { pinyinInitials } from '../../electron/core/catalogue/initials.js';
import { expiryFor } from '../../electron/core/rewards/rules.js';
import { priceCart, pointsFor, maxPointsDeduction, type PricingLine, type PricingRules } from '../../shared/pricing.js';
import { generateCatalogue } from './catalogue.js';
import { logComplaint, type SimClock } from './complaints-writer.js';
import { memberEnroller, tierKeeper, type TierRow } from './members-writer.js';
import { DAY_CLOSE, DAY_OPEN, lowerBound, planMembers, planVisits, shuffle, timeOf } from './plan.js';
import { sizeAt, LINE_COUNTS, METHODS, RATES, GENERATED_UNTIL } from './shape.js';

/** Bump when the generated content changes, so cached files are rebuilt. */
export const GENERATOR_VERSION = 2;

/** The shop's staff; PINs are known so benchmarks can sign in. */
export const BENCH_STAFF = {
  owner: { name: '王店主', pin: '8888' },
  manager: { name: '李店长', pin: '6666' },
  cashiers: [{ name: '张小丽', pin: '1111' }, { name: '赵大勇', pin: '2222' }, { name: '孙晓燕', pin: '3333' }],
} as const;

export interface GenerateOptions {
  dataDir: string;
  seed: number;
  scale: number;
  log?: (message: string) => void;
}

export interface GeneratedShop {
  seed: number;
  scale: number;
  /** The shop's today: benchmarks run the core with a clock on this day. */
  until: string;
  staff: { ownerId: number; managerId: number; cashierIds: number[] };
  counts: Record<string, number>;
  seconds: number;
}


export async function generateShop(opts: GenerateOptions): Promise<GeneratedShop> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const size = sizeAt(opts.scale);
  const rnd = seededRandom(opts.seed);
  const dates = Array.from({ length: size.days }, (_, d) => addDays(size.firstDay, d));
  const at = (d: number, secs: number) => {
    const [y, m, day] = dates[d]!.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, day, Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60);
  };
  const clock: SimClock = { t: at(0, 7 * 3600), now() { return new Date(this.t); } };

  // No automatic backups: the generated file is the cache, copied for every benchmark.
  const core = createCore({ dataDir: opts.dataDir, clock, synchronous: 'NORMAL', autoBackup: false, logger: { error: (m, e) => log(`core error: ${m} ${String(e)}`) } });
  const { db, services } = core;
  try {
    // Staff through the app (hashed PINs, audit).
    const setup = await core.dispatcher.call('shop.setup', { shopName: '幸福里便利店', receiptHeader: '幸福里便利店\n谢谢惠顾', locale: 'zh-CN', owner: { ...BENCH_STAFF.owner } });
    if (!setup.ok) throw new Error(`shop.setup: ${JSON.stringify(setup.error)}`);
    const ownerId = setup.value.owner.id;
    const managerId = (await services.staff.create({ ...BENCH_STAFF.manager, role: 'manager' }, ownerId)).id;
    const cashierIds: number[] = [];
    for (const c of BENCH_STAFF.cashiers) cashierIds.push((await services.staff.create({ ...c, role: 'cashier' }, ownerId)).id);
    services.storedValue.setRules({ bonuses: [{ minFen: 10000, bonusFen: 1000 }, { minFen: 50000, bonusFen: 8000 }, { minFen: 100000, bonusFen: 20000 }], tierGrants: [] });

    // Bulk load: nothing is durable until the end anyway (a failed run is thrown away).
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -400000');
    db.pragma('temp_store = MEMORY');

    // ---- catalogue -------------------------------------------------------------------------
    const catalogue = generateCatalogue(rnd, size.products);
    const productIds: number[] = [];
    db.transaction(() => {
      const insCategory = db.prepare('INSERT INTO categories (name) VALUES (?)');
      const insProduct = db.prepare('INSERT INTO products (sku, name, initials, category_id, price_fen, points_pct, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const insBarcode = db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)');
      const categories = new Map<string, number>();
      const nowIso = localDateTime(clock.t);
      for (const p of catalogue) {
        let c = categories.get(p.category);
        if (c === undefined) { c = Number(insCategory.run(p.category).lastInsertRowid); categories.set(p.category, c); }
        const id = Number(insProduct.run(p.sku, p.name, pinyinInitials(p.name), c, p.priceFen, p.pointsPct, nowIso, ownerId).lastInsertRowid);
        insBarcode.run(p.barcode, id);
        productIds.push(id);
      }
    })();
    // Popularity: a few best sellers, a long tail (Zipf over a shuffled catalogue).
    const order = shuffle(rnd, catalogue.map((_, i) => i));
    const popularity = new Float64Array(catalogue.length);
    let acc = 0;
    for (let r = 0; r < order.length; r++) { acc += 1 / (r + 1) ** 0.9; popularity[r] = acc; }
    const pickProduct = () => order[lowerBound(popularity, rnd.float() * acc)]!;
    log(`catalogue: ${catalogue.length} products`);

    // ---- members: who they are, when they enrol, how often they come, when they drift away ----
    const M = size.members;
    const members = planMembers(rnd, size);
    const { kindOf, enrolDay, enrolSecs } = members;
    const tierRows = db.prepare('SELECT id, rank, min_spend_fen, price_pct, points_pct FROM tiers WHERE active = 1 ORDER BY rank').all() as TierRow[];
    const hasStoredValue = new Uint8Array(M);
    for (let p = 0; p < M; p++) hasStoredValue[p] = rnd.chance(kindOf[p] === 2 ? RATES.storedValue / 2 : RATES.storedValue * 4) ? 1 : 0;
    // Members enrol at the till, at their first visit (ids in order of enrolment, as the till gives them).
    const { enrol, memberIdOf } = memberEnroller(db, rnd, M, tierRows[0]!);

    // ---- member visits and walk-ins, planned per day ----
    const { oneAndDone, byDay, dayStart, anonPerDay } = planVisits(rnd, size, dates, members);
    log(`visits planned: ${byDay.length} member, ${anonPerDay.reduce((a, b) => a + b, 0)} walk-in`);

    // ---- the days ----------------------------------------------------------------------
    const insSale = db.prepare(`INSERT INTO sales (receipt_no, kind, refund_of, business_date, sold_at, member_id, staff_id, shift_id, subtotal_fen, discount_fen, rounding_fen, total_fen, source, points_earned)
      VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 'import', ?)`);
    const insLine = db.prepare(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, barcode, qty, unit_price_fen, discount_fen, total_fen, refund_of_line)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insPay = db.prepare('INSERT INTO sale_payments (sale_id, method, amount_fen, tendered_fen, change_fen) VALUES (?, ?, ?, ?, ?)');
    const insTopUp = db.prepare(`INSERT INTO topups (receipt_no, member_id, business_date, at, amount_fen, bonus_fen, method, tendered_fen, change_fen, staff_id, shift_id, client_ref)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`);
    const setCounter = db.prepare('INSERT INTO receipt_counters (business_date, last_no) VALUES (?, ?) ON CONFLICT(business_date) DO UPDATE SET last_no = excluded.last_no');
    const { points, storedValue, complaints, feedback, rewardsRules } = services;
    const rules = rewardsRules.get();
    const svRules = storedValue.rules();

    // Per-member running state (index = member id).
    const tiers = tierKeeper(db, M, tierRows);
    const approxPoints = new Int32Array(M + 1);
    const svBalance = new Int32Array(M + 1);
    const complaintContext = { complaints, clock, managerId, lastDayIdx: size.days - 1, at };

    interface Planned { saleId: number; memberId: number | null; total: number; earned: number; lines: Array<[lineId: number, productIdx: number, qty: number, unit: number, total: number]>; payments: Array<[string, number]> }
    const refundsDue = new Map<number, Planned[]>();
    const counts = { sales: 0, refunds: 0, lines: 0, topups: 0, complaints: 0, feedback: 0, redemptions: 0, storedValuePayments: 0, upgrades: 0, downgrades: 0 };
    const lastDayIdx = size.days - 1;
    const slotMember: number[] = [];
    let planPtr = 0;

    let month = -1;
    let year = '';
    for (let d = 0; d < size.days; d++) {
      const date = dates[d]!;
      const monthIdx = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
      if (date.slice(0, 4) !== year) {
        // New year: write off expired points with the app's own job, as the till would.
        if (year !== '') { clock.t = at(d, 7 * 3600); const e = points.expireAll(); log(`${date}: expired ${e.points} points of ${e.members} members`); }
        year = date.slice(0, 4);
      }
      const expiresOn = expiryFor(date, rules);
      db.transaction(() => {
        if (monthIdx !== month) {
          // The daily re-evaluation's downgrade, once a month (the final run at the end is exact).
          if (month !== -1) counts.downgrades += tiers.monthly(monthIdx, `${date}T07:00:00`);
          month = monthIdx;
        }
        let receiptNo = 0;
        const nextReceipt = () => `${date.replaceAll('-', '')}-${String(++receiptNo).padStart(4, '0')}`;

        // Refunds asked for today, first thing in the morning.
        let refundSecs = 8 * 3600;
        for (const p of refundsDue.get(d) ?? []) {
          refundSecs += 7;
          const soldAt = `${date}T${timeOf(refundSecs)}`;
          clock.t = at(d, refundSecs);
          const linesValue = p.lines.reduce((s, l) => s + l[4], 0);
          const refundId = Number(insSale.run(nextReceipt(), 'refund', p.saleId, date, soldAt, p.memberId, rnd.pick(cashierIds), -linesValue, 0, linesValue - p.total, -p.total, -p.earned).lastInsertRowid);
          if (p.memberId !== null) {
            points.post(p.memberId, -p.earned, 'refund_reverse', { saleId: refundId, staffId: cashierIds[0]! });
            approxPoints[p.memberId]! -= p.earned;
            tiers.addSpend(p.memberId, monthIdx, -p.total);
          }
          p.lines.forEach(([lineId, idx, qty, unit, total], i) => insLine.run(refundId, i + 1, productIds[idx]!, catalogue[idx]!.name, catalogue[idx]!.barcode, -qty, unit, 0, -total, lineId));
          for (const [method, amount] of p.payments) insPay.run(refundId, method, -amount, null, null);
          counts.refunds++;
        }
        refundsDue.delete(d);

        // Today's customers at random times, members and walk-ins mixed.
        slotMember.length = 0;
        for (let e = dayStart[d]!; e < dayStart[d + 1]!; e++) slotMember.push(byDay[e]!);
        for (let a = 0; a < anonPerDay[d]!; a++) slotMember.push(0);
        shuffle(rnd, slotMember);
        const times = new Int32Array(slotMember.length);
        for (let s = 0; s < times.length; s++) times[s] = rnd.int(DAY_OPEN, DAY_CLOSE);
        times.sort();

        // Members who enrol today without buying anything, at their planned time.
        const enrolWithoutSale = (until: number) => {
          for (; planPtr < M && enrolDay[planPtr] === d && enrolSecs[planPtr]! <= until; planPtr++) {
            if (memberIdOf[planPtr] === 0 && oneAndDone[planPtr]! >= 2) enrol(planPtr, `${date}T${timeOf(enrolSecs[planPtr]!)}`, cashierIds[0]!);
          }
        };
        for (let s = 0; s < slotMember.length; s++) {
          const secs = times[s]!;
          const soldAt = `${date}T${timeOf(secs)}`;
          clock.t = at(d, secs);
          const staffId = cashierIds[(secs >> 12) % cashierIds.length]!;
          enrolWithoutSale(secs);
          const plan = slotMember[s]! - 1;
          const memberId = plan < 0 ? null : memberIdOf[plan] || enrol(plan, soldAt, staffId);

          // 储值: members who keep a balance top it up when it runs low.
          if (memberId !== null && hasStoredValue[plan] && svBalance[memberId]! < 5000 && rnd.chance(0.6)) {
            const amount = rnd.pick([10000, 20000, 50000, 100000]);
            const bonus = storedValue.bonusFor(amount, svRules);
            const method = rnd.pick(['cash', 'wechat', 'alipay', 'card'] as const);
            const topupId = Number(insTopUp.run(nextReceipt(), memberId, date, soldAt, amount, bonus, method, method === 'cash' ? amount : null, method === 'cash' ? 0 : null, staffId).lastInsertRowid);
            storedValue.post(memberId, amount, bonus, 'topup', { method, staffId, topupId });
            svBalance[memberId]! += amount + bonus;
            counts.topups++;
          }

          // The basket, priced by the till's own function.
          const n = rnd.pick(LINE_COUNTS);
          const basket: number[] = [];
          const pricingLines: PricingLine[] = [];
          for (let l = 0; l < n; l++) {
            const idx = pickProduct();
            if (basket.includes(idx)) continue;
            basket.push(idx);
            const p = catalogue[idx]!;
            pricingLines.push({ key: String(l), productId: productIds[idx]!, name: p.name, unitPriceFen: p.priceFen, qty: rnd.chance(RATES.multiQty) ? rnd.int(2, 4) : 1, pointsPct: p.pointsPct });
          }
          const tier = memberId !== null ? tiers.tierOf(memberId) : null;
          const pricing: PricingRules = { rounding: 'none', member: tier ? { pricePct: tier.price_pct, pointsPct: tier.points_pct } : null, pointsPerYuan: 1, promoPointsPct: 100 };
          let cart = priceCart(pricingLines, pricing);
          let spent = 0;
          if (memberId !== null && approxPoints[memberId]! >= 300 && rnd.chance(RATES.redeem)) {
            // 积分抵扣 within what the FIFO replay says is usable today and the shop's cap.
            const usable = points.usable(memberId);
            const cap = maxPointsDeduction(cart.totalFen, usable, { pointsPerYuan: rules.redeemPointsPerYuan, maxSharePct: rules.redeemMaxSharePct });
            const want = Math.floor(Math.min(usable, (cap * rules.redeemPointsPerYuan) / 100) / 100) * 100;
            if (want > 0) {
              const deduction = Math.floor((want * 100) / rules.redeemPointsPerYuan);
              cart = priceCart(pricingLines, pricing, { pointsDeductionFen: deduction });
              spent = Math.ceil((deduction * rules.redeemPointsPerYuan) / 100);
              counts.redemptions++;
            }
          }
          const total = cart.totalFen;
          const payments: Array<[string, number, number | null, number | null]> = [];
          if (memberId !== null && svBalance[memberId]! >= total && total > 0 && rnd.chance(0.75)) {
            payments.push(['stored_value', total, null, null]);
          } else {
            const method = rnd.pick(METHODS);
            const tendered = method === 'cash' ? (rnd.chance(0.3) ? total : Math.ceil(total / 1000) * 1000 + (rnd.chance(0.3) ? 5000 : 0)) : null;
            payments.push([method, total, tendered, tendered === null ? null : tendered - total]);
          }
          const paidBase = payments.filter((p) => p[0] !== 'stored_value').reduce((a, p) => a + p[1], 0);
          const earned = memberId !== null ? pointsFor(cart.lines, paidBase, pricing) : 0;
          const saleId = Number(insSale.run(nextReceipt(), 'sale', null, date, soldAt, memberId, staffId, cart.subtotalFen, cart.discountFen, cart.roundingFen, total, earned).lastInsertRowid);
          if (payments[0]![0] === 'stored_value') {
            storedValue.pay(memberId!, total, saleId, staffId);
            svBalance[memberId!]! -= total;
            counts.storedValuePayments++;
          }
          if (memberId !== null) {
            if (spent > 0) points.post(memberId, -spent, 'redeem', { saleId, staffId });
            if (earned > 0) points.post(memberId, earned, 'earn', { saleId, staffId, expiresOn });
            approxPoints[memberId]! += earned - spent;
          }
          const lineRows: Planned['lines'] = [];
          cart.lines.forEach((l, i) => {
            const idx = basket[i]!;
            const lineId = Number(insLine.run(saleId, i + 1, l.productId, l.name, catalogue[idx]!.barcode, l.qty, l.unitPriceFen, l.lineDiscountFen + l.memberDiscountFen, l.totalFen, null).lastInsertRowid);
            lineRows.push([lineId, idx, l.qty, l.unitPriceFen, l.totalFen]);
          });
          counts.lines += lineRows.length;
          for (const [method, amount, tendered, change] of payments) insPay.run(saleId, method, amount, tendered, change);
          counts.sales++;

          if (memberId !== null) {
            tiers.addSpend(memberId, monthIdx, total);
            // Crossing a threshold upgrades at once, on this sale (tiers.afterSale's rule).
            if (tiers.afterSale(memberId, monthIdx, soldAt, saleId)) counts.upgrades++;
          }

          // A few customers come back for a refund within days (whole sales paid in money).
          if (spent === 0 && payments[0]![0] !== 'stored_value' && rnd.chance(RATES.refund)) {
            const due = d + rnd.int(0, 3);
            if (due <= lastDayIdx && due > d) {
              const list = refundsDue.get(due) ?? [];
              list.push({ saleId, memberId, total, earned, lines: lineRows, payments: payments.map((p) => [p[0], p[1]]) });
              refundsDue.set(due, list);
            }
          }

          if (rnd.chance(RATES.feedback)) {
            const u = rnd.float();
            const score = u < 0.55 ? rnd.int(9, 10) : u < 0.85 ? rnd.int(7, 8) : rnd.int(0, 6);
            feedback.record({ score, comment: score <= 6 && rnd.chance(0.5) ? '结账排队有点久' : '', memberId, saleId, ratings: { service: rnd.int(3, 5), product: rnd.int(3, 5), price: rnd.int(2, 5) } }, staffId);
            counts.feedback++;
          }
          if (rnd.chance(RATES.complaint)) {
            logComplaint(complaintContext, rnd, d, secs, memberId, saleId, staffId);
            counts.complaints++;
          }
        }
        enrolWithoutSale(DAY_CLOSE + 1);
        setCounter.run(date, receiptNo);
      })();
      if (d % 100 === 0) log(`${date}: ${counts.sales} sales so far (${Math.round((Date.now() - started) / 1000)} s)`);
    }


    // The end of the last day: the till's daily jobs (expiry, tier re-evaluation, care list).
    clock.t = at(lastDayIdx, 23 * 3600);
    services.daily.run();
    const finalCounts = db.prepare(`SELECT (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM products) AS products,
      (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM sale_lines) AS lines, (SELECT count(*) FROM points_ledger) AS pointsEntries,
      (SELECT count(*) FROM stored_value_ledger) AS storedValueEntries, (SELECT count(*) FROM complaints) AS complaints,
      (SELECT count(*) FROM feedback) AS feedback, (SELECT count(*) FROM care_tasks) AS careTasks`).get() as Record<string, number>;
    db.pragma('synchronous = FULL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const result: GeneratedShop = {
      seed: opts.seed, scale: opts.scale, until: GENERATED_UNTIL, staff: { ownerId, managerId, cashierIds },
      counts: { ...finalCounts, ...counts }, seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    log(`done in ${result.seconds} s: ${JSON.stringify(result.counts)}`);
    return result;
  } finally {
    await core.shutdown();
  }
}
