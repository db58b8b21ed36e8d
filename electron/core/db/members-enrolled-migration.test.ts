import { describe, expect, it } from 'vitest';
import { openDatabase, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { tempShopFiles } from '../../../tests/helpers/temp-dir.js';
import { createCohorts } from '../stats/cohorts.js';

const tempFile = tempShopFiles();

const NEW_MEMBERS = "SELECT count(*) AS n FROM members WHERE enrolled_at >= ? AND enrolled_at < ? AND status <> 'merged'";

/** Migration 026 (the enrolment index carries the status) from a file at version 25 that already holds members. */
describe('migration 026: members_enrolled on (enrolled_at, status)', () => {
  it('keeps the counts, and new-member counts and cohort sizes read the index alone', () => {
    const file = tempFile();
    const old = openDatabase(file, { migrations: migrations.slice(0, 25) });
    const add = old.prepare("INSERT INTO members (card_no, name, phone, tier_id, enrolled_at, status, updated_at) VALUES (?, '', ?, 1, ?, ?, '2026-01-01T00:00:00')");
    // Two in January (one of them merged away later), one in February, one erased in February.
    add.run('C1', '13800000001', '2026-01-05T10:00:00', 'active');
    add.run('C2', '13800000002', '2026-01-20T10:00:00', 'merged');
    add.run('C3', '13800000003', '2026-02-02T10:00:00', 'active');
    add.run('C4', '13800000004', '2026-02-10T10:00:00', 'erased');
    const before = old.prepare(NEW_MEMBERS).get('2026-01-01', '2026-03-01');
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT name FROM pragma_index_info('members_enrolled') ORDER BY seqno").pluck().all()).toEqual(['enrolled_at', 'status']);
    expect(db.prepare(NEW_MEMBERS).get('2026-01-01', '2026-03-01')).toEqual(before);
    expect(before).toEqual({ n: 3 });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${NEW_MEMBERS}`).all('2026-01-01', '2026-03-01') as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    expect(plan).toContain('COVERING INDEX members_enrolled');
    // The cohort sizes, one range count per month: January without the merged member.
    expect(createCohorts(db).compute({ from: '2026-01-01', to: '2026-02-28' }).map((c) => [c.cohort, c.size])).toEqual([['2026-01', 1], ['2026-02', 2]]);
    db.close();
  });
});
