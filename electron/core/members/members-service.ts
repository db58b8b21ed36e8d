import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Tiers, TierRow } from './tiers.js';
import { cardNoFor } from './card-no.js';
import { tillIdentity } from '../sync/till-identity.js';
import { normalizeMobile, maskPhone } from '../../../shared/phone.js';
import type { MemberCard, MemberProfile } from '../../../shared/contract/members.js';

export interface MemberRow {
  id: number; card_no: string; phone: string | null; name: string; birthday_md: string | null; birth_year: number | null;
  gender: 'male' | 'female' | null; note: string; referrer_id: number | null; consent: number; tier_id: number;
  status: 'active' | 'frozen' | 'erased' | 'merged'; merged_into: number | null; enrolled_at: string;
  paid_tier_id: number | null; paid_until: string | null;
  sales_count: number | null; spend_fen: number | null; last_sale_on: string | null;
}

/** Balances owned by the rewards ledgers; zero until that module is wired in. */
export interface MemberBalances {
  of(memberId: number): { points: number; storedValueFen: number };
}

const SELECT = `SELECT m.*, s.sales_count, s.spend_fen, s.last_sale_on FROM members m LEFT JOIN member_stats s ON s.member_id = m.id`;

export function birthdayOf(r: Pick<MemberRow, 'birthday_md' | 'birth_year'>): string | null {
  if (!r.birthday_md) return null;
  return r.birth_year ? `${r.birth_year}-${r.birthday_md}` : r.birthday_md;
}

/** Days from `today` to the next `MM-DD` (0 = today). 02-29 counts as 02-28 in common years. */
export function daysUntilBirthday(md: string, today: Date): number {
  const [m, d] = md.split('-').map(Number) as [number, number];
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  for (const year of [today.getFullYear(), today.getFullYear() + 1]) {
    const last = new Date(year, m, 0).getDate();
    const next = new Date(year, m - 1, Math.min(d, last));
    if (next >= start) return Math.round((next.getTime() - start.getTime()) / 86_400_000);
  }
  return 366;
}

export function parseBirthday(text: string | null): { md: string | null; year: number | null } {
  if (!text) return { md: null, year: null };
  const m = /^(?:(\d{4})-)?(\d{2}-\d{2})$/.exec(text);
  if (!m) throw new DomainError('bad_input', { field: 'birthday' });
  const year = m[1] ? Number(m[1]) : null;
  const [mm, dd] = m[2]!.split('-').map(Number) as [number, number];
  // Validate against a leap year when no year is given, so 02-29 is allowed.
  const probe = new Date(year ?? 2000, mm - 1, dd);
  if (probe.getMonth() !== mm - 1 || probe.getDate() !== dd) throw new DomainError('bad_input', { field: 'birthday' }, 'errors.birthday_invalid');
  return { md: m[2]!, year };
}

