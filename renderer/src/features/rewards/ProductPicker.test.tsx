// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Envelope } from '../../../../shared/contract/index.js';
import type { Product } from '../../../../shared/contract/catalogue.js';
import { setTransport } from '../../api/client.js';
import { createI18n } from '../../i18n/index.js';
import { ProductPicker } from './ProductPicker.js';

const i18n = createI18n('zh-CN');

const product = (id: number, name: string, barcode: string): Product => ({
  id, sku: `A00${id}`, name, categoryId: null, categoryName: null, priceFen: 300, pointsPct: 100, barcodes: [barcode], active: true,
});
const pie = product(1, '好丽友派 6枚', '6920000000011');
const cola = product(2, '可口可乐 330ml', '6901234567892');

/** products.search as the core answers it: "6" finds the pie by its name, the whole code finds the cola. */
function fakeSearch() {
  setTransport({
    kind: 'http',
    invoke: vi.fn(async (e: Envelope) => {
      const q = (e.input as { query: string }).query;
      return { ok: true as const, value: q === cola.barcodes[0] ? [cola] : q === '6' ? [pie] : [] };
    }),
    on: () => () => undefined,
  });
}

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('ProductPicker', () => {
  it('Enter never picks from the list still showing for an earlier text', async () => {
    fakeSearch();
    const onPick = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <ProductPicker control={{ id: 'pp', 'aria-invalid': false }} name="productId" picked={null} onPick={onPick} />
      </I18nextProvider>,
    );
    const box = screen.getByRole('combobox');
    fireEvent.change(box, { target: { value: '6' } });
    await screen.findByRole('option', { name: /好丽友派/ });
    // The rest of the code arrives before the search answers it, and Enter at once.
    fireEvent.change(box, { target: { value: cola.barcodes[0] } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).not.toHaveBeenCalledWith(pie);
    // Once the list answers the code, Enter picks the cola.
    await screen.findByRole('option', { name: /可口可乐/ });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenLastCalledWith(cola);
  });
});
