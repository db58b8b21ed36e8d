import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { RewardsRulesStore } from './rules.js';
import { expiryFor } from './rules.js';
import { replay, expiredOn, usableOn, expiringBetween, type LedgerEntry } from './fifo.js';
import { addMonths } from '../lib/dates.js';

export interface PostOptions {
  saleId?: number | null;
  staffId?: number | null;
  note?: string;
  /** For positive entries: the last day they can be used (default: the shop's rule from today). */
  expiresOn?: string | null;
}

/**
 * Who the daily write-off looks at, as plain range reads merged in code: as one UNION the
 * planner answered it by walking the whole member index in order (1.2 million entries on the
 * bench's shop, 0.1–1 s) instead of reading two index ranges. A write-off
 * entry never leaves anything new to expire, so a run's own entries are not looked at again.
 * (points-expiry-steps.test.ts checks the plans.)
 */
export const EXPIRY_CANDIDATES_SQL = {
  expiredBetween: 'SELECT member_id FROM points_ledger WHERE expires_on >= ? AND expires_on < ?',
  expiredBefore: 'SELECT member_id FROM points_ledger WHERE expires_on IS NOT NULL AND expires_on < ?',
  writtenAfter: "SELECT member_id FROM points_ledger WHERE id > ? AND reason <> 'expire'",
};

/**
 * The points ledger (积分). Every change of a balance is an entry with a reason; the
 * balance is their sum (cached in member_balances by trigger). Which points an entry took
 * is decided by the FIFO replay in fifo.ts.
 */