export function createMembersService(db: Database, clock: Clock, audit: AuditLog, tiers: Tiers, balances: MemberBalances) {
  const byId = db.prepare<[number], MemberRow>(`${SELECT} WHERE m.id = ?`);
  const byPhone = db.prepare<[string], MemberRow>(`${SELECT} WHERE m.phone = ?`);
  const byCard = db.prepare<[string], MemberRow>(`${SELECT} WHERE m.card_no = ?`);
  const byLast4 = db.prepare<[string, number], MemberRow>(`${SELECT} WHERE m.phone_last4 = ? AND m.status IN ('active','frozen') ORDER BY s.last_sale_on DESC NULLS LAST LIMIT ?`);
  // Name prefix as an index range: LIKE cannot use the index for CJK text.
  const byName = db.prepare<[string, string, number], MemberRow>(`${SELECT} WHERE m.name >= ? AND m.name < ? AND m.name <> '' AND m.status IN ('active','frozen') ORDER BY m.name LIMIT ?`);
  const tagsOf = db.prepare<[number], { tag: string }>('SELECT tag FROM member_tags WHERE member_id = ? ORDER BY tag');
  const insertTag = db.prepare('INSERT OR IGNORE INTO member_tags (tag, member_id) VALUES (?, ?)');
  const clearTags = db.prepare('DELETE FROM member_tags WHERE member_id = ?');

  function row(id: number): MemberRow {
    const r = byId.get(id);
    if (!r) throw new DomainError('not_found', { entity: 'member', id });
    return r;
  }

  function requirePhone(input: string): string {
    const phone = normalizeMobile(input);
    if (!phone) throw new DomainError('bad_input', { field: 'phone' }, 'errors.phone_invalid');
    return phone;
  }

  function tierInfo(t: TierRow) {
    return { id: t.id, name: t.name, rank: t.rank, pricePct: t.price_pct, pointsPct: t.points_pct, birthdayPerk: t.birthday_perk };
  }

  function card(r: MemberRow): MemberCard {
    const now = clock.now();
    const days = r.birthday_md ? daysUntilBirthday(r.birthday_md, now) : null;
    const b = balances.of(r.id);
    return {
      id: r.id, cardNo: r.card_no, maskedPhone: maskPhone(r.phone), name: r.name, status: r.status,
      tier: tierInfo(tiers.byId(r.tier_id)),
      birthdaySoon: days !== null && days <= 7, birthdayToday: days === 0,
      points: b.points, storedValueFen: b.storedValueFen,
      spendFen: r.spend_fen ?? 0, visits: r.sales_count ?? 0, lastVisit: r.last_sale_on,
    };
  }

  function profile(id: number): MemberProfile {
    const r = row(id);
    const referrer = r.referrer_id ? byId.get(r.referrer_id) : undefined;
    const today = localDate(clock.now());
    const current = tiers.byId(r.tier_id);
    const next = tiers.list().find((t) => t.active && t.rank > current.rank && (t.minSpendFen > 0 || t.minSales > 0));
    let nextTier: MemberProfile['nextTier'] = null;
    if (next) {
      const t = tiers.totals(id, tiers.byId(next.id), today);
      nextTier = { name: next.name, spendNeededFen: Math.max(0, next.minSpendFen - t.spend), salesNeeded: Math.max(0, next.minSales - t.sales) };
    }
    const history = db.prepare<[number], { at: string; from_name: string | null; to_name: string; reason: string }>(`
      SELECT h.at, f.name AS from_name, t.name AS to_name, h.reason FROM member_tier_history h
      LEFT JOIN tiers f ON f.id = h.from_tier JOIN tiers t ON t.id = h.to_tier WHERE h.member_id = ? ORDER BY h.id DESC LIMIT 20`).all(id);
    const paid = r.paid_tier_id && r.paid_until ? { name: tiers.byId(r.paid_tier_id).name, until: r.paid_until } : null;
    return {
      ...card(r),
      birthday: birthdayOf(r), gender: r.gender, tags: tagsOf.all(id).map((t) => t.tag), note: r.note, consent: r.consent === 1,
      enrolledAt: r.enrolled_at,
      referrer: referrer ? { id: referrer.id, name: referrer.name, maskedPhone: maskPhone(referrer.phone) } : null,
      referrals: (db.prepare('SELECT count(*) AS n FROM members WHERE referrer_id = ?').get(id) as { n: number }).n,
      paidTier: paid, nextTier,
      tierHistory: history.map((h) => ({ at: h.at, from: h.from_name, to: h.to_name, reason: h.reason })),
      mergedInto: r.merged_into,
    };
  }

  function assertPhoneFree(phone: string, exceptId = 0) {
    const other = byPhone.get(phone);
    if (other && other.id !== exceptId) throw new DomainError('conflict', { field: 'phone', memberId: other.id }, 'errors.phone_taken');
  }

  return {
    row,
    card: (id: number) => card(row(id)),
    profile,
    cardOf: card,

    /** Quick enrolment: inserts, gives the card number, records the entry tier. */
    enrol(input: { phone: string; name: string; birthday: string | null; gender: 'male' | 'female' | null; tags: string[]; note: string; consent: boolean; referrerId: number | null; enrolledAt?: string }, staffId: number | null): number {
      const phone = requirePhone(input.phone);
      const birthday = parseBirthday(input.birthday);
      return db.transaction(() => {
        assertPhoneFree(phone);
        if (input.referrerId !== null) {
          const ref = byId.get(input.referrerId);
          if (!ref || ref.status === 'erased' || ref.status === 'merged') throw new DomainError('not_found', { entity: 'member', field: 'referrerId' });
        }
        const at = input.enrolledAt ?? localDateTime(clock.now());
        const entry = tiers.entryTier();
        // The card number derives from the id, so insert with a placeholder first.
        const id = Number(db.prepare(`INSERT INTO members (card_no, phone, name, birthday_md, birth_year, gender, note, referrer_id, consent, tier_id, enrolled_at, created_by, updated_at)
          VALUES (@tmp, @phone, @name, @md, @year, @gender, @note, @referrer, @consent, @tier, @at, @by, @at)`).run({
          tmp: `new-${phone}`, phone, name: input.name, md: birthday.md, year: birthday.year, gender: input.gender, note: input.note,
          referrer: input.referrerId, consent: input.consent ? 1 : 0, tier: entry.id, at, by: staffId,
        }).lastInsertRowid);
        db.prepare('UPDATE members SET card_no = ? WHERE id = ?').run(cardNoFor(id, tillIdentity(db).number), id);
        db.prepare("INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at, staff_id) VALUES (?, NULL, ?, 'enrol', ?, ?)").run(id, entry.id, at, staffId);
        for (const t of input.tags) insertTag.run(t, id);
        return id;
      })();
    },

    /** The cashier's one box: what the text looks like decides how it is looked up. */
    find(query: string, limit: number): { by: 'phone' | 'last4' | 'card' | 'name' | 'none'; members: MemberCard[] } {
      const q = query.trim();
      const digits = q.replace(/[\s-]/g, '');
      const live = (r: MemberRow | undefined) => (r && (r.status === 'active' || r.status === 'frozen') ? [card(r)] : []);
      if (/^\d{4}$/.test(digits)) return { by: 'last4', members: byLast4.all(digits, limit).map(card) };
      if (/^\d{13}$/.test(digits) && digits.startsWith('29')) return { by: 'card', members: live(byCard.get(digits)) };
      const phone = /^\+?\d{11,13}$/.test(digits) ? normalizeMobile(digits) : null;
      if (phone) return { by: 'phone', members: live(byPhone.get(phone)) };
      const viaCard = byCard.get(q);
      if (viaCard) return { by: 'card', members: live(viaCard) };
      if (/^\d+$/.test(digits)) return { by: 'none', members: [] };
      return { by: 'name', members: byName.all(q, `${q}\u{10FFFF}`, limit).map(card) };
    },

    revealPhone(id: number, staffId: number): string {
      const r = row(id);
      audit.record({ staffId, action: 'members.revealPhone', entity: 'member', entityId: id });
      if (!r.phone) throw new DomainError('not_found', { entity: 'phone' });
      return r.phone;
    },

    update(input: { id: number; phone?: string | undefined; name?: string | undefined; birthday?: string | null | undefined; gender?: 'male' | 'female' | null | undefined; tags?: string[] | undefined; note?: string | undefined; consent?: boolean | undefined }, staffId: number): MemberProfile {
      db.transaction(() => {
        const before = row(input.id);
        if (before.status === 'erased' || before.status === 'merged') throw new DomainError('rule_violation', { rule: 'member_closed', status: before.status }, 'errors.member_closed');
        const phone = input.phone !== undefined ? requirePhone(input.phone) : before.phone;
        if (phone && phone !== before.phone) assertPhoneFree(phone, input.id);
        const b = input.birthday !== undefined ? parseBirthday(input.birthday) : { md: before.birthday_md, year: before.birth_year };
        db.prepare(`UPDATE members SET phone=@phone, name=@name, birthday_md=@md, birth_year=@year, gender=@gender, note=@note, consent=@consent, updated_at=@at WHERE id=@id`).run({
          id: input.id, phone, name: input.name ?? before.name, md: b.md, year: b.year,
          gender: input.gender !== undefined ? input.gender : before.gender, note: input.note ?? before.note,
          consent: input.consent === undefined ? before.consent : input.consent ? 1 : 0, at: localDateTime(clock.now()),
        });
        if (input.tags) { clearTags.run(input.id); for (const t of input.tags) insertTag.run(t, input.id); }
        const changed = Object.keys(input).filter((k) => k !== 'id');
        // Personal data changes are audited without their values (the audit log is not a second copy of it).
        audit.record({ staffId, action: 'members.update', entity: 'member', entityId: input.id, details: { fields: changed, phoneChanged: phone !== before.phone } });
      })();
      return profile(input.id);
    },

    setStatus(id: number, status: 'active' | 'frozen', reason: string, staffId: number): MemberProfile {
      db.transaction(() => {
        const before = row(id);
        if (before.status !== 'active' && before.status !== 'frozen') throw new DomainError('rule_violation', { rule: 'member_closed', status: before.status }, 'errors.member_closed');
        db.prepare('UPDATE members SET status = ?, updated_at = ? WHERE id = ?').run(status, localDateTime(clock.now()), id);
        audit.record({ staffId, action: status === 'frozen' ? 'members.freeze' : 'members.unfreeze', entity: 'member', entityId: id, details: { reason } });
      })();
      return profile(id);
    },

    /** Rebuilds one member's running totals from their sales (after history moved). */
    rebuildStats(memberId: number): void {
      db.prepare('DELETE FROM member_stats WHERE member_id = ?').run(memberId);
      db.prepare(`INSERT INTO member_stats (member_id, sales_count, spend_fen, first_sale_on, last_sale_on)
        SELECT member_id, sum(kind = 'sale'), sum(total_fen), min(CASE WHEN kind = 'sale' THEN business_date END), max(CASE WHEN kind = 'sale' THEN business_date END)
        FROM sales WHERE member_id = ? GROUP BY member_id`).run(memberId);
    },

    /**
     * Merges a duplicate into `keepId`: sales, referrals and tags move; the better tier and
     * paid term stay; the duplicate is closed as 'merged' pointing at the kept member.
     * Ledgers move through `onMerge` (rewards), in the same transaction.
     */
    merge(keepId: number, mergeId: number, staffId: number, onMerge?: (keepId: number, mergeId: number) => void): MemberProfile {
      if (keepId === mergeId) throw new DomainError('bad_input', { field: 'mergeId', rule: 'same_member' });
      db.transaction(() => {
        const keep = row(keepId);
        const gone = row(mergeId);
        for (const m of [keep, gone]) if (m.status === 'erased' || m.status === 'merged') throw new DomainError('rule_violation', { rule: 'member_closed', status: m.status }, 'errors.member_closed');
        const moved = db.prepare('UPDATE sales SET member_id = ? WHERE member_id = ?').run(keepId, mergeId).changes;
        db.prepare('UPDATE members SET referrer_id = ? WHERE referrer_id = ? AND id <> ?').run(keepId, mergeId, keepId);
        db.prepare('INSERT OR IGNORE INTO member_tags (tag, member_id) SELECT tag, ? FROM member_tags WHERE member_id = ?').run(keepId, mergeId);
        clearTags.run(mergeId);
        onMerge?.(keepId, mergeId);
        const at = localDateTime(clock.now());
        db.prepare(`UPDATE members SET name = CASE WHEN name = '' THEN @name ELSE name END,
            birthday_md = coalesce(birthday_md, @md), birth_year = coalesce(birth_year, @year), gender = coalesce(gender, @gender),
            paid_tier_id = CASE WHEN @paidUntil > coalesce(paid_until, '') THEN @paidTier ELSE paid_tier_id END,
            paid_until = CASE WHEN @paidUntil > coalesce(paid_until, '') THEN @paidUntil ELSE paid_until END, updated_at = @at
          WHERE id = @id`).run({ id: keepId, name: gone.name, md: gone.birthday_md, year: gone.birth_year, gender: gone.gender, paidTier: gone.paid_tier_id, paidUntil: gone.paid_until ?? '', at });
        db.prepare("UPDATE members SET status = 'merged', merged_into = ?, phone = NULL, paid_tier_id = NULL, paid_until = NULL, updated_at = ? WHERE id = ?").run(keepId, at, mergeId);
        this.rebuildStats(keepId);
        this.rebuildStats(mergeId);
        const better = tiers.byId(gone.tier_id).rank > tiers.byId(keep.tier_id).rank ? tiers.byId(gone.tier_id) : null;
        if (better) {
          db.prepare('UPDATE members SET tier_id = ? WHERE id = ?').run(better.id, keepId);
          db.prepare("INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at, staff_id) VALUES (?, ?, ?, 'merge', ?, ?)").run(keepId, keep.tier_id, better.id, at, staffId);
        }
        audit.record({ staffId, action: 'members.merge', entity: 'member', entityId: keepId, details: { mergedId: mergeId, mergedCard: gone.card_no, salesMoved: moved } });
      })();
      return profile(keepId);
    },

    /** 删除个人信息: the person is gone from the data; their sales stay, anonymous, for the books. */
    erase(id: number, reason: string, staffId: number, onErase?: (id: number) => void): void {
      db.transaction(() => {
        const r = row(id);
        if (r.status === 'erased') return;
        db.prepare(`UPDATE members SET phone = NULL, name = '', birthday_md = NULL, birth_year = NULL, gender = NULL, note = '',
          consent = 0, referrer_id = NULL, status = 'erased', updated_at = ? WHERE id = ?`).run(localDateTime(clock.now()), id);
        clearTags.run(id);
        onErase?.(id);
        audit.record({ staffId, action: 'members.erase', entity: 'member', entityId: id, details: { reason } });
      })();
    },

    tags: () => db.prepare('SELECT tag, count(*) AS members FROM member_tags GROUP BY tag ORDER BY members DESC, tag').all() as Array<{ tag: string; members: number }>,

    history(id: number, offset: number, limit: number) {
      row(id);
      const total = (db.prepare('SELECT count(*) AS n FROM sales WHERE member_id = ?').get(id) as { n: number }).n;
      const items = db.prepare<[number, number, number], { saleId: number; receiptNo: string; kind: 'sale' | 'refund'; soldAt: string; totalFen: number; items: string | null }>(`
        SELECT s.id AS saleId, s.receipt_no AS receiptNo, s.kind, s.sold_at AS soldAt, s.total_fen AS totalFen,
          (SELECT group_concat(name || '×' || abs(qty), '、') FROM sale_lines WHERE sale_id = s.id) AS items
        FROM sales s WHERE s.member_id = ? ORDER BY s.business_date DESC, s.id DESC LIMIT ? OFFSET ?`).all(id, limit, offset);
      return { total, items: items.map((i) => ({ ...i, items: i.items ?? '' })) };
    },
  };
}
export type MembersService = ReturnType<typeof createMembersService>;
