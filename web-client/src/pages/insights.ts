import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, ApiError, type Counted, type Stats } from '../lib/api';
import { h, replace } from '../lib/dom';
import { formatDuration } from '../lib/eta';
import type { Page } from '../main';
import { conversationHeader, errorBox, formatNumber } from './common';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Insights: the conversation's statistics as charts, each with a text equivalent. */
export const insightsPage: Page = (main, params) => {
  const id = params.get('id')!;
  const head = h('div', null, conversationHeader(undefined, id, 'insights'));
  const body = h('div', { class: 'insights', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Computing statistics…'));
  replace(main, head, body);
  const plots: uPlot[] = [];
  let alive = true;

  api.conversation(id).then((c) => alive && replace(head, conversationHeader(c, id, 'insights')), () => undefined);
  api.stats(id).then(
    (stats) => {
      if (!alive) return;
      body.setAttribute('aria-busy', 'false');
      replace(body, ...sections(stats, plots));
    },
    (e) => alive && replace(body, errorBox(e instanceof ApiError ? e.message : String(e))),
  );
  const onResize = () => {
    for (const p of plots) p.setSize({ width: chartWidth(p.root.parentElement!), height: p.height });
  };
  window.addEventListener('resize', onResize);
  return () => {
    alive = false;
    window.removeEventListener('resize', onResize);
    plots.forEach((p) => p.destroy());
  };
};

function sections(stats: Stats, plots: uPlot[]): HTMLElement[] {
  const total = stats.senders.reduce((n, s) => n + s.messages, 0) || 1;
  const busiest = stats.messagesPerDay.reduce((best, d) => (d.messages > (best?.messages ?? -1) ? d : best), undefined as Stats['messagesPerDay'][number] | undefined);
  const perDay = card('Messages per day', 'per-day',
    busiest ? `${stats.messagesPerDay.length} active days; busiest ${busiest.day} with ${formatNumber(busiest.messages)} messages.` : 'No messages.');
  const sentiment = card('Sentiment over time', 'sentiment',
    stats.sentimentPerDay.length
      ? `Average sentiment per day from −1 (negative) to 1 (positive), ${formatNumber(stats.enrichedMessages)} messages enriched.`
      : 'No sentiment scores yet: they appear once enrichment has scored messages.');
  queueMicrotask(() => {
    if (stats.messagesPerDay.length) plots.push(timeChart(perDay.chart, stats.messagesPerDay.map((d) => [d.day, d.messages]), 'Messages', 'bars'));
    if (stats.sentimentPerDay.length) plots.push(timeChart(sentiment.chart, stats.sentimentPerDay.map((d) => [d.day, d.sentiment]), 'Sentiment', 'line'));
  });
  return [
    h('section', { class: 'summary', 'aria-label': 'Summary' },
      h('dl', { class: 'counters' },
        h('div', null, h('dt', null, 'Messages'), h('dd', null, formatNumber(stats.messageCount))),
        h('div', null, h('dt', null, 'Senders'), h('dd', null, formatNumber(stats.senders.length))),
        h('div', null, h('dt', null, 'Active days'), h('dd', null, formatNumber(stats.messagesPerDay.length))),
        h('div', null, h('dt', null, 'Median reply'), h('dd', null, stats.medianResponseSeconds == null ? '—' : formatDuration(stats.medianResponseSeconds))))),
    perDay.section,
    heatmap(stats.hourOfWeek),
    h('section', { class: 'card', 'aria-labelledby': 'senders-title' },
      h('h2', { id: 'senders-title' }, 'Who writes'),
      h('ol', { class: 'bars' }, stats.senders.map((s) => {
        const share = s.messages / total;
        return h('li', null,
          h('span', { class: 'bar-label' }, s.sender),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: `width:${(share * 100).toFixed(1)}%` })),
          h('span', { class: 'bar-value' }, `${(share * 100).toFixed(1)}% · ${formatNumber(s.messages)} messages · ${formatNumber(s.words)} words`));
      }))),
    ranking('Top emojis', 'emojis', stats.topEmojis, 'No emojis.'),
    ranking('Top linked sites', 'domains', stats.topLinkDomains, 'No links.'),
    sentiment.section,
  ];
}

