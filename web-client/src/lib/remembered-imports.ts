/** The parts of `Storage` this needs (so tests can pass a map). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export interface RememberedImport {
  id: string;
  /** The last SSE `id:` seen, sent back as `Last-Event-ID` when the feed is opened again after a reload. */
  lastEventId?: string;
}

const KEY = 'parley.imports';

/**
 * The imports this browser started and has not yet seen end, kept in local storage so a reload (or a second tab)
 * can attach to them again and resume their feed where it stopped. Bounded: the oldest are forgotten first.
 */
export class RememberedImports {
  constructor(
    private readonly store: KeyValueStore,
    private readonly max = 10,
  ) {}

  all(): RememberedImport[] {
    try {
      const value: unknown = JSON.parse(this.store.getItem(KEY) ?? '[]');
      return Array.isArray(value) ? value.filter((r): r is RememberedImport => typeof r?.id === 'string').slice(0, this.max) : [];
    } catch {
      return [];
    }
  }

  /** Remembers an import (newest first) or updates its last event id. */
  remember(id: string, lastEventId?: string): void {
    const rest = this.all().filter((r) => r.id !== id);
    const previous = this.all().find((r) => r.id === id);
    this.write([{ id, lastEventId: lastEventId ?? previous?.lastEventId }, ...rest]);
  }

  /** Forgets an import once its end was shown. */
  forget(id: string): void {
    this.write(this.all().filter((r) => r.id !== id));
  }

  get(id: string): RememberedImport | undefined {
    return this.all().find((r) => r.id === id);
  }

  private write(list: RememberedImport[]): void {
    try {
      this.store.setItem(KEY, JSON.stringify(list.slice(0, this.max)));
    } catch {
      // storage full or disabled: resuming after a reload then relies on the server's list alone
    }
  }
}
