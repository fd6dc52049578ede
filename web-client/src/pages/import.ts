import { api, type ImportJob } from '../lib/api';
import { h, replace, uid } from '../lib/dom';
import type { Page } from '../main';
import { importCard, remembered, type ImportCard } from './import-card';

const ACCEPT = '.txt,.zip,.json,text/plain,application/zip,application/json';

/** Import: choose or drop an export, then watch the upload and the server's stages live. */
export const importPage: Page = (main) => {
  const fileId = uid('file');
  const input = h('input', { type: 'file', id: fileId, accept: ACCEPT, class: 'visually-hidden', 'aria-describedby': `${fileId}-hint` });
  const dateOrder = h(
    'select',
    { id: uid('order'), name: 'dateOrder' },
    ['auto', 'DMY', 'MDY', 'YMD'].map((v) => h('option', { value: v }, v === 'auto' ? 'Detect' : v)),
  );
  const zone = h('input', { id: uid('zone'), name: 'timeZone', value: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC', autocomplete: 'off' });
  const title = h('input', { id: uid('title'), name: 'title', placeholder: 'From the file name', autocomplete: 'off' });
  const drop = h(
    'label',
    { class: 'dropzone', for: fileId },
    h('span', { class: 'dropzone-icon', 'aria-hidden': 'true' }, '⇪'),
    h('strong', null, 'Drop an export here or choose a file'),
    h('span', { id: `${fileId}-hint`, class: 'muted' }, 'WhatsApp .txt or .zip, Telegram Desktop .json — any size'),
  );
  const progress = h('section', { class: 'import-progress', 'aria-label': 'Import progress', hidden: true });
  const jobs: ImportCard[] = [];
  let alive = true;

  const start = (file: File) => {
    progress.hidden = false;
    const options: Record<string, string> = { dateOrder: dateOrder.value, timeZone: zone.value.trim() || 'UTC' };
    if (title.value.trim()) options.title = title.value.trim();
    jobs.push(importCard(progress, { file, options }));
  };
  input.addEventListener('change', () => {
    if (input.files?.[0]) start(input.files[0]);
    input.value = '';
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const file = e.dataTransfer?.files[0];
    if (file) start(file);
  });

  replace(
    main,
    h('h1', null, 'Import a chat export'),
    h('div', { class: 'import-grid' }, input, drop,
      h('fieldset', { class: 'import-options' },
        h('legend', null, 'Options'),
        h('label', { for: dateOrder.id }, 'Date order'), dateOrder,
        h('label', { for: zone.id }, 'Time zone of the export'), zone,
        h('label', { for: title.id }, 'Title'), title)),
    progress,
  );
  void resume(() => alive).then((found) => {
    if (!alive) return;
    // below any import started on this page meanwhile, newest first
    for (const job of found) {
      if (!progress.querySelector(`[data-import-id="${CSS.escape(job.id)}"]`)) jobs.push(importCard(progress, { job }, 'last'));
    }
    if (found.length) progress.hidden = false;
  });
  return () => {
    alive = false;
    jobs.forEach((j) => j.detach());
  };
};

/**
 * The imports to show again after a reload: every running one the server lists, and those this browser started
 * whose end it has not shown yet (an upload cut by the reload fails, and says so).
 */
async function resume(alive: () => boolean): Promise<ImportJob[]> {
  const found = new Map<string, ImportJob>();
  try {
    for (const job of (await api.imports()).items) {
      if (job.status === 'RECEIVING' || job.status === 'PROCESSING') found.set(job.id, job);
    }
  } catch {
    // the list is a convenience: the remembered ids below still work
  }
  for (const { id } of remembered.all()) {
    if (!alive() || found.has(id)) continue;
    try {
      found.set(id, await api.importJob(id));
    } catch {
      remembered.forget(id); // gone (deleted with its conversation)
    }
  }
  return [...found.values()];
}

