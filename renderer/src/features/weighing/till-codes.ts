import type { Product } from '../../../../shared/contract/catalogue.js';
import type { AppError } from '../../../../shared/errors.js';
import type { WeighedLine } from '../../../../shared/contract/weighing.js';
import { classifyPaymentCode } from '../../../../shared/payment-codes.js';
import { invoke } from '../../api/client.js';
import { weighedProductOf } from './weighed-cache.js';

/**
 * The till's codes that are not a product's barcode, checked before any product lookup:
 * a customer's payment code (付款码) outside the payment step is never looked up — the
 * cashier is told what it is; a scale label (条码秤, in-store range 20–27) becomes a weighed
 * line read by the core. Answers whether the code was handled.
 */
export type CodeOutcome = 'handled' | 'not_special';

const SCALE_LIKE = /^2[0-7]\d{6,22}$/;

export async function tillSpecialCode(code: string, d: {
  refuse: (e: AppError) => void;
  addWeighed: (p: Product, w: WeighedLine) => void;
}): Promise<CodeOutcome> {
  const method = classifyPaymentCode(code);
  if (method) {
    d.refuse({ code: 'rule_violation', messageKey: 'payments.scan.outside', details: { method } });
    return 'handled';
  }
  if (!SCALE_LIKE.test(code)) return 'not_special';
  const r = await invoke('scale.readLabel', { code }, { quiet: true });
  if (r.ok) {
    d.addWeighed(r.value.product, r.value.weighed);
    return 'handled';
  }
  // An in-store code no layout reads may still be one of the shop's own barcodes: the catalogue decides.
  if (r.error.messageKey === 'errors.scale_unknown_prefix') {
    const p = await invoke('products.byCode', { code }, { quiet: true });
    if (p.ok && p.value) return 'not_special';
  }
  d.refuse(r.error);
  return 'handled';
}

/** Whether a product picked at the till must be weighed first (sold by weight). */
export const mustWeigh = (p: Product) => weighedProductOf(p.id) !== null;
