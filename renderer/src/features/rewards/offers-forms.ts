import type { TopUpRules } from '../../../../shared/contract/stored-value.js';
import type { CouponTemplate } from '../../../../shared/contract/coupons.js';
import { fenToYuanString, parseYuan } from '../../../../shared/money.js';
import { fieldMessage } from '../../i18n/errors.js';

/**
 * The owner's and manager's offer forms (储值规则, 优惠券模板, 次卡类型, 储值调整) as pure
 * functions: what was typed → the contract's input, or a message per field. Money is typed
 * in yuan and sent as integer fen. Messages are `offers.*` keys, with values as
 * `key|{"max":20}` (see offerText in offer-text.ts; a value named `…Fen` is shown as money). Ranges mirror the contract.
 */

/** Most a top-up may be (storedValue.topUp): ¥1,000,000. */
export const MAX_FEN = 100_000_000;
export const MAX_BONUS_ROWS = 20;
export const MAX_GRANT_ROWS = 10;

export type Parsed<T, E> = { ok: true; value: T } | { ok: false; errors: E };

/** Yuan typed in a money field: fen within [minFen, MAX_FEN], or the message for the field. */
export function yuanField(text: string, minFen: number): { fen: number } | { error: string } {
  const v = text.trim();
  if (!v) return { error: 'offers.err.required' };
  const fen = parseYuan(v);
  if (fen === null || fen < 0) return { error: 'offers.err.money' };
  if (fen < minFen) return { error: minFen > 0 ? 'offers.err.moneyPositive' : 'offers.err.money' };
  if (fen > MAX_FEN) return { error: fieldMessage('offers.err.moneyMax', { max: MAX_FEN / 100 }) };
  return { fen };
}

/** A whole number typed in a field: in [min, max], or the message for the field. */
export function intField(text: string, min: number, max: number): { n: number } | { error: string } {
  const v = text.trim();
  if (!v) return { error: 'offers.err.required' };
  if (!/^\d{1,9}$/.test(v)) return { error: fieldMessage('offers.err.int', { min, max }) };
  const n = Number(v);
  return n < min || n > max ? { error: fieldMessage('offers.err.int', { min, max }) } : { n };
}

// ── 储值规则 ────────────────────────────────────────────────────────────────────────────

export interface BonusRow { key: number; min: string; bonus: string }
export interface GrantRow { key: number; min: string; tierId: string }
export interface TopUpDraft { bonuses: BonusRow[]; grants: GrantRow[] }

/** Field errors by `bonuses.<i>.min`, `bonuses.<i>.bonus`, `grants.<i>.min`, `grants.<i>.tierId`. */
export type RowErrors = Record<string, string>;

let nextRowKey = 1;
/** A stable React key for a new row (rows are added and removed in any order). */
export const rowKey = () => nextRowKey++;

export function topUpDraft(r: TopUpRules): TopUpDraft {
  return {
    bonuses: [...r.bonuses].sort((a, b) => a.minFen - b.minFen).map((b) => ({ key: rowKey(), min: fenToYuanString(b.minFen), bonus: fenToYuanString(b.bonusFen) })),
    grants: [...r.tierGrants].sort((a, b) => a.minFen - b.minFen).map((g) => ({ key: rowKey(), min: fenToYuanString(g.minFen), tierId: String(g.tierId) })),
  };
}

/**
 * The draft as storedValue.setRules input. A row left wholly blank is dropped (a row added by
 * mistake is not an error); a half-filled row, a zero bonus, or two rows with the same
 * threshold are refused at the field (the core would keep only one of two equal thresholds).
 */
