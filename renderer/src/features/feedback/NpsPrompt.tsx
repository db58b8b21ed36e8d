import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import { focusLater, isTypingTarget } from '../../components/focus.js';
import { useOverlays } from '../../stores/overlays.js';
import { useSession } from '../../stores/session.js';
import { SEARCH_INPUT_ID } from '../checkout/ProductSearch.js';
import { isOpenNpsKey, keyForScore, OPEN_NPS_KEY, scoreForKey } from './nps-keys.js';
import './feedback.css';

const SCORES = Array.from({ length: 11 }, (_, i) => i);
const RATINGS = ['service', 'product', 'price'] as const;
type Rating = (typeof RATINGS)[number];

/** Answers recorded on this till, so the prompt of a sale shown again says so instead of asking twice. */
const answered = new Map<number, number>();

/**
 * 满意度 after a sale: "How likely are you to recommend us?" Alt+N opens it, one key records
 * the answer (1–9, 0 = 10, - = 0); a comment and 1–5 ratings of service, product and price
 * may be filled in first (Tab). Esc or 跳过 skips. Attached to the sale and so to its member.
 */
export function NpsPrompt({ saleId }: { saleId: number }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'closed' | 'open' | 'skipped'>('closed');
  const [saved, setSaved] = useState<number | null>(answered.get(saleId) ?? null);
  const [comment, setComment] = useState('');
  const [ratings, setRatings] = useState<Record<Rating, number | null>>({ service: null, product: null, price: null });
  const [busy, setBusy] = useState(false);
  const groupRef = useRef<HTMLDivElement>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  const openPrompt = () => {
    setState('open');
    requestAnimationFrame(() => groupRef.current?.focus());
  };

  // Alt+N from the till (focus is usually in the search box) while this sale is on screen.
  const savedRef = useRef(saved);
  savedRef.current = saved;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || !isOpenNpsKey(e)) return;
      if (useSession.getState().locked || useOverlays.getState().stack.length > 0) return;
      e.preventDefault();
      if (savedRef.current === null) openPrompt();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const record = async (score: number) => {
    if (busy) return;
    setBusy(true);
    const r = await invoke('feedback.record', { score, comment: comment.trim(), saleId, ratings });
    setBusy(false);
    if (!r.ok) return;
    answered.set(saleId, score);
    setSaved(score);
    setState('closed');
    focusLater(SEARCH_INPUT_ID);
  };
  const skip = () => {
    setState('skipped');
    focusLater(SEARCH_INPUT_ID);
  };

  // Score keys anywhere in the prompt but its text and choice fields; preventDefault keeps the
  // till from taking the digit into the product search.
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      skip();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
    const score = scoreForKey(e.key);
    if (score === null) return;
    e.preventDefault();
    void record(score);
  };

  if (saved !== null) {
    return <p className="nps-done" role="status">{t('feedback.prompt.recorded', { score: saved })}</p>;
  }
  if (state !== 'open') {
    return (
      <div className="nps-closed">
        <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts={OPEN_NPS_KEY} onClick={openPrompt}>
          {t('feedback.prompt.open')} <kbd aria-hidden="true">{OPEN_NPS_KEY}</kbd>
        </button>
        {state === 'skipped' ? <span className="muted small">{t('feedback.prompt.skipped')}</span> : null}
      </div>
    );
  }
  return (
    <div className="nps-prompt" onKeyDown={onKeyDown}>
      <div ref={groupRef} tabIndex={-1} role="group" aria-label={t('feedback.prompt.question')} aria-describedby="nps-keys-hint" className="nps-scores">
        <p className="nps-question">{t('feedback.prompt.question')}</p>
        <div className="nps-buttons">
          {SCORES.map((s) => (
            <button key={s} type="button" className={`nps-score nps-${s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor'}`} aria-disabled={busy}
              aria-label={t('feedback.prompt.score', { score: s })} onClick={() => void record(s)}>
              <span>{s}</span>
              <kbd aria-hidden="true">{keyForScore(s)}</kbd>
            </button>
          ))}
        </div>
        <p id="nps-keys-hint" className="small muted">{t('feedback.prompt.keys')}</p>
      </div>
      <div className="nps-extra">
        <label>
          {t('feedback.prompt.comment')}
          <input type="text" autoComplete="off" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); groupRef.current?.focus(); } }} />
        </label>
        {RATINGS.map((r) => (
          <label key={r}>
            {t(`feedback.rating.${r}`)}
            <select value={ratings[r] ?? ''} onChange={(e) => setRatings((old) => ({ ...old, [r]: e.target.value ? Number(e.target.value) : null }))}>
              <option value="">—</option>
              {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        ))}
        <button type="button" className="btn btn-sm btn-ghost" onClick={skip}>{t('feedback.prompt.skip')}</button>
      </div>
    </div>
  );
}
