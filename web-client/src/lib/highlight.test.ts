import { describe, expect, it } from 'vitest';
import { highlightTerms, parseSnippet, queryTerms, renderSegments } from './highlight';

describe('parseSnippet', () => {
  it('parseSnippet_givenMarks_splitsIntoMarkedSegments', () => {
    expect(parseSnippet('I love <mark>pizza</mark> and pasta')).toEqual([
      { text: 'I love ', mark: false },
      { text: 'pizza', mark: true },
      { text: ' and pasta', mark: false },
    ]);
  });

  it('parseSnippet_givenEscapedMarkup_keepsItAsText', () => {
    const segments = parseSnippet('&lt;b&gt;<mark>pizza</mark>&lt;/b&gt; &amp; wine &lt;img src=x onerror=alert(1)&gt;');
    expect(segments).toEqual([
      { text: '<b>', mark: false },
      { text: 'pizza', mark: true },
      { text: '</b> & wine <img src=x onerror=alert(1)>', mark: false },
    ]);
  });

  it('parseSnippet_givenOtherTags_dropsThem', () => {
    expect(parseSnippet('<script>alert(1)</script><img src=x onerror=alert(1)><mark class="x">hi</mark>')).toEqual([
      { text: 'alert(1)', mark: false },
      { text: 'hi', mark: true },
    ]);
  });

  it('parseSnippet_givenNumericEntities_decodesThem', () => {
    expect(parseSnippet('caf&#233; &#x1F355;')).toEqual([{ text: 'café 🍕', mark: false }]);
  });
});

describe('queryTerms and highlightTerms', () => {
  it('queryTerms_givenWebSearchSyntax_keepsPositiveWords', () => {
    expect(queryTerms('pizza "train station" or -pasta')).toEqual(['pizza', 'train', 'station']);
  });

  it('highlightTerms_givenText_marksWholeWordsCaseInsensitively', () => {
    expect(highlightTerms('Pizza? pizzas and PIZZA', ['pizza'])).toEqual([
      { text: 'Pizza', mark: true },
      { text: '? pizzas and ', mark: false },
      { text: 'PIZZA', mark: true },
    ]);
  });

  it('highlightTerms_givenRegexCharacters_treatsThemLiterally', () => {
    expect(highlightTerms('a.b axb', ['a.b'])).toEqual([
      { text: 'a.b', mark: true },
      { text: ' axb', mark: false },
    ]);
  });
});

/** The smallest document renderSegments needs, recording what it creates. */
function fakeDocument() {
  const created: string[] = [];
  class FakeNode {
    children: FakeNode[] = [];
    textContent = '';
    constructor(readonly name: string) {}
    appendChild(child: FakeNode) {
      this.children.push(child);
      return child;
    }
  }
  const doc = {
    createElement(tag: string) {
      created.push(tag);
      return new FakeNode(tag);
    },
    createTextNode(text: string) {
      created.push('#text');
      const n = new FakeNode('#text');
      n.textContent = text;
      return n;
    },
  };
  return { doc: doc as unknown as Document, created, root: new FakeNode('p') };
}

describe('renderSegments', () => {
  it('renderSegments_givenHostileSnippet_createsOnlyTextAndMarks', () => {
    const { doc, created, root } = fakeDocument();
    renderSegments(root as unknown as Node, parseSnippet('<img src=x onerror=alert(1)>&lt;svg onload=alert(1)&gt;<mark>hit</mark>'), doc);
    expect(created).toEqual(['#text', 'mark']);
    expect(root.children.map((c) => [c.name, c.textContent])).toEqual([
      ['#text', '<svg onload=alert(1)>'],
      ['mark', 'hit'],
    ]);
  });
});
