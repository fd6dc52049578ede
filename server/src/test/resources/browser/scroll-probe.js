// The reader-scroll benchmark's in-page driver (ReaderScrollBenchmark): scrolls the message list by a fixed step
// every animation frame, top to bottom, and records what the page felt like while doing it. Evaluated by Playwright
// as a function of ({step, messageCount, passes, maxMillis}); resolves once the last message was reached `passes`
// times (or the time is up) with the frame deltas summarised.
async ({ step, messageCount, passes, maxMillis }) => {
  const viewport = document.querySelector('.messages');
  const deltas = [];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  let stalledFrames = 0;
  let maxElements = 0;
  let maxRendered = 0;
  let maxLoaded = 0;
  let maxOrdinal = -1;
  let pass = 0;
  const start = performance.now();
  const lastOrdinal = messageCount - 1;
  const sample = () => {
    maxElements = Math.max(maxElements, document.getElementsByTagName('*').length);
    const rendered = viewport.querySelectorAll('[data-ordinal]');
    maxRendered = Math.max(maxRendered, rendered.length);
    maxLoaded = Math.max(maxLoaded, Number(viewport.dataset.loaded ?? 0));
    for (const node of rendered) maxOrdinal = Math.max(maxOrdinal, Number(node.dataset.ordinal));
  };
  await new Promise((resolve) => {
    let last = performance.now();
    let frame = 0;
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      if (++frame % 15 === 0) sample();
      const before = viewport.scrollTop;
      const atBottom = before + viewport.clientHeight >= viewport.scrollHeight - 1;
      if (atBottom && viewport.querySelector(`[data-ordinal="${lastOrdinal}"]`)) {
        sample();
        if (++pass >= passes) return resolve();
        viewport.scrollTop = 0; // the next pass (the reference holds the whole conversation in memory)
      } else {
        viewport.scrollTop = before + step;
        if (viewport.scrollTop === before) stalledFrames++; // at the loaded window's end, waiting for a page
      }
      if (now - start > maxMillis) return resolve();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  observer.disconnect();
  const elapsed = performance.now() - start;
  const sorted = deltas.slice(1).sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return {
    passes: pass,
    reachedEnd: pass >= passes,
    seconds: elapsed / 1000,
    frames: sorted.length,
    fps: sorted.length / (elapsed / 1000),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    over25ms: sorted.filter((d) => d > 25).length / sorted.length,
    over50ms: sorted.filter((d) => d > 50).length / sorted.length,
    stalledFrames,
    longTasks: longTasks.length,
    longTaskMillis: longTasks.reduce((a, b) => a + b, 0),
    maxElements,
    maxRendered,
    maxLoaded,
    maxOrdinal,
  };
}
