// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { insertText, useWedgeScanner } from './useWedgeScanner.js';

let clock = 0;
const now = () => clock;

function Harness({ onScan, onEnter }: { onScan: (c: string) => void; onEnter?: (v: string) => void }) {
  const [value, setValue] = useState('');
  const [plus, setPlus] = useState(0);
  useWedgeScanner({ minLength: 6, maxGapMs: 35, now }, onScan);
  return (
    <>
      <input
        aria-label="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === '+') {
            e.preventDefault();
            setPlus((n) => n + 1);
          }
          if (e.key === 'Enter') onEnter?.(e.currentTarget.value);
        }}
      />
      <output aria-label="plus">{plus}</output>
    </>
  );
}

/** Presses keys on the focused element, `gap` ms apart (advancing the fake clock and timers). */
function press(keys: string[], gap: number) {
  for (const key of keys) {
    act(() => {
      fireEvent.keyDown(document.activeElement ?? document.body, { key });
    });
    act(() => {
      clock += gap;
      vi.advanceTimersByTime(gap);
    });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 1000;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Appends digits typed while a button has focus, reading its state from the last render (like PinPad). */
function PinHarness() {
  const [pin, setPin] = useState('');
  useWedgeScanner({ minLength: 6, maxGapMs: 35, now }, () => undefined);
  return (
    <>
      <button type="button" onKeyDown={(e) => /^\d$/.test(e.key) && setPin(pin + e.key)}>
        pad
      </button>
      <output aria-label="pin">{pin}</output>
    </>
  );
}

/** Keys stamped at `stamp` (as the OS stamps them), processed whenever the test says. */
let stamp = 0;
const keyTime = () => stamp;
function LateHarness({ onScan }: { onScan: (c: string) => void }) {
  const [value, setValue] = useState('');
  useWedgeScanner({ minLength: 6, maxGapMs: 35, now, keyTime }, onScan);
  return <input aria-label="search" value={value} onChange={(e) => setValue(e.target.value)} />;
}

/** Like the till: a digit typed on the heading goes into the search box (useTillInput). */
function HeadingHarness({ onScan }: { onScan: (c: string) => void }) {
  const [value, setValue] = useState('');
  useWedgeScanner({ minLength: 6, maxGapMs: 35, now, keyTime }, onScan);
  return (
    <div
      onKeyDown={(e) => {
        const box = document.getElementById('box') as HTMLInputElement;
        if (/^\d$/.test(e.key) && e.target !== box) {
          e.preventDefault();
          box.focus();
          insertText(box, e.key);
        }
      }}
    >
      <h1 tabIndex={-1}>收银</h1>
      <input id="box" aria-label="search" value={value} onChange={(e) => setValue(e.target.value)} />
    </div>
  );
}

describe('useWedgeScanner', () => {
  it('on a starved machine, keys the timer typed too early are taken back when the burst goes on', () => {
    const onScan = vi.fn();
    render(<LateHarness onScan={onScan} />);
    const field = screen.getByLabelText<HTMLInputElement>('search');
    field.focus();
    const code = '6903363526511';
    [...code.slice(0, 6)].forEach((key, i) => {
      stamp = 1000 + i * 3;
      act(() => void fireEvent.keyDown(field, { key }));
    });
    // The rest of the burst is late to arrive: the timer runs first and types what it holds.
    act(() => {
      clock = 1100;
      vi.advanceTimersByTime(100);
    });
    expect(field.value).toBe('690336');
    // Then the rest arrives, stamped 3 ms apart from the first part: it was one scan.
    [...code.slice(6), 'Enter'].forEach((key, i) => {
      stamp = 1018 + i * 3;
      act(() => void fireEvent.keyDown(field, { key }));
    });
    expect(onScan).toHaveBeenCalledWith(code);
    expect(field.value).toBe('');
  });

  it('on a starved machine, a scan begun with focus on the heading is taken back out of the search box', () => {
    const onScan = vi.fn();
    render(<HeadingHarness onScan={onScan} />);
    const heading = screen.getByRole('heading');
    const field = screen.getByLabelText<HTMLInputElement>('search');
    heading.focus();
    const code = '2900000003019';
    [...code.slice(0, 5)].forEach((key, i) => {
      stamp = 1000 + i * 3;
      act(() => void fireEvent.keyDown(document.activeElement!, { key }));
    });
    act(() => {
      clock = 1100;
      vi.advanceTimersByTime(100);
    });
    // The page took the first key into its search box and the rest followed it there.
    expect(field.value).toBe('29000');
    expect(document.activeElement).toBe(field);
    [...code.slice(5), 'Enter'].forEach((key, i) => {
      stamp = 1015 + i * 3;
      act(() => void fireEvent.keyDown(document.activeElement!, { key }));
    });
    expect(onScan).toHaveBeenCalledTimes(1);
    expect(onScan).toHaveBeenCalledWith(code);
    expect(field.value).toBe('');
  });

  it('replays a short fast burst key by key, each rendered before the next', () => {
    render(<PinHarness />);
    screen.getByRole('button', { name: 'pad' }).focus();
    press(['6', '6', '6', '6', 'Enter'], 3);
    expect(screen.getByLabelText('pin').textContent).toBe('6666');
  });

  it('a fast burst with Enter is a scan and nothing reaches the field', () => {
    const onScan = vi.fn();
    const onEnter = vi.fn();
    render(<Harness onScan={onScan} onEnter={onEnter} />);
    const field = screen.getByLabelText<HTMLInputElement>('search');
    field.focus();
    press([...'6901234567892', 'Enter'], 3);
    act(() => void vi.advanceTimersByTime(100));
    expect(onScan).toHaveBeenCalledWith('6901234567892');
    expect(field.value).toBe('');
    expect(onEnter).not.toHaveBeenCalled();
  });

  it('slow typing is kept as typing, and key handlers still see the keys', () => {
    const onScan = vi.fn();
    render(<Harness onScan={onScan} />);
    const field = screen.getByLabelText<HTMLInputElement>('search');
    field.focus();
    press([...'kl'], 120);
    expect(field.value).toBe('kl');
    press(['+'], 120);
    expect(screen.getByLabelText('plus').textContent).toBe('1');
    expect(field.value).toBe('kl');
    expect(onScan).not.toHaveBeenCalled();
  });

  it('a short fast burst then Enter is typed first, then Enter reaches the field', () => {
    const onScan = vi.fn();
    const onEnter = vi.fn();
    render(<Harness onScan={onScan} onEnter={onEnter} />);
    const field = screen.getByLabelText<HTMLInputElement>('search');
    field.focus();
    press([...'12', 'Enter'], 3);
    expect(onEnter).toHaveBeenCalledWith('12');
    expect(field.value).toBe('12');
    expect(onScan).not.toHaveBeenCalled();
  });
});
