import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LowStockItem } from '../../../../shared/contract/stock.js';
import { invoke } from '../../api/client.js';
import { ListTable } from '../../components/ListTable.js';
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
      <ListTable
        caption={t('stock.low.table')}
        showCaption
        columns={[
          { label: t('stock.levels.name') },
          { label: t('stock.levels.onHand'), num: true },
          { label: t('stock.levels.min'), num: true },
          { label: t('stock.low.sold28'), num: true },
          { label: t('stock.low.avgDaily'), num: true },
          { label: t('stock.low.cover'), num: true },
          { label: t('stock.low.shortfall'), num: true },
        ]}
        rows={data?.items ?? null}
        empty={t('stock.low.empty')}
        row={(i) => (
          <tr key={i.productId}>
            <th scope="row">{i.name} <span className="muted small">{i.sku}</span></th>
            <td className="num">{qtyText(i.onHand, i.unit)}</td>
            <td className="num">{qtyText(i.minQty, i.unit)}</td>
            <td className="num">{num(i.sold28)}</td>
            <td className="num">{num(i.avgDaily)}</td>
            <td className="num">{i.coverDays === null ? t('stock.low.noSales') : num(i.coverDays)}</td>
            <td className="num">{qtyText(i.shortfall, i.unit)}</td>
          </tr>
        )}
      />
    </>
  );
}
