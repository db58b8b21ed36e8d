/**
 * Members as the till writes them at enrolment, and their tier as the till moves it: the
 * generator's bulk path into the real tables (member_stats and balances follow by trigger).
 */
import type { Database } from 'better-sqlite3';
import type { Random } from '../../electron/core/lib/random.js';
import { cardNoFor } from '../../electron/core/members/card-no.js';
import { SURNAMES, GIVEN, TAGS } from '../../electron/core/demo/demo-catalogue.js';
import { normalizeMobile } from '../../shared/phone.js';
import { pad } from './plan.js';

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199'];

export interface TierRow { id: number; rank: number; min_spend_fen: number; price_pct: number; points_pct: number }

/** Enrols plan member p (once): a real-looking phone, name, birthday and tags; ids follow enrolment order. */
export function memberEnroller(db: Database, rnd: Random, members: number, entryTier: TierRow) {
  const phones = new Set<string>();
  const memberIdOf = new Int32Array(members);
  let nextMemberId = 1;
  const insMember = db.prepare(`INSERT INTO members (card_no, phone, name, birthday_md, birth_year, gender, note, consent, tier_id, enrolled_at, created_by, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`);
  const insTag = db.prepare('INSERT OR IGNORE INTO member_tags (tag, member_id) VALUES (?, ?)');
  const insEnrolHistory = db.prepare("INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at, staff_id) VALUES (?, NULL, ?, 'enrol', ?, ?)");
  const enrol = (p: number, enrolledAt: string, staffId: number): number => {
    let phone: string;
    // Common mobile prefixes, checked by the app's own rule (libphonenumber's ranges).
    do phone = `${rnd.pick(MOBILE_PREFIXES)}${rnd.digits(8)}`;
    while (phones.has(phone) || normalizeMobile(phone) !== phone);
    phones.add(phone);
    const id = nextMemberId++;
    const given = rnd.chance(0.5) ? rnd.pick(GIVEN) : rnd.pick(GIVEN) + rnd.pick(GIVEN);
    const got = Number(insMember.run(
      cardNoFor(id), phone, rnd.chance(0.9) ? rnd.pick(SURNAMES) + given : '',
      rnd.chance(0.7) ? `${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}` : null,
      rnd.chance(0.4) ? rnd.int(1955, 2008) : null,
      rnd.chance(0.15) ? null : rnd.chance(0.55) ? 'female' : 'male',
      rnd.chance(0.8) ? 1 : 0, entryTier.id, enrolledAt, staffId, enrolledAt,
    ).lastInsertRowid);
    if (got !== id) throw new Error(`member ids must follow enrolment order in an empty shop (got ${got} for ${id})`);
    insEnrolHistory.run(id, entryTier.id, enrolledAt, staffId);
    if (rnd.chance(0.4)) insTag.run(rnd.pick(TAGS), id);
    memberIdOf[p] = id;
    return id;
  };
  return { enrol, memberIdOf };
}

/**
 * Tiers as the till moves them: an upgrade on the sale that crosses a threshold
 * (tiers.afterSale's rule, the 12-month window summed from monthly buckets) and, once a month,
 * the daily re-evaluation's downgrade. The final daily run corrects what this approximates.
 */
export function tierKeeper(db: Database, members: number, tierRows: readonly TierRow[]) {
  const rank = new Uint8Array(members + 1);
  const spendBucket = new Int32Array((members + 1) * 12);
  const bucketMonth = new Int32Array((members + 1) * 12).fill(-1);
  const raised = new Set<number>();
  const byRank = new Map(tierRows.map((t) => [t.rank, t]));
  const setTier = db.prepare('UPDATE members SET tier_id = ?, updated_at = ? WHERE id = ?');
  const insTierChange = db.prepare('INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at, sale_id) VALUES (?, ?, ?, ?, ?, ?)');
  const windowSpend = (m: number, month: number) => {
    let s = 0;
    for (let j = 0; j < 12; j++) if (bucketMonth[m * 12 + j]! > month - 12) s += spendBucket[m * 12 + j]!;
    return s;
  };
  const earnedRank = (spend: number) => { let r = 0; for (const t of tierRows) if (t.min_spend_fen > 0 && spend >= t.min_spend_fen) r = t.rank; return r; };
  const move = (m: number, to: number, reason: 'upgrade' | 'downgrade', at: string, saleId: number | null) => {
    setTier.run(byRank.get(to)!.id, at, m);
    insTierChange.run(m, byRank.get(rank[m]!)!.id, byRank.get(to)!.id, reason, at, saleId);
    rank[m] = to;
  };
  return {
    tierOf: (m: number) => byRank.get(rank[m]!)!,
    addSpend(m: number, month: number, fen: number) {
      const slot = m * 12 + (month % 12);
      if (bucketMonth[slot] !== month) { bucketMonth[slot] = month; spendBucket[slot] = 0; }
      spendBucket[slot]! += fen;
    },
    /** After a member's sale: true when it upgraded them. */
    afterSale(m: number, month: number, at: string, saleId: number): boolean {
      const r = earnedRank(windowSpend(m, month));
      if (r <= rank[m]!) return false;
      move(m, r, 'upgrade', at, saleId);
      raised.add(m);
      return true;
    },
    /** The month's downgrades; how many. */
    monthly(month: number, at: string): number {
      let n = 0;
      for (const m of raised) {
        const r = earnedRank(windowSpend(m, month));
        if (r < rank[m]!) {
          move(m, r, 'downgrade', at, null);
          n++;
          if (r === 0) raised.delete(m);
        }
      }
      return n;
    },
  };
}
