import { api, ApiError, type Conversation, type LinkPreview, type Message, type SearchHit, type Sentiment } from '../lib/api';
import { announce, h, replace, uid } from '../lib/dom';
import { highlightTerms, parseSnippet, queryTerms, renderSegments } from '../lib/highlight';
import { MessageWindow, type Change, type Query } from '../lib/paging';
import { VirtualList } from '../lib/virtual-list';
import type { Page } from '../main';
import { conversationHeader, errorBox, formatNumber } from './common';

/** Messages left before the window's edge at which the next page is read (pages hold 100). */
const PREFETCH = 150;
const KINDS = ['TEXT', 'MEDIA', 'SYSTEM', 'DELETED', 'POLL', 'LOCATION', 'CONTACT', 'CALL'];
const MEDIA_LABEL: Record<string, string> = {
  IMAGE: '📷 Photo', VIDEO: '🎬 Video', AUDIO: '🎵 Audio', VOICE: '🎤 Voice message', STICKER: '🏷️ Sticker',
  GIF: '🎞️ GIF', DOCUMENT: '📄 Document', CONTACT: '👤 Contact card', UNKNOWN: '📎 Attachment',
};
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });

/** Parses `2021-01-01T00:01` as the wall-clock time the export shows (no zone conversion). */
function localDate(localTime: string): Date {
  const [d, t = '00:00'] = localTime.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [hh, mm, ss = 0] = t.split(':').map(Number);
  return new Date(y, mo - 1, da, hh, mm, ss);
}