export function createPoints(db: Database, clock: Clock, audit: AuditLog, rules: RewardsRulesStore) {
  const insert = db.prepare(`INSERT INTO points_ledger (member_id, at, delta, reason, sale_id, staff_id, expires_on, note)
    VALUES (@memberId, @at, @delta, @reason, @saleId, @staffId, @expiresOn, @note)`);
  const entriesOf = db.prepare<[number], { id: number; at: string; delta: number; reason: string; expires_on: string | null }>(
    'SELECT id, at, delta, reason, expires_on FROM points_ledger WHERE member_id = ? ORDER BY id');
  const balanceOf = db.prepare<[number], { points: number }>('SELECT points FROM member_balances WHERE member_id = ?');
  const readMark = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'points.expiryMark'");
  const writeMark = db.prepare("INSERT INTO settings (key, value) VALUES ('points.expiryMark', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");

  const today = () => localDate(clock.now());

  function entries(memberId: number): LedgerEntry[] {
    return entriesOf.all(memberId).map((e) => ({ id: e.id, on: e.at.slice(0, 10), delta: e.delta, reason: e.reason, expiresOn: e.expires_on }));
  }

  /** Appends one entry; answers its id (null when there is nothing to write). */
  function post(memberId: number, delta: number, reason: string, o: PostOptions = {}): number | null {
    if (delta === 0) return null;
    const expiresOn = delta > 0 ? (o.expiresOn !== undefined ? o.expiresOn : expiryFor(today(), rules.get())) : null;
    return Number(insert.run({ memberId, at: localDateTime(clock.now()), delta, reason, saleId: o.saleId ?? null, staffId: o.staffId ?? null, expiresOn, note: o.note ?? '' }).lastInsertRowid);
  }

  const expiredBetween = db.prepare<[string, string], number>(EXPIRY_CANDIDATES_SQL.expiredBetween).pluck();
  const expiredBefore = db.prepare<[string], number>(EXPIRY_CANDIDATES_SQL.expiredBefore).pluck();
  const writtenAfter = db.prepare<[number], number>(EXPIRY_CANDIDATES_SQL.writtenAfter).pluck();
  const lastEntryId = db.prepare<[], number | null>('SELECT max(id) FROM points_ledger').pluck();

  /**
   * Members who can have something new to write off today: those with a lot whose last day
   * passed since the previous run, and those with any ledger entry since it (a refund giving
   * points back, a merge bringing old lots). Without a mark, or with a clock set back before
   * it, every member with an expired lot.
   */
  function expiryCandidates(t: string): number[] {
    const mark = readMark.get();
    const since = mark ? (JSON.parse(mark.value) as { on: string; lastId: number }) : null;
    const ids = since && since.on <= t
      ? new Set([...expiredBetween.all(since.on, t), ...writtenAfter.all(since.lastId)])
      : new Set(expiredBefore.all(t));
    return [...ids].sort((a, b) => a - b);
  }

  /**
   * The write-off in steps (the first start of a day runs it behind serving, a slice between
   * requests): the candidates and the last ledger id first, then `batch` members per
   * transaction, then the mark (the day and that id). Stopped half-way, the mark is still the
   * previous run's, so the next run looks at the same members again (the replay of those
   * already written off finds nothing). Entries written between slices (a sale) are after
   * the id kept, so the next run replays their members.
   *
   * Nothing can spend an expired lot while it waits to be written off: every spend (redeem,
   * gift, adjustment) is checked against `usable`, and the FIFO replay never lets a negative
   * entry take a lot past its last day (fifo.ts).
   */
  function* expireSteps(batch = 250): Generator<void, { points: number; members: number }> {
    const t = today();
    const result = { points: 0, members: 0 };
    const members = expiryCandidates(t);
    const lastId = lastEntryId.get() ?? 0;
    const slice = db.transaction((ids: number[]) => {
      for (const id of ids) {
        const gone = expiredOn(replay(entries(id)), t);
        if (gone > 0) {
          post(id, -gone, 'expire');
          result.points += gone;
          result.members += 1;
        }
      }
    });
    for (let i = 0; i < members.length; i += batch) {
      yield;
      slice(members.slice(i, i + batch));
    }
    writeMark.run(JSON.stringify({ on: t, lastId }));
    return result;
  }

  return {
    post,
    entries,
    balance: (memberId: number) => balanceOf.get(memberId)?.points ?? 0,
    /** Points the member can spend today (expired but not yet written off do not count). */
    usable: (memberId: number) => usableOn(replay(entries(memberId)), today()),

    /** 积分抵扣: spends `points` (oldest first); refuses more than the member can use. */
    redeem(memberId: number, points: number, saleId: number, staffId: number): void {
      if (points <= 0) return;
      const usable = usableOn(replay(entries(memberId)), today());
      if (points > usable) throw new DomainError('rule_violation', { rule: 'points_insufficient', usable }, 'errors.points_insufficient');
      post(memberId, -points, 'redeem', { saleId, staffId });
    },

    summary(memberId: number) {
      const r = replay(entries(memberId));
      const t = today();
      const by = addMonths(t, 1);
      return { balance: r.balance, usable: usableOn(r, t), expiringSoon: expiringBetween(r, t, by), expiringBy: by };
    },

    statement(memberId: number, offset: number, limit: number) {
      const total = (db.prepare('SELECT count(*) AS n FROM points_ledger WHERE member_id = ?').get(memberId) as { n: number }).n;
      const items = db.prepare<[number, number, number], {
        id: number; at: string; delta: number; reason: string; receiptNo: string | null; staffName: string | null; expiresOn: string | null; note: string; balance: number;
      }>(`SELECT * FROM (
          SELECT p.id, p.at, p.delta, p.reason, s.receipt_no AS receiptNo, st.name AS staffName, p.expires_on AS expiresOn, p.note,
                 sum(p.delta) OVER (ORDER BY p.id) AS balance
          FROM points_ledger p LEFT JOIN sales s ON s.id = p.sale_id LEFT JOIN staff st ON st.id = p.staff_id
          WHERE p.member_id = ?)
        ORDER BY id DESC LIMIT ? OFFSET ?`).all(memberId, limit, offset);
      return { total, items };
    },

    adjust(memberId: number, delta: number, reason: string, staffId: number): number {
      db.transaction(() => {
        const before = this.balance(memberId);
        if (delta < 0 && -delta > usableOn(replay(entries(memberId)), today())) {
          throw new DomainError('rule_violation', { rule: 'points_insufficient' }, 'errors.points_insufficient');
        }
        post(memberId, delta, 'adjust', { staffId, note: reason });
        audit.record({ staffId, action: 'points.adjust', entity: 'member', entityId: memberId, details: { before, after: before + delta, delta, reason } });
      })();
      return this.balance(memberId);
    },

    /**
     * Writes off points past their last day, for every member who has some, in one
     * transaction (the owner's 立即运行 and tests). Idempotent: the replay of a member already
     * written off finds nothing left to expire.
     */
    expireAll(): { points: number; members: number } {
      return db.transaction(() => {
        const steps = expireSteps();
        for (;;) {
          const r = steps.next();
          if (r.done) return r.value;
        }
      })();
    },

    expireSteps,

    /** Moves a merged duplicate's points, lot by lot with their expiry, to the kept member. */
    moveAll(fromId: number, toId: number): void {
      const r = replay(entries(fromId));
      for (const lot of r.lots) if (lot.remaining > 0) post(toId, lot.remaining, 'merge_in', { expiresOn: lot.expiresOn, note: `#${fromId}` });
      if (r.debt > 0) post(toId, -r.debt, 'merge_in', { note: `#${fromId}` });
      if (r.balance !== 0) post(fromId, -r.balance, 'merge_out', { note: `#${toId}` });
    },

    /** Erased members forfeit their points (an entry, so the liability report stays right). */
    forfeit(memberId: number): void {
      const b = this.balance(memberId);
      if (b > 0) post(memberId, -b, 'erase');
    },
  };
}
export type Points = ReturnType<typeof createPoints>;
