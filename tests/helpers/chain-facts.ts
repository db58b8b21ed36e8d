import { randomUUID } from 'node:crypto';
import type { PushItem } from '../../shared/sync/protocol.js';
import { addDays } from '../../shared/dates.js';
import type { Db } from '../../server/db/pool.js';
import { ingestPush } from '../../server/ingest.js';

/**
 * A random chain's history as the tills would push it — members enrolled at one branch who buy
 * (and get refunds) at any branch, points entries, complaints later resolved, NPS answers,
 * enrolment corrections and status changes — pushed through the real ingest, till by till, in
 * the tills' own order, interleaved. Rows carry only the columns the head-office figures read.
 */
export const CHAIN_FIRST_DAY = '2026-01-01';
export const CHAIN_DAYS = 150;

/** Small deterministic PRNG (mulberry32), so a fast-check seed names a whole chain. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

export interface ChainTill {
  tillId: string; code: string; branchId: string; seq: number; queue: PushItem[];
  /** Where the queue's edits of other tills' rows begin (pushAll sends them after every till's own rows). */
  edits: number;
}

/** Branches B1 (made by migration 003), B2, B3 … and two tills in each, as pairing would make them. */
export async function makeChain(db: Db, branches = 3, tillsPerBranch = 2): Promise<ChainTill[]> {
  const tills: ChainTill[] = [];
  for (let b = 1; b <= branches; b++) {
    if (b > 1) await db.query('INSERT INTO branches (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [`B${b}`, `分店${b}`]);
    const { rows } = await db.query<{ branch_id: string }>('SELECT branch_id FROM branches WHERE code = $1', [`B${b}`]);
    for (let t = 0; t < tillsPerBranch; t++) {
      const tillId = randomUUID();
      const code = `T${tills.length + 1}`;
      await db.query('INSERT INTO tills (till_id, code, name, token_sha256, branch_id) VALUES ($1, $2, $3, sha256($4::bytea), $5)',
        [tillId, code, `till ${code}`, Buffer.from(tillId), rows[0]!.branch_id]);
      tills.push({ tillId, code, branchId: rows[0]!.branch_id, seq: 0, queue: [], edits: 0 });
    }
  }
  return tills;
}

let hlcCounter = 0;
const hlc = (till: ChainTill) => `${String(1_800_000_000_000 + ++hlcCounter).padStart(13, '0')}-000000-${till.tillId}`;

function queue(till: ChainTill, table: string, op: PushItem['op'], rowGid: string, row: PushItem['row']): void {
  till.queue.push({ seq: ++till.seq, gid: randomUUID(), rowGid, table, op, row, hlc: hlc(till), txnEnd: true });
}

const at = (day: string, r: ReturnType<typeof prng>) => `${day}T${String(r.int(8, 21)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00`;

/** Queues a random history on the tills (nothing pushed yet). */
/** `size.days`: how long the history runs (default CHAIN_DAYS). */
export function randomHistory(tills: ChainTill[], seed: number, size: { members: number; sales: number; days?: number }) {
  const days = size.days ?? CHAIN_DAYS;
  const r = prng(seed);
  const members: Array<{ gid: string; day: string }> = [];
  const perYuan = r.pick([50, 100]);
  const lapseDays = r.pick([14, 30, 90]);
  queue(tills[0]!, 'settings', 'insert', randomUUID(), { key: 'care.rules', value: JSON.stringify({ lapseDays }) });
  queue(tills[0]!, 'settings', 'insert', randomUUID(), { key: 'rewards.rules', value: JSON.stringify({ redeemPointsPerYuan: perYuan }) });
  for (let i = 0; i < size.members; i++) {
    const gid = randomUUID();
    const day = addDays(CHAIN_FIRST_DAY, r.int(0, days - 20));
    queue(r.pick(tills), 'members', 'insert', gid, { enrolled_at: at(day, r), status: 'active', name: `m${i}` });
    members.push({ gid, day });
  }
  // Edits of rows another till made come after everything else: a till edits a row it has
  // received, so the server always has the row first.
  const later: Array<() => void> = [];
  const sales: Array<{ gid: string; till: ChainTill; total: number; member: string | null; day: string }> = [];
  for (let i = 0; i < size.sales; i++) {
    const till = r.pick(tills);
    const m = members.length && r.next() < 0.8 ? r.pick(members) : null;
    const day = addDays(m ? m.day : CHAIN_FIRST_DAY, r.int(0, m ? days - 1 - Math.round((Date.parse(m.day) - Date.parse(CHAIN_FIRST_DAY)) / 86_400_000) : days - 1));
    const gid = randomUUID();
    const total = r.int(1, 400) * 50;
    queue(till, 'sales', 'insert', gid, { kind: 'sale', business_date: day, total_fen: total, member_id: m?.gid ?? null });
    sales.push({ gid, till, total, member: m?.gid ?? null, day });
    if (m) queue(till, 'points_ledger', 'insert', randomUUID(), { member_id: m.gid, at: at(day, r), delta: Math.floor(total / 100) || 1, reason: 'earn', sale_id: gid });
  }
  for (const s of sales) {
    const x = r.next();
    if (x < 0.08) {
      // A refund at another branch's till maybe, a day or two later.
      const till = r.pick(tills);
      const day = addDays(s.day, r.int(0, 2));
      queue(till, 'sales', 'insert', randomUUID(), { kind: 'refund', business_date: day, total_fen: -s.total, member_id: s.member, refund_of: s.gid });
    } else if (x < 0.14 && s.member) {
      queue(s.till, 'points_ledger', 'insert', randomUUID(), { member_id: s.member, at: at(s.day, r), delta: -r.int(1, 20), reason: r.pick(['redeem', 'gift', 'expire', 'adjust']) });
    } else if (x < 0.2) {
      const gid = randomUUID();
      queue(s.till, 'complaints', 'insert', gid, { logged_at: at(s.day, r), resolved_at: null, member_id: s.member });
      const by = r.pick(tills);
      if (r.next() < 0.6) later.push(() => queue(by, 'complaints', 'update', gid, { resolved_at: `${addDays(s.day, r.int(0, 3))}T${String(r.int(10, 23)).padStart(2, '0')}:30:00`, status: 'resolved' }));
    } else if (x < 0.3) {
      queue(s.till, 'feedback', 'insert', randomUUID(), { answered_at: at(s.day, r), score: r.int(0, 10), member_id: s.member });
    }
  }
  // Profile edits from any till: an enrolment date corrected earlier (another month maybe), a member frozen or merged away.
  for (const m of members) {
    const x = r.next();
    const till = r.pick(tills);
    if (x < 0.1) later.push(() => queue(till, 'members', 'update', m.gid, { enrolled_at: at(addDays(m.day, -r.int(1, 40)), r) }));
    else if (x < 0.15) later.push(() => queue(till, 'members', 'update', m.gid, { status: r.pick(['frozen', 'merged']) }));
  }
  for (const t of tills) t.edits = t.queue.length;
  for (const f of later) f();
  return { lapseDays, perYuan };
}

/** Pushes every till's queue, in the tills' order, batches of random size taking turns. */
export async function pushAll(db: Db, tills: ChainTill[], seed: number): Promise<void> {
  const r = prng(seed ^ 0x5bd1e995);
  const pending = tills.map((t) => ({ till: t, at: 0 }));
  for (const phase of [(t: ChainTill) => t.edits, (t: ChainTill) => t.queue.length]) {
    while (pending.some((p) => p.at < phase(p.till))) {
      const p = r.pick(pending.filter((x) => x.at < phase(x.till)));
      const batch = p.till.queue.slice(p.at, Math.min(phase(p.till), p.at + r.int(1, 40)));
      await ingestPush(db, p.till.tillId, batch);
      p.at += batch.length;
    }
  }
}
