import { api, ApiError, upload, type ImportJob, type ProgressEvent } from '../lib/api';
import { announce, h, replace, uid } from '../lib/dom';
import { formatBytes, formatDuration, RateEstimator } from '../lib/eta';
import { openFeed, type Feed } from '../lib/sse';
import type { Page } from '../main';
import { errorBox, formatNumber } from './common';

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
  const jobs: Running[] = [];

  const start = (file: File) => {
    progress.hidden = false;
    const options: Record<string, string> = { dateOrder: dateOrder.value, timeZone: zone.value.trim() || 'UTC' };
    if (title.value.trim()) options.title = title.value.trim();
    jobs.push(run(file, options, progress));
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
  return () => jobs.forEach((j) => j.detach());
};

interface Running {
  detach(): void;
}

/** One import: create, then upload and follow the SSE feed side by side. */
function run(file: File, options: Record<string, string>, container: HTMLElement): Running {
  const uploadBar = h('progress', { max: 1, value: 0, 'aria-label': `Upload of ${file.name}` });
  const uploadText = h('span', { class: 'muted' }, 'Starting…');
  const stage = h('strong', { class: 'stage' }, 'Preparing');
  const parsed = h('dd', { 'data-counter': 'parsed' }, '0');
  const stored = h('dd', { 'data-counter': 'stored' }, '0');
  const enriched = h('dd', { 'data-counter': 'enriched' }, '0');
  const rate = h('dd', { 'data-counter': 'rate' }, '—');
  const eta = h('dd', { 'data-counter': 'eta' }, '—');
  const storeBar = h('progress', { max: 1, value: 0, 'aria-label': `Messages stored of ${file.name}` });
  const feedState = h('span', { class: 'feed-state muted' });
  const outcome = h('div', { class: 'outcome' });
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const card = h(
    'article',
    { class: 'import-card', 'aria-busy': 'true' },
    h('header', null, h('h2', null, file.name), h('span', { class: 'muted' }, formatBytes(file.size)), cancel),
    h('p', { class: 'status-line' }, 'Stage: ', stage, ' ', feedState),
    h('div', { class: 'bar' }, h('span', null, 'Upload'), uploadBar, uploadText),
    h('div', { class: 'bar' }, h('span', null, 'Stored'), storeBar),
    h('dl', { class: 'counters' },
      h('div', null, h('dt', null, 'Parsed'), parsed),
      h('div', null, h('dt', null, 'Stored'), stored),
      h('div', null, h('dt', null, 'Enriched'), enriched),
      h('div', null, h('dt', null, 'Rate'), rate),
      h('div', null, h('dt', null, 'Time left'), eta)),
    outcome,
  );
  container.prepend(card);

  const uploadRate = new RateEstimator();
  const storeRate = new RateEstimator();
  let feed: Feed | undefined;
  let transfer: ReturnType<typeof upload> | undefined;
  let job: ImportJob | undefined;
  let finished = false;

  const fail = (message: string) => {
    if (finished) return;
    finished = true;
    card.setAttribute('aria-busy', 'false');
    card.classList.add('failed');
    stage.textContent = 'Failed';
    cancel.hidden = true;
    replace(outcome, errorBox(message));
    announce(`Import of ${file.name} failed: ${message}`);
    feed?.close();
  };
  const complete = (conversationId: string, event: ProgressEvent) => {
    if (finished) return;
    finished = true;
    card.setAttribute('aria-busy', 'false');
    card.classList.add('completed');
    stage.textContent = 'Completed';
    cancel.hidden = true;
    eta.textContent = '—';
    storeBar.value = 1;
    const fresh = event.messagesNew ?? event.messagesStored;
    replace(
      outcome,
      h('p', { class: 'success' }, `${formatNumber(fresh)} new messages stored. `, h('a', { href: `#/c/${encodeURIComponent(conversationId)}` }, 'Open the conversation')),
    );
    announce(`Import of ${file.name} completed.`);
  };
  const onProgress = (event: ProgressEvent) => {
    stage.textContent = event.stage[0].toUpperCase() + event.stage.slice(1);
    parsed.textContent = formatNumber(event.messagesParsed);
    stored.textContent = formatNumber(event.messagesStored);
    enriched.textContent = formatNumber(event.messagesEnriched);
    const now = performance.now();
    storeRate.add(now, event.messagesStored);
    const perSecond = event.rate || storeRate.rate() || 0;
    rate.textContent = `${formatNumber(Math.round(perSecond))} msg/s`;
    if (event.status === 'PROCESSING') {
      // the whole file is parsed: the total is known, what is left is storing
      storeBar.value = event.messagesParsed ? event.messagesStored / event.messagesParsed : 0;
      eta.textContent = formatDuration(storeRate.eta(event.messagesParsed));
    } else if (event.status === 'RECEIVING' && event.bytesTotal) {
      storeBar.value = event.messagesParsed ? (event.messagesStored / event.messagesParsed) * (event.bytesReceived / event.bytesTotal) : 0;
    }
  };

  cancel.addEventListener('click', () => {
    transfer?.abort();
    if (job) void api.cancelImport(job.id).catch(() => undefined);
    fail('The import was cancelled.');
  });

  void (async () => {
    try {
      job = await api.createImport(file.name, file.size, options);
    } catch (e) {
      fail(e instanceof ApiError ? e.message : String(e));
      return;
    }
    card.dataset.importId = job.id;
    feed = openFeed({
      url: job.links.events,
      onEvent: (e) => {
        let data: ProgressEvent;
        try {
          data = JSON.parse(e.data) as ProgressEvent;
        } catch {
          return;
        }
        onProgress(data);
        if (e.event === 'completed') complete(data.conversationId, data);
        else if (e.event === 'failed') fail(data.problem?.detail ?? (data.status === 'CANCELLED' ? 'The import was cancelled.' : 'The import failed.'));
      },
      onState: (s) => {
        feedState.textContent = s === 'reconnecting' ? '(reconnecting to the progress feed…)' : '';
        card.dataset.feed = s;
      },
      onError: (message) => fail(message),
    });
    transfer = upload(job.links.upload, file, (loaded, total) => {
      const now = performance.now();
      uploadRate.add(now, loaded);
      uploadBar.value = total ? loaded / total : 0;
      const r = uploadRate.rate();
      uploadText.textContent = `${formatBytes(loaded)} of ${formatBytes(total)}${r ? ` · ${formatBytes(r)}/s · ${formatDuration(uploadRate.eta(total))} left` : ''}`;
    });
    try {
      const answer = await transfer.done;
      uploadBar.value = 1;
      uploadText.textContent = `${formatBytes(file.size)} sent`;
      if (answer.status === 'COMPLETED' && answer.conversationId) {
        // the feed will say so too; this covers a feed that is still reconnecting
        window.setTimeout(() => {
          if (!finished) {
            void api.importJob(answer.id).then((j) => {
              if (j.status === 'COMPLETED' && j.conversationId) {
                complete(j.conversationId, { ...j.counts, messagesNew: j.counts.messagesNew, importId: j.id, conversationId: j.conversationId, status: j.status, stage: 'completed', bytesReceived: j.counts.bytesReceived, rate: 0 });
              }
            });
          }
        }, 5000);
      }
    } catch (e) {
      fail(e instanceof ApiError ? e.message : String(e));
    }
  })();

  return { detach: () => feed?.close() };
}
