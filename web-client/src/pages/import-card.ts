import { api, ApiError, upload, type ImportJob, type ProgressEvent } from '../lib/api';
import { announce, h, replace } from '../lib/dom';
import { formatBytes, formatDuration, ImportEstimate, RateEstimator, type ImportCounters } from '../lib/eta';
import { RememberedImports } from '../lib/remembered-imports';
import { openFeed, type Feed } from '../lib/sse';
import { errorBox, formatNumber } from './common';

/** What a card shows: a file this page uploads now, or an import already running (found after a reload). */
export type ImportSource = { file: File; options: Record<string, string> } | { job: ImportJob };

export interface ImportCard {
  detach(): void;
}

export const remembered = new RememberedImports(localStorage);

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** One import's card: upload (when this page has the file) and the server's stages from the SSE feed. */
export function importCard(container: HTMLElement, source: ImportSource, place: 'first' | 'last' = 'first'): ImportCard {
  const name = 'file' in source ? source.file.name : source.job.fileName;
  const size = 'file' in source ? source.file.size : source.job.size;
  const uploadBar = h('progress', { max: 1, value: 0, 'aria-label': `Upload of ${name}` });
  const uploadText = h('span', { class: 'muted' }, 'file' in source ? 'Starting…' : 'Received by the server');
  const stage = h('strong', { class: 'stage' }, 'Preparing');
  const parsed = h('dd', { 'data-counter': 'parsed' }, '0');
  const stored = h('dd', { 'data-counter': 'stored' }, '0');
  const enriched = h('dd', { 'data-counter': 'enriched' }, '0');
  const rate = h('dd', { 'data-counter': 'rate' }, '—');
  const eta = h('dd', { 'data-counter': 'eta' }, '—');
  const storeBar = h('progress', { max: 1, value: 0, 'aria-label': `Messages stored of ${name}` });
  const feedState = h('span', { class: 'feed-state muted' });
  const outcome = h('div', { class: 'outcome' });
  const cancel = h('button', { type: 'button', class: 'secondary', 'aria-label': `Cancel the import of ${name}` }, 'Cancel');
  const card = h(
    'article',
    { class: 'import-card', 'aria-busy': 'true', 'aria-label': `Import of ${name}` },
    h('header', null, h('h2', null, name), h('span', { class: 'muted' }, size === null ? '' : formatBytes(size)), cancel),
    h('p', { class: 'status-line', role: 'status' }, 'Stage: ', stage, ' ', feedState),
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
  if (place === 'first') container.prepend(card);
  else container.append(card);

  const uploadRate = new RateEstimator();
  const estimate = new ImportEstimate();
  let feed: Feed | undefined;
  let transfer: ReturnType<typeof upload> | undefined;
  let job: ImportJob | undefined;
  let finished = false;
  let lastAnnounced = 0;

  const fail = (message: string) => {
    if (finished) return;
    finished = true;
    card.setAttribute('aria-busy', 'false');
    card.classList.add('failed');
    stage.textContent = 'Failed';
    cancel.hidden = true;
    replace(outcome, errorBox(message));
    announce(`Import of ${name} failed: ${message}`);
    feed?.close();
    if (job) remembered.forget(job.id);
  };
  const complete = (conversationId: string, fresh: number) => {
    if (finished) return;
    finished = true;
    card.setAttribute('aria-busy', 'false');
    card.classList.add('completed');
    stage.textContent = 'Completed';
    cancel.hidden = true;
    eta.textContent = '—';
    storeBar.value = 1;
    replace(
      outcome,
      h('p', { class: 'success' }, `${formatNumber(fresh)} new messages stored. `, h('a', { href: `#/c/${encodeURIComponent(conversationId)}` }, 'Open the conversation')),
    );
    announce(`Import of ${name} completed.`);
    if (job) remembered.forget(job.id);
  };
  const show = (c: ImportCounters & { stage?: string; messagesEnriched: number; rate?: number }) => {
    stage.textContent = c.stage ? c.stage[0].toUpperCase() + c.stage.slice(1) : stageOf(c.status);
    parsed.textContent = formatNumber(c.messagesParsed);
    stored.textContent = formatNumber(c.messagesStored);
    enriched.textContent = formatNumber(c.messagesEnriched);
    const now = performance.now();
    const { fraction, etaSeconds } = estimate.update(now, c);
    rate.textContent = `${formatNumber(Math.round(c.rate || estimate.rate() || 0))} msg/s`;
    storeBar.value = fraction;
    eta.textContent = formatDuration(etaSeconds);
    if (!('file' in source) && c.bytesTotal) uploadBar.value = c.bytesReceived / c.bytesTotal;
    // the card's counters change several times a second: tell screen readers the gist every 10 s only
    if (now - lastAnnounced > 10_000 && etaSeconds !== undefined) {
      lastAnnounced = now;
      announce(`${name}: ${Math.round(fraction * 100)} % stored, about ${formatDuration(etaSeconds)} left.`);
    }
  };
  const showJob = (j: ImportJob) =>
    show({ status: j.status, bytesTotal: j.size, ...j.counts });

  const follow = (j: ImportJob) => {
    card.dataset.importId = j.id;
    const resumeFrom = remembered.get(j.id)?.lastEventId;
    remembered.remember(j.id);
    feed = openFeed({
      url: j.links.events,
      lastEventId: resumeFrom,
      onEvent: (e) => {
        let data: ProgressEvent;
        try {
          data = JSON.parse(e.data) as ProgressEvent;
        } catch {
          return;
        }
        if (e.id !== undefined && !finished) remembered.remember(j.id, e.id);
        show(data);
        if (e.event === 'completed') complete(data.conversationId, data.messagesNew ?? data.messagesStored);
        else if (e.event === 'failed') fail(data.problem?.detail ?? (data.status === 'CANCELLED' ? 'The import was cancelled.' : 'The import failed.'));
      },
      onState: (s) => {
        feedState.textContent = s === 'reconnecting' ? '(reconnecting to the progress feed…)' : '';
        card.dataset.feed = s;
      },
      onError: (message) => fail(message),
    });
    // a feed resumed after its final event answers 204: the import JSON says how it ended
    void feed.done.then(() => {
      if (!finished) void api.importJob(j.id).then(settle, () => undefined);
    });
  };

  /** Shows an import that ended; resolves whether it had. */
  const settle = (j: ImportJob): boolean => {
    if (j.status === 'COMPLETED' && j.conversationId) complete(j.conversationId, j.counts.messagesNew);
    else if (j.status === 'FAILED' || j.status === 'CANCELLED') fail(j.problem?.detail ?? (j.status === 'CANCELLED' ? 'The import was cancelled.' : 'The import failed.'));
    return FINAL.has(j.status);
  };

  cancel.addEventListener('click', () => {
    transfer?.abort();
    if (job) void api.cancelImport(job.id).catch(() => undefined);
    fail('The import was cancelled.');
  });

  if (!('file' in source)) {
    job = source.job;
    card.dataset.importId = job.id;
    uploadBar.value = job.size ? job.counts.bytesReceived / job.size : 0;
    showJob(job);
    if (!settle(job)) follow(job);
    return { detach: () => feed?.close() };
  }

  const file = source.file;
  void (async () => {
    try {
      job = await api.createImport(file.name, file.size, source.options);
    } catch (e) {
      fail(e instanceof ApiError ? e.message : String(e));
      return;
    }
    follow(job);
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
          if (!finished) void api.importJob(answer.id).then(settle, () => undefined);
        }, 5000);
      }
    } catch (e) {
      fail(e instanceof ApiError ? e.message : String(e));
    }
  })();

  return { detach: () => feed?.close() };
}

function stageOf(status: string): string {
  return status === 'RECEIVING' ? 'Receiving' : status === 'PROCESSING' ? 'Storing' : status[0] + status.slice(1).toLowerCase();
}
