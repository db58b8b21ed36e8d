import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Tiers } from './tiers.js';
import { readCsv } from '../csv/read-csv.js';
import { safeStringify } from '../csv/safe-csv.js';
import { cardNoFor } from './card-no.js';
import { tillIdentity } from '../sync/till-identity.js';
import { normalizeMobile } from '../../../shared/phone.js';
import { parseYuan, fenToYuanString } from '../../../shared/money.js';
import { addMonths } from '../lib/dates.js';
import { parseBirthday, birthdayOf } from './members-service.js';
import type { ImportReport } from '../../../shared/contract/catalogue.js';

export const MEMBER_CSV_HEADER = ['phone', 'name', 'card_no', 'birthday', 'gender', 'enrolled_at', 'tier', 'points', 'stored_value', 'tags', 'note'] as const;

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss]` (a space also accepted) -> local date-time, or null. */
export function parseLocalDateTime(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const probe = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (probe.getMonth() !== Number(mo) - 1 || probe.getDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/**
 * Member import/export in one CSV format. Bad rows are reported by line and reason and
 * skipped; the good ones go in together. Re-import updates by phone. Opening points and
 * stored value enter the ledgers as `opening` entries; on re-import only the difference to
 * the opening entries already booked is posted, so points earned since are never wiped.
 */
export function createMembersCsv(db: Database, clock: Clock, audit: AuditLog, tiers: Tiers) {
  const byPhone = db.prepare<[string], { id: number; card_no: string }>('SELECT id, card_no FROM members WHERE phone = ?');
  const byCard = db.prepare<[string], { id: number }>('SELECT id FROM members WHERE card_no = ?');
  // New members get their id here, so a generated card number goes in with the row (no second write, no second outbox entry).
  const insert = db.prepare(`INSERT INTO members (id, card_no, phone, name, birthday_md, birth_year, gender, note, consent, tier_id, enrolled_at, updated_at)
    VALUES (@id, @card, @phone, @name, @md, @year, @gender, @note, 0, @tier, @enrolledAt, @now)`);
  const lastId = db.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM members');
  const update = db.prepare(`UPDATE members SET card_no = @card, name = @name, birthday_md = @md, birth_year = @year, gender = @gender, note = @note,
    tier_id = @tier, enrolled_at = @enrolledAt, updated_at = @now WHERE id = @id`);
  const tierHistory = db.prepare('INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at) VALUES (?, ?, ?, ?, ?)');
  const currentTier = db.prepare<[number], { tier_id: number }>('SELECT tier_id FROM members WHERE id = ?');
  const clearTags = db.prepare('DELETE FROM member_tags WHERE member_id = ?');
  const addTag = db.prepare('INSERT OR IGNORE INTO member_tags (tag, member_id) VALUES (?, ?)');
  const openingPoints = db.prepare<[number], { n: number }>("SELECT coalesce(sum(delta), 0) AS n FROM points_ledger WHERE member_id = ? AND reason = 'opening'");
  const openingValue = db.prepare<[number], { n: number }>("SELECT coalesce(sum(principal_delta), 0) AS n FROM stored_value_ledger WHERE member_id = ? AND reason = 'opening'");
  const addPoints = db.prepare("INSERT INTO points_ledger (member_id, at, delta, reason, expires_on, note) VALUES (?, ?, ?, 'opening', ?, 'import')");
  const addValue = db.prepare("INSERT INTO stored_value_ledger (member_id, at, principal_delta, bonus_delta, reason, note) VALUES (?, ?, ?, 0, 'opening', 'import')");

  return {
    importCsv(bytes: Uint8Array, staffId: number | null, opts: { pointsExpiryMonths: number } = { pointsExpiryMonths: 12 }): ImportReport {
      const parsed = readCsv(bytes, MEMBER_CSV_HEADER, { name: 'line', tier: 'line', tags: 'line', note: 'text' });
      if (!parsed.ok) return { imported: 0, updated: 0, errors: [{ line: parsed.line ?? 0, reason: parsed.reason, details: { message: parsed.message } }] };
      const report: ImportReport = { imported: 0, updated: 0, errors: [] };
      const tierByName = new Map(tiers.list().map((t) => [t.name, t.id]));
      const entry = tiers.entryTier().id;
      const now = localDateTime(clock.now());
      const pointsExpire = addMonths(now.slice(0, 10), opts.pointsExpiryMonths);
      const seenPhone = new Map<string, number>();
      const seenCard = new Map<string, number>();

      db.transaction(() => {
        const till = tillIdentity(db).number;
        let nextId = lastId.get()!.id + 1;
        for (const { line, values: v } of parsed.rows) {
          const fail = (reason: string, details?: Record<string, unknown>) => { report.errors.push({ line, reason, ...(details ? { details } : {}) }); };
          if (v.__columns) { fail('column_count', { columns: Number(v.__columns) }); continue; }
          const phone = normalizeMobile(v.phone ?? '');
          if (!phone) { fail('phone', { value: v.phone }); continue; }
          if (seenPhone.has(phone)) { fail('duplicate_phone', { firstLine: seenPhone.get(phone) }); continue; }
          const name = v.name ?? '';
          if (name.length > 20) { fail('name'); continue; }
          let birthday: { md: string | null; year: number | null };
          try { birthday = parseBirthday(v.birthday || null); } catch { fail('birthday', { value: v.birthday }); continue; }
          const gender = v.gender === '' || v.gender === undefined ? null : v.gender;
          if (gender !== null && gender !== 'male' && gender !== 'female') { fail('gender', { value: v.gender }); continue; }
          const enrolledAt = v.enrolled_at ? parseLocalDateTime(v.enrolled_at) : now;
          if (!enrolledAt) { fail('enrolled_at', { value: v.enrolled_at }); continue; }
          const tier = v.tier ? tierByName.get(v.tier) : entry;
          if (tier === undefined) { fail('tier', { value: v.tier }); continue; }
          const points = v.points ? (/^\d{1,9}$/.test(v.points) ? Number(v.points) : null) : 0;
          if (points === null) { fail('points', { value: v.points }); continue; }
          const value = v.stored_value ? parseYuan(v.stored_value) : 0;
          if (value === null || value < 0) { fail('stored_value', { value: v.stored_value }); continue; }
          const tags = (v.tags ?? '').split('|').map((t) => t.trim()).filter(Boolean);
          if (tags.some((t) => t.length > 20) || tags.length > 10) { fail('tags'); continue; }
          const note = v.note ?? '';
          if (note.length > 200) { fail('note'); continue; }
          const card = v.card_no ?? '';
          if (card && !/^[A-Za-z0-9-]{4,32}$/.test(card)) { fail('card_no', { value: card }); continue; }
          if (card && seenCard.has(card)) { fail('duplicate_card_no', { firstLine: seenCard.get(card) }); continue; }

          const existing = byPhone.get(phone);
          const cardOwner = card ? byCard.get(card) : undefined;
          if (cardOwner && cardOwner.id !== existing?.id) { fail('card_no_taken', { value: card }); continue; }
          const row = { phone, name, md: birthday.md, year: birthday.year, gender, note, tier, enrolledAt, now };
          let id: number;
          const isNew = !existing;
          if (existing) {
            const before = currentTier.get(existing.id)!.tier_id;
            update.run({ ...row, id: existing.id, card: card || existing.card_no });
            id = existing.id;
            if (before !== tier) tierHistory.run(id, before, tier, 'import', now);
            report.updated += 1;
          } else {
            id = nextId++;
            insert.run({ ...row, id, card: card || cardNoFor(id, till) });
            tierHistory.run(id, null, tier, 'import', enrolledAt);
            report.imported += 1;
          }
          // A new member has no tags and no opening entries yet: nothing to look up.
          if (!isNew) clearTags.run(id);
          for (const t of tags) addTag.run(t, id);
          const pointsDelta = points - (isNew ? 0 : openingPoints.get(id)!.n);
          if (pointsDelta !== 0) addPoints.run(id, now, pointsDelta, pointsDelta > 0 ? pointsExpire : null);
          const valueDelta = value - (isNew ? 0 : openingValue.get(id)!.n);
          if (valueDelta !== 0) addValue.run(id, now, valueDelta);
          seenPhone.set(phone, line);
          if (card) seenCard.set(card, line);
        }
        audit.record({ staffId, action: 'members.import', details: { imported: report.imported, updated: report.updated, errors: report.errors.length } });
      })();
      return report;
    },

    exportCsv(): { csv: string; rows: number } {
      const rows = db.prepare(`SELECT m.phone, m.name, m.card_no, m.birthday_md, m.birth_year, m.gender, m.enrolled_at, t.name AS tier,
          coalesce(b.points, 0) AS points, coalesce(b.principal_fen, 0) + coalesce(b.bonus_fen, 0) AS stored,
          (SELECT group_concat(tag, '|') FROM member_tags g WHERE g.member_id = m.id) AS tags, m.note
        FROM members m JOIN tiers t ON t.id = m.tier_id LEFT JOIN member_balances b ON b.member_id = m.id
        WHERE m.status IN ('active','frozen') AND m.phone IS NOT NULL ORDER BY m.id`).all() as Array<{
        phone: string; name: string; card_no: string; birthday_md: string | null; birth_year: number | null; gender: string | null;
        enrolled_at: string; tier: string; points: number; stored: number; tags: string | null; note: string;
      }>;
      const csv = safeStringify(rows.map((r) => [r.phone, r.name, r.card_no, birthdayOf(r) ?? '', r.gender ?? '', r.enrolled_at, r.tier, String(r.points), fenToYuanString(r.stored), r.tags ?? '', r.note]), {
        header: true, columns: [...MEMBER_CSV_HEADER],
      });
      return { csv, rows: rows.length };
    },
  };
}
export type MembersCsv = ReturnType<typeof createMembersCsv>;
