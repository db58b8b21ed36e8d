import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LowStockItem } from '../../../../shared/contract/stock.js';
import { invoke } from '../../api/client.js';
import { downloadText } from '../../components/download.js';
import { notifySuccess } from '../../stores/notices.js';
import { useQty } from './shared.js';

/** 补货清单: products below their minimum, most short first, with 28-day sales and days of cover; CSV for the supplier. */
export function LowStockPanel() {
  const { t, i18n } = useTranslation();
  const qtyText = useQty();
  const [data, setData] = useState<{ items: LowStockItem[]; total: number } | null>(null);
  useEffect(() => {
    void invoke('stock.lowStock', { limit: 500 }, { quiet: true }).then((r) => { if (r.ok) setData(r.value); });
  }, []);
  const exportCsv = async () => {
    const r = await invoke('stock.lowStockCsv', {});
    if (!r.ok) return;
    downloadText(r.value.csv, `补货清单-${new Date().toISOString().slice(0, 10)}.csv`);
    notifySuccess('stock.low.exported', { rows: r.value.rows });
  };
  const num = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 2 });
  return (
    <>
      <div className="stock-actions">
        <button type="button" className="btn btn-primary" onClick={() => void exportCsv()}>{t('stock.low.export')}</button>
      </div>
      <div className="table-wrap">
        <table className="table">
          <caption className="table-caption">{t('stock.low.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stock.levels.name')}</th>
              <th scope="col" className="num">{t('stock.levels.onHand')}</th>
              <th scope="col" className="num">{t('stock.levels.min')}</th>
              <th scope="col" className="num">{t('stock.low.sold28')}</th>
              <th scope="col" className="num">{t('stock.low.avgDaily')}</th>
              <th scope="col" className="num">{t('stock.low.cover')}</th>
              <th scope="col" className="num">{t('stock.low.shortfall')}</th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr><td colSpan={7} role="status">{t('common.loading')}</td></tr>
            ) : data.items.length === 0 ? (
              <tr><td colSpan={7}>{t('stock.low.empty')}</td></tr>
            ) : data.items.map((i) => (
              <tr key={i.productId}>
                <th scope="row">{i.name} <span className="muted small">{i.sku}</span></th>
                <td className="num">{qtyText(i.onHand, i.unit)}</td>
                <td className="num">{qtyText(i.minQty, i.unit)}</td>
                <td className="num">{num(i.sold28)}</td>
                <td className="num">{num(i.avgDaily)}</td>
                <td className="num">{i.coverDays === null ? t('stock.low.noSales') : num(i.coverDays)}</td>
                <td className="num">{qtyText(i.shortfall, i.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
