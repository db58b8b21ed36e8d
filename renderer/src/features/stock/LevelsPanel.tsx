import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockLevel } from '../../../../shared/contract/stock.js';
import { invoke } from '../../api/client.js';
import { ListTable } from '../../components/ListTable.js';
import { Field } from '../../components/Field.js';
import { useMoney } from '../checkout/format.js';
import { ProductStockDialog } from './ProductStockDialog.js';
import { useQty } from './shared.js';

const PAGE = 50;
type Filter = 'all' | 'low' | 'negative';

/** 库存查询: on hand, minimum, average cost and value per product, paged; negative stock is flagged. */
export function LevelsPanel() {
  const { t } = useTranslation();
  const money = useMoney();
  const qtyText = useQty();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ items: StockLevel[]; total: number } | null>(null);
  const [editing, setEditing] = useState<StockLevel | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('stock.levels', { offset, limit: PAGE, filter, ...(query.trim() ? { query: query.trim() } : {}) }, { quiet: true });
    if (r.ok) setData(r.value);
  }, [offset, filter, query]);
  useEffect(() => { void load(); }, [load]);

  return (
    <>
      <div className="stock-scan">
        <Field label={t('stock.levels.search')}>
          {(p) => <input {...p} type="search" name="query" maxLength={64} autoComplete="off" value={query} onChange={(e) => { setQuery(e.target.value); setOffset(0); }} />}
        </Field>
        <fieldset className="radio-row">
          <legend>{t('stock.levels.filter')}</legend>
          {(['all', 'low', 'negative'] as const).map((k) => (
            <label key={k} className="radio-pill">
              <input type="radio" name="filter" checked={filter === k} onChange={() => { setFilter(k); setOffset(0); }} />
              {t(`stock.levels.${k}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <ListTable
        caption={t('stock.levels.table')}
        showCaption
        columns={[
          { label: t('stock.levels.name') },
          { label: t('stock.levels.onHand'), num: true },
          { label: t('stock.levels.min'), num: true },
          { label: t('stock.levels.avgCost'), num: true },
          { label: t('stock.levels.value'), num: true },
          { label: <span className="sr-only">{t('stock.levels.edit')}</span> },
        ]}
        rows={data?.items ?? null}
        row={(l) => (
          <tr key={l.productId}>
            <th scope="row">{l.name} <span className="muted small">{l.sku}</span></th>
            <td className="num">
              {l.stocked ? qtyText(l.onHand, l.unit) : t('stock.levels.notStocked')}
              {l.belowZero ? <> <span className="badge-warn">{t('stock.levels.belowZero')}</span></> : null}
            </td>
            <td className="num">{l.minQty === null ? '—' : qtyText(l.minQty, l.unit)}</td>
            <td className="num">{l.avgCostFen === null ? '—' : money(l.avgCostFen)}</td>
            <td className="num">{money(l.valueFen)}</td>
            <td>
              <button type="button" className="btn btn-outline btn-sm" aria-label={t('stock.levels.editOf', { name: l.name })} onClick={() => setEditing(l)}>{t('stock.levels.edit')}</button>
            </td>
          </tr>
        )}
      />
      {data ? (
        <div className="stock-actions">
          <span>{t('stock.levels.total', { total: data.total })}</span>
          <button type="button" className="btn btn-outline btn-sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('stock.levels.prev')}</button>
          <button type="button" className="btn btn-outline btn-sm" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>{t('stock.levels.next')}</button>
        </div>
      ) : null}
      {editing ? <ProductStockDialog level={editing} onClose={() => { setEditing(null); void load(); }} /> : null}
    </>
  );
}
