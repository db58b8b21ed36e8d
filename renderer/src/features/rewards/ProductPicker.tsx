import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/catalogue.js';
import { invoke } from '../../api/client.js';
import type { FieldControlProps } from '../../components/Field.js';
import { formatMoney } from '../../i18n/format.js';

const MAX_RESULTS = 8;

/**
 * A product chosen by typing (products.search: barcode, SKU, pinyin initials or name) or by
 * scanning its barcode: ↑/↓ move in the short list, Enter picks, Esc closes the list. Never
 * loads the catalogue (a shop has thousands of products). Typing again drops the choice.
 */
export function ProductPicker({ control, name, picked, onPick }: {
  /** The id, aria-invalid and aria-describedby from the Field around it. */
  control: FieldControlProps;
  name: string;
  picked: Product | null;
  onPick: (p: Product | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const listId = `${control.id}-list`;
  const [query, setQuery] = useState(picked?.name ?? '');
  const [results, setResults] = useState<Product[] | null>(null);
  /** The text the list answers: Enter never picks from a list still showing for an earlier text. */
  const [resultsFor, setResultsFor] = useState('');
  const [active, setActive] = useState(0);

  // A product set from outside (the dialog opening on a saved type) shows its name.
  useEffect(() => {
    if (picked) setQuery(picked.name);
  }, [picked?.id]);

  useEffect(() => {
    const q = query.trim();
    if (!q || (picked && q === picked.name)) {
      setResults(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      void invoke('products.search', { query: q.slice(0, 64), limit: MAX_RESULTS }, { quiet: true }).then((r) => {
        if (stale) return;
        setResults(r.ok ? r.value : []);
        setResultsFor(q);
        setActive(0);
      });
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, picked]);

  const choose = (p: Product) => {
    onPick(p);
    setQuery(p.name);
    setResults(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!results) return;
    if (e.key === 'ArrowDown') setActive((i) => Math.min(results.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter' && results[active] && resultsFor === query.trim()) choose(results[active]); // picks; does not submit the form
    else if (e.key === 'Enter') return void e.preventDefault(); // the list still answers an earlier text: wait for it
    else if (e.key === 'Escape') setResults(null); // closes the list, not the dialog around it
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const open = results !== null;
  const describedBy = [control['aria-describedby'], `${control.id}-picked`].filter(Boolean).join(' ');
  return (
    <div className="product-picker">
      <input
        id={control.id}
        name={name}
        role="combobox"
        aria-invalid={control['aria-invalid']}
        aria-describedby={describedBy}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && results[active] ? `${listId}-${results[active].id}` : undefined}
        autoComplete="off"
        maxLength={64}
        value={query}
        placeholder={t('offers.picker.placeholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          if (picked) onPick(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setResults(null)}
      />
      <ul id={listId} role="listbox" aria-label={t('offers.picker.results')} className="product-picker-list" hidden={!open}>
        {open && results.length === 0 ? <li className="muted small" role="presentation">{t('offers.picker.none')}</li> : null}
        {results?.map((p, i) => (
          <li
            key={p.id}
            id={`${listId}-${p.id}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the field keeps focus (its blur would close the list first).
            onMouseDown={(e) => {
              e.preventDefault();
              choose(p);
            }}
          >
            <span>{p.name}</span> <span className="muted small mono">{p.sku}</span> <span className="num">{formatMoney(p.priceFen, i18n.language)}</span>
          </li>
        ))}
      </ul>
      <p id={`${control.id}-picked`} className="field-hint" aria-live="polite">
        {picked ? t('offers.picker.picked', { name: picked.name, sku: picked.sku, price: formatMoney(picked.priceFen, i18n.language) }) : t('offers.picker.hint')}
      </p>
    </div>
  );
}
