/**
 * A paired till in a child process, for the sync fault runs (tests/integration/sync-faults.test.ts):
 * opens the real core on its own SQLite file in DATA_DIR (paired already, so its sync loop
 * starts pushing and pulling at once), opens a session for the cashier and sells in a loop —
 * plain sales, member sales that earn points, sales paid from stored value, top-ups — printing
 *
 *   READY
 *   ACK S <receiptNo> <clientRef>    a sale, only after sales.commit answered ok
 *   ACK T <receiptNo> <clientRef>    a top-up, likewise
 *   STOPPED                          after STOP: no more selling, the sync loop goes on
 *
 * and asking its sync loop for a round after each (`nudge`), so pushes are always under way
 * and a dead server is retried at the next sale instead of after the loop's backoff. The parent
 * SIGKILLs it at random moments and starts it again on the same file; on stdin, STOP ends the
 * selling, NUDGE asks for a round as a sale would, and EXIT shuts the core down cleanly (exit 0). Any other end is a failure.
 *
 * env: DATA_DIR, CASHIER (staff name), OWN_PHONES (members this till tops up and spends from:
 * no two tills spend the same balance, as offline overdrafts are not what is tested),
 * SHARED_PHONES (members both tills sell to, earning points), SEED, PACE_MS (pause between sales)
 */
import readline from 'node:readline';
import { createCore } from '../../electron/core/app.js';

const core = createCore({ dataDir: process.env.DATA_DIR!, autoBackup: false, logger: { error: (m, e) => console.error(m, e) } });
const out = (line: string) => process.stdout.write(`${line}\n`);
const pace = Number(process.env.PACE_MS ?? 60);
let seed = Number(process.env.SEED ?? 1);
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

const idOf = (sql: string, arg: string) => {
  const row = core.db.prepare(sql).get(arg) as { id: number } | undefined;
  if (!row) throw new Error(`till-process: nothing for ${arg}`);
  return row.id;
};
const phones = (v: string | undefined) => (v ? v.split(',') : []);
const own = phones(process.env.OWN_PHONES).map((p) => idOf('SELECT id FROM members WHERE phone = ?', p));
const shared = phones(process.env.SHARED_PHONES).map((p) => idOf('SELECT id FROM members WHERE phone = ?', p));
// Sign-in (a deliberately slow scrypt) is not under test; every sale still goes through the dispatcher.
const staffId = idOf("SELECT id FROM staff WHERE name = ? AND active = 1", process.env.CASHIER!);
const token = core.services.sessions.open({ id: staffId, name: process.env.CASHIER!, role: 'cashier' }).token;
const listed = await core.dispatcher.call('products.list', { limit: 50 }, token);
if (!listed.ok) throw new Error(JSON.stringify(listed.error));
const products = listed.value.items.map((p) => [p.id, p.priceFen] as const);

let selling = true;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'STOP') selling = false;
  if (line === 'NUDGE') core.services.sync.nudge(); // the parent waiting for the last rounds, instead of a sale
  if (line === 'EXIT') {
    selling = false;
    void core.shutdown().then(() => process.exit(0));
  }
});
out('READY');

const SPEND_REFUSED = /^errors\.(stored_value_insufficient|spend_refused_|offline_)/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (let i = 0; selling; i++) {
  const ref = `fault-${process.pid}-${i}`;
  const kind = rand(6);
  if (kind === 0 && own.length) {
    const memberId = own[rand(own.length)]!;
    const r = await core.dispatcher.call('storedValue.topUp', { memberId, amountFen: 1000 * (1 + rand(5)), method: 'cash', tenderedFen: null, clientRef: ref, print: false }, token);
    if (!r.ok) throw new Error(`topUp: ${JSON.stringify(r.error)}`);
    out(`ACK T ${r.value.receiptNo} ${ref}`);
  } else {
    const [productId, price] = products[rand(products.length)]!;
    const qty = 1 + rand(3);
    const byStoredValue = kind === 5 && own.length > 0;
    const pool = byStoredValue ? own : [...own, ...shared];
    const memberId = kind >= 3 && pool.length ? pool[rand(pool.length)]! : null;
    const commit = (total: number) => core.dispatcher.call('sales.commit', {
      clientRef: ref,
      lines: [{ productId, qty }],
      memberId,
      payments: byStoredValue ? [{ method: 'stored_value', amountFen: total }] : kind % 2 ? [{ method: 'cash', amountFen: total, tenderedFen: total + 500 }] : [{ method: 'wechat', amountFen: total }],
      expectedTotalFen: total,
      print: false,
    }, token);
    let r = await commit(price * qty);
    // A member moved up a tier pays the tier's price: take the till's answer, as a cashier would.
    if (!r.ok && r.error.messageKey === 'errors.price_changed') r = await commit(Number(r.error.details?.totalFen));
    if (r.ok) out(`ACK S ${r.value.sale.receiptNo} ${ref}`);
    // A spend refused (not enough left, the server says no, or over the cap while offline) is a
    // refusal, not a failure: nothing was written.
    else if (!(byStoredValue && r.error.code === 'rule_violation' && SPEND_REFUSED.test(r.error.messageKey ?? ''))) throw new Error(`sales.commit: ${JSON.stringify(r.error)}`);
  }
  core.services.sync.nudge();
  await sleep(pace / 2 + rand(pace));
}
out('STOPPED');
