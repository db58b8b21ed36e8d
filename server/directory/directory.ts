import type { PoolClient } from 'pg';
import type { FeedItem, MemberLookupAnswer, MemberLookupRequest, PushItem } from '../../shared/sync/protocol.js';
import type { Db } from '../db/pool.js';
import type { Till } from '../tills.js';

/** More matches than this (four digits shared by many members) and the cashier is asked for more digits. */
export const MAX_LOOKUP_MATCHES = 10;

/**
 * The chain's member directory (server migration 004): each member's phone, card number and the
 * phone's last four digits, kept from the members facts as they are ingested (an edit that
 * changes the phone or card moves the member in it). New members are counted, for the
 * replica limit (README "A chain of shops").
 */
export async function keepDirectory(tx: PoolClient, members: readonly PushItem[]): Promise<void> {
  // One entry per member, its fields as the push leaves them (an insert then an edit in one push).
  const byMember = new Map<string, { member_gid: string; has_phone: boolean; phone: string | null; has_card: boolean; card_no: string | null; has_name: boolean; name: string }>();
  for (const m of members) {
    if (m.op === 'delete') continue;
    const e = byMember.get(m.rowGid) ?? { member_gid: m.rowGid, has_phone: false, phone: null, has_card: false, card_no: null, has_name: false, name: '' };
    if ('phone' in m.row) Object.assign(e, { has_phone: true, phone: typeof m.row.phone === 'string' ? m.row.phone : null });
    if ('card_no' in m.row) Object.assign(e, { has_card: true, card_no: typeof m.row.card_no === 'string' ? m.row.card_no : null });
    if ('name' in m.row) Object.assign(e, { has_name: true, name: String(m.row.name ?? '') });
    byMember.set(m.rowGid, e);
  }
  if (byMember.size === 0) return;
  const json = JSON.stringify([...byMember.values()].sort((a, b) => (a.member_gid < b.member_gid ? -1 : 1)));
  const made = await tx.query(`INSERT INTO member_directory (member_gid) SELECT x.member_gid FROM jsonb_to_recordset($1::jsonb) AS x(member_gid uuid)
    ON CONFLICT DO NOTHING`, [json]);
  if ((made.rowCount ?? 0) > 0) await tx.query('UPDATE chain_settings SET members = members + $1', [made.rowCount]);
  await tx.query(`UPDATE member_directory d SET
      phone = CASE WHEN x.has_phone THEN x.phone ELSE d.phone END,
      card_no = CASE WHEN x.has_card THEN x.card_no ELSE d.card_no END,
      name = CASE WHEN x.has_name THEN x.name ELSE d.name END,
      last4 = right(CASE WHEN x.has_phone THEN x.phone ELSE d.phone END, 4),
      updated_at = now()
    FROM jsonb_to_recordset($1::jsonb) AS x(member_gid uuid, has_phone boolean, phone text, has_card boolean, card_no text, has_name boolean, name text)
    WHERE d.member_gid = x.member_gid`, [json]);
}

interface FactRow { feed_no: string; till_id: string; gid: string; row_gid: string; tbl: string; op: FeedItem['op']; row: FeedItem['row']; hlc: string; txn_end: boolean }

/**
 * POST /v1/members/lookup: a member this till does not hold, looked up by phone, card number
 * or last four digits. The members found (at most MAX_LOOKUP_MATCHES) are from now on held by
 * the till's branch (member_branches, 'fetch'), and their facts up to the feed's head come back
 * in feed order, so the till can apply them and spend their balances. In one transaction: the
 * mark commits before the answer leaves, so every feed read the till starts after the answer
 * carries these members' later changes (the till drops a page it asked for before, see
 * electron/core/sync/member-fetch.ts), and facts numbered after `head` are not yet committed
 * when it is read (feed numbers are taken in commit order, see ingest.ts). A member new to the
 * branch also has their history replayed to it, for the branch's other tills.
 */
export async function lookupMember(db: Db, till: Till, req: MemberLookupRequest): Promise<MemberLookupAnswer> {
  return db.tx(async (tx) => {
    const column = req.by === 'phone' ? 'phone' : req.by === 'card' ? 'card_no' : 'last4';
    const { rows: found } = await tx.query<{ member_gid: string }>(
      `SELECT member_gid FROM member_directory WHERE ${column} = $1 ORDER BY member_gid LIMIT $2`, [req.value, MAX_LOOKUP_MATCHES + 1]);
    const { rows: counter } = await tx.query<{ n: string }>('SELECT n FROM feed_counter');
    let head = Number(counter[0]!.n);
    if (found.length > MAX_LOOKUP_MATCHES) return { members: [], tooMany: true, items: [], head };
    if (found.length === 0) return { members: [], tooMany: false, items: [], head };
    const gids = found.map((r) => r.member_gid);
    const { rows: fresh } = await tx.query<{ member_gid: string }>(
      `INSERT INTO member_branches (member_gid, branch_id, how) SELECT m, $2, 'fetch' FROM unnest($1::uuid[]) AS m ORDER BY m ON CONFLICT DO NOTHING RETURNING member_gid`,
      [gids, till.branchId]);
    let upTo = head;
    if (fresh.length > 0) {
      // The branch's other tills read past these members' facts long ago: their history is
      // numbered again for the branch (feed_replays). The counter's row lock, held to COMMIT,
      // also means every fact numbered before it has committed and is read here.
      const { rows: locked } = await tx.query<{ n: string }>('SELECT n FROM feed_counter FOR UPDATE');
      upTo = Number(locked[0]!.n);
      const { rows: k } = await tx.query<{ n: string }>('SELECT count(*) AS n FROM facts WHERE member_gid = ANY($1::uuid[]) AND feed_no <= $2', [fresh.map((r) => r.member_gid), upTo]);
      const count = Number(k[0]!.n);
      if (count > 0) {
        await tx.query('UPDATE feed_counter SET n = n + $1', [count]);
        await tx.query(
          `INSERT INTO feed_replays (feed_no, branch_id, gid)
           SELECT $3 + row_number() OVER (ORDER BY feed_no), $4, gid FROM facts WHERE member_gid = ANY($1::uuid[]) AND feed_no <= $2`,
          [fresh.map((r) => r.member_gid), upTo, upTo, till.branchId]);
      }
      head = upTo + count;
    }
    const { rows } = await tx.query<FactRow>(
      `SELECT feed_no, till_id, gid, row_gid, tbl, op, row, hlc, txn_end FROM facts WHERE member_gid = ANY($1::uuid[]) AND feed_no <= $2 ORDER BY feed_no`, [gids, upTo]);
    const items = rows.map((r): FeedItem => ({ feedNo: Number(r.feed_no), tillId: r.till_id, gid: r.gid, rowGid: r.row_gid, table: r.tbl, op: r.op, row: r.row, hlc: r.hlc, txnEnd: r.txn_end }));
    return { members: gids, tooMany: false, items, head };
  });
}
