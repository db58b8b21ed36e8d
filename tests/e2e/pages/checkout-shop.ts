import type { TestHost } from '../host.js';
import type { FakePrinter } from '../../helpers/fake-printer.js';

export interface DemoProduct {
  id: number;
  name: string;
  priceFen: number;
  barcode: string;
}

export interface DemoShop {
  token: string;
  staff: Record<string, { id: number; pin: string }>;
  products: DemoProduct[];
  call<T = unknown>(method: string, input: unknown): Promise<T>;
}

/** The shop's default scanner thresholds (shared/contract/devices.ts): the tests run with them. */
export const E2E_WEDGE = { minLength: 6, maxGapMs: 35 } as const;
/** A person's typing pace in the tests: a key every 120 ms, far slower than a scanner. */
export const HUMAN_KEY_DELAY_MS = 120;

/** The demo shop through the API (as its owner), for tests that start at the counter. */
export async function demoShop(host: TestHost): Promise<DemoShop> {
  const setup = await host.invoke('shop.setupDemo', { locale: 'zh-CN' });
  if (!setup.ok) throw new Error(`setupDemo: ${JSON.stringify(setup)}`);
  const staffList = (setup.value as { staff: Array<{ id: number; name: string; pin: string }> }).staff;
  const staff = Object.fromEntries(staffList.map((s) => [s.name, { id: s.id, pin: s.pin }]));
  const owner = staffList.find((s) => s.name === '王店主')!;
  const signIn = await host.invoke('auth.signIn', { staffId: owner.id, pin: owner.pin });
  const token = (signIn.value as { token: string }).token;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await host.invoke(method, input, token);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const list = await call<{ items: Array<{ id: number; name: string; priceFen: number; barcodes: string[] }> }>('products.list', { limit: 200 });
  const products = list.items.map((p) => ({ id: p.id, name: p.name, priceFen: p.priceFen, barcode: p.barcodes[0]! }));
  return { token, staff, products, call };
}

export function product(shop: DemoShop, name: string): DemoProduct {
  const p = shop.products.find((x) => x.name === name);
  if (!p) throw new Error(`no demo product ${name}`);
  return p;
}

/** Points the shop's receipt printer at a fake network printer on 127.0.0.1. */
export async function useFakePrinter(shop: DemoShop, printer: FakePrinter): Promise<void> {
  await shop.call('devices.setConfig', { printer: { type: 'network', host: printer.host, port: printer.port, paperWidth: 80, openDrawerOnCash: false } });
}
