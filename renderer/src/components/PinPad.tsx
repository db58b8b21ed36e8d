import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isTypingTarget } from './focus.js';

export const PIN_MAX = 8;

interface PinPadProps {
  value: string;
  onChange: (value: string) => void;
  /** Accessible name of the PIN field. */
  label: string;
  inputId?: string;
  disabled?: boolean;
  /** Digits, Backspace and Enter typed while focus is outside any text field go to this pad. */
  captureKeyboard?: boolean;
  autoFocus?: boolean;
}

/** Keeps only digits, at most PIN_MAX of them. */
export function cleanPin(text: string): string {
  return text.replace(/\D/g, '').slice(0, PIN_MAX);
}

/**
 * A PIN field with an on-screen number pad. Usable three ways: typing into the field, the
 * keyboard anywhere on the screen (digits, Backspace, Enter), and mouse or touch on the pad.
 * Must sit inside a <form>: Enter submits it.
 */
export function PinPad({ value, onChange, label, inputId, disabled, captureKeyboard, autoFocus }: PinPadProps) {
  const { t } = useTranslation();
  const generatedId = useId();
  const id = inputId ?? generatedId;
  const inputRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef(value);
  valueRef.current = value;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!captureKeyboard || disabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (isTypingTarget(e.target)) return;
      // Keys pressed inside an open dialog belong to it.
      if (e.target instanceof Element && e.target.closest('dialog[open]') && !inputRef.current?.closest('dialog[open]')) return;
      const input = inputRef.current;
      if (!input) return;
      if (/^\d$/.test(e.key)) {
        e.preventDefault();
        onChangeRef.current(cleanPin(valueRef.current + e.key));
        input.focus();
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        onChangeRef.current(valueRef.current.slice(0, -1));
        input.focus();
      } else if (e.key === 'Enter' && (e.target === document.body || e.target === null)) {
        e.preventDefault();
        input.form?.requestSubmit();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [captureKeyboard, disabled]);

  // Pressing a pad key must not take focus away from the field (so typing keeps working).
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  const press = (next: string) => {
    onChange(next);
    inputRef.current?.focus();
  };

  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <div className="pinpad">
      <input
        ref={inputRef}
        id={id}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={PIN_MAX}
        aria-label={label}
        value={value}
        disabled={disabled}
        autoFocus={autoFocus}
        onChange={(e) => onChange(cleanPin(e.target.value))}
      />
      <div className="pinpad-keys" role="group" aria-label={t('pinpad.label')}>
        {digits.map((d) => (
          <button key={d} type="button" className="pinpad-key" disabled={disabled} onMouseDown={keepFocus} onClick={() => press(cleanPin(value + d))}>
            {d}
          </button>
        ))}
        <button type="button" className="pinpad-key pinpad-key-muted" disabled={disabled} onMouseDown={keepFocus} onClick={() => press('')}>
          {t('pinpad.clear')}
        </button>
        <button type="button" className="pinpad-key" disabled={disabled} onMouseDown={keepFocus} onClick={() => press(cleanPin(value + '0'))}>
          0
        </button>
        <button
          type="button"
          className="pinpad-key pinpad-key-muted"
          aria-label={t('pinpad.backspace')}
          disabled={disabled}
          onMouseDown={keepFocus}
          onClick={() => press(value.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
    </div>
  );
}
