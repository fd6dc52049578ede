import { describe, expect, it } from 'vitest';
import { MessageWindow, type Page, type PageRequest } from './paging';

/**
 * A fake messages endpoint over the numbers 0..n-1 honouring the documented contract: cursors carry their
 * direction and are only valid with the query they were made for; `from`/`to` bound the window.
 */
function server(n: number) {
  const requests: PageRequest[] = [];
  const fetchPage = async (r: PageRequest): Promise<Page<number>> => {
    requests.push(r);
    const scope = JSON.stringify(r.query);
    let lo = r.query.from ? Number(r.query.from) : 0;
    let hi = r.query.to ? Number(r.query.to.replace('T00:00', '')) : n; // exclusive
    let after = r.direction !== 'backward';
    let fromCursor = false;
    if (r.cursor) {
      const c = JSON.parse(r.cursor) as { scope: string; at: number; after: boolean };
      if (c.scope !== scope) throw new Error('invalid-cursor');
      after = c.after;
      fromCursor = true;
      if (after) lo = c.at + 1;
      else hi = c.at;
    }
    const all = [];
    for (let i = lo; i < hi; i++) all.push(i);
    const more = all.length > r.limit;
    const items = after ? all.slice(0, r.limit) : all.slice(Math.max(0, all.length - r.limit));
    if (!items.length) return { items, nextCursor: null, prevCursor: null };
    const newer = after ? more : fromCursor;
    const older = after ? fromCursor : more;
    const cursor = (at: number, a: boolean) => JSON.stringify({ scope, at, after: a });
    return {
      items,
      nextCursor: newer ? cursor(items[items.length - 1], true) : null,
      prevCursor: older ? cursor(items[0], false) : null,
    };
  };
  return { fetchPage, requests };
}

describe('MessageWindow', () => {
  it('openNewest_thenLoadOlder_readsBackwardsContiguously', async () => {
    const { fetchPage } = server(25);
    const w = new MessageWindow(fetchPage, { pageSize: 10, maxItems: 100 });
    await w.openNewest({});
    expect(w.items).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(w.hasNewer).toBe(false);
    expect(w.hasOlder).toBe(true);
    const change = await w.loadOlder();
    expect(change.addedBefore).toBe(10);
    await w.loadOlder();
    expect(w.items).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(w.hasOlder).toBe(false);
    expect((await w.loadOlder()).addedBefore).toBe(0);
  });

  it('loadNewer_overTheBound_dropsOldPagesAndCanReadThemAgain', async () => {
    const { fetchPage } = server(100);
    const w = new MessageWindow(fetchPage, { pageSize: 10, maxItems: 30 });
    await w.openOldest({});
    for (let i = 0; i < 5; i++) await w.loadNewer();
    expect(w.items).toEqual(Array.from({ length: 30 }, (_, i) => 30 + i));
    expect(w.hasOlder).toBe(true);
    const change = await w.loadOlder();
    expect(change).toEqual({ addedBefore: 10, addedAfter: 0, droppedBefore: 0, droppedAfter: 10 });
    expect(w.items[0]).toBe(20);
    expect(w.items[w.items.length - 1]).toBe(49);
    await w.loadNewer();
    expect(w.items[w.items.length - 1]).toBe(59);
  });

  it('jumpTo_givenDate_opensBothSidesWithTheirOwnQueries', async () => {
    const { fetchPage, requests } = server(100);
    const w = new MessageWindow(fetchPage, { pageSize: 10, maxItems: 1000 });
    const anchor = await w.jumpTo('50', {});
    expect(w.items.slice(anchor! - 2, anchor! + 2)).toEqual([48, 49, 50, 51]);
    await w.loadOlder();
    await w.loadNewer();
    expect(w.items[0]).toBe(35);
    expect(w.items[w.items.length - 1]).toBe(69);
    // each side read on with the query its cursor belongs to
    expect(requests.slice(2).map((r) => r.query)).toEqual([{ to: '50T00:00' }, { from: '50' }]);
  });

  it('jumpTo_givenDateOutsideFilterRange_clampsIntoIt', async () => {
    const { requests, fetchPage } = server(100);
    const w = new MessageWindow(fetchPage, { pageSize: 10, maxItems: 1000 });
    await w.jumpTo('90', { from: '20', to: '60', sender: 'Ann' });
    expect(requests.map((r) => r.query)).toEqual([
      { from: '20', to: '60T00:00', sender: 'Ann' },
      { from: '60', to: '60', sender: 'Ann' },
    ]);
  });

  it('reset_whileAnOlderRequestIsInFlight_ignoresItsAnswer', async () => {
    const { fetchPage } = server(100);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let slow = false;
    const w = new MessageWindow<number>(
      async (r) => {
        if (slow) await gate;
        return fetchPage(r);
      },
      { pageSize: 10, maxItems: 1000 },
    );
    await w.openNewest({});
    slow = true;
    const pending = w.loadOlder();
    slow = false;
    await w.openOldest({});
    release();
    expect((await pending).addedBefore).toBe(0);
    expect(w.items[0]).toBe(0);
  });

  it('openAt_givenContextCursor_startsWithTheHitAndReadsBack', async () => {
    const { fetchPage } = server(100);
    const w = new MessageWindow(fetchPage, { pageSize: 10, maxItems: 1000 });
    await w.openAt(JSON.stringify({ scope: '{}', at: 41, after: true }), {});
    expect(w.items[0]).toBe(42);
    expect(w.hasOlder).toBe(true);
    await w.loadOlder();
    expect(w.items[0]).toBe(32);
  });
});