export function topUpRulesFrom(d: TopUpDraft): Parsed<TopUpRules, RowErrors> {
  const errors: RowErrors = {};
  const bonuses: TopUpRules['bonuses'] = [];
  const seenBonus = new Set<number>();
  d.bonuses.forEach((row, i) => {
    if (!row.min.trim() && !row.bonus.trim()) return;
    const min = yuanField(row.min, 1);
    const bonus = yuanField(row.bonus, 1);
    if ('error' in min) errors[`bonuses.${i}.min`] = min.error;
    else if (seenBonus.has(min.fen)) errors[`bonuses.${i}.min`] = 'offers.err.duplicateMin';
    if ('error' in bonus) errors[`bonuses.${i}.bonus`] = bonus.error;
    if ('fen' in min && 'fen' in bonus) {
      seenBonus.add(min.fen);
      bonuses.push({ minFen: min.fen, bonusFen: bonus.fen });
    }
  });
  const tierGrants: TopUpRules['tierGrants'] = [];
  const seenGrant = new Set<number>();
  d.grants.forEach((row, i) => {
    if (!row.min.trim() && !row.tierId) return;
    const min = yuanField(row.min, 1);
    if ('error' in min) errors[`grants.${i}.min`] = min.error;
    else if (seenGrant.has(min.fen)) errors[`grants.${i}.min`] = 'offers.err.duplicateMin';
    if (!row.tierId) errors[`grants.${i}.tierId`] = 'offers.err.pickTier';
    if ('fen' in min && row.tierId) {
      seenGrant.add(min.fen);
      tierGrants.push({ minFen: min.fen, tierId: Number(row.tierId) });
    }
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { bonuses: bonuses.sort((a, b) => a.minFen - b.minFen), tierGrants: tierGrants.sort((a, b) => a.minFen - b.minFen) } };
}

// ── 优惠券模板 ──────────────────────────────────────────────────────────────────────────

export interface CouponDraft {
  id?: number;
  name: string;
  kind: 'amount' | 'percent';
  /** Yuan off (amount) or percent off (percent). */
  value: string;
  minSpend: string;
  validDays: string;
  active: boolean;
}
export type CouponField = 'name' | 'value' | 'minSpend' | 'validDays';
export type CouponInput = Omit<CouponTemplate, 'id'> & { id?: number };

export function couponDraft(c: CouponTemplate | null): CouponDraft {
  return {
    ...(c ? { id: c.id } : {}),
    name: c?.name ?? '',
    kind: c?.kind ?? 'amount',
    value: c ? (c.kind === 'amount' ? fenToYuanString(c.value) : String(c.value)) : '',
    minSpend: c ? fenToYuanString(c.minSpendFen) : '0',
    validDays: String(c?.validDays ?? 30),
    active: c?.active ?? true,
  };
}

export function couponInputFrom(d: CouponDraft): Parsed<CouponInput, Partial<Record<CouponField, string>>> {
  const e: Partial<Record<CouponField, string>> = {};
  const name = d.name.trim();
  if (!name) e.name = 'offers.err.required';
  else if (name.length > 30) e.name = fieldMessage('offers.err.tooLong', { max: 30 });
  let value = 0;
  if (d.kind === 'amount') {
    const v = yuanField(d.value, 1);
    if ('error' in v) e.value = v.error;
    else value = v.fen;
  } else {
    // 100% off would be a free cart; a 免单 is not a coupon the till should print.
    const v = intField(d.value, 1, 99);
    if ('error' in v) e.value = v.error;
    else value = v.n;
  }
  const min = yuanField(d.minSpend || '0', 0);
  if ('error' in min) e.minSpend = min.error;
  else if (d.kind === 'amount' && min.fen > 0 && value > min.fen) e.value = 'offers.err.offOverMin';
  const days = intField(d.validDays, 1, 3650);
  if ('error' in days) e.validDays = days.error;
  if (Object.keys(e).length) return { ok: false, errors: e };
  return {
    ok: true,
    value: { ...(d.id ? { id: d.id } : {}), name, kind: d.kind, value, minSpendFen: 'fen' in min ? min.fen : 0, validDays: 'n' in days ? days.n : 0, active: d.active },
  };
}

// ── 次卡类型 ────────────────────────────────────────────────────────────────────────────

export interface CardTypeDraft {
  id?: number;
  name: string;
  packageProductId: number | null;
  serviceProductId: number | null;
  uses: string;
  /** No expiry (valid until used up). */
  noExpiry: boolean;
  validMonths: string;
  active: boolean;
}
export type CardTypeField = 'name' | 'packageProductId' | 'serviceProductId' | 'uses' | 'validMonths';
export interface CardTypeInput { id?: number; name: string; packageProductId: number; serviceProductId: number; uses: number; validMonths: number | null; active: boolean }

export function cardTypeDraft(c: { id: number; name: string; packageProductId: number; serviceProductId: number; uses: number; validMonths: number | null; active: boolean } | null): CardTypeDraft {
  return {
    ...(c ? { id: c.id } : {}),
    name: c?.name ?? '',
    packageProductId: c?.packageProductId ?? null,
    serviceProductId: c?.serviceProductId ?? null,
    uses: String(c?.uses ?? 10),
    noExpiry: c ? c.validMonths === null : false,
    validMonths: String(c?.validMonths ?? 12),
    active: c?.active ?? true,
  };
}

export function cardTypeInputFrom(d: CardTypeDraft): Parsed<CardTypeInput, Partial<Record<CardTypeField, string>>> {
  const e: Partial<Record<CardTypeField, string>> = {};
  const name = d.name.trim();
  if (!name) e.name = 'offers.err.required';
  else if (name.length > 30) e.name = fieldMessage('offers.err.tooLong', { max: 30 });
  if (d.packageProductId === null) e.packageProductId = 'offers.err.pickProduct';
  if (d.serviceProductId === null) e.serviceProductId = 'offers.err.pickProduct';
  else if (d.serviceProductId === d.packageProductId) e.serviceProductId = 'offers.err.sameProduct';
  const uses = intField(d.uses, 1, 1000);
  if ('error' in uses) e.uses = uses.error;
  const months = d.noExpiry ? null : intField(d.validMonths, 1, 120);
  if (months && 'error' in months) e.validMonths = months.error;
  if (Object.keys(e).length) return { ok: false, errors: e };
  return {
    ok: true,
    value: {
      ...(d.id ? { id: d.id } : {}),
      name,
      packageProductId: d.packageProductId!,
      serviceProductId: d.serviceProductId!,
      uses: 'n' in uses ? uses.n : 1,
      validMonths: months && 'n' in months ? months.n : null,
      active: d.active,
    },
  };
}

// ── 储值调整 ────────────────────────────────────────────────────────────────────────────

export interface SvAdjustDraft { direction: 'add' | 'deduct'; part: 'principal' | 'bonus'; amount: string; reason: string }
export type SvAdjustField = 'amount' | 'reason';

/**
 * A manager's stored-value correction as storedValue.adjust deltas: one part (本金 or 赠送金额)
 * up or down, with a reason; a deduction never takes that part below zero.
 */
export function svAdjustFrom(d: SvAdjustDraft, balance: { principalFen: number; bonusFen: number }): Parsed<{ principalDelta: number; bonusDelta: number; reason: string }, Partial<Record<SvAdjustField, string>>> {
  const e: Partial<Record<SvAdjustField, string>> = {};
  const amount = yuanField(d.amount, 1);
  const has = d.part === 'principal' ? balance.principalFen : balance.bonusFen;
  if ('error' in amount) e.amount = amount.error;
  else if (d.direction === 'deduct' && amount.fen > has) e.amount = fieldMessage(d.part === 'principal' ? 'offers.adjust.overPrincipal' : 'offers.adjust.overBonus', { balanceFen: has });
  const reason = d.reason.trim();
  if (!reason) e.reason = 'offers.err.required';
  else if (reason.length > 200) e.reason = fieldMessage('offers.err.tooLong', { max: 200 });
  if (Object.keys(e).length || !('fen' in amount)) return { ok: false, errors: e };
  const delta = d.direction === 'add' ? amount.fen : -amount.fen;
  return { ok: true, value: { principalDelta: d.part === 'principal' ? delta : 0, bonusDelta: d.part === 'bonus' ? delta : 0, reason } };
}