/** Reader: the conversation as a chat, with filters, jump to date and search. */
export const readerPage: Page = (main, params) => {
  const id = params.get('id')!;
  const meKey = `parley.me.${id}`;
  let me = localStorage.getItem(meKey) ?? '';
  let terms: string[] = [];
  let hitOrdinal: number | undefined;
  let filters: Query = {};

  const head = h('div', null, conversationHeader(undefined, id, 'reader'));
  const status = h('p', { class: 'reader-status muted', role: 'status' });
  const viewport = h('div', { class: 'messages', role: 'feed', tabindex: 0, 'aria-label': 'Messages', 'aria-busy': 'true' });

  // toolbar: search, filters, jump, "this is me"
  const qId = uid('q');
  const q = h('input', { id: qId, type: 'search', name: 'q', placeholder: 'Words, "a phrase", -without', maxlength: 256, autocomplete: 'off' });
  const searchForm = h('form', { role: 'search', class: 'search-form' }, h('label', { for: qId }, 'Search this conversation'), h('div', { class: 'row' }, q, h('button', { type: 'submit' }, 'Search')));
  const meSelect = h('select', { id: uid('me') }, h('option', { value: '' }, 'Nobody'));
  const senderSelect = h('select', { id: uid('sender'), name: 'sender' }, h('option', { value: '' }, 'Everyone'));
  const kindSelect = h('select', { id: uid('kind'), name: 'kind' }, h('option', { value: '' }, 'All kinds'), KINDS.map((k) => h('option', { value: k }, k[0] + k.slice(1).toLowerCase())));
  const fromInput = h('input', { id: uid('from'), type: 'date', name: 'from' });
  const toInput = h('input', { id: uid('to'), type: 'date', name: 'to' });
  const filterForm = h('form', { class: 'filters', 'aria-label': 'Filters' },
    field('Sender', senderSelect), field('Kind', kindSelect), field('From', fromInput), field('To (inclusive)', toInput),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Apply filters'), h('button', { type: 'reset', class: 'secondary' }, 'Clear')));
  const jumpInput = h('input', { id: uid('jump'), type: 'date', name: 'jump', required: true });
  const jumpForm = h('form', { class: 'jump', 'aria-label': 'Jump to date' }, field('Jump to date', jumpInput), h('button', { type: 'submit' }, 'Go'));
  const results = h('section', { class: 'search-results', 'aria-label': 'Search results', hidden: true });

  const edges = {
    top: h('button', { type: 'button', class: 'secondary small' }, 'Oldest'),
    bottom: h('button', { type: 'button', class: 'secondary small' }, 'Newest'),
  };

  replace(
    main,
    head,
    h('div', { class: 'reader' },
      h('aside', { class: 'reader-side' }, searchForm, results, jumpForm, filterForm, field('This is me', meSelect)),
      h('section', { class: 'reader-main', 'aria-label': 'Chat' }, h('div', { class: 'reader-bar' }, status, edges.top, edges.bottom), viewport)),
  );

  let conversation: Conversation | undefined;
  const window_ = new MessageWindow<Message>((r) => api.messages(id, r), {
    pageSize: 100,
    maxItems: 3000,
    // a late answer to a load at the other edge must not drop the pages on screen
    inView: (m: Message): boolean => list.isRendered(m),
  });

  const list: VirtualList<Message> = new VirtualList<Message>(viewport, {
    key: (m) => String(m.ordinal),
    estimate: 64,
    render: (m, index) => renderMessage(m, index > 0 ? list_items()[index - 1] : undefined),
    onRange: (first, last, count) => {
      // messages held in memory (bounded by the window), for the tests and the scroll benchmark
      viewport.dataset.loaded = String(count);
      if (count === 0) return;
      // read the next page while 1.5 pages are still ahead: a fast scroll then rarely hits the window's edge
      if (first < PREFETCH && window_.hasOlder) void load('older');
      if (last > count - PREFETCH && window_.hasNewer) void load('newer');
      const m = list_items()[first];
      if (m) status.textContent = `${dayFormat.format(localDate(m.localTime))}${window_.loading ? ' · loading…' : ''}`;
    },
  });
  const list_items = () => window_.items;

  // One load at a time: a load on one side may drop pages on the other (the window is bounded), so loads on both
  // sides never overlap. A load asked for while the other side's runs is asked again when that one ends, and a
  // failed one again after a pause (a transient 5xx must not leave the list stuck at its edge until the next scroll).
  const pending: { older?: Promise<void>; newer?: Promise<void> } = {};
  let askAgain = false;
  let failures = 0;
  const load = (side: 'older' | 'newer'): Promise<void> => {
    const other = pending[side === 'older' ? 'newer' : 'older'];
    if (other) {
      askAgain = true;
      return other;
    }
    pending[side] ??= (async () => {
      let change: Change;
      try {
        change = side === 'older' ? await window_.loadOlder() : await window_.loadNewer();
        failures = 0;
      } catch (e) {
        showError(e);
        failures++;
        if (failures <= 5) window.setTimeout(() => list.update(), 500 * 2 ** failures);
        return;
      } finally {
        pending[side] = undefined;
      }
      if (change.addedBefore || change.addedAfter || change.droppedBefore || change.droppedAfter) {
        list.setItems(window_.items, { addedBefore: change.addedBefore, removedBefore: change.droppedBefore });
      }
      if (askAgain) {
        askAgain = false;
        list.update();
      }
    })();
    return pending[side];
  };

  const showError = (e: unknown) => {
    status.replaceChildren(errorBox(e instanceof ApiError ? e.message : String(e)));
  };

  const show = (scrollTo: number | 'end', what: string) => {
    viewport.setAttribute('aria-busy', 'false');
    list.setItems(window_.items, { scrollTo });
    if (!window_.items.length) status.textContent = 'No messages match.';
    announce(what);
  };

  const openNewest = async () => {
    viewport.setAttribute('aria-busy', 'true');
    hitOrdinal = undefined;
    try {
      if (await window_.openNewest(filters)) show('end', 'Showing the newest messages.');
    } catch (e) {
      showError(e);
    }
  };

  edges.bottom.addEventListener('click', () => void openNewest());
  edges.top.addEventListener('click', async () => {
    try {
      if (await window_.openOldest(filters)) show(0, 'Showing the oldest messages.');
    } catch (e) {
      showError(e);
    }
  });

  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    filters = {};
    if (senderSelect.value) filters.sender = senderSelect.value;
    if (kindSelect.value) filters.kind = kindSelect.value;
    if (fromInput.value) filters.from = fromInput.value;
    if (toInput.value) filters.to = toInput.value;
    void openNewest();
  });
  filterForm.addEventListener('reset', () => {
    filters = {};
    queueMicrotask(() => void openNewest());
  });

  jumpForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!jumpInput.value) return;
    hitOrdinal = undefined;
    try {
      const index = await window_.jumpTo(jumpInput.value, filters);
      if (index !== undefined) {
        show(index, `Jumped to ${jumpInput.value}.`);
        focusIndex(index);
      }
    } catch (err) {
      showError(err);
    }
  });

  meSelect.addEventListener('change', () => {
    me = meSelect.value;
    if (me) localStorage.setItem(meKey, me);
    else localStorage.removeItem(meKey);
    list.refresh();
  });

  searchForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const query = q.value.trim();
    results.hidden = false;
    if (!query) {
      terms = [];
      results.hidden = true;
      list.refresh();
      return;
    }
    terms = queryTerms(query);
    list.refresh();
    replace(results, h('p', { class: 'muted' }, 'Searching…'));
    results.setAttribute('aria-busy', 'true');
    try {
      await showResults(query);
    } catch (err) {
      replace(results, errorBox(err instanceof ApiError ? err.message : String(err)));
    }
    results.setAttribute('aria-busy', 'false');
  });

  const showResults = async (query: string, cursor?: string, into?: HTMLElement) => {
    const page = await api.search({ q: query, conversationId: id }, cursor);
    const ol = into ?? h('ol', { class: 'hits' });
    for (const hit of page.items) ol.append(h('li', null, hitButton(hit)));
    if (!into) {
      replace(results, h('h2', null, page.items.length ? 'Results' : 'No results'), ol);
      announce(page.items.length ? `${page.items.length}${page.nextCursor ? ' or more' : ''} results.` : 'No results.');
    }
    results.querySelector('.more')?.remove();
    if (page.nextCursor) {
      const more = h('button', { type: 'button', class: 'secondary more' }, 'More results');
      more.addEventListener('click', () => void showResults(query, page.nextCursor!, ol));
      results.append(more);
    }
  };

  const hitButton = (hit: SearchHit) => {
    const snippet = h('span', { class: 'snippet' });
    renderSegments(snippet, parseSnippet(hit.snippet));
    const b = h('button', { type: 'button', class: 'hit' },
      h('span', { class: 'hit-meta' }, `${hit.message.sender ?? 'System'} · ${dayFormat.format(localDate(hit.message.localTime))}`), snippet);
    b.addEventListener('click', async () => {
      // the context cursor is made without filters
      filters = {};
      senderSelect.value = kindSelect.value = fromInput.value = toInput.value = '';
      hitOrdinal = hit.message.ordinal;
      try {
        if (await window_.openAt(hit.contextCursor)) {
          const index = Math.max(0, window_.items.findIndex((m) => m.ordinal === hit.message.ordinal));
          show(Math.max(0, index - 2), 'Opened the message in context.');
          focusIndex(index);
        }
      } catch (err) {
        showError(err);
      }
    });
    return b;
  };

  // The feed pattern (WAI-ARIA APG): arrow and page keys move between messages, Home/End go to the first and last
  // loaded one; reading on past the loaded window loads more, as scrolling does.
  viewport.addEventListener('keydown', (e) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 1, PageUp: -1, j: 1, k: -1 };
    if (!window_.items.length || e.altKey || e.ctrlKey || e.metaKey) return;
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-ordinal]');
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      moveFocus(e.key === 'Home' ? 0 : window_.items.length - 1);
    } else if (e.key in steps) {
      if (current) {
        e.preventDefault();
        void moveFrom(current.dataset.ordinal!, steps[e.key]);
      } else if (e.key.startsWith('Page')) {
        e.preventDefault();
        moveFocus(list.firstVisible());
      } // else: the feed itself has focus and scrolls with the arrows
    }
  });

  /** Moves focus `step` messages on from the one shown with `ordinal`, loading the next page past an edge. */
  const moveFrom = async (ordinal: string, step: number) => {
    const at = () => window_.items.findIndex((m) => String(m.ordinal) === ordinal);
    if (at() < 0) return;
    if (at() + step < 0 && window_.hasOlder) await load('older');
    else if (at() + step >= window_.items.length && window_.hasNewer) await load('newer');
    if (at() >= 0) moveFocus(at() + step);
  };

  const moveFocus = (index: number) => {
    const i = Math.max(0, Math.min(index, window_.items.length - 1));
    list.scrollIntoView(i);
    focusIndex(i);
  };

  const focusIndex = (index: number) => {
    const m = window_.items[index];
    if (!m) return;
    const node = viewport.querySelector<HTMLElement>(`[data-ordinal="${m.ordinal}"]`);
    if (node) node.focus({ preventScroll: true });
    else requestAnimationFrame(() => viewport.querySelector<HTMLElement>(`[data-ordinal="${m.ordinal}"]`)?.focus({ preventScroll: true }));
  };

  const renderMessage = (m: Message, previous: Message | undefined): HTMLElement => {
    const day = m.localTime.slice(0, 10);
    const newDay = !previous || previous.localTime.slice(0, 10) !== day;
    const when = localDate(m.localTime);
    const side = m.kind === 'SYSTEM' || !m.sender ? 'system' : m.sender === me ? 'me' : 'other';
    const text = h('p', { class: 'text' });
    const body: (Node | null)[] = [];
    if (m.kind === 'DELETED') {
      text.classList.add('deleted');
      text.textContent = '🚫 This message was deleted';
    } else if (m.text) {
      renderSegments(text, highlightTerms(m.text, terms));
    }
    if (m.attachment || m.kind === 'MEDIA') {
      const a = m.attachment;
      body.push(h('div', { class: 'media-placeholder' }, h('span', null, MEDIA_LABEL[a?.mediaType ?? 'UNKNOWN'] ?? MEDIA_LABEL.UNKNOWN), h('span', { class: 'muted' }, a?.fileName ?? 'not included in the export')));
    }
    if (m.kind === 'POLL' && m.poll) body.push(h('ul', { class: 'poll' }, m.poll.options.map((o) => h('li', null, `${o.text} — ${o.votes}`))));
    if (m.kind === 'LOCATION' && m.location) body.push(h('p', { class: 'media-placeholder' }, `📍 ${m.location.latitude.toFixed(5)}, ${m.location.longitude.toFixed(5)}`));
    if (m.kind === 'CONTACT' && m.contact) body.push(h('p', { class: 'media-placeholder' }, `👤 ${m.contact.name ?? 'Contact'}`));
    if (m.kind === 'CALL' && m.call) body.push(h('p', { class: 'media-placeholder' }, `${m.call.video ? '📹 Video call' : '📞 Voice call'}${m.call.missed ? ' · missed' : ''}${m.call.durationSeconds ? ` · ${Math.round(m.call.durationSeconds / 60)} min` : ''}`));
    const article = h(
      'article',
      {
        class: `msg msg--${side} kind-${m.kind.toLowerCase()}${m.ordinal === hitOrdinal ? ' msg--hit' : ''}`,
        'data-ordinal': m.ordinal,
        'aria-posinset': m.ordinal + 1,
        'aria-setsize': conversation?.messageCount ?? -1,
        tabindex: -1,
        'aria-label': `${m.sender ?? 'System'}, ${dayFormat.format(when)} ${timeFormat.format(when)}`,
      },
      newDay ? h('div', { class: 'day' }, h('span', null, dayFormat.format(when))) : null,
      h('div', { class: 'bubble' },
        side === 'system' ? null : h('strong', { class: 'sender' }, m.sender),
        body.length && m.kind === 'MEDIA' ? body : null,
        text.childNodes.length ? text : null,
        m.kind === 'MEDIA' ? null : body,
        m.links?.length ? linkPreviews(m.links) : null,
        h('footer', null,
          m.sentiment && typeof m.sentiment.score === 'number' ? sentimentBadge(m.sentiment) : null,
          m.edited ? h('span', { class: 'edited' }, 'edited') : null,
          h('time', { datetime: m.sentAt }, timeFormat.format(when)))),
    );
    return article;
  };

  api.conversation(id).then(
    (c) => {
      conversation = c;
      replace(head, conversationHeader(c, id, 'reader'));
      for (const p of c.participants) {
        meSelect.append(h('option', { value: p, selected: p === me }, p));
        senderSelect.append(h('option', { value: p }, p));
      }
      if (c.firstSentAt) fromInput.min = toInput.min = jumpInput.min = c.firstSentAt.slice(0, 10);
      if (c.lastSentAt) fromInput.max = toInput.max = jumpInput.max = c.lastSentAt.slice(0, 10);
      status.textContent = `${formatNumber(c.messageCount)} messages`;
    },
    (e) => head.append(errorBox(e instanceof ApiError ? e.message : String(e))),
  );
  void openNewest();
};

