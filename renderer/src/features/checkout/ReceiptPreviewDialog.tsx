import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.js';
import { canPrintInPage, printInPage, useReceiptImage } from './print.js';

/** 小票预览: the receipt as the printer would print it (the core renders the same markup as SVG). */
export function ReceiptPreviewDialog({ saleId, receiptNo, onClose }: { saleId: number; receiptNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { url, failed } = useReceiptImage(saleId);
  const alt = t('checkout.receipt.alt', { receiptNo });
  return (
    <Modal title={t('checkout.receipt.title', { receiptNo })} onClose={onClose} initialFocusId="receipt-close">
      <div className="co-receipt-frame">
        {url ? <img src={url} alt={alt} className="co-receipt-img" /> : <p role="status">{failed ? t('checkout.receipt.failed') : t('common.loading')}</p>}
      </div>
      <div className="modal-actions">
        {canPrintInPage() ? (
          <button type="button" className="btn btn-outline" disabled={!url} onClick={() => url && printInPage(<img src={url} alt={alt} className="print-receipt" />)}>
            {t('checkout.receipt.printHere')}
          </button>
        ) : null}
        <button id="receipt-close" type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
