// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { useNotices } from './notices.js';

beforeEach(() => useNotices.getState().clear());

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
});
