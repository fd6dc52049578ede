export interface VirtualListOptions<T> {
  /** Builds the element of one item; called only for items in or near the viewport. */
  render(item: T, index: number): HTMLElement;
  key(item: T): string;
  /** Called after each render with the rendered index range, to load more near the edges. */
  onRange?(first: number, last: number, count: number): void;
  estimate?: number;
  overscanPx?: number;
}

/**
 * A virtualized vertical list with items of varying height. Only the items in and near the viewport are in
 * the DOM (absolutely positioned over a spacer of the total height); heights are measured once rendered and
 * remembered by key. Changes keep the item at the top of the viewport where it was, so prepending older
 * messages does not move what the reader is looking at.
 */
export class VirtualList<T> {
  private items: T[] = [];
  private offsets: number[] = [0];
  private readonly heights = new Map<string, number>();
  private readonly nodes = new Map<string, HTMLElement>();
  private readonly spacer: HTMLElement;
  private frame = 0;
  private readonly estimate: number;
  private readonly overscan: number;
  private readonly resize: ResizeObserver;

  constructor(
    readonly viewport: HTMLElement,
    private readonly options: VirtualListOptions<T>,
  ) {
    this.estimate = options.estimate ?? 64;
    this.overscan = options.overscanPx ?? 600;
    this.spacer = document.createElement('div');
    this.spacer.className = 'vl-spacer';
    viewport.replaceChildren(this.spacer);
    viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    let width = viewport.clientWidth;
    this.resize = new ResizeObserver(() => {
      if (viewport.clientWidth !== width) {
        // new line breaks: every remembered height is stale
        width = viewport.clientWidth;
        const anchor = this.anchor();
        this.heights.clear();
        this.layout();
        this.restore(anchor);
      }
      this.schedule();
    });
    this.resize.observe(viewport);
  }

  get count(): number {
    return this.items.length;
  }

  /** Rendered item elements (for tests and focus handling). */
  get rendered(): HTMLElement[] {
    return [...this.nodes.values()];
  }

  /**
   * Replaces the items. `removedBefore`/`addedBefore` say how the start of the list moved so the top visible
   * item stays in place; without them the list is new and `scrollTo` says where to go.
   */
  setItems(items: T[], how: { addedBefore?: number; removedBefore?: number; scrollTo?: number | 'end' } = {}): void {
    const anchor = how.scrollTo === undefined ? this.anchor() : undefined;
    if (anchor) anchor.index += (how.addedBefore ?? 0) - (how.removedBefore ?? 0);
    this.items = items;
    const keep = new Set(items.map((item) => this.options.key(item)));
    const fresh = how.scrollTo !== undefined; // a new list: draw every item again (a hit, new highlights)
    for (const [key, node] of this.nodes) {
      if (fresh || !keep.has(key)) {
        node.remove();
        this.nodes.delete(key);
      }
    }
    if (how.scrollTo !== undefined) for (const key of [...this.heights.keys()]) if (!keep.has(key)) this.heights.delete(key);
    this.layout();
    if (how.scrollTo === 'end') this.viewport.scrollTop = this.offsets[items.length];
    else if (how.scrollTo !== undefined) this.viewport.scrollTop = this.offsets[Math.min(how.scrollTo, items.length)];
    else if (anchor) this.restore(anchor);
    this.renderNow(how.scrollTo);
  }

  /** Whether the item is in the DOM now: in or near the viewport, or holding the focus. */
  isRendered(item: T): boolean {
    return this.nodes.has(this.options.key(item));
  }

  /** Scrolls so the item is at the top (or at the end of the list). */
  scrollToIndex(index: number): void {
    this.viewport.scrollTop = this.offsets[Math.max(0, Math.min(index, this.items.length))];
    this.renderNow(index);
  }

  /** The first item at least partly in the viewport. */
  firstVisible(): number {
    return this.indexAt(this.viewport.scrollTop);
  }

