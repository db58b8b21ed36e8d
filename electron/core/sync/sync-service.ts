import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import { FEED_WAIT_MS, type AuthoriseAnswer, type AuthoriseRequest, type FeedAnswer, type MemberLookupAnswer, type MemberLookupRequest, type PairAnswer, type PushAnswer, type PushItem } from '../../../shared/sync/protocol.js';
import { noteBranch, readBranch, type TillBranch } from '../branches/branch-state.js';
import { SYNC_TABLES } from '../../../shared/sync/tables.js';
import { createOutbox, markTransactionEnds } from './outbox.js';
import { createApplier } from './apply.js';
import { HLC_SQL, UUID7_SQL } from '../db/sync-triggers.js';

/** What the till needs from the server; electron/core/sync/server-client.ts speaks it over pinned HTTPS. */
export interface SyncTransport {
  push(items: PushItem[]): Promise<PushAnswer>;
  /** `waitMs`: a long poll, answered at the server's next commit or after that long. */
  feed(after: number, limit: number, waitMs?: number, waiting?: number): Promise<FeedAnswer>;
  /** Spends while connected (spend-guard.ts); a transport without them is never "online" for spends. */
  authorise?(request: AuthoriseRequest): Promise<AuthoriseAnswer>;
  release?(clientRef: string): Promise<void>;
  /** A member this till does not hold, fetched from the chain's directory (member-fetch.ts). */
  lookupMember?(request: MemberLookupRequest): Promise<MemberLookupAnswer>;
  /** Drops kept-alive connections (a waiting long poll included). */
  close?(): void;
}

/** How long a spend at the counter waits for the server before it counts as offline. */
export const SPEND_DEADLINE_MS = 2500;
export interface Pairing extends PairAnswer { url: string; fingerprint: string; tillName: string }

interface StateRow { enabled: number; server_url: string | null; fingerprint: string | null; till_id: string | null; till_code: string; till_name: string | null; token: string | null; feed_cursor: number; last_contact: string | null }

export interface SyncStatus {
  paired: boolean;
  online: boolean;
  tillCode: string;
  tillName: string | null;
  serverUrl: string | null;
  backlog: number;
  exceptions: number;
  lastContact: string | null;
  feedStopped: boolean;
  /** The branch of the chain this till is in (null: no shop server). */
  branch: TillBranch | null;
}

/**
 * The till's side of the shop server: pairing (after which the till's whole history is
 * queued once), and the loop that pushes the outbox and applies the feed. Nothing at the
 * counter waits on it: sales commit locally and the loop catches up; a dead or slow server
 * makes the till "offline", with its backlog shown, never frozen.
 */