function card(title: string, key: string, summary: string) {
  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `${title}: ${summary}` });
  const section = h('section', { class: 'card wide', 'aria-labelledby': `${key}-title`, 'data-chart': key },
    h('h2', { id: `${key}-title` }, title), h('figure', null, chart, h('figcaption', { class: 'muted' }, summary)));
  return { section, chart };
}

function chartWidth(el: HTMLElement): number {
  return Math.max(280, el.clientWidth || 600);
}

function timeChart(el: HTMLElement, points: [string, number][], label: string, style: 'bars' | 'line'): uPlot {
  const xs = points.map(([day]) => Date.parse(`${day}T00:00:00Z`) / 1000);
  const ys = points.map(([, v]) => v);
  const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#2563eb';
  const axis = getComputedStyle(document.documentElement).getPropertyValue('--fg-muted').trim() || '#666';
  const options: uPlot.Options = {
    width: chartWidth(el),
    height: 220,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true } },
    axes: [{ stroke: axis, grid: { stroke: 'rgba(127,127,127,.15)' } }, { stroke: axis, grid: { stroke: 'rgba(127,127,127,.15)' } }],
    series: [
      {},
      {
        label,
        stroke: accent,
        fill: style === 'bars' ? accent + '99' : undefined,
        width: style === 'bars' ? 0 : 2,
        paths: style === 'bars' ? uPlot.paths.bars!({ size: [0.9, 12] }) : undefined,
        points: { show: points.length < 60 },
      },
    ],
  };
  return new uPlot(options, [xs, ys], el);
}

function heatmap(hourOfWeek: number[][]): HTMLElement {
  // scaled between the quietest and the busiest hour, so the pattern shows even when every hour is busy
  const all = hourOfWeek.flat();
  const max = Math.max(1, ...all);
  const min = Math.min(max - 1, ...all);
  const level = (n: number) => (n === 0 ? 0 : 0.08 + (0.92 * (n - min)) / (max - min));
  return h('section', { class: 'card wide', 'aria-labelledby': 'heatmap-title', 'data-chart': 'heatmap' },
    h('h2', { id: 'heatmap-title' }, 'When people write'),
    h('div', { class: 'heatmap-scroll' },
      h('table', { class: 'heatmap' },
        h('caption', { class: 'visually-hidden' }, 'Messages by weekday and hour of the day, local time of the export'),
        h('thead', null, h('tr', null, h('td'), Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col' }, hour % 3 === 0 ? String(hour).padStart(2, '0') : h('span', { class: 'visually-hidden' }, String(hour)))))),
        h('tbody', null, DAYS.map((day, d) => h('tr', null,
          h('th', { scope: 'row' }, day.slice(0, 3)),
          (hourOfWeek[d] ?? []).map((n, hour) => h('td', {
            style: `--level:${level(n).toFixed(3)}`,
            title: `${day} ${String(hour).padStart(2, '0')}:00 — ${formatNumber(n)} messages`,
          }, h('span', { class: 'visually-hidden' }, formatNumber(n))))))))));
}

function ranking(title: string, key: string, values: Counted[], empty: string): HTMLElement {
  const max = Math.max(1, ...values.map((v) => v.count));
  return h('section', { class: 'card', 'aria-labelledby': `${key}-title`, 'data-chart': key },
    h('h2', { id: `${key}-title` }, title),
    values.length
      ? h('ol', { class: 'bars' }, values.map((v) => h('li', null,
          h('span', { class: 'bar-label' }, v.value),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: `width:${((v.count / max) * 100).toFixed(1)}%` })),
          h('span', { class: 'bar-value' }, formatNumber(v.count)))))
      : h('p', { class: 'muted' }, empty));
}
