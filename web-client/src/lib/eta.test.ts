import { describe, expect, it } from 'vitest';
import { expectedMessages, formatBytes, formatDuration, ImportEstimate, RateEstimator } from './eta';

describe('RateEstimator', () => {
  it('eta_givenSteadyRate_isRemainingOverRate', () => {
    const r = new RateEstimator();
    for (let t = 0; t <= 5000; t += 1000) r.add(t, t); // 1000 units per second
    expect(r.rate()).toBeCloseTo(1000);
    expect(r.eta(10_000)).toBeCloseTo(5);
  });

  it('rate_givenOneOutlier_movesOnlyPartly', () => {
    const r = new RateEstimator(3000);
    r.add(0, 0);
    r.add(1000, 100);
    r.add(2000, 200);
    r.add(2100, 1200); // a burst of 10000/s for 100 ms
    expect(r.rate()!).toBeGreaterThan(100);
    expect(r.rate()!).toBeLessThan(500);
  });

  it('eta_givenNoRateYetOrStall_isUnknown', () => {
    const r = new RateEstimator();
    expect(r.eta(10)).toBeUndefined();
    r.add(0, 5);
    expect(r.eta(10)).toBeUndefined();
    r.add(1000, 5);
    expect(r.eta(10)).toBeUndefined();
  });

  it('add_givenCounterGoesBack_startsOver', () => {
    const r = new RateEstimator();
    r.add(0, 100);
    r.add(1000, 200);
    r.add(2000, 10);
    expect(r.rate()).toBeUndefined();
  });
});

describe('formatting', () => {
  it('formatDuration_givenSeconds_readsLikeAPerson', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(3720)).toBe('1 h 2 min');
    expect(formatDuration(undefined)).toBe('—');
  });

  it('formatBytes_givenSizes_usesBinaryUnits', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(73400320)).toBe('70.0 MB');
  });
});

describe('ImportEstimate', () => {
  it('update_whileReceiving_extrapolatesTheTotalFromTheBytesSeen', () => {
    const e = new ImportEstimate();
    // a quarter of the file gives 1,000 messages; 100 stored per second
    e.update(0, { status: 'RECEIVING', bytesReceived: 250, bytesTotal: 1000, messagesParsed: 1000, messagesStored: 0 });
    const r = e.update(5000, { status: 'RECEIVING', bytesReceived: 250, bytesTotal: 1000, messagesParsed: 1000, messagesStored: 500 });
    expect(r.fraction).toBeCloseTo(500 / 4000);
    expect(r.etaSeconds).toBeCloseTo(3500 / 100);
  });

  it('update_onceParsed_usesTheParsedCountAsTotal', () => {
    const e = new ImportEstimate();
    e.update(0, { status: 'PROCESSING', bytesReceived: 1000, bytesTotal: 1000, messagesParsed: 4000, messagesStored: 1000 });
    const r = e.update(2000, { status: 'PROCESSING', bytesReceived: 1000, bytesTotal: 1000, messagesParsed: 4000, messagesStored: 3000 });
    expect(r.fraction).toBeCloseTo(0.75);
    expect(r.etaSeconds).toBeCloseTo(1);
  });

  it('update_beforeAnyRateOrSize_hasNoEta', () => {
    const e = new ImportEstimate();
    expect(e.update(0, { status: 'RECEIVING', bytesReceived: 0, bytesTotal: null, messagesParsed: 0, messagesStored: 0 }).etaSeconds).toBeUndefined();
    expect(expectedMessages({ status: 'RECEIVING', bytesReceived: 10, messagesParsed: 5, messagesStored: 0 })).toBeUndefined();
  });

  it('update_whenCompleted_isDone', () => {
    const e = new ImportEstimate();
    expect(e.update(0, { status: 'COMPLETED', bytesReceived: 9, bytesTotal: 9, messagesParsed: 3, messagesStored: 3 })).toEqual({ fraction: 1, etaSeconds: 0 });
  });
});
