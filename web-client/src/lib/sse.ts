/** One dispatched server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * Incremental `text/event-stream` parser (WHATWG HTML §9.2.6): feed it decoded chunks as they arrive, split
 * anywhere, and it returns the events they complete. Comments (`: heartbeat`) are skipped.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private pendingId: string | undefined;
  /** The last `id:` seen, which a reconnect sends back as `Last-Event-ID`. */
  lastEventId: string | undefined;
  /** The server's `retry:` in milliseconds, when it sent one. */
  retryMs: number | undefined;

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // a CR at the very end may be the first half of CRLF: wait for the next chunk
      if (c === '\r' && i === this.buffer.length - 1) break;
      const line = this.buffer.slice(start, i);
      if (c === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      const hadData = this.data.length > 0;
      const event: SseEvent = { event: this.event || 'message', data: this.data.join('\n'), id: this.pendingId };
      this.data = [];
      this.event = '';
      return hadData ? event : undefined;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.pendingId = value;
          this.lastEventId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
    }
    return undefined;
  }
}

export type FeedState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface FeedOptions {
  url: string;
  onEvent(event: SseEvent): void;
  onState?(state: FeedState): void;
  /** Called once when the feed gives up: a 4xx answer, or too many failed attempts in a row. */
  onError?(message: string): void;
  /** Event names after which the server ends the stream. */
  finalEvents?: string[];
  fetch?: typeof fetch;
  sleep?(ms: number): Promise<void>;
  /** Delays between reconnect attempts; the last repeats. */
  backoffMs?: number[];
  maxAttempts?: number;
  lastEventId?: string;
}

export interface Feed {
  close(): void;
  lastEventId(): string | undefined;
  /** Settles when the feed is closed for good. */
  done: Promise<void>;
}

/**
 * A server-sent-events feed over `fetch`, so the reconnect is ours: after a network blip or a stream that ends
 * early it reconnects with `Last-Event-ID` (the server resumes after what we saw), backing off; a 204 means the
 * server has nothing more (the final event was already seen).
 */
export function openFeed(options: FeedOptions): Feed {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoff = options.backoffMs ?? [500, 1000, 2000, 5000];
  const maxAttempts = options.maxAttempts ?? 20;
  const finals = new Set(options.finalEvents ?? ['completed', 'failed']);
  const abort = new AbortController();
  let lastId = options.lastEventId;
  let closed = false;
  const state = (s: FeedState) => options.onState?.(s);

  const run = async () => {
    let failures = 0;
    while (!closed) {
      state(failures === 0 ? 'connecting' : 'reconnecting');
      let retryMs: number | undefined;
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (lastId !== undefined) headers['Last-Event-ID'] = lastId;
        const response = await doFetch(options.url, { headers, signal: abort.signal, cache: 'no-store' });
        if (response.status === 204) return;
        if (response.status >= 400 && response.status < 500) {
          options.onError?.(await problemDetail(response));
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        state('open');
        const parser = new SseParser();
        parser.lastEventId = lastId;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of parser.push(value)) {
            failures = 0;
            lastId = parser.lastEventId;
            options.onEvent(event);
            if (finals.has(event.event)) {
              closed = true;
              void reader.cancel().catch(() => undefined);
              return;
            }
          }
        }
        retryMs = parser.retryMs;
      } catch (e) {
        if (closed) return;
      }
      // the stream ended or broke before the final event: a blip, reconnect after a pause
      failures++;
      if (failures > maxAttempts) {
        options.onError?.('The progress feed could not be reached.');
        return;
      }
      state('reconnecting');
      await sleep(retryMs ?? backoff[Math.min(failures - 1, backoff.length - 1)]);
    }
  };
  const done = run().finally(() => {
    closed = true;
    state('closed');
  });
  return {
    close() {
      closed = true;
      abort.abort();
    },
    lastEventId: () => lastId,
    done,
  };
}

/** The `detail` sentence of an RFC 9457 problem answer, else a generic one. */
export async function problemDetail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown; title?: unknown };
    if (typeof body.detail === 'string' && body.detail) return body.detail;
    if (typeof body.title === 'string' && body.title) return body.title;
  } catch {
    // not JSON
  }
  return `The server answered ${response.status}.`;
}
