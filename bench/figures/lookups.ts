/**
 * Figures 2 and 3: member and product lookups through the dispatcher calls the till makes
 * (members.find with the member panel's limit, products.byCode on a scan, products.search
 * as the cashier types pinyin initials), beside a bare primary-key lookup on the same file.
 */
import type { Database } from '../../electron/core/db/open.js';
import type { Dispatcher } from '../../electron/core/dispatch/dispatcher.js';
import { seededRandom } from '../../electron/core/lib/random.js';
import { timeEach, type Latency } from '../lib/measure.js';
import type { Row } from '../lib/table.js';

const TILL_MEMBER_LIMIT = 8;
const TILL_PRODUCT_LIMIT = 12;

export async function lookupFigures(o: { db: Database; dispatcher: Dispatcher; token: string; samples: number }): Promise<Row[]> {
  const { db, dispatcher, token, samples } = o;
  const rnd = seededRandom(7);
  const maxMember = (db.prepare('SELECT max(id) AS n FROM members').get() as { n: number }).n;
  const memberRow = db.prepare<[number], { id: number; phone: string | null; card_no: string; name: string; status: string }>('SELECT id, phone, card_no, name, status FROM members WHERE id = ?');
  const members = Array.from({ length: samples }, () => memberRow.get(rnd.int(1, maxMember))!).filter((m) => m.phone && m.status === 'active');
  const named = members.filter((m) => m.name !== '');
  const products = db.prepare<[], { barcode: string; initials: string }>('SELECT b.barcode, p.initials FROM product_barcodes b JOIN products p ON p.id = b.product_id').all();
  const productSample = Array.from({ length: samples }, () => products[rnd.int(0, products.length - 1)]!);

  // Baseline: the bare indexed primary-key lookup, same file, same connection.
  const pk = db.prepare('SELECT * FROM members WHERE id = ?');
  const base = await timeEach(members.map((m) => m.id), (id) => pk.get(id));

  const find = (query: string) => async () => {
    const r = await dispatcher.call('members.find', { query, limit: TILL_MEMBER_LIMIT }, token);
    if (!r.ok) throw new Error(`members.find ${query}: ${r.error.code}`);
  };
  const byPhone = await timeEach(members, (m) => find(m.phone!)());
  const byLast4 = await timeEach(members, (m) => find(m.phone!.slice(-4))());
  const byCard = await timeEach(members, (m) => find(m.card_no)());
  // The cashier types a surname and the first character of the given name.
  const byName = await timeEach(named, (m) => find(m.name.slice(0, 2))());
  const byBarcode = await timeEach(productSample, async (p) => { const r = await dispatcher.call('products.byCode', { code: p.barcode }, token); if (!r.ok || !r.value) throw new Error('products.byCode'); });
  // Two or three initials, as typed before the list narrows (kl → 可乐 …).
  const byInitials = await timeEach(productSample, async (p) => { const r = await dispatcher.call('products.search', { query: p.initials.slice(0, 2 + (p.initials.length % 2)), limit: TILL_PRODUCT_LIMIT }, token); if (!r.ok) throw new Error('products.search'); });

  const rows: Row[] = [];
  const baseline = 'bare PK lookup p99';
  const add = (id: string, figure: string, l: Latency, target: number | null, p: 'p50' | 'p99') => rows.push({
    id: `${id}.${p}`, figure: `${figure} ${p}`, value: l[p], unit: 'ms', baseline, baselineValue: base.p99, ratio: l[p] / base.p99,
    target: target === null ? '—' : `≤ ${target} ms`, met: target === null ? null : l[p] <= target, note: `${l.n} lookups`,
  });
  for (const [id, figure, l, target] of [
    ['member.phone', 'member by full phone', byPhone, 1],
    ['member.last4', 'member by last four', byLast4, 5],
    ['member.card', 'member by card number', byCard, 1],
    ['member.name', 'member by name', byName, null],
    ['product.barcode', 'product by barcode', byBarcode, 1],
    ['product.initials', 'product by pinyin initials', byInitials, null],
  ] as const) {
    add(id, figure, l, null, 'p50');
    add(id, figure, l, target, 'p99');
  }
  return rows;
}
