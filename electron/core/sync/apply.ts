import type { Database } from '../db/open.js';
import { SYNC_TABLE_BY_NAME, type SyncTable } from '../../../shared/sync/tables.js';
import type { FeedItem, SyncRow } from '../../../shared/sync/protocol.js';
import { statementCache } from './statements.js';
import { createMemberConflicts } from './member-conflicts.js';

export interface ApplyResult {
  applied: number;
  cursor: number;
  /** The feed entry that could not be applied: the feed stops there (never skipped) until it is resolved. */
  stopped?: { feedNo: number; reason: string };
}

class CannotApply extends Error {
  constructor(readonly reason: string, message: string) { super(message); }
}

interface ColumnInfo { name: string; notnull: number }

/**
 * Applies the server's feed to this till, idempotently, one page per transaction: the
 * triggers that keep balances and summaries run for these rows as for the till's own, while
 * `sync_state.applying` keeps them out of the outbox. Inserts are skipped if the row's gid is
 * already here; an update writes only the fields whose stamp is newer than the value held
 * (last writer wins per field, by hybrid logical clock); a reference to a row not here yet is
 * left empty and filled in when that row arrives. Anything else that cannot be applied stops
 * the feed at that entry, with an exception, and keeps the cursor before it.
 */
export function createApplier(db: Database) {
  const gidRow = db.prepare<[string], { tbl: string; rid: string }>('SELECT tbl, rid FROM sync_rows WHERE gid = ?');
  const addRow = db.prepare<[string, string, string, string]>('INSERT INTO sync_rows (tbl, rid, gid, origin) VALUES (?, ?, ?, ?)');
  const dropRow = db.prepare<[string]>('DELETE FROM sync_rows WHERE gid = ?');
  const fieldClock = db.prepare<[string, string], { hlc: string }>('SELECT hlc FROM sync_field_clock WHERE row_gid = ? AND field = ?');
  const setClock = db.prepare<[string, string, string]>(`INSERT INTO sync_field_clock (row_gid, field, hlc) VALUES (?, ?, ?)
    ON CONFLICT (row_gid, field) DO UPDATE SET hlc = excluded.hlc`);
  const addPending = db.prepare<[string, string, string, string]>('INSERT OR REPLACE INTO sync_pending_refs (tbl, rid, col, ref_gid) VALUES (?, ?, ?, ?)');
  const pendingFor = db.prepare<[string], { tbl: string; rid: string; col: string }>('SELECT tbl, rid, col FROM sync_pending_refs WHERE ref_gid = ?');
  const clearPending = db.prepare<[string]>('DELETE FROM sync_pending_refs WHERE ref_gid = ?');
  const state = db.prepare<[], { feed_cursor: number; till_id: string | null }>('SELECT feed_cursor, till_id FROM sync_state');
  const setApplying = db.prepare<[number]>('UPDATE sync_state SET applying = ?');
  const setCursor = db.prepare<[number]>('UPDATE sync_state SET feed_cursor = ?');
  const setCursorAtLeast = db.prepare<[number]>('UPDATE sync_state SET feed_cursor = max(feed_cursor, ?)');
  const openStopAny = db.prepare<[], { id: number }>("SELECT id FROM sync_exceptions WHERE kind = 'feed_stopped' AND resolved_at IS NULL LIMIT 1");
  const openStop = db.prepare<[string], { id: number }>("SELECT id FROM sync_exceptions WHERE kind = 'feed_stopped' AND row_gid = ? AND resolved_at IS NULL");
  const addException = db.prepare('INSERT INTO sync_exceptions (at, kind, tbl, row_gid, reason, details) VALUES (?, ?, ?, ?, ?, ?)');
  const columnInfo = new Map<string, Map<string, ColumnInfo>>();
  const stmt = statementCache(db);

  const infoOf = (t: SyncTable) => {
    let m = columnInfo.get(t.name);
    if (!m) columnInfo.set(t.name, (m = new Map((db.prepare('SELECT name, "notnull" FROM pragma_table_info(?)').all(t.name) as ColumnInfo[]).map((c) => [c.name, c]))));
    return m;
  };

  const where = (t: SyncTable) => (t.key ? t.key.map((k) => `"${k}" = ?`).join(' AND ') : 'rowid = ?');
  const whereArgs = (t: SyncTable, rid: string) => (t.key ? (JSON.parse(rid) as unknown[]) : [Number(rid)]);

  /** The row's values with gids turned into local ids; unresolved nullable references come back in `later`. */
  function localValues(t: SyncTable, row: SyncRow, item: FeedItem): { values: Record<string, unknown>; later: Array<[string, string]> } {
    const info = infoOf(t);
    const values: Record<string, unknown> = {};
    const later: Array<[string, string]> = [];
    for (const [col, v] of Object.entries(row)) {
      if (!info.has(col) || col === 'id' || t.local?.includes(col)) throw new CannotApply('unknown_column', `${t.name}.${col} is not a column this till shares`);
      const target = t.refs[col];
      if (!target || v === null) { values[col] = v; continue; }
      const found = typeof v === 'string' ? gidRow.get(v) : undefined;
      if (found && found.tbl === target) { values[col] = Number(found.rid); continue; }
      if (info.get(col)!.notnull) throw new CannotApply('missing_reference', `${t.name}.${col} → ${target} ${String(v)} is not here (feed ${item.feedNo})`);
      values[col] = null;
      later.push([col, String(v)]);
    }
    return { values, later };
  }

  function resolvePending(rowGid: string, localId: string) {
    for (const p of pendingFor.all(rowGid)) {
      const t = SYNC_TABLE_BY_NAME.get(p.tbl)!;
      stmt(`UPDATE ${t.name} SET "${p.col}" = ? WHERE ${where(t)}`).run(Number(localId), ...whereArgs(t, p.rid));
    }
    clearPending.run(rowGid);
  }

  // A coupon is used once in the shop. When the server refused our use of one (a second use
  // made offline), the use it kept arrives in the feed and takes our row's place; the sale
  // keeps its discount and the refusal stays in the exceptions for the manager.
  const refusedOwnUse = db.prepare<[string], { gid: string }>(`SELECT r.gid FROM sync_rows r
    WHERE r.tbl = 'coupon_uses' AND r.rid = ? AND r.origin IS NULL
      AND EXISTS (SELECT 1 FROM sync_exceptions e WHERE e.row_gid = r.gid AND e.kind = 'rejected')`);
  function supersedeRefused(t: SyncTable, values: Record<string, unknown>) {
    if (t.name !== 'coupon_uses' || typeof values.coupon_id !== 'number') return;
    const ours = refusedOwnUse.get(String(values.coupon_id));
    if (!ours) return;
    stmt('DELETE FROM coupon_uses WHERE coupon_id = ?').run(values.coupon_id);
    dropRow.run(ours.gid);
  }

  const members = createMemberConflicts(db);
  // The hybrid logical clock takes max(own wall, every stamp seen): an edit made here after an
  // edit from another till was applied orders after it, however far behind this till's clock is.
  const seeStamp = db.prepare<{ wall: number; counter: number }>(`UPDATE sync_state SET
      hlc_counter = CASE WHEN @wall > hlc_wall THEN @counter WHEN @wall = hlc_wall THEN max(hlc_counter, @counter) ELSE hlc_counter END,
      hlc_wall = max(hlc_wall, @wall)`);
  const see = (hlc: string) => {
    const [wall, counter] = hlc.split('-');
    seeStamp.run({ wall: Number(wall), counter: Number(counter) });
  };
  let applyAt = '';

  function insert(t: SyncTable, item: FeedItem) {
    // Here already: a replay (same values, same stamp: nothing changes) or a row every till
    // was born with (the seeded tiers), which takes the shop's values by the same rule as an edit.
    if (gidRow.get(item.rowGid)) return t.kind === 'fact' || t.kind === 'ledger' ? undefined : update(t, item);
    const { values, later } = localValues(t, item.row, item);
    const cols = Object.keys(values);
    if (cols.length === 0) return;
    supersedeRefused(t, values);
    const clash = t.name === 'members' ? members.beforeWrite(values, item.rowGid, null) : {};
    const info = stmt(`INSERT INTO ${t.name} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => values[c] as never));
    const rid = t.key ? JSON.stringify(t.key.map((k) => values[k])) : String(info.lastInsertRowid);
    addRow.run(t.name, rid, item.rowGid, item.tillId);
    if (clash.ours !== undefined) members.queueMerge(item.rowGid, clash.ours, applyAt);
    for (const [col, gid] of later) addPending.run(t.name, rid, col, gid);
    resolvePending(item.rowGid, rid);
  }

  function update(t: SyncTable, item: FeedItem) {
    const here = gidRow.get(item.rowGid);
    if (!here) throw new CannotApply('missing_row', `an edit of ${t.name} ${item.rowGid}, which is not here`);
    const newer: SyncRow = {};
    for (const [field, v] of Object.entries(item.row)) {
      const held = fieldClock.get(item.rowGid, field)?.hlc ?? '';
      if (item.hlc > held) newer[field] = v;
    }
    const { values, later } = localValues(t, newer, item);
    const clash = t.name === 'members' ? members.beforeWrite(values, item.rowGid, Number(here.rid)) : {};
    const cols = Object.keys(values);
    if (clash.ours !== undefined) members.queueMerge(item.rowGid, clash.ours, applyAt);
    if (cols.length > 0) {
      stmt(`UPDATE ${t.name} SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE ${where(t)}`).run(...cols.map((c) => values[c] as never), ...whereArgs(t, here.rid));
    }
    for (const field of Object.keys(newer)) setClock.run(item.rowGid, field, item.hlc);
    for (const [col, gid] of later) addPending.run(t.name, here.rid, col, gid);
  }

  function remove(t: SyncTable, item: FeedItem) {
    const here = gidRow.get(item.rowGid);
    if (!here) return;
    stmt(`DELETE FROM ${t.name} WHERE ${where(t)}`).run(...whereArgs(t, here.rid));
    dropRow.run(item.rowGid);
  }

  const run = (t: SyncTable, item: FeedItem) => (item.op === 'insert' ? insert(t, item) : item.op === 'update' ? update(t, item) : remove(t, item));

  return {
    cursor: () => state.get()!.feed_cursor,

    /**
     * A member's history fetched on demand (member-fetch.ts): applied like feed entries, but
     * beside the feed — the cursor does not move (the feed itself goes on from where it is, and
     * what it carries again of these is skipped or changes nothing). An entry that cannot be
     * applied is left out and listed for the manager; the rest of the member still arrives.
     */
    applyFetched(items: readonly FeedItem[], at: string): { applied: number; failed: number } {
      applyAt = at;
      return db.transaction(() => {
        const own = state.get()!.till_id;
        let applied = 0;
        let failed = 0;
        setApplying.run(1);
        try {
          for (const item of items) {
            if (item.tillId === own) continue;
            const t = SYNC_TABLE_BY_NAME.get(item.table);
            try {
              if (!t) throw new CannotApply('unknown_table', `no shared table ${item.table}`);
              db.transaction(() => run(t, item))();
              see(item.hlc);
              applied++;
            } catch (err) {
              failed++;
              addException.run(at, 'rejected', item.table, item.rowGid, 'member_fetch', JSON.stringify({ feedNo: item.feedNo, op: item.op, message: (err as Error).message, row: item.row }));
            }
          }
          return { applied, failed };
        } finally {
          setApplying.run(0);
        }
      })();
    },

    /**
     * A branch till sees only part of the feed (server/feed.ts): `through` is how far the
     * server looked for this page (every fact up to it was this till's to see or not), so the
     * cursor moves past what was not this till's and the next read starts there.
     */
    passTo(through: number | undefined): void {
      if (through !== undefined && !openStopAny.get()) setCursorAtLeast.run(through);
    },

    apply(items: readonly FeedItem[], at: string, through?: number): ApplyResult {
      applyAt = at;
      return db.transaction(() => {
        const own = state.get()!.till_id;
        let cursor = state.get()!.feed_cursor;
        let applied = 0;
        setApplying.run(1);
        try {
          for (const item of items) {
            if (item.feedNo <= cursor) continue;
            if (item.tillId !== own) {
              const t = SYNC_TABLE_BY_NAME.get(item.table);
              try {
                if (!t) throw new CannotApply('unknown_table', `no shared table ${item.table}`);
                // Each entry in its own savepoint: one that fails leaves nothing half-applied.
                db.transaction(() => run(t, item))();
              } catch (err) {
                const reason = err instanceof CannotApply ? err.reason : 'conflict';
                if (!openStop.get(item.rowGid)) {
                  addException.run(at, 'feed_stopped', item.table, item.rowGid, reason, JSON.stringify({ feedNo: item.feedNo, op: item.op, message: (err as Error).message, row: item.row }));
                }
                setCursor.run(cursor);
                return { applied, cursor, stopped: { feedNo: item.feedNo, reason } };
              }
              see(item.hlc);
              applied++;
            }
            cursor = item.feedNo;
          }
          if (through !== undefined && through > cursor) cursor = through;
          setCursor.run(cursor);
          return { applied, cursor };
        } finally {
          setApplying.run(0);
        }
      })();
    },
  };
}

export type Applier = ReturnType<typeof createApplier>;
