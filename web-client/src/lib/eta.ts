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