describe('MessageWindow with loads on both sides at once', () => {
  it('loadNewer_whoseEdgeWasDroppedMeanwhile_readsOnFromTheNewEdgeAndStaysContiguous', async () => {
    const { fetchPage } = server(100);
    let holdNewer = false;
    let release: (() => void) | undefined;
    const slow = async (r: PageRequest) => {
      const page = await fetchPage(r);
      if (holdNewer && r.cursor && (JSON.parse(r.cursor) as { after: boolean }).after) {
        holdNewer = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return page;
    };
    const w = new MessageWindow(slow, { pageSize: 10, maxItems: 30 });
    await w.openOldest({});
    for (let i = 0; i < 5; i++) await w.loadNewer(); // 0..59 read, 30..59 kept
    expect(w.items[0]).toBe(30);
    holdNewer = true;
    const newer = w.loadNewer(); // 60..69, held back
    await w.loadOlder(); // 20..59 is 40 items: the newest page (50..59) is dropped
    expect(w.items[w.items.length - 1]).toBe(49);
    release!();
    await newer;
    const items = w.items;
    expect(items).toEqual(Array.from({ length: items.length }, (_, i) => items[0] + i));
    expect(items[items.length - 1]).toBe(59);
  });
});

describe('MessageWindow and the items in view', () => {
  it('loadOlder_answeringWhileTheReaderLooksAtTheNewestPage_keepsThatPage', async () => {
    const { fetchPage } = server(100);
    let looking: number[] = [];
    const w = new MessageWindow(fetchPage, { pageSize: 10, maxItems: 30, inView: (m) => looking.includes(m) });
    await w.openOldest({});
    for (let i = 0; i < 4; i++) await w.loadNewer(); // 20..49 kept
    looking = [47, 48, 49]; // the reader went to the bottom while an older page was on its way
    const change = await w.loadOlder();
    expect(change).toEqual({ addedBefore: 10, addedAfter: 0, droppedBefore: 0, droppedAfter: 0 });
    expect(w.items[w.items.length - 1]).toBe(49);
    // the next load at the bottom drops pages at the far side again, back under the bound
    looking = [49];
    await w.loadNewer();
    expect(w.items).toEqual(Array.from({ length: 30 }, (_, i) => 30 + i));
  });

  it('trim_givenEveryPageInView_neverHoldsMoreThanTwiceTheBound', async () => {
    const { fetchPage } = server(200);
    const w = new MessageWindow(fetchPage, { pageSize: 10, maxItems: 30, inView: () => true });
    await w.openOldest({});
    for (let i = 0; i < 15; i++) {
      await w.loadNewer();
      expect(w.items.length).toBeLessThanOrEqual(60);
    }
    const items = w.items;
    expect(items).toEqual(Array.from({ length: items.length }, (_, i) => items[0] + i));
    expect(items[items.length - 1]).toBe(159);
  });
});
