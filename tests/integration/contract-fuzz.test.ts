import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { contract } from '../../shared/contract/index.js';
import { ERROR_CODES } from '../../shared/errors.js';
import type { DeviceHub } from '../../electron/core/system/devices-status.js';
import { inputArbitrary } from '../helpers/schema-arbitrary.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { clientRef, ok, openShop } from '../helpers/shop.js';

/**
 * Every contract call, fuzzed through the real dispatcher as the owner (who may make every
 * call): inputs derived from the call's own schema (most pass it and reach the handler),
 * broken variants and arbitrary values. Each call must answer a typed error or a valid
 * output (the dispatcher checks outputs against the schema here), never `internal` and never
 * a throw, and a call that answers an error must leave the database exactly as it was.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);

/**
 * Errors that change something on purpose: a wrong PIN is counted towards the lockout
 * (that is the lockout), a print that fails is recorded on its job for the retry list, and
 * a drawer opening or a phone reveal is audited as it is asked.
 */
const ERRORS_THAT_WRITE: Record<string, (code: string) => boolean> = {
  'auth.signIn': (c) => c === 'wrong_pin' || c === 'account_locked',
  'auth.unlock': (c) => c === 'wrong_pin' || c === 'account_locked',
  'auth.changePin': (c) => c === 'wrong_pin' || c === 'account_locked',
  'print.retry': (c) => c === 'rule_violation',
  'print.receipt': (c) => c === 'rule_violation',
  // Opening the cash drawer is audited as it is attempted, even when the printer then fails.
  'devices.openDrawer': (c) => c === 'rule_violation',
  // Asking for a member's full phone is audited as it is asked, even for an erased member.
  'members.revealPhone': (c) => c === 'not_found',
};

/** Counter hardware that is never there: the fuzz must not open real serial ports or sockets. */
function absentDevices(): DeviceHub {
  return {
    apply: () => {},
    status: () => ({ printer: 'offline', scanner: 'not_configured' }),
    printer: () => ({ configured: () => true, send: () => Promise.reject(Object.assign(new Error('printer unplugged'), { code: 'ECONNREFUSED' })) }),
    refresh: async () => ({ printer: 'offline', scanner: 'not_configured' }),
    serialPorts: async () => [],
    onStatus: () => () => {},
    onScan: () => () => {},
    close: async () => {},
  };
}

let shop: Awaited<ReturnType<typeof openShop>>;
let token: string;
let ownerPinHash: string;
const sandbox = makeTempDir('pos-fuzz-files-');

beforeAll(async () => {
  shop = await openShop({ devices: absentDevices() });
  token = shop.owner;
  const core = shop.core;
  // Something for ids to find: members with balances, a sale, a complaint, a backup.
  for (const phone of ['13800000001', '13800000002']) {
    const m = await ok(core, 'members.enrol', { phone, name: '会员' }, token);
    await ok(core, 'storedValue.topUp', { memberId: m.id, amountFen: 10000, method: 'cash', tenderedFen: null, clientRef: clientRef(), print: false }, token);
  }
  const p = shop.products[0]!;
  await ok(core, 'sales.commit', { clientRef: clientRef(), memberId: 1, lines: [{ productId: p.id, qty: 2 }], payments: [{ method: 'cash', amountFen: p.priceFen * 2, tenderedFen: p.priceFen * 2 }], expectedTotalFen: p.priceFen * 2, print: false }, token);
  await ok(core, 'complaints.log', { channel: 'in_store', category: 'service', severity: 'low', description: '排队太久', memberId: 1 }, token).catch(() => null);
  await ok(core, 'backup.run', {}, token);
  ownerPinHash = core.db.prepare('SELECT pin_hash FROM staff WHERE id = 1').pluck().get() as string;
}, 60_000);
afterAll(async () => {
  await shop.core.dispose();
  sandbox.cleanup();
});

