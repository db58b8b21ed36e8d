import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import type { FieldControlProps } from '../../components/Field.js';
import { splitTags } from './format.js';

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 20;

/** The shop's tags, most used first (members.tags), for suggestions. Read once per mount. */
export function useShopTags(): Array<{ tag: string; members: number }> {
  const [tags, setTags] = useState<Array<{ tag: string; members: number }>>([]);
  useEffect(() => {
    let cancelled = false;
    void invoke('members.tags', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setTags(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return tags;
}

interface Props {
  control: FieldControlProps;
  value: string[];
  onChange: (tags: string[]) => void;
  suggestions: string[];
}

/**
 * Tags (标签) as removable chips plus a text field: Enter, a comma or leaving the field adds
 * what was typed; the shop's existing tags are suggested. Removing a chip keeps focus in the field.
 */
export function TagInput({ control, value, onChange, suggestions }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = `${control.id}-tags`;

  const add = (raw: string) => {
    const fresh = splitTags(raw)
      .map((tag) => tag.slice(0, MAX_TAG_LENGTH))
      .filter((tag) => !value.includes(tag));
    if (fresh.length) onChange([...value, ...fresh].slice(0, MAX_TAGS));
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === '，') {
      if (!text.trim()) return;
      e.preventDefault();
      add(text);
    } else if (e.key === 'Backspace' && !text && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className="tag-input">
      {value.length ? (
        <ul className="tag-chips" aria-label={t('members.tags.current')}>
          {value.map((tag) => (
            <li key={tag} className="tag-chip">
              <span>{tag}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={t('members.tags.remove', { tag })}
                onClick={() => {
                  onChange(value.filter((x) => x !== tag));
                  inputRef.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        {...control}
        ref={inputRef}
        list={listId}
        value={text}
        maxLength={60}
        autoComplete="off"
        disabled={value.length >= MAX_TAGS}
        placeholder={t('members.tags.placeholder')}
        onChange={(e) => {
          const v = e.target.value;
          // A suggestion picked from the list arrives whole (not typed): add it at once.
          const how = (e.nativeEvent as InputEvent).inputType;
          if ((how === undefined || how === 'insertReplacementText') && suggestions.includes(v)) add(v);
          else setText(v);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (text.trim()) add(text);
        }}
      />
      <datalist id={listId}>
        {suggestions
          .filter((s) => !value.includes(s))
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
    </div>
  );
}
