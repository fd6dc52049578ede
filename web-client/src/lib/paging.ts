/** Query parameters of a message request besides the cursor: filters, and the window a jump uses. */
export type Query = Record<string, string>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface PageRequest {
  query: Query;
  cursor?: string;
  direction?: 'forward' | 'backward';
  limit: number;
}

export type PageFetcher<T> = (request: PageRequest) => Promise<Page<T>>;

/** Where to read on beyond one edge: a cursor only works with the query it was made for. */
interface Edge {
  cursor: string;
  query: Query;
}

interface Chunk<T> {
  items: T[];
  older: Edge | null;
  newer: Edge | null;
}

export interface WindowOptions<T> {
  pageSize: number;
  /** Loaded messages kept at most; pages on the far side are dropped beyond it (memory stays flat). */
  maxItems: number;
  /**
   * Whether the reader is looking at an item now. A page holding one is not dropped: a load asked for at one edge
   * can answer after the reader has moved to the other, whose pages it would otherwise drop from under them. The
   * window then holds more than `maxItems` until the next load, never more than twice as many.
   */
  inView?: (item: T) => boolean;
}

/** What a load changed, so a view can keep its scroll position. */
export interface Change {
  /** Items added at the start (older side). */
  addedBefore: number;
  /** Items added at the end (newer side). */
  addedAfter: number;
  /** Items dropped from the start. */
  droppedBefore: number;
  /** Items dropped from the end. */
  droppedAfter: number;
}

const NONE: Change = { addedBefore: 0, addedAfter: 0, droppedBefore: 0, droppedAfter: 0 };

/**
 * A bounded, contiguous window of a conversation read through keyset cursors, growing in both directions.
 * Each loaded page keeps the cursors it came with, so pages dropped from one side can be read again later
 * through the cursor of the page next to them. A reset (new filters, a jump) makes answers to older requests
 * be ignored.
 */