export function createSyncService(deps: {
  db: Database; clock: Clock; connect: (p: { url: string; fingerprint: string; token: string }) => SyncTransport;
  /** Whether this till has a shop of its own (then pairing queues its history). */
  shopSetUp: () => boolean;
  onChange?: () => void;
  /** How long a spend waits for the server (default SPEND_DEADLINE_MS). */
  spendDeadlineMs?: number;
}) {
  const { db, clock } = deps;
  markTransactionEnds(db);
  const outbox = createOutbox(db);
  const applier = createApplier(db);
  const state = db.prepare<[], StateRow>('SELECT * FROM sync_state');
  const openExceptions = db.prepare<[], { n: number; stopped: number }>(
    "SELECT count(*) AS n, count(*) FILTER (WHERE kind = 'feed_stopped') AS stopped FROM sync_exceptions WHERE resolved_at IS NULL");
  const touch = db.prepare<[string]>('UPDATE sync_state SET last_contact = ?');
  let online = false;
  let transport: SyncTransport | null = null;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  // Until start(): no rounds of its own (tests that drive rounds by hand keep it so).
  let stopped = true;
  let nudged = false;
  const anyQueued = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM outbox) AS n');
  // The chip says "N 笔待同步": transactions waiting (a sale is one), not their rows.
  const waitingTxns = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox WHERE txn_end = 1');
  // Pushes take turns (the loop's and a spend's): the outbox is read and acknowledged in order.
  let lane: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = lane.then(fn, fn);
    lane = p.catch(() => {});
    return p;
  };
  const acknowledged: Array<(seq: number) => void> = [];
  let mergeMembers: ((keepId: number, mergeId: number, staffId: number) => unknown) | null = null;
  const queuedMerges = db.prepare<[], { id: number; keep_id: number; merge_id: number }>('SELECT id, keep_id, merge_id FROM sync_member_merges WHERE done_at IS NULL ORDER BY id');
  const mergeDone = db.prepare<[string, number]>('UPDATE sync_member_merges SET done_at = ? WHERE id = ?');
  const owner = db.prepare<[], { id: number }>("SELECT id FROM staff WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1");
  /** Merges the feed queued (member-conflicts.ts): our later duplicate of a member another till made first. */
  function runMerges(): void {
    if (!mergeMembers) return;
    for (const m of queuedMerges.all()) {
      db.transaction(() => {
        try {
          mergeMembers!(m.keep_id, m.merge_id, owner.get()?.id ?? 0);
        } catch {
          // Already merged or closed here by hand: nothing left to do.
        }
        mergeDone.run(now(), m.id);
      })();
      deps.onChange?.();
    }
  }

  const now = () => localDateTime(clock.now());
  const link = (): SyncTransport | null => {
    const s = state.get()!;
    if (!s.enabled || !s.server_url || !s.fingerprint || !s.token) return null;
    transport ??= deps.connect({ url: s.server_url, fingerprint: s.fingerprint, token: s.token });
    return transport;
  };
  const setOnline = (v: boolean) => {
    if (v !== online) { online = v; deps.onChange?.(); }
  };

  /** Queues the till's whole history, table by table in reference order, and turns the outbox on. */
  function enable(p: Pairing): void {
    db.transaction(() => {
      if (state.get()!.enabled) throw new DomainError('conflict', { rule: 'already_paired' }, 'errors.sync_already_paired');
      // This till's shifts so far are its own (done before the outbox is on: nothing to send twice).
      db.prepare("UPDATE shifts SET till_code = ? WHERE till_code = ''").run(p.tillCode);
      // Its branch; the staff it has so far work there (owners are the chain's).
      if (p.branch) {
        noteBranch(db, p.branch);
        db.prepare("UPDATE staff SET branch_code = ? WHERE branch_code IS NULL AND role <> 'owner'").run(p.branch.code);
      }
      db.prepare(`UPDATE sync_state SET enabled = 1, server_url = ?, fingerprint = ?, till_id = ?, till_code = ?, till_name = ?, token = ?, shop_id = ?, paired_at = ?`)
        .run(p.url, p.fingerprint, p.tillId, p.tillCode, p.tillName, p.token, p.shopId, now());
      db.prepare("UPDATE sync_state SET hlc_wall = max(hlc_wall, CAST(unixepoch('subsec') * 1000 AS INTEGER))").run();
      // Seqs follow on from sync_state.outbox_seq (the triggers' counter), in the rows' order.
      const queue = db.prepare(`INSERT INTO outbox (seq, gid, tbl, rid, op, row_gid, hlc, txn_end)
        SELECT (SELECT outbox_seq FROM sync_state) + row_number() OVER (ORDER BY length(r.rid), r.rid),
          ${UUID7_SQL}, r.tbl, r.rid, 'insert', r.gid, (SELECT ${HLC_SQL} FROM sync_state), 1
        FROM sync_rows r WHERE r.tbl = ? AND r.origin IS NULL ORDER BY length(r.rid), r.rid`);
      const advance = db.prepare('UPDATE sync_state SET outbox_seq = outbox_seq + ?');
      // A till that was never set up brings nothing (its seeded tiers are the shop's already).
      if (deps.shopSetUp()) for (const t of SYNC_TABLES) advance.run(queue.run(t.name).changes);
    })();
    transport = null;
    deps.onChange?.();
  }

  const pushAll = (t: SyncTransport): Promise<void> => exclusive(async () => {
    for (let i = 0; i < 1000; i++) {
      const items = outbox.batch();
      if (items.length === 0) return;
      const answer = await t.push(items);
      outbox.acknowledge(items, answer.results, now());
      const upTo = answer.results.reduce((m, r) => Math.max(m, r.seq), 0);
      for (const fn of acknowledged) fn(upTo);
      if (answer.results.length === 0) return;
    }
  });

  /**
   * A spend at the counter, answered within the deadline or counted as offline. A refusal
   * while this till still has changes waiting (a top-up a moment ago) is asked again once
   * those are pushed, so the server judges with this till's latest; otherwise tills ask
   * side by side and only the server's row lock orders them. A server already known to be
   * down is not waited for.
   */
  async function authorise(request: AuthoriseRequest): Promise<AuthoriseAnswer | 'offline'> {
    const t = link();
    if (!t?.authorise || (!online && failures > 0)) return 'offline';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'offline'>((resolve) => { timer = setTimeout(() => resolve('offline'), deps.spendDeadlineMs ?? SPEND_DEADLINE_MS); });
    const ask = (async () => {
      let answer = await t.authorise!(request);
      if (!answer.ok && outbox.size() > 0) {
        await pushAll(t);
        answer = await t.authorise!(request);
      }
      touch.run(now());
      setOnline(true);
      return answer;
    })().catch((): 'offline' => { failures++; setOnline(false); return 'offline'; });
    try {
      return await Promise.race([ask, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  const notePage = (page: FeedAnswer) => {
    if (page.branch && noteBranch(db, page.branch)) deps.onChange?.();
  };

  async function pullAll(t: SyncTransport): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const after = applier.cursor();
      const page = await t.feed(after, 500, 0, waitingTxns.get()!.n);
      notePage(page);
      if (page.items.length === 0) {
        applier.passTo(page.through);
        return;
      }
      const r = applier.apply(page.items, now(), page.through);
      if (r.applied > 0) deps.onChange?.();
      runMerges();
      if (r.stopped || r.cursor >= page.head) return;
    }
  }

  /** One round: push what is waiting, then apply what others did. */
  async function syncOnce(): Promise<void> {
    const t = link();
    if (!t) return;
    try {
      await pushAll(t);
      await pullAll(t);
      touch.run(now());
      failures = 0;
      setOnline(true);
    } catch (err) {
      failures++;
      setOnline(false);
      throw err;
    }
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    // One pending round at a time: a nudge (schedule(0)) replaces the waiting timer, it does
    // not add a second loop beside it.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { void round(); }, ms);
    timer.unref?.();
  };
  async function round() {
    running ??= syncOnce().catch(() => {}).finally(() => { running = null; });
    await running;
    // Every second while it works; after failures back off up to 30 s, so a dead server costs nothing.
    schedule(failures === 0 ? 1000 : Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
  }

  /**
   * Beside the rounds: a feed request the server holds open until another till commits, so a
   * member enrolled or a sale made there shows here within moments, not at the next round.
   * Only while online; the rounds find the server again after an outage.
   */
  let listening = false;
  async function listen(): Promise<void> {
    if (listening) return;
    listening = true;
    try {
      while (!stopped) {
        const t = link();
        if (!t) return;
        if (!online || openExceptions.get()!.stopped > 0) { await pause(1000); continue; }
        try {
          const page = await t.feed(applier.cursor(), 500, FEED_WAIT_MS, waitingTxns.get()!.n);
          notePage(page);
          if (page.items.length === 0 && !stopped) applier.passTo(page.through);
          if (page.items.length > 0 && !stopped) {
            const r = applier.apply(page.items, now(), page.through);
            if (r.applied > 0 || r.stopped) deps.onChange?.();
            runMerges();
          }
        } catch {
          await pause(1000);
        }
      }
    } finally {
      listening = false;
    }
  }
  let pauseTimer: ReturnType<typeof setTimeout> | null = null;
  const pause = (ms: number) => new Promise<void>((resolve) => { pauseTimer = setTimeout(resolve, ms); pauseTimer.unref?.(); });

  return {
    enable,
    outbox,
    applier,
    authorise,
    /**
     * Looks a member up at the server and applies what comes back (member-fetch.ts decides when).
     * 'offline' when no answer comes within the counter's deadline (an answer that comes later
     * is still applied: the server has made the member this branch's by then); 'not_sent' when
     * the server is known to be down.
     */
    async lookupMember(request: MemberLookupRequest, deadlineMs = deps.spendDeadlineMs ?? SPEND_DEADLINE_MS): Promise<MemberLookupAnswer | 'offline' | 'not_sent'> {
      const t = link();
      // A server already known to be down is not asked (nor waited for).
      if (!t?.lookupMember || (!online && failures > 0)) return 'not_sent';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<'offline'>((resolve) => { timer = setTimeout(() => resolve('offline'), deadlineMs); });
      const ask = t.lookupMember(request).then((answer) => {
        if (answer.items.length > 0) {
          applier.applyFetched(answer.items, now());
          deps.onChange?.();
        }
        touch.run(now());
        setOnline(true);
        return answer;
      });
      try {
        return await Promise.race([ask.catch((): 'offline' => { failures++; setOnline(false); return 'offline'; }), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
    release(clientRef: string): void {
      void link()?.release?.(clientRef).catch(() => {});
    },
    paired: () => state.get()!.enabled === 1,
    lastContact: () => state.get()!.last_contact,
    /** How a duplicate member is merged (membership/merge-duplicate.ts), set once the members service exists. */
    setMemberMerge(fn: (keepId: number, mergeId: number, staffId: number) => unknown): void {
      mergeMembers = fn;
    },
    /** Called with the highest outbox seq the server has answered, after each push. */
    onAcknowledged(fn: (seq: number) => void): void {
      acknowledged.push(fn);
    },
    /** A whole round that starts after this call (one already under way is let finish first). */
    async syncOnce(): Promise<void> {
      while (running) await running.catch(() => {});
      return (running = syncOnce().finally(() => { running = null; }));
    },
    /** Asks for a round soon (after a sale), without waiting for it. */
    nudge() {
      if (stopped || !anyQueued.get()!.n || !state.get()!.enabled) return;
      // A round under way may have read the outbox before this change: another one right after.
      if (running) {
        if (!nudged) {
          nudged = true;
          void running.catch(() => {}).finally(() => {
            nudged = false;
            schedule(0);
          });
        }
        return;
      }
      schedule(0);
    },
    start() {
      stopped = false;
      if (state.get()!.enabled) {
        schedule(0);
        void listen();
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (pauseTimer) clearTimeout(pauseTimer);
      transport?.close?.();
      transport = null;
      await running?.catch(() => {});
    },
    status(): SyncStatus {
      const s = state.get()!;
      const ex = openExceptions.get()!;
      return {
        paired: s.enabled === 1, online: s.enabled === 1 && online, tillCode: s.till_code, tillName: s.till_name, serverUrl: s.server_url,
        backlog: waitingTxns.get()!.n, exceptions: ex.n, lastContact: s.last_contact, feedStopped: ex.stopped > 0,
        branch: s.enabled === 1 ? readBranch(db) : null,
      };
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
