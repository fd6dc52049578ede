/** A run of text, marked when it is a search hit. Rendered with text nodes only, never as HTML. */
export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Turns the server's search snippet (escaped text with `<mark>` around hits) into segments. Only `<mark>` and
 * `</mark>` are understood; any other tag is dropped, so nothing the server or a message author wrote can
 * become markup.
 */
export function parseSnippet(html: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  const push = (raw: string) => {
    if (!raw) return;
    const text = decodeEntities(raw);
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += text;
    else segments.push({ text, mark });
  };
  const tag = /<\s*(\/?)\s*([a-z][a-z0-9]*)\b[^>]*>/gi;
  let at = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    push(html.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[2].toLowerCase() === 'mark') mark = m[1] !== '/';
  }
  push(html.slice(at));
  return segments;
}

/** Words of a web-search query worth highlighting in plain text: no operators, no excluded words. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const m of query.matchAll(/(-?)"([^"]*)"|(-?)(\S+)/g)) {
    const negated = (m[1] ?? m[3]) === '-';
    const value = m[2] ?? m[4] ?? '';
    if (negated || !value || /^or$/i.test(value)) continue;
    for (const word of value.split(/[^\p{L}\p{N}_]+/u)) if (word) terms.push(word);
  }
  return [...new Set(terms)];
}

/** Splits plain `text` into segments, marking case-insensitive whole-word occurrences of `terms`. */
export function highlightTerms(text: string, terms: string[]): Segment[] {
  if (!terms.length || !text) return text ? [{ text, mark: false }] : [];
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  const segments: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    const index = m.index ?? 0;
    if (index > at) segments.push({ text: text.slice(at, index), mark: false });
    segments.push({ text: m[0], mark: true });
    at = index + m[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: false });
  return segments;
}

/** Appends segments to `parent` as text nodes and `<mark>` elements holding text nodes. */
export function renderSegments(parent: Node, segments: Segment[], doc: Document = document): void {
  for (const s of segments) {
    if (s.mark) {
      const mark = doc.createElement('mark');
      mark.textContent = s.text;
      parent.appendChild(mark);
    } else {
      parent.appendChild(doc.createTextNode(s.text));
    }
  }
}
