import { randomBytes } from 'node:crypto';
import type { TestHost } from '../host.js';

/**
 * Data for the members and rewards tests, made through the same API the page uses
 * (/api/invoke on the test host): the demo shop, sign-ins, members and sales.
 */

export interface DemoStaff {
  id: number;
  name: string;
  role: 'owner' | 'manager' | 'cashier';
  pin: string;
}

export const DEMO = {
  owner: { name: '王店主', pin: '8888' },
  manager: { name: '李店长', pin: '6666' },
  cashier: { name: '张小丽', pin: '1111' },
} as const;

/** One API call as a signed-in person; throws with the error when it fails. */
export async function call<T = unknown>(host: TestHost, token: string | null, method: string, input: unknown): Promise<T> {
  const r = await host.invoke(method, input, token);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Creates the demo shop (300 members, three months of sales) and returns its staff. */
export async function demoShop(host: TestHost): Promise<{ owner: DemoStaff; manager: DemoStaff; cashier: DemoStaff }> {
  const { staff } = await call<{ staff: DemoStaff[] }>(host, null, 'shop.setupDemo', { locale: 'zh-CN' });
  const by = (role: DemoStaff['role']) => staff.find((s) => s.role === role)!;
  return { owner: by('owner'), manager: by('manager'), cashier: by('cashier') };
}

export async function apiSignIn(host: TestHost, staff: { id: number; pin: string }): Promise<string> {
  const r = await call<{ token: string }>(host, null, 'auth.signIn', { staffId: staff.id, pin: staff.pin });
  return r.token;
}

/**
 * Opens the till's shift (if none is open) so the checkout screen does not ask for the
 * opening float on sign-in; these tests are about members, not the drawer.
 */
export async function openShift(host: TestHost, token: string): Promise<void> {
  const shift = await call<unknown>(host, token, 'shifts.current', {});
  if (!shift) await call(host, token, 'shifts.open', { openingFloatFen: 0 });
}

/** The demo shop with its shift open, and a manager's API session for making data. */
export async function demoTill(host: TestHost): Promise<{ staff: Awaited<ReturnType<typeof demoShop>>; token: string }> {
  const staff = await demoShop(host);
  const token = await apiSignIn(host, staff.manager);
  await openShift(host, token);
  return { staff, token };
}

export interface ApiMember {
  id: number;
  cardNo: string;
  name: string;
  maskedPhone: string;
  points: number;
}

export async function enrol(host: TestHost, token: string, phone: string, name: string, extra: Record<string, unknown> = {}): Promise<ApiMember> {
  return call<ApiMember>(host, token, 'members.enrol', { phone, name, ...extra });
}

/** A fresh valid mainland mobile number (139 + 8 random digits). */
export function randomPhone(): string {
  const n = randomBytes(4).readUInt32BE(0) % 100_000_000;
  return `139${String(n).padStart(8, '0')}`;
}

/**
 * Sells `qty` of a demo product to a member (opening a shift when needed) and returns the
 * receipt number and the points it earned.
 */
export async function sellTo(host: TestHost, token: string, memberId: number, qty = 2, productIndex = 0): Promise<{ receiptNo: string; totalFen: number; pointsEarned: number }> {
  await openShift(host, token);
  const products = await call<{ items: Array<{ id: number; priceFen: number }> }>(host, token, 'products.list', { offset: 0, limit: 20 });
  const product = products.items[productIndex]!;
  const commit = async (expected: number) =>
    host.invoke(
      'sales.commit',
      {
        clientRef: randomBytes(8).toString('hex'),
        lines: [{ productId: product.id, qty }],
        memberId,
        payments: [{ method: 'cash', amountFen: expected, tenderedFen: expected }],
        expectedTotalFen: expected,
        print: false,
      },
      token,
    );
  let r = await commit(product.priceFen * qty);
  // A member discount changes the total: the core says what it is.
  const details = (r.error as { details?: { totalFen?: number } } | undefined)?.details;
  if (!r.ok && typeof details?.totalFen === 'number') r = await commit(details.totalFen);
  if (!r.ok) throw new Error(`sales.commit failed: ${JSON.stringify(r.error)}`);
  const sale = (r.value as { sale: { receiptNo: string; totalFen: number; pointsEarned: number } }).sale;
  return { receiptNo: sale.receiptNo, totalFen: sale.totalFen, pointsEarned: sale.pointsEarned };
}
