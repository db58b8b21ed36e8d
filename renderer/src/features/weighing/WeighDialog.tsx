import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/catalogue.js';
import type { WeighedLine } from '../../../../shared/contract/weighing.js';
import { sellableGrams, type WeightReading } from '../../../../shared/scale/weight-string.js';
import { weighedPriceFen, formatKg } from '../../../../shared/scale/weigh-price.js';
import { invoke } from '../../api/client.js';
import { Modal } from '../../components/Modal.js';
import { usePosEvent } from '../../hooks/usePosEvent.js';
import { useMoney } from '../checkout/format.js';
import { weighedProductOf } from './weighed-cache.js';
import './weighing.css';

const GRAMS_ID = 'weigh-grams';
const ADD_ID = 'weigh-add';

/**
 * 称重: a product sold by weight, picked at the till. The serial scale's live weight is shown
 * (稳定 / 不稳定, net when the scale tares), with the till's own 去皮 for a container; Enter
 * takes a stable weight. With no scale at this till the cashier types the grams instead.
 * The core prices the weight again on commit (scale.priceWeight gives the same answer now).
 */
type Props = { product: Product; onAdd: (w: WeighedLine) => void; onClose: () => void };

export function WeighDialog(props: Props) {
  // This till's scale first, so the dialog opens with focus where it belongs (加入 with a scale, the grams without).
  const [scale, setScale] = useState<{ hasScale: boolean; maxGrams: number } | null>(null);
  // Listening from the first moment: a reading pushed while the config loads is not lost.
  const [reading, setReading] = useState<{ r: WeightReading | null; pushed: boolean }>({ r: null, pushed: false });
  usePosEvent('scale.weight', (e) => setReading({ r: e.reading, pushed: true }));
  useEffect(() => {
    void (async () => {
      const [c, r] = await Promise.all([invoke('scale.config', {}, { quiet: true }), invoke('scale.reading', {}, { quiet: true })]);
      if (r.ok) setReading((x) => (x.pushed ? x : { r: r.value, pushed: false }));
      setScale({ hasScale: c.ok && c.value.path !== null, maxGrams: c.ok ? c.value.maxGrams : 30_000 });
    })();
  }, []);
  return scale ? <WeighForm {...props} {...scale} reading={reading.r} /> : null;
}

function WeighForm({ product, onAdd, onClose, hasScale, maxGrams, reading }: Props & { hasScale: boolean; maxGrams: number; reading: WeightReading | null }) {
  const { t } = useTranslation();
  const money = useMoney();
  const weighed = weighedProductOf(product.id);
  const [tare, setTare] = useState(0);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setProblem(null), [reading]);

  const per = weighed?.per ?? 'kg';
  const fromScale = hasScale ? sellableGrams(reading, tare, maxGrams) : null;
  const typedGrams = /^\d{1,7}$/.test(typed.trim()) ? Number(typed.trim()) : null;
  const grams = hasScale ? (fromScale && 'grams' in fromScale ? fromScale.grams : null) : typedGrams;
  const price = grams !== null ? weighedPriceFen(grams, product.priceFen, per) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (grams === null || grams <= 0) {
      setProblem(hasScale && fromScale && 'problem' in fromScale ? t(`weighing.weigh.problem.${fromScale.problem}`) : t('weighing.weigh.problem.zero_weight'));
      return;
    }
    const r = await invoke('scale.priceWeight', { productId: product.id, grams });
    if (r.ok) onAdd(r.value);
  };

  return (
    <Modal title={t('weighing.weigh.title', { name: product.name })} onClose={onClose} initialFocusId={hasScale ? ADD_ID : GRAMS_ID}>
      <form noValidate onSubmit={(e) => void submit(e)} className="wg-weigh">
        <p>{t('weighing.weigh.unitPrice', { price: money(product.priceFen), unit: t(`weighing.per.${per}`) })}</p>
        {hasScale ? (
          <div className="wg-live" role="status" aria-live="polite" aria-label={t('weighing.weigh.live')}>
            <strong className="co-big-money">{reading ? `${formatKg(Math.max(0, reading.grams - tare))} kg` : '—'}</strong>
            <span className={reading?.stable ? 'wg-stable' : 'wg-unstable'}>
              {!reading ? t('weighing.weigh.noReading') : reading.overload ? t('weighing.weigh.overload') : reading.stable ? t('weighing.weigh.stable') : t('weighing.weigh.unstable')}
            </span>
            {reading?.net ? <span className="small muted">{t('weighing.weigh.net')}</span> : null}
            {tare > 0 ? <span className="small muted">{t('weighing.weigh.tare', { kg: formatKg(tare) })}</span> : null}
          </div>
        ) : (
          <label className="field">
            <span>{t('weighing.weigh.grams')}</span>
            <input id={GRAMS_ID} inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => { setTyped(e.target.value); setProblem(null); }} />
          </label>
        )}
        <p aria-live="polite">{price !== null ? t('weighing.weigh.price', { price: money(price) }) : ''}</p>
        {problem ? <p role="alert" className="co-pay-problem">{problem}</p> : null}
        <div className="modal-actions">
          {hasScale ? (
            <button type="button" className="btn btn-outline" onClick={() => setTare(tare > 0 ? 0 : Math.max(0, reading?.grams ?? 0))}>
              {tare > 0 ? t('weighing.weigh.clearTare') : t('weighing.weigh.setTare')}
            </button>
          ) : null}
          <button type="button" className="btn btn-ghost" onClick={onClose}>{t('common.cancel')}</button>
          <button id={ADD_ID} type="submit" className="btn btn-primary" aria-disabled={grams === null}>{t('weighing.weigh.add')}</button>
        </div>
      </form>
    </Modal>
  );
}
