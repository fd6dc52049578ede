import { describe, expect, it } from 'vitest';
import { CursorPages } from './cursor-pages';

describe('CursorPages', () => {
  const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
    first: { items: [1, 2], nextCursor: 'b' },
    b: { items: [3, 4], nextCursor: 'c' },
    c: { items: [5], nextCursor: null },
  };

  it('next_readsEveryPageThroughItsCursorThenStops', async () => {
    const asked: (string | undefined)[] = [];
    const p = new CursorPages<number>(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'first'];
    });
    const all: number[] = [];
    for (let page = await p.next(); page; page = await p.next()) all.push(...page);
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'b', 'c']);
    expect(p.done).toBe(true);
    expect(await p.next()).toBeUndefined();
  });

  it('next_whileAPageIsLoading_asksNothingMore', async () => {
    let release!: () => void;
    let calls = 0;
    const p = new CursorPages<number>((cursor) => {
      calls++;
      return new Promise((resolve) => (release = () => resolve(pages[cursor ?? 'first'])));
    });
    const first = p.next();
    expect(await p.next()).toBeUndefined();
    release();
    expect(await first).toEqual([1, 2]);
    expect(calls).toBe(1);
  });

  it('next_afterAFailedPage_triesThatPageAgain', async () => {
    let fail = true;
    const asked: (string | undefined)[] = [];
    const p = new CursorPages<number>(async (cursor) => {
      asked.push(cursor);
      if (cursor === 'b' && fail) {
        fail = false;
        throw new Error('blip');
      }
      return pages[cursor ?? 'first'];
    });
    await p.next();
    await expect(p.next()).rejects.toThrow('blip');
    expect(await p.next()).toEqual([3, 4]);
    expect(asked).toEqual([undefined, 'b', 'b']);
  });
});
