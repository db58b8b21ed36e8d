import { useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { isTypingTarget } from '../components/focus.js';
import { createWedgeDetector, type WedgeOptions } from './wedge.js';

/** Key events this hook dispatched itself (replays); it lets them through untouched. */
const replayed = new WeakSet<Event>();

export interface WedgeHookOptions extends WedgeOptions {
  /** Clock for tests; the browser uses each event's timeStamp and performance.now() (same origin). */
  now?: () => number;
  /** A key's time for tests (default: `now()` when given, else the event's timeStamp). */
  keyTime?: (e: KeyboardEvent) => number;
}

/** Types text into a text field the way the keyboard would, so React sees an input event. */
export function insertText(el: HTMLElement, text: string): void {
  if (!isTypingTarget(el)) return;
  // execCommand keeps the field's undo history, selection and maxlength; Chromium supports it.
  if (typeof document.execCommand === 'function' && el === document.activeElement) {
    try {
      if (document.execCommand('insertText', false, text)) return;
    } catch {
      /* fall through */
    }
  }
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
  const value = el.value;
  let start = value.length;
  let end = value.length;
  try {
    start = el.selectionStart ?? value.length;
    end = el.selectionEnd ?? start;
  } catch {
    /* number inputs have no selection */
  }
  const next = value.slice(0, start) + text + value.slice(end);
  if (el.maxLength > 0 && next.length > el.maxLength) return;
  // React tracks the value through the prototype's setter; set it there so onChange fires.
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
  if (setter) setter.call(el, next);
  else el.value = next;
  try {
    el.setSelectionRange(start + text.length, start + text.length);
  } catch {
    /* ignore */
  }
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Where replayed keys went, so keys handed out too early can be taken back out of the field. */
export interface Replayed {
  el: HTMLInputElement | HTMLTextAreaElement | null;
  before: string;
  after: string;
}

const asField = (el: Element | null) => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null);

/**
 * Hands keys the detector held back to the page as typing: each as a keydown on the focused
 * element (so shortcuts and key handlers still see it) and, unless a handler took it, as text.
 * Each key is rendered before the next (flushSync), so handlers that read React state see
 * the previous key's effect, exactly as with keys typed one by one.
 *
 * What comes back says where the text went if it all went into one field as plain text —
 * also when the first key was typed outside any field and the page took it into its box (the
 * till sends letters and digits typed on the heading to the search box), so that keys handed
 * out too early can still be taken back when the scan turns out to go on.
 */
export function replayTyping(text: string): Replayed {
  let field = asField(document.activeElement);
  let before = field?.value ?? '';
  let plain = true;
  let first = true;
  for (const ch of text) {
    flushSync(() => {
      const el = document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
      const ev = new KeyboardEvent('keydown', { key: ch, bubbles: true, cancelable: true, composed: true });
      replayed.add(ev);
      if (el.dispatchEvent(ev)) insertText(el, ch);
      else {
        const taken = asField(document.activeElement);
        if (first && !asField(el) && taken && taken.value.endsWith(ch)) {
          field = taken;
          before = taken.value.slice(0, taken.value.length - ch.length);
        } else plain = false;
      }
      if (!field || document.activeElement !== field) plain = false;
      first = false;
    });
  }
  return { el: plain ? field : null, before, after: field?.value ?? '' };
}

/** Takes replayed keys back out of their field, if they went in as plain text and nothing changed since. */
function takeBack(r: Replayed | null): boolean {
  const el = r?.el;
  if (!r || !el || !el.isConnected || el.value !== r.after || r.after === r.before) return false;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
  flushSync(() => {
    if (setter) setter.call(el, r.before);
    else el.value = r.before;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return true;
}

/** Chromium's isInputPending: whether input events are waiting behind the current task. */
function inputPending(): boolean {
  const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: (o?: { includeContinuous?: boolean }) => boolean } }).scheduling;
  try {
    return scheduling?.isInputPending?.({ includeContinuous: false }) ?? false;
  } catch {
    return false;
  }
}

/**
 * Recognises keyboard-wedge scans wherever focus is (see wedge.ts), without their characters
 * reaching the focused field, and calls `onScan` with the code. Keys that turn out to be
 * typing are replayed in order, so typing still works everywhere (about `maxGapMs` later).
 * Listens on window in the capture phase, ahead of every other key handler.
 */
export function useWedgeScanner(options: WedgeHookOptions | null, onScan: (code: string) => void, enabled = true): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  const minLength = options?.minLength;
  const maxGapMs = options?.maxGapMs;
  const now = options?.now;
  const keyTime = options?.keyTime;

  useEffect(() => {
    if (!enabled || minLength === undefined || maxGapMs === undefined) return;
    const detector = createWedgeDetector({ minLength, maxGapMs });
    const clock = now ?? (() => performance.now());
    const timeOf = keyTime ?? ((e: KeyboardEvent) => (now ? now() : e.timeStamp || performance.now()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** The last keys the timer handed out (the detector may ask for them back). */
    let lastExpired: Replayed | null = null;

    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(function fire() {
        // After a long task, keys of the same burst may be queued behind this timer: let them
        // in first (their timestamps, not this timer, tell whether the burst went quiet).
        if (inputPending()) {
          timer = setTimeout(fire, 1);
          return;
        }
        const text = detector.expire(clock());
        if (text) lastExpired = replayTyping(text);
        else if (detector.pending()) timer = setTimeout(fire, 5);
      }, maxGapMs + 1);
    };

    const onKey = (e: KeyboardEvent) => {
      if (replayed.has(e)) return;
      const d = detector.key(
        {
          key: e.key,
          time: timeOf(e),
          ctrlKey: e.ctrlKey,
          altKey: e.altKey,
          metaKey: e.metaKey,
          isComposing: e.isComposing || e.keyCode === 229,
          repeat: e.repeat,
        },
        () => takeBack(lastExpired),
      );
      lastExpired = null;
      if (d.replay) replayTyping(d.replay);
      if (d.action === 'pass') {
        if (!detector.pending()) clearTimeout(timer);
        return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      if (d.action === 'hold') arm();
      else {
        clearTimeout(timer);
        onScanRef.current(d.code);
      }
    };

    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      clearTimeout(timer);
      const rest = detector.flush();
      if (rest) replayTyping(rest);
      lastExpired = null;
    };
  }, [enabled, minLength, maxGapMs, now, keyTime]);
}
