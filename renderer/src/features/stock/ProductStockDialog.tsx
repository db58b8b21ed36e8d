import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOSS_REASONS, type StockLevel, type StockMove } from '../../../../shared/contract/stock.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { notifySuccess } from '../../stores/notices.js';
import { useMoney } from '../checkout/format.js';
import { intInput, yuanInput } from '../members/format.js';
import { useQty } from './shared.js';

/**
 * One product's stock: its settings (stocked, unit, grams per unit sold, minimum), a loss
 * (报损) with its reason, the opening balance while it has no moves yet, and its latest moves.
 */
export function ProductStockDialog({ level: initial, onClose }: { level: StockLevel; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const qtyText = useQty();
  const [level, setLevel] = useState(initial);
  const [stocked, setStocked] = useState(initial.stocked);
  const [unit, setUnit] = useState(initial.unit);
  const [grams, setGrams] = useState(initial.saleGrams === null ? '' : String(initial.saleGrams));
  const [min, setMin] = useState(initial.minQty === null ? '' : String(initial.minQty));
  const [lossQty, setLossQty] = useState('');
  const [lossReason, setLossReason] = useState<(typeof LOSS_REASONS)[number]>('expired');
  const [lossNote, setLossNote] = useState('');
  const [openQty, setOpenQty] = useState('');
  const [openCost, setOpenCost] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [moves, setMoves] = useState<StockMove[]>([]);

  const loadMoves = async () => {
    const r = await invoke('stock.moves', { productId: initial.productId, limit: 20 }, { quiet: true });
    if (r.ok) setMoves(r.value.items);
  };
  useEffect(() => { void loadMoves(); }, []);

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    const g = unit === 'gram' ? intInput(grams, 1, 100_000) : null;
    const m = intInput(min, 0, 1_000_000);
    const e: Record<string, string> = {};
    if (unit === 'gram' && g == null) e.grams = t('errors.stock_sale_grams_required');
    if (m === undefined) e.min = t('stock.receive.badQty');
    setErrors(e);
    if (Object.keys(e).length) return;
    const r = await invoke('stock.settings', { productId: level.productId, stocked, unit, saleGrams: g ?? null, minQty: m ?? null });
    if (!r.ok) return;
    setLevel(r.value);
    notifySuccess('stock.product.saved', { name: r.value.name });
  };

  const loss = async (ev: FormEvent) => {
    ev.preventDefault();
    const q = intInput(lossQty, 1, 1_000_000);
    if (q == null) return setErrors({ lossQty: t('stock.receive.badQty') });
    setErrors({});
    const r = await invoke('stock.loss', { productId: level.productId, qty: q, reason: lossReason, note: lossNote.trim() });
    if (!r.ok) return;
    setLevel(r.value);
    setLossQty('');
    setLossNote('');
    notifySuccess('stock.product.lossDone', { qty: qtyText(q, r.value.unit), onHand: qtyText(r.value.onHand, r.value.unit) });
    void loadMoves();
  };

  const opening = async (ev: FormEvent) => {
    ev.preventDefault();
    const q = intInput(openQty, 1, 1_000_000);
    const c = yuanInput(openCost);
    const e: Record<string, string> = {};
    if (q == null) e.openQty = t('stock.receive.badQty');
    if (c == null) e.openCost = t('stock.receive.badCost');
    setErrors(e);
    if (Object.keys(e).length) return;
    const r = await invoke('stock.opening', { productId: level.productId, qty: q!, unitCostFen: c! });
    if (!r.ok) return;
    setLevel(r.value);
    notifySuccess('stock.product.openingDone', { onHand: qtyText(r.value.onHand, r.value.unit) });
    void loadMoves();
  };

  return (
    <Modal title={t('stock.product.title', { name: level.name })} onClose={onClose} wide>
      <p>{t('stock.levels.onHand')}: {qtyText(level.onHand, level.unit)} · {t('stock.levels.avgCost')}: {level.avgCostFen === null ? '—' : money(level.avgCostFen)} · {t('stock.levels.value')}: {money(level.valueFen)}</p>
      <form className="stock-scan" onSubmit={(e) => void save(e)} aria-label={t('stock.product.save')}>
        <label className="check"><input type="checkbox" name="stocked" checked={stocked} onChange={(e) => setStocked(e.target.checked)} /> {t('stock.product.stocked')}</label>
        <Field label={t('stock.product.unit')}>
          {(p) => (
            <select {...p} name="unit" value={unit} onChange={(e) => setUnit(e.target.value as 'piece' | 'gram')}>
              <option value="piece">{t('stock.unit.piece')}</option>
              <option value="gram">{t('stock.unit.gram')}</option>
            </select>
          )}
        </Field>
        {unit === 'gram' ? (
          <Field label={t('stock.product.saleGrams')} error={errors.grams}>
            {(p) => <input {...p} name="saleGrams" inputMode="numeric" maxLength={6} value={grams} onChange={(e) => setGrams(e.target.value)} />}
          </Field>
        ) : null}
        <Field label={t('stock.product.min')} error={errors.min}>
          {(p) => <input {...p} name="minQty" inputMode="numeric" maxLength={7} value={min} onChange={(e) => setMin(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-primary">{t('stock.product.save')}</button>
      </form>
      {level.stocked ? (
        <form className="stock-scan" onSubmit={(e) => void loss(e)} aria-label={t('stock.product.loss')}>
          <Field className="qty" label={t('stock.qty')} error={errors.lossQty}>
            {(p) => <input {...p} name="lossQty" inputMode="numeric" maxLength={7} value={lossQty} onChange={(e) => setLossQty(e.target.value)} />}
          </Field>
          <Field label={t('stock.product.lossReason')}>
            {(p) => (
              <select {...p} name="lossReason" value={lossReason} onChange={(e) => setLossReason(e.target.value as typeof lossReason)}>
                {LOSS_REASONS.map((r) => <option key={r} value={r}>{t(`stock.product.lossReasons.${r}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('stock.product.lossNote')}>
            {(p) => <input {...p} name="lossNote" maxLength={200} value={lossNote} onChange={(e) => setLossNote(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn-outline">{t('stock.product.loss')}</button>
        </form>
      ) : null}
      {level.stocked && moves.length === 0 ? (
        <form className="stock-scan" onSubmit={(e) => void opening(e)} aria-label={t('stock.product.opening')}>
          <Field className="qty" label={t('stock.product.opening')} error={errors.openQty}>
            {(p) => <input {...p} name="openQty" inputMode="numeric" maxLength={7} value={openQty} onChange={(e) => setOpenQty(e.target.value)} />}
          </Field>
          <Field label={t('stock.product.openingCost')} error={errors.openCost}>
            {(p) => <input {...p} name="openCost" inputMode="decimal" maxLength={10} value={openCost} onChange={(e) => setOpenCost(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn-outline">{t('stock.product.opening')}</button>
        </form>
      ) : null}
      {moves.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="table-caption">{t('stock.product.moves')}</caption>
            <tbody>
              {moves.map((m) => (
                <tr key={m.id}>
                  <td>{m.at.replace('T', ' ')}</td>
                  <th scope="row">{t(`stock.product.moveReason.${m.reason}`)}{m.lossReason ? ` · ${t(`stock.product.lossReasons.${m.lossReason}`)}` : ''}</th>
                  <td className="num">{m.qty > 0 ? `+${m.qty}` : m.qty}</td>
                  <td className="num">{money(m.valueFen)}</td>
                  <td>{m.belowZero ? <span className="badge-warn">{t('stock.levels.belowZero')}</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="stock-actions"><button type="button" className="btn btn-outline" onClick={onClose}>{t('stock.product.close')}</button></div>
    </Modal>
  );
}
