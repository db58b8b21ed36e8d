// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Envelope } from '../../../../shared/contract/index.js';
import { setTransport } from '../../api/client.js';
import { createI18n } from '../../i18n/index.js';
import { BranchPrices } from './BranchPrices.js';

const i18n = createI18n('zh-CN');

function fakeCore(headOffice: boolean) {
  const calls: Envelope[] = [];
  let prices: Array<{ branchCode: string; priceFen: number; updatedAt: string }> = [];
  setTransport({
    kind: 'http',
    invoke: vi.fn(async (e: Envelope) => {
      calls.push(e);
      if (e.method === 'sync.status') return { ok: true as const, value: { paired: true, branch: { code: headOffice ? 'B1' : 'B2', name: 'x', headOffice, allowLocalProducts: false } } };
      if (e.method === 'products.setBranchPrice') {
        const input = e.input as { branchCode: string; priceFen: number | null };
        prices = input.priceFen === null ? [] : [{ branchCode: input.branchCode, priceFen: input.priceFen, updatedAt: 'now' }];
      }
      return { ok: true as const, value: prices };
    }),
    on: () => () => undefined,
  });
  return calls;
}

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('BranchPrices', () => {
  it('at head office sets a branch its own price with the keyboard, and takes it back', async () => {
    const calls = fakeCore(true);
    render(<I18nextProvider i18n={i18n}><BranchPrices productId={7} /></I18nextProvider>);
    const code = await screen.findByRole('textbox', { name: /门店代码/ });
    fireEvent.change(code, { target: { value: 'b2' } });
    fireEvent.change(screen.getByRole('textbox', { name: '价格（元）' }), { target: { value: '16' } });
    fireEvent.keyDown(code, { key: 'Enter' });
    await screen.findByText('¥16.00');
    expect(calls.find((c) => c.method === 'products.setBranchPrice')).toMatchObject({ input: { productId: 7, branchCode: 'B2', priceFen: 1600 } });
    fireEvent.click(screen.getByRole('button', { name: '取消 B2 的分店价格' }));
    await screen.findByText('所有门店都按上面的价格。');
  });

  it('is not there at a branch till', async () => {
    const calls = fakeCore(false);
    render(<I18nextProvider i18n={i18n}><BranchPrices productId={7} /></I18nextProvider>);
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toEqual(['sync.status']));
    expect(screen.queryByRole('region', { name: '分店价格' })).toBeNull();
    expect(screen.queryByText('分店价格')).toBeNull();
  });
});
