import { api, ApiError } from '../lib/api';
import { h, replace } from '../lib/dom';
import type { Page } from '../main';
import { conversationHeader, errorBox } from './common';

const FORMATS: { format: string; label: string; about: string }[] = [
  { format: 'ndjson', label: 'NDJSON', about: 'One message JSON per line; best for scripts.' },
  { format: 'csv', label: 'CSV', about: 'A spreadsheet table; kind-specific fields as JSON in “extra”.' },
  { format: 'json', label: 'JSON', about: 'One JSON array of messages.' },
  { format: 'txt', label: 'WhatsApp text', about: 'An iOS-style WhatsApp export that Parley imports back.' },
];

/** Export: one download per format, streamed by the server. */
export const exportPage: Page = (main, params) => {
  const id = params.get('id')!;
  const head = h('div', null, conversationHeader(undefined, id, 'export'));
  replace(
    main,
    head,
    h('section', { 'aria-labelledby': 'export-title' },
      h('h2', { id: 'export-title' }, 'Export'),
      h('p', { class: 'muted' }, 'Downloads stream from the server as they are written, whatever the size.'),
      h('ul', { class: 'export-list' }, FORMATS.map((f) =>
        h('li', null,
          h('a', { class: 'button', href: api.exportUrl(id, f.format), download: '', 'data-format': f.format }, `Download ${f.label}`),
          h('span', { class: 'muted' }, f.about))))),
  );
  api.conversation(id).then(
    (c) => replace(head, conversationHeader(c, id, 'export')),
    (e) => head.append(errorBox(e instanceof ApiError ? e.message : String(e))),
  );
};
