import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/catalogue.js';
import { invoke } from '../../api/client.js';
import { useMoney } from './format.js';

export const SEARCH_INPUT_ID = 'checkout-search';
const SEARCH_DELAY_MS = 120;

export type CartKey = 'up' | 'down' | 'plus' | 'minus' | 'edit' | 'remove';

interface Props {
  /** A result was chosen (Enter or click). */
  onPick: (product: Product) => void;
  /** Enter with text but no result chosen: try it as a code (barcode, SKU, member card, receipt); true if it was one. */
  onCode: (text: string) => Promise<boolean>;
  /** Nothing matched what was typed. */
  onUnknown: (text: string) => void;
  /** Enter on an empty box: pay. */
  onEmptyEnter: () => void;
  /** Keys that act on the cart's current line while the box is empty. */
  onCartKey: (key: CartKey) => void;
  /** Briefly marks the box as refused (unknown barcode). */
  flash: boolean;
  disabled?: boolean;
}

/**
 * The till's one input: scan or type a barcode, SKU, pinyin initials (kl → 可乐) or part of a
 * name. A combobox: results drop down as a listbox, ↑/↓ choose, Enter adds, Esc closes.
 * With the box empty, ↑/↓ move through the cart, + / − change the quantity, * edits the
 * line, Delete removes it and Enter pays.
 */
export function ProductSearch({ onPick, onCode, onUnknown, onEmptyEnter, onCartKey, flash, disabled }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const listId = useId();
  const hintId = useId();
  const [query, setQuery] = useState('');
  /** The list shown and the text it answers: the list stays while typing on, but Enter only picks from an answer to what is in the box. */
  const [answer, setAnswer] = useState<{ query: string; list: Product[] } | null>(null);
  const results = answer?.list ?? null;
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) {
      setAnswer(null);
      return;
    }
    const timer = setTimeout(() => {
      void invoke('products.search', { query: q, limit: 12 }, { quiet: true }).then((r) => {
        if (mine !== seq.current) return;
        setAnswer({ query: q, list: r.ok ? r.value : [] });
        setActive(0);
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const reset = () => {
    seq.current++;
    setQuery('');
    setAnswer(null);
    setActive(0);
  };

  const open = results !== null && query.trim() !== '';
  const pick = (p: Product) => {
    reset();
    onPick(p);
    inputRef.current?.focus();
  };

  /** Enter before the list arrived (or on a code): a code first, else the search, at once. */
  const lookUp = async (text: string) => {
    const mine = ++seq.current;
    setAnswer(null);
    if (await onCode(text)) {
      if (mine === seq.current) reset();
      return;
    }
    const r = await invoke('products.search', { query: text, limit: 12 }, { quiet: true });
    if (mine !== seq.current) return;
    const list = r.ok ? r.value : [];
    if (list.length === 1) return pick(list[0]!);
    if (list.length === 0) {
      reset();
      onUnknown(text);
      return;
    }
    setQuery(text);
    setAnswer({ query: text, list });
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // Read the field itself: a key replayed by the scanner hook arrives before React re-renders.
    const text = e.currentTarget.value.trim();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (open && results.length > 0) {
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
      } else if (!text) onCartKey(e.key === 'ArrowDown' ? 'down' : 'up');
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!text) return onEmptyEnter();
      // A list still showing an earlier, shorter text (typed on before its answer came) is not
      // what Enter means: a barcode typed then Enter went to a product the prefix matched.
      const chosen = open && answer?.query === text ? answer.list[active] : undefined;
      if (chosen) return pick(chosen);
      void lookUp(text);
      return;
    }
    if (e.key === 'Escape' && text) {
      e.preventDefault();
      reset();
      return;
    }
    if (text) return;
    const cartKey: Record<string, CartKey> = { '+': 'plus', '-': 'minus', '*': 'edit', Delete: 'remove' };
    const k = cartKey[e.key];
    if (k) {
      e.preventDefault();
      onCartKey(k);
    }
  };

  const activeId = open && results[active] ? `${listId}-${results[active].id}` : undefined;
  return (
    <div className={`co-search${flash ? ' co-search-flash' : ''}`}>
      <label htmlFor={SEARCH_INPUT_ID} className="co-search-label">
        {t('checkout.search.label')}
      </label>
      <input
        ref={inputRef}
        id={SEARCH_INPUT_ID}
        className="co-search-input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={hintId}
        aria-invalid={flash || undefined}
        placeholder={t('checkout.search.placeholder')}
        value={query}
        disabled={disabled}
        maxLength={64}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => {
          if (document.activeElement !== inputRef.current) setAnswer(null);
        }, 150)}
      />
      <p id={hintId} className="co-search-hint">
        {t('checkout.search.hint')}
      </p>
      <ul id={listId} role="listbox" aria-label={t('checkout.search.results')} className="co-results" hidden={!open}>
        {open && results.length === 0 ? (
          <li className="co-results-empty" role="presentation">
            {t('checkout.search.none', { query: query.trim() })}
          </li>
        ) : null}
        {open
          ? results.map((p, i) => (
              <li
                key={p.id}
                id={`${listId}-${p.id}`}
                role="option"
                aria-selected={i === active}
                className="co-result"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(p)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="co-result-name">{p.name}</span>
                <span className="co-result-code">{p.barcodes[0] ?? p.sku}</span>
                <span className="co-result-price">{money(p.priceFen)}</span>
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
