// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/index.js';
import { cleanPin, PinPad } from './PinPad.js';

const i18n = createI18n('zh-CN');

function Harness({ onSubmit }: { onSubmit: (pin: string) => void }) {
  const [pin, setPin] = useState('');
  return (
    <I18nextProvider i18n={i18n}>
      <button type="button">elsewhere</button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(pin);
        }}
      >
        <PinPad value={pin} onChange={setPin} label="密码" captureKeyboard />
        <input aria-label="note" />
      </form>
    </I18nextProvider>
  );
}

afterEach(cleanup);

// jsdom has no requestSubmit on forms in every version; fall back to a submit event.
if (!HTMLFormElement.prototype.requestSubmit) {
  HTMLFormElement.prototype.requestSubmit = function requestSubmit(this: HTMLFormElement) {
    this.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  };
}

describe('PinPad', () => {
  it('keeps digits only, at most eight', () => {
    expect(cleanPin('12a3 4-5')).toBe('12345');
    expect(cleanPin('1234567890')).toBe('12345678');
  });

  it('takes digits and Backspace typed anywhere outside a text field, then focuses the field', () => {
    render(<Harness onSubmit={() => undefined} />);
    const other = screen.getByRole('button', { name: 'elsewhere' });
    other.focus();
    for (const k of ['4', '2', '7']) fireEvent.keyDown(other, { key: k });
    const field = screen.getByLabelText<HTMLInputElement>('密码');
    expect(field.value).toBe('427');
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(document.body, { key: 'Backspace' });
    expect(field.value).toBe('42');
  });

  it('leaves keys typed into another text field alone', () => {
    render(<Harness onSubmit={() => undefined} />);
    const note = screen.getByLabelText('note');
    fireEvent.keyDown(note, { key: '5' });
    expect(screen.getByLabelText<HTMLInputElement>('密码').value).toBe('');
  });

  it('works by mouse: digits, delete and clear, and submits with Enter', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    for (const d of ['1', '3', '5', '7', '9']) fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    const field = screen.getByLabelText<HTMLInputElement>('密码');
    expect(field.value).toBe('1357');
    act(() => {
      document.body.focus();
    });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledWith('1357');
    fireEvent.click(screen.getByRole('button', { name: '清空' }));
    expect(field.value).toBe('');
  });

  it('filters what is typed or pasted into the field itself', () => {
    render(<Harness onSubmit={() => undefined} />);
    const field = screen.getByLabelText<HTMLInputElement>('密码');
    fireEvent.change(field, { target: { value: '12ab34' } });
    expect(field.value).toBe('1234');
  });
});