/** Enrichment's score (−1..1), shown when the message carries one. */
function sentimentBadge(sentiment: Sentiment): HTMLElement {
  const score = sentiment.score;
  // the label comes from the analyzer (a remote model may name its own): shown only as text; the colour follows
  // the three labels the server knows, else the score with the server's thresholds
  const label = sentiment.label?.trim() || (score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral');
  const tone = ['positive', 'negative', 'neutral'].includes(label.toLowerCase()) ? label.toLowerCase() : score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral';
  return h('span', { class: `sentiment sentiment--${tone}`, title: `Sentiment ${score.toFixed(2)}${sentiment.model ? ` (${sentiment.model})` : ''}` }, label);
}

/** Only web addresses become links or images: a `javascript:` or `data:` URL from a message or a page never does. */
function webUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Link previews as enrichment fetched them. Every string is the linked page's own text, so it is set as text; the
 * image is loaded straight from the preview's https URL without a referrer (the page learns nothing of Parley),
 * in a box of fixed size so a late image does not change the message's measured height.
 */
function linkPreviews(links: LinkPreview[]): HTMLElement | null {
  const cards = links.slice(0, 3).flatMap((link) => {
    const href = webUrl(link.url);
    if (!href || !(link.title || link.description)) return [];
    const image = webUrl(link.imageUrl);
    return [
      h('a', { class: 'preview', href, target: '_blank', rel: 'noopener noreferrer nofollow', referrerpolicy: 'no-referrer' },
        image?.startsWith('https:')
          ? h('img', {
              src: image, alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer', width: 64, height: 64,
              // an image that cannot be loaded keeps its box (the height was measured with it) but shows nothing
              onerror: ((e: Event) => ((e.target as HTMLElement).style.visibility = 'hidden')) as EventListener,
            })
          : null,
        h('span', { class: 'preview-text' },
          link.siteName ? h('span', { class: 'preview-site' }, link.siteName) : null,
          link.title ? h('strong', { class: 'preview-title' }, link.title) : null,
          link.description ? h('span', { class: 'preview-description' }, link.description) : null)),
    ];
  });
  return cards.length ? h('div', { class: 'previews' }, cards) : null;
}

function field(label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}
