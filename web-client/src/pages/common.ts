import { h } from '../lib/dom';
import type { Conversation } from '../lib/api';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const numberFormat = new Intl.NumberFormat();

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** The conversation's tabs: Reader, Insights, Export. */
export function conversationHeader(conversation: Conversation | undefined, id: string, current: 'reader' | 'insights' | 'export'): HTMLElement {
  const tab = (name: typeof current, label: string, href: string) =>
    h('li', null, h('a', { href, 'aria-current': current === name ? 'page' : null }, label));
  const base = `#/c/${encodeURIComponent(id)}`;
  return h(
    'header',
    { class: 'conversation-header' },
    h('h1', null, conversation?.title ?? 'Conversation'),
    conversation
      ? h(
          'p',
          { class: 'muted' },
          `${formatNumber(conversation.messageCount)} messages · ${formatDate(conversation.firstSentAt)} – ${formatDate(conversation.lastSentAt)} · ${conversation.participants.length} participants`,
        )
      : null,
    h('nav', { 'aria-label': 'Conversation', class: 'tabs' }, h('ul', null, tab('reader', 'Reader', base), tab('insights', 'Insights', `${base}/insights`), tab('export', 'Export', `${base}/export`))),
  );
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, message);
}
