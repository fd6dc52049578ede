/**
 * Smoothed rate of a growing counter (bytes uploaded, messages stored) and the time left at that rate. An
 * exponentially weighted average over time, so one slow or fast sample does not make the ETA jump.
 */
export class RateEstimator {
  private lastT: number | undefined;
  private lastV = 0;
  private smoothed: number | undefined;

  /** @param halfLifeMs after this long, an old rate counts half */
  constructor(private readonly halfLifeMs = 3000) {}

  /** Records the counter's value at time `t` (ms). Values never go backwards; a reset starts over. */
  add(t: number, value: number): void {
    if (this.lastT === undefined || value < this.lastV) {
      this.lastT = t;
      this.lastV = value;
      this.smoothed = undefined;
      return;
    }
    const dt = t - this.lastT;
    if (dt <= 0) {
      this.lastV = value;
      return;
    }
    const instant = ((value - this.lastV) * 1000) / dt;
    const weight = 1 - Math.pow(0.5, dt / this.halfLifeMs);
    this.smoothed = this.smoothed === undefined ? instant : this.smoothed + weight * (instant - this.smoothed);
    this.lastT = t;
    this.lastV = value;
  }

  /** Units per second, or undefined before two samples. */
  rate(): number | undefined {
    return this.smoothed;
  }

  /** Seconds until `total` is reached, or undefined when unknown (no rate yet, or stalled). */
  eta(total: number): number | undefined {
    const rate = this.smoothed;
    if (rate === undefined || rate <= 0) return undefined;
    return Math.max(0, (total - this.lastV) / rate);
  }
}

/** `42 s`, `3 min 5 s`, `1 h 2 min`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** `512 B`, `1.5 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** The counters of an import that the estimate needs (a progress event or the import JSON's counts). */
export interface ImportCounters {
  status: string;
  bytesReceived: number;
  bytesTotal?: number | null;
  messagesParsed: number;
  messagesStored: number;
}

/**
 * How far an import is and how long it still takes, from the server's counters alone (so it works for an import
 * this page did not upload, e.g. after a reload). While the file still arrives the total number of messages is
 * extrapolated from the share of bytes received; once it is all parsed, the total is known.
 */
export class ImportEstimate {
  private readonly stored: RateEstimator;

  constructor(halfLifeMs = 3000) {
    this.stored = new RateEstimator(halfLifeMs);
  }

  /** Records counters seen at time `t` (ms); returns the fraction stored (0..1) and the seconds left, if known. */
  update(t: number, c: ImportCounters): { fraction: number; etaSeconds: number | undefined } {
    this.stored.add(t, c.messagesStored);
    const total = expectedMessages(c);
    if (c.status === 'COMPLETED') return { fraction: 1, etaSeconds: 0 };
    if (total === undefined || total === 0) return { fraction: 0, etaSeconds: undefined };
    return { fraction: Math.min(1, c.messagesStored / total), etaSeconds: this.stored.eta(total) };
  }

  /** Messages stored per second, smoothed. */
  rate(): number | undefined {
    return this.stored.rate();
  }
}

/** The messages the whole file will hold: known once it is parsed, else extrapolated from the bytes seen. */
export function expectedMessages(c: ImportCounters): number | undefined {
  if (c.status !== 'RECEIVING') return c.messagesParsed;
  if (!c.bytesTotal || c.bytesReceived <= 0 || c.messagesParsed <= 0) return undefined;
  return Math.round(c.messagesParsed * Math.max(1, c.bytesTotal / c.bytesReceived));
}
