import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import { useMoney } from './format.js';
import { canPrintInPage, PrintStatus } from './print.js';
import type { CompletedSale } from './store.js';
import { NpsPrompt } from '../feedback/NpsPrompt.js';

/**
 * The sale just committed: the change in large type, the receipt number, points earned, a
 * tier upgrade, and the receipt's print job (retry, reprint, preview, print in the page).
 * Stays until the next item is rung up; focus is already back in the search box.
 */
export function LastSalePanel({ done, printerSet, onPreview, onPrintHere }: {
  done: CompletedSale; printerSet: boolean; onPreview: () => void; onPrintHere: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const [jobId, setJobId] = useState(done.printJobId);
  const [reprinting, setReprinting] = useState(false);
  const { sale } = done;
  const cash = sale.payments.find((p) => p.method === 'cash');
  const reprint = async () => {
    if (reprinting) return;
    setReprinting(true);
    const r = await invoke('print.receipt', { saleId: sale.id });
    setReprinting(false);
    if (r.ok) setJobId(r.value.id);
  };
  return (
    <section className="co-done" aria-labelledby="co-done-title">
      <h2 id="co-done-title" className="co-side-title">
        {t('checkout.done.title')}
      </h2>
      <p className="sr-only" role="status">
        {t('checkout.done.announce', { receiptNo: sale.receiptNo, change: money(done.changeFen) })}
      </p>
      <div className="co-done-change">
        <span>{t('checkout.done.change')}</span>
        <strong className="co-big-money" data-testid="change">
          {money(done.changeFen)}
        </strong>
      </div>
      <dl className="co-done-facts">
        <div>
          <dt>{t('checkout.done.receiptNo')}</dt>
          <dd className="mono">{sale.receiptNo}</dd>
        </div>
        <div>
          <dt>{t('checkout.done.total')}</dt>
          <dd>{money(sale.totalFen)}</dd>
        </div>
        <div>
          <dt>{t('checkout.done.paid')}</dt>
          <dd>{sale.payments.map((p) => `${t(`checkout.method.${p.method}`)} ${money(p.amountFen)}`).join(' + ')}</dd>
        </div>
        {cash?.tenderedFen ? (
          <div>
            <dt>{t('checkout.done.tendered')}</dt>
            <dd>{money(cash.tenderedFen)}</dd>
          </div>
        ) : null}
        {sale.memberId !== null ? (
          <div>
            <dt>{t('checkout.done.points')}</dt>
            <dd>{t('checkout.done.pointsValue', { points: sale.pointsEarned })}</dd>
          </div>
        ) : null}
      </dl>
      {done.upgradedTo ? (
        <p className="co-upgrade">
          <span aria-hidden="true">★ </span>
          {t('checkout.done.upgraded', { name: done.memberName ?? '', tier: done.upgradedTo })}
        </p>
      ) : null}
      {done.belowZero && done.belowZero.length > 0 ? (
        <p className="co-upgrade" role="note">
          {t('checkout.done.belowZero', { names: sale.lines.filter((l) => l.productId !== null && done.belowZero!.includes(l.productId)).map((l) => l.name).join('、') })}
        </p>
      ) : null}
      <PrintStatus jobId={jobId} onJob={setJobId} printerSet={printerSet} />
      <div className="co-done-actions">
        <button type="button" className="btn btn-sm btn-outline" onClick={() => void reprint()} aria-disabled={reprinting} disabled={!printerSet}>
          {t('checkout.done.reprint')}
        </button>
        <button type="button" className="btn btn-sm btn-outline" onClick={onPreview}>
          {t('checkout.done.preview')}
        </button>
        {canPrintInPage() ? (
          <button type="button" className="btn btn-sm btn-outline" onClick={onPrintHere}>
            {t('checkout.done.printHere')}
          </button>
        ) : null}
      </div>
      <NpsPrompt key={sale.id} saleId={sale.id} />
      <p className="small muted">{t('checkout.done.next')}</p>
    </section>
  );
}
