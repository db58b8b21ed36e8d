import type { PoolClient } from 'pg';
import type { PushAnswer, PushItem, PushResult, SpendKind } from '../shared/sync/protocol.js';
import type { Db } from './db/pool.js';
import { SyncError, badRequest } from './errors.js';
import { tableRules as defaultRules, type RuleContext, type TableRules } from './rules/index.js';
import { post, postAll } from './spend/accounts.js';
import { lockTill, type Till } from './tills.js';
import { branchVerdict } from './branches/authority.js';
import { placeFacts, type Placement } from './branches/placement.js';
import { keepChainStats } from './stats/keep.js';

/**
 * POST /v1/push: a till's batch, in ONE transaction, all or nothing.
 *
 * Order: the till's row is locked first, so two pushes of one till (a retry sent while the
 * first is still running) take turns and the second sees the first's work as duplicates.
 * Items must be consecutive and continue the till's stream: the first seq at most
 * last_seq + 1 (items at or below last_seq are a replay), and a gap refuses the whole batch
 * with out_of_order. The batch must end a till transaction (txnEnd), so the feed never holds
 * half of one.
 *
 * Feed numbers are taken last, all at once, from the feed_counter row (UPDATE … RETURNING):
 * its row lock is held until COMMIT, so a push that numbers after another also commits after
 * it, and a reader never sees number N+1 before N. Taking them last keeps the lock short.
 */
export async function ingestPush(db: Db, tillId: string, items: readonly PushItem[], rules: TableRules = defaultRules): Promise<PushAnswer> {
  return db.tx(async (tx) => {
    const till = await lockTill(tx, tillId);
    if (!till) throw new SyncError('unauthorized', 401, 'unknown till');
    if (till.revoked) throw new SyncError('revoked', 403, 'this till was revoked');
    checkOrder(items, till.lastSeq);

    const gids = items.map((i) => i.gid);
    const known = await knownGids(tx, gids);
    const results: PushResult[] = [];
    const store: { item: PushItem; txnEnd: boolean }[] = [];
    const exceptions: { item: PushItem; kind: 'rejected' | 'overdraft'; reason: string | undefined }[] = [];
    const seenInBatch = new Set<string>();
    let lastStoredInTxn: number | undefined;
    const ctx = ruleContext(tx);
    await prepareRules(tx, rules, items.filter((i) => i.seq > till.lastSeq && !known.facts.has(i.gid)), till);

    for (const item of items) {
      const fact = known.facts.get(item.gid);
      const exception = known.exceptions.get(item.gid);
      if (item.seq <= till.lastSeq) {
        // A replay: answer what the first delivery answered, and change nothing.
        if (fact?.tillId === till.tillId && fact.seq === item.seq) {
          results.push(exception?.kind === 'overdraft' ? { seq: item.seq, status: 'overdraft', ...reason(exception.reason) } : { seq: item.seq, status: 'duplicate' });
        } else if (exception?.kind === 'rejected' && exception.tillId === till.tillId && exception.seq === item.seq) {
          results.push({ seq: item.seq, status: 'rejected', ...reason(exception.reason) });
        } else {
          throw new SyncError('out_of_order', 409, `seq ${item.seq} was already used by another fact`);
        }
        continue;
      }
      if (fact || seenInBatch.has(item.gid)) {
        results.push({ seq: item.seq, status: 'duplicate' });
      } else {
        seenInBatch.add(item.gid);
        const verdict = await runRule(tx, rules, item, till, ctx);
        results.push({ seq: item.seq, status: verdict.status, ...reason(verdict.reason) });
        if (verdict.status !== 'ok') exceptions.push({ item, kind: verdict.status, reason: verdict.reason });
        if (verdict.status !== 'rejected') {
          store.push({ item, txnEnd: false });
          lastStoredInTxn = store.length - 1;
        }
      }
      // The stored part of a till transaction ends where it ends, even if its last item was
      // refused or already known: the feed's pages rely on every stored group closing.
      if (item.txnEnd && lastStoredInTxn !== undefined) {
        store[lastStoredInTxn]!.txnEnd = true;
        lastStoredInTxn = undefined;
      }
    }

    await ctx.flushAll();
    // Placed before the feed numbers are taken: the counter's lock is held until COMMIT.
    const places = store.length > 0 ? await placeFacts(tx, till, store.map((s) => s.item)) : [];
    let head: number;
    if (store.length > 0) {
      const { rows } = await tx.query<{ n: string }>('UPDATE feed_counter SET n = n + $1 RETURNING n', [store.length]);
      head = Number(rows[0]!.n);
      await insertFacts(tx, till.tillId, head - store.length + 1, store, places);
      await keepChainStats(tx, till.tillId, store); // head-office summaries (migration 005)
    } else {
      const { rows } = await tx.query<{ n: string }>('SELECT n FROM feed_counter');
      head = Number(rows[0]!.n);
    }
    if (exceptions.length > 0) await insertExceptions(tx, till.tillId, exceptions);
    await tx.query('UPDATE tills SET last_seq = greatest(last_seq, $2), last_seen_at = now() WHERE till_id = $1', [till.tillId, items.at(-1)!.seq]);
    return { results, feedNo: head };
  });
}

const reason = (r: string | null | undefined) => (r ? { reason: r.slice(0, 64) } : {});

