// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_MS, useNotices } from './notices.js';

beforeEach(() => useNotices.getState().clear());
afterEach(() => vi.useRealTimers());

describe('notices', () => {
  it('a newer error of the same kind replaces the older one', () => {
    const { push } = useNotices.getState();
    push({ kind: 'error', error: { code: 'wrong_pin', messageKey: 'errors.wrong_pin', details: { attemptsLeft: 4 } } });
    push({ kind: 'error', error: { code: 'wrong_pin', messageKey: 'errors.wrong_pin', details: { attemptsLeft: 3 } } });
    const items = useNotices.getState().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ error: { details: { attemptsLeft: 3 } } });
  });

  it('keeps at most three, newest last, and dismisses by id', () => {
    const { push } = useNotices.getState();
    const ids = ['a', 'b', 'c', 'd'].map((k) => push({ kind: 'success', key: `k.${k}` }));
    expect(useNotices.getState().items.map((i) => i.id)).toEqual(ids.slice(1));
    useNotices.getState().dismiss(ids[2]!);
    expect(useNotices.getState().items.map((i) => i.id)).toEqual([ids[1], ids[3]]);
  });

  it('each notice expires on its own time, counted from when it was pushed, whoever shows it', () => {
    vi.useFakeTimers();
    const { push } = useNotices.getState();
    const ok = push({ kind: 'success', key: 'k.saved' });
    vi.advanceTimersByTime(1_000);
    const err = push({ kind: 'error', error: { code: 'not_found', messageKey: 'errors.not_found' } });
    vi.advanceTimersByTime(NOTICE_MS.success - 1_000);
    expect(useNotices.getState().items.map((i) => i.id)).toEqual([err]);
    expect(ok).toBeLessThan(err);
    vi.advanceTimersByTime(NOTICE_MS.error - NOTICE_MS.success + 1_000);
    expect(useNotices.getState().items).toEqual([]);
  });

  it('a notice replaced or pushed out leaves no timer behind to dismiss a newer one', () => {
    vi.useFakeTimers();
    const { push } = useNotices.getState();
    push({ kind: 'success', key: 'k.a' });
    vi.advanceTimersByTime(4_000);
    const again = push({ kind: 'success', key: 'k.a' }); // the same message: a fresh five seconds
    vi.advanceTimersByTime(4_000);
    expect(useNotices.getState().items.map((i) => i.id)).toEqual([again]);
    vi.advanceTimersByTime(1_000);
    expect(useNotices.getState().items).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
