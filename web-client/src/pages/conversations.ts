import { api, ApiError, type Conversation } from '../lib/api';
import { CursorPages } from '../lib/cursor-pages';
import { announce, h, replace } from '../lib/dom';
import type { Page } from '../main';
import { errorBox, formatDate, formatNumber } from './common';

/** Conversations: every visible conversation with counts and date range, a page at a time as the list is scrolled; delete with confirmation. */
export const conversationsPage: Page = (main) => {
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, h('div', { class: 'page-title' }, h('h1', null, 'Conversations'), h('a', { class: 'button', href: '#/import' }, 'Import an export')), body);
  let alive = true;

  let pages = new CursorPages<Conversation>((cursor) => api.conversations(cursor));
  let observer: IntersectionObserver | undefined;
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', 'data-more': 'conversations' }, 'Show more conversations');
  const footer = h('div', { class: 'list-more' }, more);

  /** Reads the next page into the table; the first page builds it. Scrolling near the end asks for the next one. */
  const loadMore = async () => {
    let items: Conversation[] | undefined;
    body.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      items = await pages.next();
    } catch (e) {
      if (alive) footer.replaceChildren(errorBox(e instanceof ApiError ? e.message : String(e)), more);
      return;
    } finally {
      more.disabled = false;
      body.setAttribute('aria-busy', 'false');
    }
    if (!alive || !items) return;
    if (!tbody.isConnected) {
      if (!items.length) {
        replace(body, h('p', { class: 'empty' }, 'No conversations yet. ', h('a', { href: '#/import' }, 'Import a chat export'), ' to start.'));
        return;
      }
      replace(
        body,
        h(
          'table',
          { class: 'conversations' },
          h('caption', { class: 'visually-hidden' }, 'Your conversations'),
          h('thead', null, h('tr', null, ['Title', 'Messages', 'From', 'To', 'Participants', 'Format'].map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
          tbody,
        ),
        footer,
      );
      observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadMore();
      }, { rootMargin: '400px' });
      observer.observe(footer);
    }
    tbody.append(...items.map((c) => row(c)));
    footer.replaceChildren(pages.done ? h('p', { class: 'muted' }, `${formatNumber(tbody.rows.length)} conversations`) : more);
    if (pages.done) observer?.disconnect();
    else if (footer.getBoundingClientRect().top < innerHeight + 400) void loadMore(); // still on screen: keep filling
  };
  more.addEventListener('click', () => void loadMore());

  const load = () => {
    observer?.disconnect();
    tbody.replaceChildren();
    tbody.remove();
    pages = new CursorPages<Conversation>((cursor) => api.conversations(cursor));
    void loadMore();
  };

  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' });
  main.append(dialog);

  const row = (c: Conversation) => {
    const base = `#/c/${encodeURIComponent(c.id)}`;
    const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${c.title}` }, 'Delete');
    const tr = h(
      'tr',
      { 'data-conversation': c.id },
      h('th', { scope: 'row' }, h('a', { href: base }, c.title)),
      h('td', { class: 'num' }, formatNumber(c.messageCount)),
      h('td', null, h('time', { datetime: c.firstSentAt ?? '' }, formatDate(c.firstSentAt))),
      h('td', null, h('time', { datetime: c.lastSentAt ?? '' }, formatDate(c.lastSentAt))),
      h('td', { class: 'num', title: c.participants.join(', ') }, formatNumber(c.participants.length)),
      h('td', null, c.sourceFormat === 'TELEGRAM' ? 'Telegram' : 'WhatsApp'),
      h('td', { class: 'actions' }, h('div', null, h('a', { href: `${base}/insights` }, 'Insights'), h('a', { href: `${base}/export` }, 'Export'), del)),
    );
    del.addEventListener('click', () => confirmDelete(c, tr, del));
    return tr;
  };

  const confirmDelete = (c: Conversation, tr: HTMLElement, opener: HTMLElement) => {
    const error = h('div');
    const yes = h('button', { type: 'button', class: 'danger' }, 'Delete for good');
    const no = h('button', { type: 'button', class: 'secondary', autofocus: true }, 'Keep it');
    replace(
      dialog,
      h('h2', { id: 'confirm-title' }, `Delete “${c.title}”?`),
      h('p', null, `Its ${formatNumber(c.messageCount)} messages, imports, search data and insights are removed. This cannot be undone.`),
      error,
      h('div', { class: 'dialog-actions' }, no, yes),
    );
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => opener.isConnected && opener.focus(), { once: true });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await api.deleteConversation(c.id);
        dialog.close();
        tr.remove();
        announce(`Deleted ${c.title}.`);
        if (!tbody.rows.length) load();
      } catch (e) {
        yes.disabled = false;
        replace(error, errorBox(e instanceof ApiError ? e.message : String(e)));
      }
    });
    dialog.showModal();
  };

  load();
  return () => {
    alive = false;
    observer?.disconnect();
  };
};
