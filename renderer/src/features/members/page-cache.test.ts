import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

const rows = (page: number, size: number) => Array.from({ length: size }, (_, i) => page * size + i);

describe('PageCache', () => {
  it('asks only for the pages the view covers, once', () => {
    const c = new PageCache<number>(100, 10);
    expect(c.missing(0, 30, null)).toEqual([0]);
    expect(c.missing(90, 230, 1000)).toEqual([0, 1, 2]);
    c.markLoading(1);
    expect(c.missing(90, 230, 1000)).toEqual([0, 2]);
    c.put(1, rows(1, 100), 90, 230);
    expect(c.get(150)).toBe(150);
    expect(c.get(50)).toBeUndefined();
    expect(c.missing(100, 199, 1000)).toEqual([]);
  });

  it('never asks past the end of the list', () => {
    const c = new PageCache<number>(100, 10);
    expect(c.missing(0, 400, 120)).toEqual([0, 1]);
    expect(c.missing(0, 400, 0)).toEqual([0]);
    expect(c.missing(5, 4, 100)).toEqual([]);
  });

  it('keeps at most maxPages, dropping the ones farthest from the view', () => {
    const c = new PageCache<number>(10, 3);
    for (const p of [0, 1, 2]) c.put(p, rows(p, 10), 0, 29);
    c.put(50, rows(50, 10), 500, 509);
    expect(c.loadedPages).toBe(3);
    expect(c.get(500)).toBe(500);
    expect(c.get(5)).toBeUndefined(); // page 0 was farthest from page 50
    expect(c.get(25)).toBe(25);
  });

  it('a failed page can be asked for again; clear forgets everything', () => {
    const c = new PageCache<number>(10, 3);
    c.markLoading(0);
    expect(c.missing(0, 9, 100)).toEqual([]);
    c.failed(0);
    expect(c.missing(0, 9, 100)).toEqual([0]);
    c.put(0, rows(0, 10), 0, 9);
    c.update((r) => r === 3, () => 33);
    expect(c.get(3)).toBe(33);
    c.clear();
    expect(c.get(3)).toBeUndefined();
  });
});
