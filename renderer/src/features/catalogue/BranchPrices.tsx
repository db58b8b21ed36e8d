import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BranchPrice } from '../../../../shared/contract/branches.js';
import { fenToYuanString, parseYuan } from '../../../../shared/money.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { focusLater } from '../../components/focus.js';

const CODE_ID = 'branch-price-code';
const PRICE_ID = 'branch-price-fen';

/**
 * 分店价格, in the product editor at head office of a chain (README "A chain of shops"): the
 * branches that sell this product at their own price, and setting or taking one back. Not a
 * <form> (it sits beside the product's form); Enter in either box sets the price.
 */
export function BranchPrices({ productId }: { productId: number }) {
  const { t } = useTranslation();
  const [headOffice, setHeadOffice] = useState(false);
  const [prices, setPrices] = useState<BranchPrice[]>([]);
  const [code, setCode] = useState('');
  const [price, setPrice] = useState('');
  const [error, setError] = useState<{ field: 'code' | 'price'; text: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void invoke('sync.status', {}, { quiet: true }).then(async (s) => {
      if (cancelled || !s.ok || !s.value.branch?.headOffice) return;
      setHeadOffice(true);
      const r = await invoke('products.branchPrices', { productId }, { quiet: true });
      if (!cancelled && r.ok) setPrices(r.value);
    });
    return () => { cancelled = true; };
  }, [productId]);

  if (!headOffice) return null;

  const set = async (branchCode: string, priceFen: number | null) => {
    const r = await invoke('products.setBranchPrice', { productId, branchCode, priceFen });
    if (r.ok) {
      setPrices(r.value);
      setCode('');
      setPrice('');
      setError(null);
    }
  };
  const add = () => {
    const c = code.trim().toUpperCase();
    if (!/^B\d{1,3}$/.test(c)) {
      setError({ field: 'code', text: t('checkout.products.branchPrices.codeInvalid') });
      return focusLater(CODE_ID);
    }
    const fen = parseYuan(price);
    if (fen === null || fen < 0) {
      setError({ field: 'price', text: t('checkout.products.form.priceInvalid') });
      return focusLater(PRICE_ID);
    }
    void set(c, fen);
  };
  const onEnter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    add();
  };

  return (
    <section className="branch-prices" aria-labelledby="branch-prices-title">
      <h3 id="branch-prices-title">{t('checkout.products.branchPrices.title')}</h3>
      <p className="field-hint">{t('checkout.products.branchPrices.hint')}</p>
      {prices.length === 0 ? <p>{t('checkout.products.branchPrices.none')}</p> : (
        <table aria-label={t('checkout.products.branchPrices.title')}>
          <thead><tr><th>{t('checkout.products.branchPrices.branch')}</th><th>{t('checkout.products.form.price')}</th><th /></tr></thead>
          <tbody>
            {prices.map((p) => (
              <tr key={p.branchCode}>
                <td>{p.branchCode}</td>
                <td>¥{fenToYuanString(p.priceFen)}</td>
                <td>
                  <button type="button" className="btn" onClick={() => void set(p.branchCode, null)}>
                    {t('checkout.products.branchPrices.remove', { branch: p.branchCode })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="field-pair">
        <Field id={CODE_ID} label={t('checkout.products.branchPrices.branch')} hint={t('checkout.products.branchPrices.codeHint')} error={error?.field === 'code' ? error.text : undefined}>
          {(p) => <input {...p} autoComplete="off" maxLength={4} value={code} onChange={(e) => setCode(e.target.value)} onKeyDown={onEnter} />}
        </Field>
        <Field id={PRICE_ID} label={t('checkout.products.form.price')} error={error?.field === 'price' ? error.text : undefined}>
          {(p) => <input {...p} inputMode="decimal" autoComplete="off" maxLength={12} value={price} onChange={(e) => setPrice(e.target.value)} onKeyDown={onEnter} />}
        </Field>
      </div>
      <button type="button" className="btn" onClick={add}>{t('checkout.products.branchPrices.set')}</button>
    </section>
  );
}
