import type { PromotionInput, PromotionRow } from '../../../../shared/contract/promotions.js';
import type { PromotionKind } from '../../../../shared/promotions/index.js';
import { validatePromotion } from '../../../../shared/promotions/validate.js';
import { fenToYuanString, parseYuan } from '../../../../shared/money.js';

/**
 * The 促销 form as text fields and back. Products are typed or scanned as codes (barcode or
 * SKU, separated by spaces; a bundle item scanned twice is two of it), resolved by the caller.
 * Every problem comes back keyed by the form field it belongs to.
 */
export interface Draft {
  localId: number | null; active: boolean; name: string; kind: PromotionKind; priority: string;
  startDate: string; endDate: string; weekdays: number[]; fromTime: string; toTime: string;
  allTiers: boolean; tierIds: number[]; perSaleLimit: string; perMemberDayLimit: string;
  stacks: PromotionInput['stacks']; scopeAll: boolean; scopeCodes: string; categoryIds: number[];
  n: string; pricePct: string; steps: Array<{ min: string; off: string; pct: string }>; repeat: boolean;
  buyQty: string; giftQty: string; giftCodes: string; giftPrice: string; specialPrice: string; bundleCodes: string; bundlePrice: string;
}

export const FIELDS = ['name', 'startDate', 'endDate', 'fromTime', 'toTime', 'tierIds', 'scope', 'n', 'pricePct', 'steps.0.minFen', 'steps.0.offFen', 'steps.0.pricePct',
  'steps.1.minFen', 'steps.1.offFen', 'steps.1.pricePct', 'steps.2.minFen', 'steps.2.offFen', 'steps.2.pricePct', 'buyQty', 'giftQty', 'giftProductIds', 'giftPriceFen',
  'priceFen', 'items', 'bundlePriceFen', 'perSaleLimit', 'perMemberDayLimit'] as const;
export type FieldName = (typeof FIELDS)[number];

const yuan = (fen: number | null) => (fen === null ? '' : fenToYuanString(fen));
const int = (s: string): number | null => (s.trim() === '' ? null : /^\d{1,8}$/.test(s.trim()) ? Number(s.trim()) : NaN);
const money = (s: string): number | null => (s.trim() === '' ? null : (parseYuan(s) ?? NaN));
export const codesOf = (s: string) => s.split(/[\s,，]+/).filter(Boolean);

export function draftOf(p: PromotionRow | null, today: string, codeOf: (productId: number) => string): Draft {
  const r = p?.rule;
  const steps = r?.kind === 'threshold' ? r.steps.map((s) => ({ min: yuan(s.minFen), off: yuan(s.offFen), pct: s.pricePct === null ? '' : String(s.pricePct) })) : [];
  while (steps.length < 3) steps.push({ min: '', off: '', pct: '' });
  return {
    localId: p?.localId ?? null, active: p?.active ?? true, name: p?.name ?? '', kind: r?.kind ?? 'nth', priority: String(p?.priority ?? 0),
    startDate: p?.startDate ?? today, endDate: p?.endDate ?? '', weekdays: p?.weekdays ?? [], fromTime: p?.fromTime ?? '', toTime: p?.toTime ?? '',
    allTiers: p ? p.tierIds === null : true, tierIds: p?.tierIds ?? [], perSaleLimit: p?.perSaleLimit == null ? '' : String(p.perSaleLimit),
    perMemberDayLimit: p?.perMemberDayLimit == null ? '' : String(p.perMemberDayLimit),
    stacks: p?.stacks ?? { others: true, coupons: true, points: true, tier: true }, scopeAll: p?.scope.all ?? false,
    scopeCodes: (p?.scope.productIds ?? []).map(codeOf).join(' '), categoryIds: p?.scope.categoryIds ?? [],
    n: r?.kind === 'nth' ? String(r.n) : '2', pricePct: r?.kind === 'nth' ? String(r.pricePct) : r?.kind === 'special' && r.pricePct !== null ? String(r.pricePct) : r?.kind === 'special' ? '' : '50',
    steps, repeat: r?.kind === 'threshold' ? r.repeat : false,
    buyQty: r?.kind === 'gift' ? String(r.buyQty) : '1', giftQty: r?.kind === 'gift' ? String(r.giftQty) : '1',
    giftCodes: r?.kind === 'gift' ? r.giftProductIds.map(codeOf).join(' ') : '', giftPrice: r?.kind === 'gift' ? yuan(r.giftPriceFen) : '0',
    specialPrice: r?.kind === 'special' ? yuan(r.priceFen) : '', bundleCodes: r?.kind === 'bundle' ? r.items.flatMap((it) => Array<string>(it.qty).fill(codeOf(it.productId))).join(' ') : '',
    bundlePrice: r?.kind === 'bundle' ? yuan(r.priceFen) : '',
  };
}