/** A digest of every row of every table: equal digests, unchanged data. */
function fingerprint(): string {
  const db = shop.core.db;
  const hash = createHash('sha1');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    hash.update(t);
    // Sorted as text: some tables are WITHOUT ROWID, and order is not what matters here.
    const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    for (const row of rows) hash.update(row);
  }
  return hash.digest('hex');
}

/** The fuzz may lock, sign out, demote or re-PIN the owner: put the owner back between calls. */
async function keepOwnerSignedIn() {
  const { db, services, dispatcher } = shop.core;
  db.prepare("UPDATE staff SET role = 'owner', active = 1, pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = 1").run(ownerPinHash);
  const s = services.sessions.get(token);
  if (s && s.role === 'owner') {
    s.locked = false;
    return;
  }
  const signIn = await dispatcher.call('auth.signIn', { staffId: 1, pin: '1234' });
  if (!signIn.ok) throw new Error(`owner cannot sign in again: ${JSON.stringify(signIn.error)}`);
  token = signIn.value.token;
}

/** Inputs for calls that touch the file system stay inside a sandbox folder. */
function arbitraryInput(method: string, schema: Parameters<typeof inputArbitrary>[0]) {
  if (method === 'backup.setSettings') {
    return fc.record({ extraDir: fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }).map((s) => `${sandbox.dir}/${s.replace(/\.\./g, '')}`), fc.string({ maxLength: 20 }).filter((s) => !s.trim().startsWith('/'))) });
  }
  return inputArbitrary(schema);
}

const methods = Object.keys(contract).sort();
/** Per call, how many inputs got past the schema to the handler. */
const reached = new Map<string, number>();

describe('every contract call under random and malformed input', () => {
  it('covers the whole contract', () => {
    expect(methods.length).toBeGreaterThan(100);
  });

  it.each(methods)('%s answers a typed error or a valid output, and an error changes nothing', async (method) => {
    const def = (contract as Record<string, { input: Parameters<typeof inputArbitrary>[0] }>)[method]!;
    const seen = { ok: 0, errors: new Map<string, number>() };
    await fc.assert(fc.asyncProperty(arbitraryInput(method, def.input), async (input) => {
      await keepOwnerSignedIn();
      const before = fingerprint();
      let answer: Awaited<ReturnType<typeof shop.core.dispatcher.invoke>>;
      try {
        answer = await shop.core.dispatcher.invoke({ method, input, session: token });
      } catch (err) {
        throw new Error(`${method} threw instead of answering: ${String(err)}`);
      }
      if (answer.ok) {
        seen.ok += 1;
        return;
      }
      const { code } = answer.error;
      seen.errors.set(code, (seen.errors.get(code) ?? 0) + 1);
      expect(ERROR_CODES).toContain(code);
      expect(code, `${method} failed inside for ${String(JSON.stringify(input)).slice(0, 300)}`).not.toBe('internal');
      expect(answer.error.messageKey).toMatch(/^errors\.[a-z_]+$/);
      if (!ERRORS_THAT_WRITE[method]?.(code)) expect(fingerprint(), `${method} changed data while answering ${code}`).toBe(before);
    }), { numRuns: RUNS, seed: 20261123 });
    reached.set(method, seen.ok + [...seen.errors.entries()].filter(([c]) => c !== 'bad_input').reduce((n, [, k]) => n + k, 0));
  }, 60_000);

  it('reached the handlers, not only the parser, for nearly every call', () => {
    const parserOnly = methods.filter((m) => (reached.get(m) ?? 0) === 0);
    expect(parserOnly.length, `only the parser saw: ${parserOnly.join(', ')}`).toBeLessThanOrEqual(Math.floor(methods.length * 0.1));
  });

  it('the process is still up and the database sound after all of it', async () => {
    await keepOwnerSignedIn();
    expect(shop.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(shop.core.db.pragma('foreign_key_check')).toEqual([]);
    expect((await shop.core.dispatcher.call('shop.status', {})).ok).toBe(true);
  });
});