  /** Scrolls as little as needed to show the whole item (keyboard focus moving past an edge). */
  scrollIntoView(index: number): void {
    const i = Math.max(0, Math.min(index, this.items.length - 1));
    const top = this.offsets[i];
    const bottom = this.offsets[i + 1];
    const view = this.viewport;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (bottom > view.scrollTop + view.clientHeight) view.scrollTop = Math.min(top, bottom - view.clientHeight);
    this.renderNow();
  }

  /** Renders again where the viewport is, which reports the range again (e.g. to load what an edge needs). */
  update(): void {
    this.renderNow();
  }

  /** Redraws the rendered items (e.g. "this is me" changed). */
  refresh(): void {
    for (const node of this.nodes.values()) node.remove();
    this.nodes.clear();
    this.renderNow();
  }

  private schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.renderNow();
      });
    }
  }

  private layout(): void {
    const n = this.items.length;
    const offsets = new Array<number>(n + 1);
    offsets[0] = 0;
    for (let i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + (this.heights.get(this.options.key(this.items[i])) ?? this.estimate);
    }
    this.offsets = offsets;
    this.spacer.style.height = `${offsets[n]}px`;
  }

  /** The first item at the top of the viewport and how far into it the viewport starts. */
  private anchor(): { index: number; delta: number } | undefined {
    if (!this.items.length) return undefined;
    const index = this.indexAt(this.viewport.scrollTop);
    return { index, delta: this.viewport.scrollTop - this.offsets[index] };
  }

  private restore(anchor: { index: number; delta: number } | undefined): void {
    if (!anchor || !this.items.length) return;
    const index = Math.max(0, Math.min(anchor.index, this.items.length - 1));
    this.viewport.scrollTop = this.offsets[index] + anchor.delta;
  }

  /** Binary search: the item whose span holds `y`. */
  private indexAt(y: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  private renderNow(pin?: number | 'end'): void {
    // measuring may change heights above the viewport; keep the anchor (or the pinned item) in place
    for (let pass = 0; pass < 3; pass++) {
      const anchor = this.anchor();
      const top = this.viewport.scrollTop;
      const bottom = top + this.viewport.clientHeight;
      if (!this.items.length) return this.options.onRange?.(0, -1, 0);
      const first = this.indexAt(Math.max(0, top - this.overscan));
      const last = this.indexAt(bottom + this.overscan);
      const wanted = new Set<string>();
      for (let i = first; i <= last; i++) {
        const item = this.items[i];
        const key = this.options.key(item);
        wanted.add(key);
        let node = this.nodes.get(key);
        if (!node) {
          node = this.options.render(item, i);
          node.classList.add('vl-item');
          this.nodes.set(key, node);
          this.viewport.appendChild(node);
        }
        node.style.transform = `translateY(${this.offsets[i]}px)`;
      }
      for (const [key, node] of this.nodes) {
        if (!wanted.has(key) && !node.contains(document.activeElement)) {
          node.remove();
          this.nodes.delete(key);
        }
      }
      let changed = false;
      for (let i = first; i <= last; i++) {
        const key = this.options.key(this.items[i]);
        const h = this.nodes.get(key)!.offsetHeight;
        if (h && this.heights.get(key) !== h) {
          this.heights.set(key, h);
          changed = true;
        }
      }
      if (!changed) {
        this.options.onRange?.(this.indexAt(top), this.indexAt(bottom), this.items.length);
        return;
      }
      this.layout();
      if (pin === 'end') this.viewport.scrollTop = this.offsets[this.items.length];
      else if (typeof pin === 'number') this.viewport.scrollTop = this.offsets[Math.min(pin, this.items.length)];
      else this.restore(anchor);
    }
    for (let i = 0; i < this.items.length; i++) {
      const node = this.nodes.get(this.options.key(this.items[i]));
      if (node) node.style.transform = `translateY(${this.offsets[i]}px)`;
    }
    this.options.onRange?.(this.indexAt(this.viewport.scrollTop), this.indexAt(this.viewport.scrollTop + this.viewport.clientHeight), this.items.length);
  }
}
