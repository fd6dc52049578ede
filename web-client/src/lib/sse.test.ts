import { describe, expect, it } from 'vitest';
import { openFeed, SseParser, type SseEvent } from './sse';

describe('SseParser', () => {
  it('push_givenChunksSplitAnywhere_dispatchesWholeEvents', () => {
    const parser = new SseParser();
    const text = 'id:3\nevent:progress\ndata:{"a":1}\n\n: heartbeat\n\nid:4\r\nevent:completed\r\ndata:{"b"\r\ndata::2}\r\n\r\n';
    const events: SseEvent[] = [];
    for (const ch of text) events.push(...parser.push(ch));
    expect(events).toEqual([
      { event: 'progress', data: '{"a":1}', id: '3' },
      { event: 'completed', data: '{"b"\n:2}', id: '4' },
    ]);
    expect(parser.lastEventId).toBe('4');
  });

  it('push_givenRetryField_remembersIt', () => {
    const parser = new SseParser();
    parser.push('retry: 1500\n\n');
    expect(parser.retryMs).toBe(1500);
  });
});

/** A fetch that answers each call with the next scripted response and records the Last-Event-ID sent. */
function scriptedFetch(answers: (() => Response)[]) {
  const sent: (string | null)[] = [];
  const fn = (async (_url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    sent.push(headers.get('Last-Event-ID'));
    const next = answers.shift();
    if (!next) throw new TypeError('network down');
    return next();
  }) as unknown as typeof fetch;
  return { fn, sent };
}

function stream(text: string, thenError = false): Response {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode(text));
      } else if (thenError) controller.error(new TypeError('connection reset'));
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('openFeed', () => {
  it('openFeed_givenStreamBreaks_reconnectsWithLastEventIdAndStopsAtFinalEvent', async () => {
    const { fn, sent } = scriptedFetch([
      () => stream('id:1\nevent:progress\ndata:{}\n\nid:2\nevent:progress\ndata:{}\n\n', true),
      () => stream('id:5\nevent:completed\ndata:{}\n\n'),
    ]);
    const seen: string[] = [];
    const sleeps: number[] = [];
    const feed = openFeed({
      url: '/events',
      fetch: fn,
      sleep: async (ms) => void sleeps.push(ms),
      onEvent: (e) => seen.push(`${e.event}#${e.id}`),
    });
    await feed.done;
    expect(seen).toEqual(['progress#1', 'progress#2', 'completed#5']);
    expect(sent).toEqual([null, '2']);
    expect(sleeps).toEqual([500]);
    expect(feed.lastEventId()).toBe('5');
  });

  it('openFeed_givenNoContentAfterReconnect_stopsQuietly', async () => {
    const { fn, sent } = scriptedFetch([() => stream('id:7\nevent:progress\ndata:{}\n\n'), () => new Response(null, { status: 204 })]);
    const errors: string[] = [];
    const feed = openFeed({ url: '/e', fetch: fn, sleep: async () => {}, onEvent: () => {}, onError: (m) => errors.push(m) });
    await feed.done;
    expect(sent).toEqual([null, '7']);
    expect(errors).toEqual([]);
  });

  it('openFeed_givenNotFound_reportsProblemDetail', async () => {
    const problem = JSON.stringify({ type: 'https://parley.dev/problems/not-found', detail: 'No import 42.' });
    const { fn } = scriptedFetch([
      () => new Response(problem, { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
    ]);
    const errors: string[] = [];
    const feed = openFeed({ url: '/e', fetch: fn, onEvent: () => {}, onError: (m) => errors.push(m) });
    await feed.done;
    expect(errors).toEqual(['No import 42.']);
  });

  it('openFeed_givenNetworkDownForGood_givesUpAfterMaxAttempts', async () => {
    const { fn, sent } = scriptedFetch([]);
    const errors: string[] = [];
    const sleeps: number[] = [];
    const feed = openFeed({
      url: '/e',
      fetch: fn,
      maxAttempts: 3,
      backoffMs: [10, 20],
      sleep: async (ms) => void sleeps.push(ms),
      onEvent: () => {},
      onError: (m) => errors.push(m),
    });
    await feed.done;
    expect(sent).toHaveLength(4);
    expect(sleeps).toEqual([10, 20, 20]);
    expect(errors).toHaveLength(1);
  });
});
