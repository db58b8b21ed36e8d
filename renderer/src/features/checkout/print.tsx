import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { PrintJob } from '../../../../shared/contract/checkout.js';
import { getTransport, invoke } from '../../api/client.js';
import { usePosEvent } from '../../hooks/usePosEvent.js';

/**
 * Printing in the page (the browser host has no receipt printer of its own): what to print
 * is rendered into a root outside the app (portal on <body>), and the print stylesheet
 * (checkout.css, @media print) hides everything else, so only the receipt or report prints.
 */
const usePagePrint = create<{ content: ReactNode | null; set(c: ReactNode | null): void }>()((set) => ({
  content: null,
  set: (content) => set({ content }),
}));

export function printInPage(content: ReactNode): void {
  usePagePrint.getState().set(content);
}

/** Whether this till prints in the page (browser host) rather than only through the core. */
export const canPrintInPage = () => getTransport()?.kind === 'http';

export function PrintRoot() {
  const content = usePagePrint((s) => s.content);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!content) return;
    let cancelled = false;
    const images = [...(ref.current?.querySelectorAll('img') ?? [])];
    void Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(() => {
      if (cancelled) return;
      window.print();
      usePagePrint.getState().set(null);
    });
    return () => {
      cancelled = true;
    };
  }, [content]);
  if (!content) return null;
  return createPortal(
    <div ref={ref} className="print-root">
      {content}
    </div>,
    document.body,
  );
}

/** A receipt's SVG preview as an image (an <img> never runs what is inside the SVG). */
export function useReceiptImage(saleId: number | null): { url: string | null; failed: boolean } {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (saleId === null) return;
    let cancelled = false;
    let made: string | null = null;
    setUrl(null);
    setFailed(false);
    void invoke('receipts.preview', { saleId }).then((r) => {
      if (cancelled) return;
      if (!r.ok) return setFailed(true);
      made = URL.createObjectURL(new Blob([r.value.svg], { type: 'image/svg+xml' }));
      setUrl(made);
    });
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [saleId]);
  return { url, failed };
}

/** Follows one print job: pushed `print.job` events, with a slow poll as a safety net. */
export function usePrintJob(jobId: number | null): { job: PrintJob | null; update: (job: PrintJob) => void } {
  const [job, setJob] = useState<PrintJob | null>(null);
  usePosEvent('print.job', (e) => {
    if (e.job.id === jobId) setJob(e.job);
  }, jobId !== null);
  const settled = job?.status === 'done' || job?.status === 'failed';
  const status = job?.status;
  useEffect(() => {
    if (jobId === null) {
      setJob(null);
      return;
    }
    setJob((j) => (j?.id === jobId ? j : null));
  }, [jobId]);
  useEffect(() => {
    if (jobId === null || settled) return;
    let cancelled = false;
    const poll = async () => {
      const r = await invoke('print.jobs', { limit: 50 }, { quiet: true });
      const found = r.ok ? r.value.find((j) => j.id === jobId) : undefined;
      if (!cancelled && found) setJob((j) => (j && j.id === found.id && j.status === found.status ? j : found));
    };
    void poll();
    const timer = setInterval(() => void poll(), 1500);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [jobId, settled, status]);
  return { job: job?.id === jobId ? job : null, update: setJob };
}

/** "Printing / printed / failed (retry)" for a receipt or report job. */
export function PrintStatus({ jobId, onJob, printerSet }: { jobId: number | null; onJob: (id: number) => void; printerSet: boolean }) {
  const { t } = useTranslation();
  const { job, update } = usePrintJob(jobId);
  const [busy, setBusy] = useState(false);
  if (jobId === null) return <p className="co-print co-print-none">{printerSet ? t('checkout.print.noJob') : t('checkout.print.noPrinter')}</p>;
  const state = job?.status ?? 'pending';
  return (
    <div className={`co-print co-print-${state}`} role="status">
      <span className="co-print-dot" aria-hidden="true" />
      <span>
        {state === 'failed'
          ? t('checkout.print.failed', { reason: job?.lastError ? t('checkout.print.reason', { reason: job.lastError }) : '' })
          : t(`checkout.print.${state}`)}
      </span>
      {state === 'failed' ? (
        <button
          type="button"
          className="btn btn-sm btn-accent"
          aria-disabled={busy}
          onClick={async () => {
            if (busy) return;
            setBusy(true);
            const r = await invoke('print.retry', { jobId });
            setBusy(false);
            if (r.ok) {
              update(r.value);
              onJob(r.value.id);
            }
          }}
        >
          {t('checkout.print.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Prints a sale's receipt through the browser's print dialog (browser host). */
export async function printReceiptInPage(saleId: number, alt: string): Promise<void> {
  const r = await invoke('receipts.preview', { saleId });
  if (!r.ok) return;
  const url = URL.createObjectURL(new Blob([r.value.svg], { type: 'image/svg+xml' }));
  printInPage(<img src={url} alt={alt} className="print-receipt" />);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