function checkOrder(items: readonly PushItem[], lastSeq: number): void {
  if (items.length === 0) throw badRequest('no items');
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.seq !== items[i - 1]!.seq + 1) throw new SyncError('out_of_order', 409, `seq ${items[i]!.seq} does not follow ${items[i - 1]!.seq}`);
  }
  if (items[0]!.seq > lastSeq + 1) throw new SyncError('out_of_order', 409, `gap: the server has up to seq ${lastSeq}, this batch starts at ${items[0]!.seq}`);
  if (!items.at(-1)!.txnEnd) throw badRequest('a batch must end with the last item of a till transaction (txnEnd)');
}

/** Rules decide before they write (see rules/index.ts), so a refusal leaves nothing behind. */
async function runRule(tx: PoolClient, rules: TableRules, item: PushItem, till: Till, ctx: RuleContext) {
  // A branch that is not head office changes the chain's set-up only where it may (branches/authority.ts).
  const refused = await branchVerdict(tx, item, till);
  if (refused) return refused;
  const rule = Object.hasOwn(rules, item.table) ? rules[item.table] : undefined;
  if (!rule) return { status: 'ok' as const, reason: undefined };
  return rule(tx, item, till, ctx);
}

async function prepareRules(tx: PoolClient, rules: TableRules, fresh: readonly PushItem[], till: Till): Promise<void> {
  for (const [table, rule] of Object.entries(rules)) {
    if (!rule?.prepare) continue;
    const mine = fresh.filter((i) => i.table === table);
    if (mine.length > 0) await rule.prepare(tx, mine, till);
  }
}

/** Balance moves gathered over the push (see RuleContext), one per balance. */
function ruleContext(tx: PoolClient): RuleContext & { flushAll(): Promise<void> } {
  const moves = new Map<string, { account: string; kind: SpendKind; delta: number }>();
  return {
    defer(account, kind, delta) {
      const key = `${account}|${kind}`;
      const m = moves.get(key);
      if (m) m.delta += delta;
      else moves.set(key, { account, kind, delta });
    },
    async flush(account, kind) {
      const key = `${account}|${kind}`;
      const m = moves.get(key);
      if (!m) return;
      moves.delete(key);
      if (m.delta !== 0) await post(tx, account, kind, m.delta);
    },
    async flushAll() {
      await postAll(tx, moves);
      moves.clear();
    },
  };
}

interface KnownFact { tillId: string; seq: number }
interface KnownException extends KnownFact { kind: 'rejected' | 'overdraft'; reason: string | null }

async function knownGids(tx: PoolClient, gids: string[]) {
  const facts = await tx.query<{ gid: string; till_id: string; till_seq: string }>('SELECT gid, till_id, till_seq FROM facts WHERE gid = ANY($1::uuid[])', [gids]);
  const exceptions = await tx.query<{ gid: string; till_id: string; till_seq: string; kind: 'rejected' | 'overdraft'; reason: string | null }>(
    'SELECT gid, till_id, till_seq, kind, reason FROM exceptions WHERE gid = ANY($1::uuid[])',
    [gids],
  );
  return {
    facts: new Map<string, KnownFact>(facts.rows.map((r) => [r.gid, { tillId: r.till_id, seq: Number(r.till_seq) }])),
    exceptions: new Map<string, KnownException>(exceptions.rows.map((r) => [r.gid, { tillId: r.till_id, seq: Number(r.till_seq), kind: r.kind, reason: r.reason }])),
  };
}

/** One statement for the whole batch: the rows travel as one JSON document. */
async function insertFacts(tx: PoolClient, tillId: string, firstFeedNo: number, store: { item: PushItem; txnEnd: boolean }[], places: readonly Placement[]): Promise<void> {
  const rows = store.map(({ item, txnEnd }, i) => ({
    gid: item.gid, row_gid: item.rowGid, feed_no: firstFeedNo + i, seq: item.seq, tbl: item.table, op: item.op, row: item.row, hlc: item.hlc, txn_end: txnEnd,
    scope: places[i]!.scope, member_gid: places[i]!.memberGid,
  }));
  await tx.query(
    `INSERT INTO facts (gid, row_gid, feed_no, till_id, till_seq, tbl, op, row, hlc, txn_end, branch_id, scope, member_gid)
     SELECT x.gid, x.row_gid, x.feed_no, $2, x.seq, x.tbl, x.op, x.row, x.hlc, x.txn_end, (SELECT branch_id FROM tills WHERE till_id = $2), x.scope, x.member_gid
       FROM jsonb_to_recordset($1::jsonb) AS x(gid uuid, row_gid uuid, feed_no bigint, seq bigint, tbl text, op text, row jsonb, hlc text, txn_end boolean, scope text, member_gid uuid)`,
    [JSON.stringify(rows), tillId],
  );
}

async function insertExceptions(tx: PoolClient, tillId: string, list: { item: PushItem; kind: string; reason: string | undefined }[]): Promise<void> {
  const rows = list.map(({ item, kind, reason: why }) => ({ kind, seq: item.seq, gid: item.gid, tbl: item.table, reason: why ?? null, row: item.row }));
  // A fact refused before and sent again under a new seq keeps its first record.
  await tx.query(
    `INSERT INTO exceptions (kind, till_id, till_seq, gid, tbl, reason, row)
     SELECT x.kind, $2, x.seq, x.gid, x.tbl, x.reason, x.row
       FROM jsonb_to_recordset($1::jsonb) AS x(kind text, seq bigint, gid uuid, tbl text, reason text, row jsonb)
     ON CONFLICT (gid) DO NOTHING`,
    [JSON.stringify(rows), tillId],
  );
}
