import { create } from 'zustand';
import type { WeighedProduct } from '../../../../shared/contract/weighing.js';
import { invoke } from '../../api/client.js';

/**
 * Which products are sold by weight, for the till: picking one (search, its own barcode)
 * opens the weighing instead of adding a piece. A shop weighs tens or hundreds of products,
 * so the till keeps them all (one page of up to 500; README › Weighed goods says so).
 */
interface WeighedCache {
  byProduct: ReadonlyMap<number, WeighedProduct>;
  load(): Promise<void>;
}

export const useWeighedProducts = create<WeighedCache>()((set) => ({
  byProduct: new Map(),
  async load() {
    const r = await invoke('scale.weighedProducts', { offset: 0, limit: 500 }, { quiet: true });
    if (r.ok) set({ byProduct: new Map(r.value.items.map((w) => [w.productId, w])) });
  },
}));

export const weighedProductOf = (productId: number) => useWeighedProducts.getState().byProduct.get(productId) ?? null;