/** The input for promotions.save, or the problems per field. `ids` maps each code to a product id (null: no such product). */
export function inputOf(d: Draft, ids: ReadonlyMap<string, number | null>): { input: PromotionInput | null; errors: Partial<Record<FieldName, string>> } {
  const errors: Partial<Record<FieldName, string>> = {};
  const resolve = (field: FieldName, s: string): number[] => {
    const out: number[] = [];
    for (const c of codesOf(s)) {
      const id = ids.get(c);
      if (id == null) errors[field] ??= `promotions.errors.unknownCode|${JSON.stringify({ code: c })}`;
      else out.push(id);
    }
    return out;
  };
  const num = (field: FieldName, v: number | null, fallback = 0) => {
    if (v !== null && Number.isNaN(v)) errors[field] ??= 'promotions.errors.notANumber';
    return v === null || Number.isNaN(v) ? fallback : v;
  };
  const pctOrNull = (field: FieldName, s: string) => { const v = int(s); if (v !== null && Number.isNaN(v)) { errors[field] ??= 'promotions.errors.notANumber'; return null; } return v; };
  const moneyOrNull = (field: FieldName, s: string) => { const v = money(s); if (v !== null && Number.isNaN(v)) { errors[field] ??= 'promotions.errors.notANumber'; return null; } return v; };
  let rule: PromotionInput['rule'];
  switch (d.kind) {
    case 'nth': rule = { kind: 'nth', n: num('n', int(d.n)), pricePct: num('pricePct', int(d.pricePct)) }; break;
    case 'threshold':
      rule = { kind: 'threshold', repeat: d.repeat, steps: d.steps.map((st, i) => ({ st, i })).filter(({ st }) => st.min.trim() || st.off.trim() || st.pct.trim())
        .map(({ st, i }) => ({ minFen: moneyOrNull(`steps.${i}.minFen` as FieldName, st.min) ?? 0, offFen: moneyOrNull(`steps.${i}.offFen` as FieldName, st.off), pricePct: pctOrNull(`steps.${i}.pricePct` as FieldName, st.pct) })) };
      break;
    case 'gift': rule = { kind: 'gift', buyQty: num('buyQty', int(d.buyQty)), giftQty: num('giftQty', int(d.giftQty)), giftProductIds: [...new Set(resolve('giftProductIds', d.giftCodes))], giftPriceFen: num('giftPriceFen', money(d.giftPrice)) }; break;
    case 'special': rule = { kind: 'special', priceFen: moneyOrNull('priceFen', d.specialPrice), pricePct: pctOrNull('pricePct', d.pricePct) }; break;
    case 'bundle': {
      const counts = new Map<number, number>();
      for (const id of resolve('items', d.bundleCodes)) counts.set(id, (counts.get(id) ?? 0) + 1);
      rule = { kind: 'bundle', items: [...counts].map(([productId, qty]) => ({ productId, qty })), priceFen: num('bundlePriceFen', money(d.bundlePrice)) };
      break;
    }
  }
  const input: PromotionInput = {
    localId: d.localId, active: d.active, name: d.name.trim(), rule, priority: Math.max(-100, Math.min(100, Number(d.priority) || 0)),
    startDate: d.startDate, endDate: d.endDate.trim() === '' ? null : d.endDate.trim(), weekdays: d.weekdays,
    fromTime: d.fromTime.trim() === '' ? null : d.fromTime.trim(), toTime: d.toTime.trim() === '' ? null : d.toTime.trim(),
    tierIds: d.allTiers ? null : d.tierIds, perSaleLimit: num('perSaleLimit', int(d.perSaleLimit), NaN), perMemberDayLimit: num('perMemberDayLimit', int(d.perMemberDayLimit), NaN),
    stacks: d.stacks, scope: { all: d.scopeAll, productIds: d.kind === 'bundle' || d.scopeAll ? [] : [...new Set(resolve('scope', d.scopeCodes))], categoryIds: d.scopeAll ? [] : d.categoryIds },
  };
  if (Number.isNaN(input.perSaleLimit)) input.perSaleLimit = null;
  if (Number.isNaN(input.perMemberDayLimit)) input.perMemberDayLimit = null;
  for (const p of validatePromotion(input)) {
    const field = (p.field === 'items' || p.field.startsWith('items.') ? 'items' : p.field) as FieldName;
    if ((FIELDS as readonly string[]).includes(field)) errors[field] ??= p.key;
    else errors.name ??= p.key;
  }
  return { input: Object.keys(errors).length ? null : input, errors };
}
