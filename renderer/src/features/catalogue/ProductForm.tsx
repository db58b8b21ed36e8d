import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/catalogue.js';
import { classifyBarcode } from '../../../../shared/barcode.js';
import { fenToYuanString, parseYuan } from '../../../../shared/money.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { BranchPrices } from './BranchPrices.js';

type FieldName = 'sku' | 'name' | 'category' | 'price' | 'pointsPct' | 'barcodes';
const ids: Record<FieldName, string> = {
  sku: 'product-sku',
  name: 'product-name',
  category: 'product-category',
  price: 'product-price',
  pointsPct: 'product-points',
  barcodes: 'product-barcodes',
};
const POINTS_CHOICES = [100, 0, 150, 200, 300];

/** The codes typed one per line (or separated by spaces, commas or |). */
export function splitCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,|，]+/).map((c) => c.trim()).filter(Boolean))];
}

/** The first code that is not a valid barcode: a GS1 length with a wrong check digit, or too long. */
export function badBarcode(codes: readonly string[]): string | null {
  return codes.find((c) => c.length > 64 || classifyBarcode(c) === null) ?? null;
}

/** Create or edit a product: SKU, name, category, price, points rule, barcodes (check digits validated), on sale. */
export function ProductForm({ product, onSaved, onClose }: { product: Product | null; onSaved: (p: Product) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const [sku, setSku] = useState(product?.sku ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [category, setCategory] = useState(product?.categoryName ?? '');
  const [price, setPrice] = useState(product ? fenToYuanString(product.priceFen) : '');
  const [pointsPct, setPointsPct] = useState(String(product?.pointsPct ?? 100));
  const [barcodes, setBarcodes] = useState(product?.barcodes.join('\n') ?? '');
  const [active, setActive] = useState(product?.active ?? true);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);
  const [categories, setCategories] = useState<string[]>([]);

  useEffect(() => {
    let cancelled = false;
    void invoke('categories.list', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setCategories(r.value.map((c) => c.name));
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const choices = POINTS_CHOICES.includes(Number(pointsPct)) ? POINTS_CHOICES : [...POINTS_CHOICES, Number(pointsPct)];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const next: Partial<Record<FieldName, string>> = {};
    if (!name.trim()) next.name = t('validation.required');
    const fen = parseYuan(price);
    if (fen === null || fen < 0) next.price = t('checkout.products.form.priceInvalid');
    const codes = splitCodes(barcodes);
    const bad = badBarcode(codes);
    if (bad) next.barcodes = t('checkout.products.form.barcodeInvalid', { code: bad });
    else if (codes.length > 10) next.barcodes = t('checkout.products.form.tooManyBarcodes');
    setErrors(next);
    const first = (Object.keys(ids) as FieldName[]).find((k) => next[k]);
    if (first) return focusLater(ids[first]);
    setBusy(true);
    const r = await invoke('products.save', {
      ...(product ? { id: product.id } : {}),
      ...(sku.trim() ? { sku: sku.trim() } : {}),
      name: name.trim(),
      categoryName: category.trim() || null,
      priceFen: fen!,
      pointsPct: Number(pointsPct),
      barcodes: codes,
      active,
    });
    setBusy(false);
    if (!r.ok) {
      const field = r.error.details?.field;
      const code = r.error.details?.code;
      if (field === 'sku') {
        setErrors({ sku: t('checkout.products.form.skuTaken') });
        focusLater(ids.sku);
      } else if (field === 'barcodes') {
        setErrors({ barcodes: r.error.messageKey === 'errors.barcode_taken' ? t('checkout.products.form.barcodeTaken', { code: String(code ?? '') }) : t('checkout.products.form.barcodeInvalid', { code: String(code ?? '') }) });
        focusLater(ids.barcodes);
      }
      return;
    }
    notifySuccess('checkout.products.form.saved', { name: r.value.name });
    onSaved(r.value);
  };

  return (
    <Modal title={product ? t('checkout.products.form.editTitle', { name: product.name }) : t('checkout.products.form.newTitle')} onClose={onClose} initialFocusId={ids.name} wide>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <div className="field-pair">
          <Field id={ids.sku} label={t('checkout.products.sku')} error={errors.sku} optional={t('common.optional')} hint={product ? undefined : t('checkout.products.form.skuHint')}>
            {(p) => <input {...p} autoComplete="off" maxLength={40} value={sku} onChange={(e) => setSku(e.target.value)} />}
          </Field>
          <Field id={ids.name} label={t('checkout.products.name')} error={errors.name}>
            {(p) => <input {...p} autoComplete="off" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
        </div>
        <div className="field-pair">
          <Field id={ids.category} label={t('checkout.products.category')} optional={t('common.optional')}>
            {(p) => <input {...p} autoComplete="off" list={listId} maxLength={30} value={category} onChange={(e) => setCategory(e.target.value)} />}
          </Field>
          <Field id={ids.price} label={t('checkout.products.form.price')} error={errors.price}>
            {(p) => <input {...p} inputMode="decimal" autoComplete="off" maxLength={12} value={price} onChange={(e) => setPrice(e.target.value)} />}
          </Field>
        </div>
        <datalist id={listId}>
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Field id={ids.pointsPct} label={t('checkout.products.points')}>
          {(p) => (
            <select {...p} value={pointsPct} onChange={(e) => setPointsPct(e.target.value)}>
              {choices.map((n) => (
                <option key={n} value={n}>
                  {n === 0 ? t('checkout.products.pointsNone') : n === 100 ? t('checkout.products.pointsNormal') : t('checkout.products.pointsTimes', { times: n / 100 })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={ids.barcodes} label={t('checkout.products.barcodes')} optional={t('common.optional')} hint={t('checkout.products.form.barcodesHint')} error={errors.barcodes}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              className="mono"
              value={barcodes}
              onChange={(e) => setBarcodes(e.target.value)}
              onKeyDown={(e) => {
                // A scanner's Enter adds a line here rather than submitting the form.
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
              }}
            />
          )}
        </Field>
        <label className="check-row">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('checkout.products.form.active')}
        </label>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy} className="btn btn-primary">
            {busy ? t('common.saving') : t('common.save')}
          </SubmitButton>
        </div>
      </form>
      {product ? <BranchPrices productId={product.id} /> : null}
    </Modal>
  );
}
