import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/catalogue.js';
import type { ScaleTemplateDto, WeighedProduct } from '../../../../shared/contract/weighing.js';
import { invoke } from '../../api/client.js';
import { notifySuccess } from '../../stores/notices.js';
import { useMoney } from '../checkout/format.js';
import { useWeighedProducts } from './weighed-cache.js';
import { loose } from './loose-t.js';

/** 称重商品: which products are sold by weight, with their PLU, price unit and label layout. */
export function WeighedProductsPanel({ templates }: { templates: ScaleTemplateDto[] }) {
  const { t: tt } = useTranslation();
  const t = loose(tt);
  const money = useMoney();
  const [rows, setRows] = useState<WeighedProduct[]>([]);
  const [code, setCode] = useState('');
  const [product, setProduct] = useState<Product | null>(null);
  const [plu, setPlu] = useState('');
  const [per, setPer] = useState<'kg' | '100g'>('kg');
  const [templateId, setTemplateId] = useState<number | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('scale.weighedProducts', { offset: 0, limit: 500 });
    if (r.ok) setRows(r.value.items);
    void useWeighedProducts.getState().load();
  }, []);
  useEffect(() => { void load(); }, [load]);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const r = await invoke('products.byCode', { code: code.trim() });
    if (r.ok && r.value) {
      setProduct(r.value);
      const w = rows.find((x) => x.productId === r.value!.id);
      setPlu(w ? String(w.plu) : '');
      setPer(w?.per ?? 'kg');
      setTemplateId(w?.templateId ?? null);
    } else if (r.ok) setProduct(null);
  };
  const save = async (asWeighed: boolean) => {
    if (!product) return;
    const n = asWeighed ? Number(plu) : null;
    if (asWeighed && (!/^\d{1,8}$/.test(plu.trim()))) return;
    const r = await invoke('scale.setWeighed', { productId: product.id, plu: n, per, templateId });
    if (r.ok) {
      notifySuccess(asWeighed ? 'weighing.products.saved' : 'weighing.products.removed', { name: product.name });
      setProduct(null);
      setCode('');
      void load();
    }
  };

  return (
    <section aria-labelledby="wg-products-h">
      <h2 id="wg-products-h">{t('weighing.products.title')}</h2>
      <p className="muted">{t('weighing.products.intro')}</p>
      <form className="wg-inline" onSubmit={(e) => void find(e)}>
        <label className="field">
          <span>{t('weighing.products.code')}</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="btn btn-outline">{t('weighing.products.find')}</button>
      </form>
      {product ? (
        <fieldset className="wg-inline">
          <legend>{t('weighing.products.editing', { name: product.name, price: money(product.priceFen) })}</legend>
          <label className="field"><span>{t('weighing.products.plu')}</span><input inputMode="numeric" value={plu} onChange={(e) => setPlu(e.target.value)} /></label>
          <label className="field">
            <span>{t('weighing.products.per')}</span>
            <select value={per} onChange={(e) => setPer(e.target.value as 'kg' | '100g')}>
              <option value="kg">{t('weighing.products.perKg')}</option>
              <option value="100g">{t('weighing.products.per100g')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('weighing.products.template')}</span>
            <select value={templateId ?? ''} onChange={(e) => setTemplateId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('weighing.products.noTemplate')}</option>
              {templates.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select>
          </label>
          <button type="button" className="btn btn-primary" onClick={() => void save(true)}>{t('weighing.products.save')}</button>
          {rows.some((x) => x.productId === product.id) ? <button type="button" className="btn btn-ghost" onClick={() => void save(false)}>{t('weighing.products.byCount')}</button> : null}
        </fieldset>
      ) : null}
      <div className="table-wrap">
        <table className="table">
          <caption className="table-caption">{t('weighing.products.title')}</caption>
          <thead><tr><th scope="col">{t('weighing.products.plu')}</th><th scope="col">{t('weighing.products.name')}</th><th scope="col">{t('weighing.products.price')}</th><th scope="col">{t('weighing.products.template')}</th></tr></thead>
          <tbody>
            {rows.length === 0 ? <tr><td colSpan={4}>{t('weighing.products.empty')}</td></tr> : rows.map((w) => (
              <tr key={w.productId}>
                <td><code>{w.plu}</code></td>
                <th scope="row">{w.name}</th>
                <td>{money(w.priceFen)}{t(`weighing.per.${w.per}`)}</td>
                <td>{templates.find((x) => x.id === w.templateId)?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
