import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useNotices, type Notice } from '../stores/notices.js';
import { useOverlays } from '../stores/overlays.js';
import { errorMessage } from '../i18n/errors.js';

function NoticeItem({ notice }: { notice: Notice }) {
  const { t, i18n } = useTranslation();
  const dismiss = useNotices((s) => s.dismiss);
  const text =
    notice.kind === 'error'
      ? errorMessage(t, i18n, notice.error, i18n.language)
      : (t as unknown as (k: string, v?: Record<string, unknown>) => string)(notice.key, notice.values);
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span className="notice-icon" aria-hidden="true">
        {notice.kind === 'error' ? '!' : '✓'}
      </span>
      <span className="notice-text">{text}</span>
      <button type="button" className="notice-close" aria-label={t('common.dismiss')} onClick={() => dismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

/** The corners the region may take, in order of preference (bottom first: the work starts at the top). */
export const NOTICE_PLACES = ['bottom-left', 'bottom-right', 'top-right', 'top-left'] as const;
type Place = (typeof NOTICE_PLACES)[number];
const FIELDS = 'input:not([type="hidden"]), textarea, select, [role="combobox"]';
const CONTROLS = 'button, a[href], [role="tab"], [role="switch"]';

const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const shown = (r: DOMRect) => r.width > 0 && r.height > 0;

/**
 * Puts the region in the corner where it hides least: never the focused element if any
 * corner avoids it, then as few fields as possible, then as few buttons. Measured on the
 * real layout (each corner tried in turn before paint), again when the notices, the focus
 * or the window size change.
 */
function usePlacement(region: React.RefObject<HTMLElement | null>, scope: ParentNode, count: number): Place {
  const [place, setPlace] = useState<Place>(NOTICE_PLACES[0]);
  const choose = useCallback(() => {
    const el = region.current;
    if (!el || count === 0) return;
    const rects = (selector: string) => [...scope.querySelectorAll(selector)].filter((n) => !el.contains(n)).map((n) => n.getBoundingClientRect()).filter(shown);
    const fields = rects(FIELDS);
    const controls = rects(CONTROLS);
    const focused = document.activeElement && document.activeElement !== document.body && !el.contains(document.activeElement) ? document.activeElement.getBoundingClientRect() : null;
    let best: { place: Place; score: number } | null = null;
    const before = el.dataset.place;
    for (const p of NOTICE_PLACES) {
      el.dataset.place = p;
      const box = el.getBoundingClientRect();
      const score = (focused && overlaps(box, focused) ? 10_000 : 0) + 100 * fields.filter((r) => overlaps(box, r)).length + controls.filter((r) => overlaps(box, r)).length;
      if (!best || score < best.score) best = { place: p, score };
      if (score === 0) break;
    }
    el.dataset.place = before ?? NOTICE_PLACES[0];
    if (best) {
      el.dataset.place = best.place;
      setPlace(best.place);
    }
  }, [region, scope, count]);
  useLayoutEffect(choose);
  useEffect(() => {
    const later = () => requestAnimationFrame(choose);
    document.addEventListener('focusin', later);
    window.addEventListener('resize', later);
    return () => {
      document.removeEventListener('focusin', later);
      window.removeEventListener('resize', later);
    };
  }, [choose]);
  return place;
}

/**
 * The message region: errors from every failed call (role="alert") and confirmations
 * (role="status"). Messages never take focus; they dismiss themselves on the store's timer
 * (stores/notices.ts, so moving the region does not restart it) or by their button, and the
 * region sits in the corner that covers no field (usePlacement). While a modal dialog is
 * open the region lives inside it, since the page behind is inert.
 */
export function Notices() {
  const { t } = useTranslation();
  const items = useNotices((s) => s.items);
  const host = useOverlays((s) => s.stack[s.stack.length - 1]);
  const ref = useRef<HTMLElement | null>(null);
  const place = usePlacement(ref, host ?? document, items.length);
  const region = (
    <section ref={ref} className="notices" data-place={place} aria-label={t('common.notices')}>
      {items.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </section>
  );
  return host ? createPortal(region, host) : region;
}
