import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { migrations } from '../db/migrations/index.js';
import { m007Complaints } from '../db/migrations/007-complaints.js';
import { createAuditLog } from '../audit/audit-log.js';
import { createSettingsStore } from '../shop/settings-store.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { templateCopies } from '../../../tests/helpers/template-db.js';
import type { Database } from '../db/open.js';
import { addDays } from '../lib/dates.js';
import { createCareService } from './care-service.js';

const Birthday = fc.oneof(
  fc.constantFrom('01-01', '02-28', '02-29', '03-01', '11-22', '11-25', '11-29', '12-31'),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);
const Member = fc.record({
  birthday: fc.option(Birthday, { nil: null }),
  status: fc.constantFrom('active', 'active', 'active', 'frozen', 'erased', 'merged'),
  sales: fc.array(fc.record({ daysAgo: fc.integer({ min: 0, max: 500 }), fen: fc.integer({ min: 0, max: 200_000 }) }), { maxLength: 4 }),
});
const Complaint = fc.record({
  member: fc.option(fc.nat({ max: 30 }), { nil: null }),
  followUpDaysAgo: fc.option(fc.integer({ min: -10, max: 30 }), { nil: null }),
  status: fc.constantFrom('open', 'in_progress', 'resolved', 'closed'),
});
const History = fc.record({
  today: fc.constantFrom('2026-11-22', '2026-12-28', '2027-02-25', '2028-02-25', '2026-06-30'),
  members: fc.array(Member, { maxLength: 25 }),
  complaints: fc.array(Complaint, { maxLength: 6 }),
  rules: fc.record({
    lapseDays: fc.integer({ min: 10, max: 120 }),
    winBackMinSpendFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    welcomeBackDays: fc.integer({ min: 1, max: 14 }),
  }),
  // Days that follow, each with sales made by some members before the day's run.
  days: fc.array(fc.array(fc.record({ member: fc.nat({ max: 30 }), fen: fc.integer({ min: 1, max: 50_000 }) }), { maxLength: 3 }), { maxLength: 4 }),
});

type Hist = typeof History extends fc.Arbitrary<infer T> ? T : never;

// Migration 007 on top of whatever the app registers (it may already be in the list).
const schema = migrations.some((m) => m.version === m007Complaints.version) ? migrations : [...migrations, m007Complaints];

// Each history starts from a copy of one file migrated once.
const files = templateCopies({ migrations: schema });
afterAll(() => files.cleanup());

function build(h: Hist) {
  const db = files.open();
  const clock = fixedClock(`${h.today}T07:00:00`);
  const audit = createAuditLog(db, clock);
  const settings = createSettingsStore(db);
  const ids: number[] = [];
  let receipt = 0;
  const sale = (memberId: number, date: string, fen: number) => db.prepare(`INSERT INTO sales (receipt_no, kind, business_date, sold_at, member_id, subtotal_fen, total_fen, source)
    VALUES (?, 'sale', ?, ?, ?, ?, ?, 'demo')`).run(`R${++receipt}`, date, `${date}T12:00:00`, memberId, fen, fen);
  h.members.forEach((m, i) => {
    const gone = m.status === 'erased' || m.status === 'merged';
    const id = Number(db.prepare(`INSERT INTO members (card_no, phone, name, birthday_md, tier_id, status, enrolled_at, updated_at)
      VALUES (?, ?, ?, ?, 1, ?, '2024-01-01T00:00:00', '2024-01-01T00:00:00')`).run(`C${i}`, gone ? null : `1380000${String(i).padStart(4, '0')}`, `m${i}`, gone ? null : m.birthday, m.status).lastInsertRowid);
    ids.push(id);
    for (const s of m.sales) sale(id, addDays(h.today, -s.daysAgo), s.fen);
  });
  for (const c of h.complaints) {
    const memberId = c.member !== null && ids.length > 0 ? ids[c.member % ids.length]! : null;
    db.prepare(`INSERT INTO complaints (logged_at, channel, category, severity, description, member_id, status, follow_up_on, updated_at)
      VALUES (?, 'in_store', 'service', 'medium', 'x', ?, ?, ?, ?)`).run(`${addDays(h.today, -40)}T10:00:00`, memberId, c.status, c.followUpDaysAgo === null ? null : addDays(h.today, -c.followUpDaysAgo), `${h.today}T00:00:00`);
  }
  const care = createCareService(db, clock, audit, settings);
  care.setRules({ lapseDays: h.rules.lapseDays, winBackMaxDays: h.rules.lapseDays * 4, winBackMinSpendFen: h.rules.winBackMinSpendFen, welcomeBackDays: h.rules.welcomeBackDays }, null);
  return { db, clock, care, ids, sale };
}

const snapshot = (db: Database) => db.prepare('SELECT * FROM care_tasks ORDER BY id').all();

describe('care generation (property)', () => {
  it('is idempotent: a second run the same day creates and drops nothing, day after day, whatever the history', () => {
    const seen = { created: 0, dropped: 0 };
    fc.assert(fc.property(History, (h) => {
      const { db, clock, care, ids, sale } = build(h);
      try {
        let day: string = h.today;
        for (let step = 0; step <= h.days.length; step++) {
          if (step > 0) {
            day = addDays(day, 1);
            clock.set(`${day}T07:00:00`);
            for (const s of h.days[step - 1]!) if (ids.length > 0) sale(ids[s.member % ids.length]!, day, s.fen);
          }
          const first = care.generate(null);
          seen.created += first.created;
          seen.dropped += first.dropped;
          const before = snapshot(db);
          expect(care.generate(null)).toMatchObject({ created: 0, dropped: 0 });
          expect(snapshot(db)).toEqual(before);
          // Never two open tasks of one kind for one member about the same lapse/birthday/visit/complaint.
          const dup = db.prepare(`SELECT kind, member_id, complaint_id, occasion, count(*) AS n FROM care_tasks
            GROUP BY kind, member_id, complaint_id, occasion HAVING n > 1`).all();
          expect(dup).toEqual([]);
          // Only active members get new person tasks; open tasks never point at erased or merged members.
          const stale = db.prepare(`SELECT t.id FROM care_tasks t JOIN members m ON m.id = t.member_id
            WHERE t.status = 'open' AND m.status IN ('erased','merged')`).all();
          expect(stale).toEqual([]);
        }
      } finally {
        db.close();
      }
    }), { numRuns: 60 });
    // The histories do make tasks, and drop some: the property is not vacuous.
    expect(seen.created).toBeGreaterThan(0);
    expect(seen.dropped).toBeGreaterThan(0);
  });
});
