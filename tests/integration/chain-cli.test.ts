import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serverCommand } from '../../server/cli.js';
import { connectServer } from '../../electron/core/sync/server-client.js';
import { startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';

/** The owner's branch commands (`npm run pos -- server branch …`, `pair-code --branch`) against a real PostgreSQL. */
let shop: TestShopServer;
beforeAll(async () => { shop = await startTestShopServer(); }, 60_000);
afterAll(async () => shop?.close());

async function owner(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await serverCommand([...args, '--pg', shop.database.url]), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('server branch commands', () => {
  it('adds branches with the next code, lists them, lets one add local products, and pairs a till into a branch', async () => {
    expect(await owner('branch', 'add', '二店')).toMatchObject({ code: 0, out: expect.stringContaining('B2 二店 added') });
    expect(await owner('branch', 'add', '三店', '--local-products')).toMatchObject({ code: 0, out: expect.stringContaining('B3 三店 added (may add local products)') });
    expect(await owner('branch', 'add', '  ')).toMatchObject({ code: 2 });
    expect(await owner('branch', 'allow-local', 'b2')).toMatchObject({ code: 0 });
    expect(await owner('branch', 'deny-local', 'B9')).toMatchObject({ code: 1, err: 'no branch B9' });
    const listed = JSON.parse((await owner('branch', 'list', '--json')).out) as { branches: Array<{ code: string; name: string; headOffice: boolean; allowLocalProducts: boolean }> };
    expect(listed.branches.map((b) => [b.code, b.name, b.headOffice, b.allowLocalProducts])).toEqual([
      ['B1', '总店', true, false], ['B2', '二店', false, true], ['B3', '三店', false, true],
    ]);

    const issued = await owner('pair-code', '--branch', 'B2');
    expect(issued.out).toMatch(/one till of B2 二店/);
    const code = /pairing code: (\S+)/.exec(issued.out)![1]!;
    const client = connectServer({ url: shop.url, timeoutMs: 10_000 });
    try {
      expect((await client.pair(code, '二店 1')).branch).toEqual({ code: 'B2', name: '二店', headOffice: false, allowLocalProducts: true });
    } finally {
      client.close();
    }
    expect(await owner('pair-code', '--branch', 'B7')).toMatchObject({ code: 1 });
  }, 60_000);
});
