/** One page of a list read through a `nextCursor` (conversations, imports, search hits). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Reads a cursor-paginated list one page at a time, as the view asks for more (infinite scroll): one request in
 * flight at most, and none once the server said there is nothing after the last page.
 */
export class CursorPages<T> {
  private cursor: string | undefined;
  private started = false;
  private loading = false;
  private ended = false;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>) {}

  /** Whether the last page was read. */
  get done(): boolean {
    return this.ended;
  }

  /** The next page's items, or undefined when a page is already loading or there is none. Errors propagate. */
  async next(): Promise<T[] | undefined> {
    if (this.loading || this.ended) return undefined;
    if (this.started && this.cursor === undefined) return undefined;
    this.loading = true;
    try {
      const page = await this.fetchPage(this.cursor);
      this.started = true;
      this.cursor = page.nextCursor ?? undefined;
      this.ended = this.cursor === undefined;
      return page.items;
    } finally {
      this.loading = false;
    }
  }
}
