import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../../shared/money.js';
import { cashierMarkdownPct, priceLine, type LineDiscount, type PricingRules } from '../../../../shared/pricing.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { MAX_QTY, toPricingLines, type CartLine } from './model/cart.js';
import { useMoney, yuanText } from './format.js';

type Kind = 'none' | 'percent' | 'amount' | 'override';

export interface LineTerms {
  qty: number;
  priceOverrideFen: number | null;
  discount: LineDiscount | null;
}

interface Props {
  line: CartLine;
  rules: PricingRules;
  limitPct: number;
  /** Whether saving terms beyond the limit needs a manager (the signed-in person is a cashier). */
  needsManager: boolean;
  focus: 'qty' | 'terms';
  onSave: (terms: LineTerms, beyondLimit: boolean) => void;
  onClose: () => void;
}

const QTY_ID = 'line-edit-qty';

/** Quantity, a line discount (percent or amount off) or a new unit price (改价) for one line. */
export function LineEditDialog({ line, rules, limitPct, needsManager, focus, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const initialKind: Kind = line.priceOverrideFen !== null ? 'override' : line.discount?.kind ?? 'none';
  const [qty, setQty] = useState(String(line.qty));
  const [kind, setKind] = useState<Kind>(initialKind);
  const [pct, setPct] = useState(line.discount?.kind === 'percent' ? String(line.discount.pricePct) : '');
  const [off, setOff] = useState(line.discount?.kind === 'amount' ? yuanText(line.discount.fen) : '');
  const [price, setPrice] = useState(line.priceOverrideFen !== null ? yuanText(line.priceOverrideFen) : '');
  const [tried, setTried] = useState(false);

  const qtyN = /^\d{1,4}$/.test(qty.trim()) ? Number(qty.trim()) : NaN;
  const qtyError = !(qtyN >= 1 && qtyN <= MAX_QTY) ? t('checkout.line.qtyInvalid', { max: MAX_QTY }) : undefined;
  let termsError: string | undefined;
  let terms: Pick<LineTerms, 'priceOverrideFen' | 'discount'> = { priceOverrideFen: null, discount: null };
  if (kind === 'percent') {
    const n = /^\d{1,3}$/.test(pct.trim()) ? Number(pct.trim()) : NaN;
    if (!(n >= 0 && n <= 100)) termsError = t('checkout.line.pctInvalid');
    else terms = { priceOverrideFen: null, discount: { kind: 'percent', pricePct: n } };
  } else if (kind === 'amount') {
    const fen = parseYuan(off);
    if (fen === null || fen < 0) termsError = t('checkout.line.moneyInvalid');
    else terms = { priceOverrideFen: null, discount: { kind: 'amount', fen } };
  } else if (kind === 'override') {
    const fen = parseYuan(price);
    if (fen === null || fen < 0) termsError = t('checkout.line.moneyInvalid');
    else terms = { priceOverrideFen: fen, discount: null };
  }
  const preview = priceLine({ ...toPricingLines([line])[0]!, qty: Number.isNaN(qtyN) ? line.qty : qtyN, ...terms }, rules);
  const markdown = cashierMarkdownPct(preview);
  const beyond = markdown > limitPct + 1e-9;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (qtyError || termsError) return;
    onSave({ qty: qtyN, ...terms }, beyond);
  };

  const kinds: Kind[] = ['none', 'percent', 'amount', 'override'];
  return (
    <Modal title={t('checkout.line.title', { name: line.product.name })} onClose={onClose} initialFocusId={focus === 'qty' ? QTY_ID : `line-edit-kind-${initialKind}`}>
      <form noValidate onSubmit={submit}>
        <Field id={QTY_ID} label={t('checkout.line.qty')} error={tried ? qtyError : undefined}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              autoComplete="off"
              value={qty}
              maxLength={4}
              onChange={(e) => setQty(e.target.value.replace(/\D/g, ''))}
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
        </Field>
        <fieldset className="radio-row">
          <legend>{t('checkout.line.terms')}</legend>
          {kinds.map((k) => (
            <label key={k} className="radio-pill">
              <input id={`line-edit-kind-${k}`} type="radio" name="line-kind" checked={kind === k} onChange={() => setKind(k)} />
              {t(`checkout.line.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'percent' ? (
          <Field label={t('checkout.line.pct')} hint={t('checkout.line.pctHint')} error={tried ? termsError : undefined}>
            {(p) => <input {...p} inputMode="numeric" autoComplete="off" value={pct} maxLength={3} onChange={(e) => setPct(e.target.value)} />}
          </Field>
        ) : null}
        {kind === 'amount' ? (
          <Field label={t('checkout.line.amountOff')} error={tried ? termsError : undefined}>
            {(p) => <input {...p} inputMode="decimal" autoComplete="off" value={off} maxLength={12} onChange={(e) => setOff(e.target.value)} />}
          </Field>
        ) : null}
        {kind === 'override' ? (
          <Field label={t('checkout.line.newPrice')} hint={t('checkout.line.listPrice', { price: money(line.product.priceFen) })} error={tried ? termsError : undefined}>
            {(p) => <input {...p} inputMode="decimal" autoComplete="off" value={price} maxLength={12} onChange={(e) => setPrice(e.target.value)} />}
          </Field>
        ) : null}
        <p className="co-line-preview" role="status">
          {t('checkout.line.preview', { total: money(preview.totalFen), list: money(preview.listFen) })}
        </p>
        {beyond ? (
          <p className="co-warn">
            {needsManager ? t('checkout.line.needsManager', { pct: limitPct }) : t('checkout.line.beyondLimit', { pct: limitPct })}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('checkout.line.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
