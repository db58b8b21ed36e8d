/**
 * A catalogue of any size built from the demo shop's convenience-store items: each base
 * item comes in variants (flavour, pack size), so names stay realistic and their pinyin
 * initials (the till's `kl` search) collide the way real catalogues do.
 */
import { DEMO_CATEGORIES } from '../../electron/core/demo/demo-catalogue.js';
import type { Random } from '../../electron/core/lib/random.js';
import { ean13 } from '../../shared/barcode.js';

const FLAVOURS = ['', '原味', '香辣', '草莓味', '柠檬味', '低糖', '无糖', '经典', '限定', '黑糖', '海盐', '芒果味', '青柠', '麻辣', '蜂蜜', '抹茶'];
const PACKS = ['', '小包装', '家庭装', '迷你装', '量贩装', '6连包', '12连包', '礼盒装', '加量装', '便携装'];
const PACK_PRICE = [1, 0.8, 3, 0.5, 4, 5.5, 10, 6, 1.3, 0.9];

export interface GeneratedProduct {
  sku: string;
  name: string;
  category: string;
  priceFen: number;
  pointsPct: number;
  barcode: string;
}

export function generateCatalogue(rnd: Random, count: number): GeneratedProduct[] {
  const bases = Object.entries(DEMO_CATEGORIES).flatMap(([category, items]) => items.map(([name, price, pts]) => ({ category, name, price, pts: pts ?? 100 })));
  const out: GeneratedProduct[] = [];
  const names = new Set<string>();
  const barcodes = new Set<string>();
  for (let v = 0; out.length < count; v++) {
    const flavour = FLAVOURS[v % FLAVOURS.length]!;
    const pack = Math.floor(v / FLAVOURS.length) % PACKS.length;
    const round = Math.floor(v / (FLAVOURS.length * PACKS.length));
    for (const b of bases) {
      if (out.length >= count) break;
      const name = [b.name, flavour, PACKS[pack], round > 0 ? `${round + 1}代` : ''].filter(Boolean).join(' ');
      if (names.has(name)) continue;
      names.add(name);
      let barcode: string;
      // 690–699: prefixes GS1 China assigns to manufacturers.
      do barcode = ean13(`69${rnd.int(0, 9)}${rnd.digits(9)}`);
      while (barcodes.has(barcode));
      barcodes.add(barcode);
      const priceFen = Math.max(50, Math.round((b.price * PACK_PRICE[pack]! * (0.85 + 0.3 * rnd.float())) / 10) * 10);
      out.push({ sku: `SKU${String(out.length + 1).padStart(6, '0')}`, name, category: b.category, priceFen, pointsPct: b.pts, barcode });
    }
  }
  return out;
}
