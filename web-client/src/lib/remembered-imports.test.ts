import { describe, expect, it } from 'vitest';
import { RememberedImports, type KeyValueStore } from './remembered-imports';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('RememberedImports', () => {
  it('remember_keepsNewestFirstAndUpdatesTheLastEventId', () => {
    const r = new RememberedImports(memory());
    r.remember('a');
    r.remember('b', '3');
    r.remember('a', '7');
    expect(r.all()).toEqual([{ id: 'a', lastEventId: '7' }, { id: 'b', lastEventId: '3' }]);
    r.remember('a');
    expect(r.get('a')?.lastEventId).toBe('7');
  });

  it('remember_beyondTheBound_forgetsTheOldest', () => {
    const r = new RememberedImports(memory(), 3);
    for (const id of ['1', '2', '3', '4']) r.remember(id);
    expect(r.all().map((x) => x.id)).toEqual(['4', '3', '2']);
  });

  it('forget_removesOnlyThatImport', () => {
    const r = new RememberedImports(memory());
    r.remember('a');
    r.remember('b');
    r.forget('a');
    expect(r.all().map((x) => x.id)).toEqual(['b']);
  });

  it('all_givenGarbageInStorage_isEmpty', () => {
    const store = memory();
    store.setItem('parley.imports', '{"not":"a list"');
    expect(new RememberedImports(store).all()).toEqual([]);
    store.setItem('parley.imports', '[{"nope":1},{"id":"x"}]');
    expect(new RememberedImports(store).all()).toEqual([{ id: 'x' }]);
  });
});
