/**
 * The rows of a long server-paged list that the page holds at one time: fixed-size pages
 * fetched on demand for the rows the table shows, and the pages far from the view dropped
 * again, so scrolling through 200,000 members never keeps more than a few thousand rows.
 * Pure (no React, no I/O), so it is unit-tested.
 */
export class PageCache<T> {
  private readonly pages = new Map<number, T[]>();
  private readonly loading = new Set<number>();

  constructor(
    readonly pageSize: number,
    /** At most this many pages are kept; the ones farthest from the view go first. */
    readonly maxPages: number,
  ) {}

  /** The row at `index`, or undefined while its page is not loaded. */
  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  /** Pages covering rows [first, last] that are neither loaded nor being fetched. */
  missing(first: number, last: number, total: number | null): number[] {
    if (last < first) return [];
    const end = total === null ? last : Math.min(last, total - 1);
    const out: number[] = [];
    for (let p = this.pageOf(Math.max(0, first)); p <= this.pageOf(Math.max(0, end)); p++) {
      if (!this.pages.has(p) && !this.loading.has(p)) out.push(p);
    }
    return out;
  }

  markLoading(page: number): void {
    this.loading.add(page);
  }

  /** Stores a fetched page and drops the pages farthest from the rows in view. */
  put(page: number, rows: T[], viewFirst: number, viewLast: number): void {
    this.loading.delete(page);
    this.pages.set(page, rows);
    if (this.pages.size <= this.maxPages) return;
    const centre = (this.pageOf(viewFirst) + this.pageOf(Math.max(viewFirst, viewLast))) / 2;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const p of byDistance.slice(0, this.pages.size - this.maxPages)) this.pages.delete(p);
  }

  /** A fetch that failed: the page may be asked for again. */
  failed(page: number): void {
    this.loading.delete(page);
  }

  /** A row changed elsewhere (e.g. after editing a profile): replace it where loaded. */
  update(match: (row: T) => boolean, next: (row: T) => T): void {
    for (const [p, rows] of this.pages) {
      if (rows.some(match)) this.pages.set(p, rows.map((r) => (match(r) ? next(r) : r)));
    }
  }

  clear(): void {
    this.pages.clear();
    this.loading.clear();
  }

  get loadedPages(): number {
    return this.pages.size;
  }
}