export class MessageWindow<T> {
  private chunks: Chunk<T>[] = [];
  private flat: T[] | undefined;
  private generation = 0;
  private loadingOlder = false;
  private loadingNewer = false;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly options: WindowOptions<T>,
  ) {}

  get items(): T[] {
    if (!this.flat) this.flat = this.chunks.flatMap((c) => c.items);
    return this.flat;
  }

  get hasOlder(): boolean {
    return this.chunks.length > 0 && this.chunks[0].older !== null;
  }

  get hasNewer(): boolean {
    return this.chunks.length > 0 && this.chunks[this.chunks.length - 1].newer !== null;
  }

  get loading(): boolean {
    return this.loadingOlder || this.loadingNewer;
  }

  /** The newest messages matching `query` (a chat opens at its end). */
  async openNewest(query: Query): Promise<boolean> {
    return this.reset(query, [{ query, direction: 'backward', limit: this.options.pageSize }]);
  }

  /** The oldest messages matching `query`. */
  async openOldest(query: Query): Promise<boolean> {
    return this.reset(query, [{ query, direction: 'forward', limit: this.options.pageSize }]);
  }

  /** The page a cursor points at, e.g. a search hit's context cursor; the hit is the first item. */
  async openAt(cursor: string, query: Query = {}): Promise<boolean> {
    return this.reset(query, [{ query, cursor, limit: this.options.pageSize }]);
  }

  /**
   * Jumps to a date (`YYYY-MM-DD`): the messages before it and the ones from it on, read as two windows of the
   * same filters. Returns the index of the first message at or after the date (may equal the item count).
   */
  async jumpTo(date: string, filters: Query): Promise<number | undefined> {
    let day = date;
    if (filters.from && day < filters.from.slice(0, 10)) day = filters.from.slice(0, 10);
    if (filters.to && day > filters.to.slice(0, 10)) day = filters.to.slice(0, 10);
    const before: Query = { ...filters, to: `${day}T00:00` };
    const after: Query = { ...filters, from: day };
    const half = Math.max(1, Math.ceil(this.options.pageSize / 2));
    const ok = await this.reset(filters, [
      { query: before, direction: 'backward', limit: half },
      { query: after, direction: 'forward', limit: this.options.pageSize },
    ]);
    return ok ? this.chunks[0].items.length : undefined;
  }

  /** Reads the page before the first item. Resolves to what changed (nothing when already loading or at the start). */
  async loadOlder(): Promise<Change> {
    const first = this.chunks[0];
    if (!first?.older || this.loadingOlder) return NONE;
    const edge = first.older;
    const generation = this.generation;
    this.loadingOlder = true;
    try {
      const page = await this.fetchPage({ query: edge.query, cursor: edge.cursor, limit: this.options.pageSize });
      if (generation !== this.generation) return NONE;
      if (this.chunks[0] !== first) {
        // a newer load trimmed this side meanwhile: the page no longer borders the window, read on from its edge
        this.loadingOlder = false;
        return await this.loadOlder();
      }
      const chunk = toChunk(page, edge.query);
      chunk.newer = null; // the chunk after it is already loaded
      this.chunks.unshift(chunk);
      const droppedAfter = this.trim('newer');
      this.flat = undefined;
      return { addedBefore: chunk.items.length, addedAfter: 0, droppedBefore: 0, droppedAfter };
    } finally {
      if (generation === this.generation) this.loadingOlder = false;
    }
  }

  /** Reads the page after the last item. */
  async loadNewer(): Promise<Change> {
    const last = this.chunks[this.chunks.length - 1];
    if (!last?.newer || this.loadingNewer) return NONE;
    const edge = last.newer;
    const generation = this.generation;
    this.loadingNewer = true;
    try {
      const page = await this.fetchPage({ query: edge.query, cursor: edge.cursor, limit: this.options.pageSize });
      if (generation !== this.generation) return NONE;
      if (this.chunks[this.chunks.length - 1] !== last) {
        // an older load trimmed this side meanwhile: the page no longer borders the window, read on from its edge
        this.loadingNewer = false;
        return await this.loadNewer();
      }
      const chunk = toChunk(page, edge.query);
      chunk.older = null;
      this.chunks.push(chunk);
      const droppedBefore = this.trim('older');
      this.flat = undefined;
      return { addedBefore: 0, addedAfter: chunk.items.length, droppedBefore, droppedAfter: 0 };
    } finally {
      if (generation === this.generation) this.loadingNewer = false;
    }
  }

  private async reset(query: Query, requests: PageRequest[]): Promise<boolean> {
    const generation = ++this.generation;
    this.loadingOlder = false;
    this.loadingNewer = false;
    const pages = await Promise.all(requests.map((r) => this.fetchPage(r)));
    if (generation !== this.generation) return false;
    const chunks = pages.map((page, i) => toChunk(page, requests[i].query ?? query));
    // two windows side by side (a jump): the inner edges meet at the date
    for (let i = 0; i < chunks.length - 1; i++) {
      chunks[i].newer = null;
      chunks[i + 1].older = null;
    }
    this.chunks = chunks;
    this.flat = undefined;
    return true;
  }

  /**
   * Drops whole chunks from one side while over the bound. The chunk that becomes the edge reads on through the
   * cursor its own page answered with; a chunk without one (the inner side of a jump) keeps its neighbour. A chunk
   * the reader is looking at stays (up to twice the bound).
   */
  private trim(side: 'older' | 'newer'): number {
    let total = this.chunks.reduce((n, c) => n + c.items.length, 0);
    let dropped = 0;
    const inView = this.options.inView;
    while (total > this.options.maxItems && this.chunks.length > 1) {
      const kept = (side === 'older' ? this.chunks[1] : this.chunks[this.chunks.length - 2]) as CursoredChunk<T>;
      const edge = side === 'older' ? kept.ownOlder : kept.ownNewer;
      if (!edge) break;
      const candidate = side === 'older' ? this.chunks[0] : this.chunks[this.chunks.length - 1];
      if (inView && total <= 2 * this.options.maxItems && candidate.items.some(inView)) break;
      const gone = side === 'older' ? this.chunks.shift()! : this.chunks.pop()!;
      if (side === 'older') kept.older = edge;
      else kept.newer = edge;
      dropped += gone.items.length;
      total -= gone.items.length;
    }
    return dropped;
  }
}

interface CursoredChunk<T> extends Chunk<T> {
  /** The cursors the page answered with, before neighbours were attached. */
  ownOlder: Edge | null;
  ownNewer: Edge | null;
}

function toChunk<T>(page: Page<T>, query: Query): CursoredChunk<T> {
  const older = page.prevCursor ? { cursor: page.prevCursor, query } : null;
  const newer = page.nextCursor ? { cursor: page.nextCursor, query } : null;
  return { items: page.items, older, newer, ownOlder: older, ownNewer: newer };
}

