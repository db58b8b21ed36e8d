import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { Modal } from '../../components/Modal.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { formatTime } from '../../i18n/format.js';
import { useMoney } from './format.js';

type Held = Output<'held.list'>[number];

/** 挂单: put the cart aside with an optional label (the customer's name, "红衣服"...). */
export function HoldDialog({ totalFen, lines, busy, onHold, onClose }: { totalFen: number; lines: number; busy: boolean; onHold: (label: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [label, setLabel] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onHold(label.trim());
  };
  return (
    <Modal title={t('checkout.held.holdTitle')} onClose={onClose}>
      <form noValidate onSubmit={submit}>
        <p className="lead">{t('checkout.held.holdSummary', { lines, total: money(totalFen) })}</p>
        <Field label={t('checkout.held.label')} optional={t('common.optional')} hint={t('checkout.held.labelHint')}>
          {(p) => <input {...p} autoComplete="off" maxLength={40} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy} className="btn btn-primary">
            {t('checkout.held.hold')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}

/** 取单: the held orders as a list; ↑/↓ and Enter resume one, Delete discards it. */
export function ResumeDialog({ onResume, onClose, onCount }: { onResume: (id: number) => void; onClose: () => void; onCount: (n: number) => void }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const listId = useId();
  const [items, setItems] = useState<Held[] | null>(null);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let cancelled = false;
    void invoke('held.list', {}).then((r) => {
      if (cancelled || !r.ok) return;
      setItems(r.value);
      onCount(r.value.length);
      setActive(Math.max(0, r.value.length - 1));
    });
    return () => {
      cancelled = true;
    };
    // Loads once per opening.
  }, []);

  useEffect(() => {
    if (items && items.length > 0) listRef.current?.focus();
  }, [items]);

  const discard = async (id: number) => {
    const r = await invoke('held.discard', { id });
    if (!r.ok || !items) return;
    const rest = items.filter((h) => h.id !== id);
    setItems(rest);
    onCount(rest.length);
    setActive((i) => Math.min(i, Math.max(0, rest.length - 1)));
    listRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!items || items.length === 0) return;
    const last = items.length - 1;
    if (e.key === 'ArrowDown') setActive((i) => Math.min(last, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(last);
    else if (e.key === 'Enter') onResume(items[active]!.id);
    else if (e.key === 'Delete') void discard(items[active]!.id);
    else return;
    e.preventDefault();
  };

  return (
    <Modal title={t('checkout.held.resumeTitle')} onClose={onClose} wide initialFocusId="held-close">
      {items === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="lead">{t('checkout.held.none')}</p>
      ) : (
        <>
          <ul
            ref={listRef}
            id={listId}
            role="listbox"
            tabIndex={0}
            aria-label={t('checkout.held.list')}
            aria-activedescendant={items[active] ? `${listId}-${items[active].id}` : undefined}
            className="co-held-list"
            onKeyDown={onKeyDown}
          >
            {items.map((h, i) => (
              <li
                key={h.id}
                id={`${listId}-${h.id}`}
                role="option"
                aria-selected={i === active}
                className="co-held"
                onClick={() => onResume(h.id)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="co-held-label">{h.label}</span>
                <span>{t('checkout.held.lines', { n: h.lineCount })}</span>
                <span className="co-held-total">{money(h.totalFen)}</span>
                <span className="muted small">
                  {formatTime(h.heldAt, i18n.language)}
                  {h.staffName ? ` · ${h.staffName}` : ''}
                </span>
              </li>
            ))}
          </ul>
          <p className="small muted">{t('checkout.held.keys')}</p>
        </>
      )}
      <div className="modal-actions">
        {items && items[active] ? (
          <button type="button" className="btn btn-danger-outline" onClick={() => void discard(items[active]!.id)}>
            {t('checkout.held.discard', { label: items[active].label })}
          </button>
        ) : null}
        <button id="held-close" type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.close')}
        </button>
        {items && items[active] ? (
          <button type="button" className="btn btn-primary" onClick={() => onResume(items[active]!.id)}>
            {t('checkout.held.resume', { label: items[active].label })}
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
