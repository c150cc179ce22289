import { afterEach, describe, expect, it } from 'vitest';
import { PRESSURE_HOLD_MS, ServerPressure } from './server-pressure.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function keepLoopBusy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the event loop blocked, as a flood of requests would keep it
  }
}

describe('ServerPressure', () => {
  let pressure: ServerPressure | undefined;
  afterEach(() => pressure?.close());

  it('says so after a sample in which the event loop was busy, and for a while after', async () => {
    pressure = new ServerPressure({ eventLoop: 0.8, dbWaiting: 0 }, () => 0);
    expect(pressure.underPressure).toBe(false);
    keepLoopBusy(250);
    await pause(20); // the sample that covers the busy stretch
    expect(pressure.underPressure).toBe(true);
    await pause(PRESSURE_HOLD_MS / 2); // idle now, but held: no flood in and out at each sample
    expect(pressure.underPressure).toBe(true);
    await pause(PRESSURE_HOLD_MS);
    expect(pressure.underPressure).toBe(false);
  });

  it('counts as many queries waiting for a connection as the limit as pressure', () => {
    let waiting = 2;
    pressure = new ServerPressure({ eventLoop: 1, dbWaiting: 3 }, () => waiting);
    expect(pressure.underPressure).toBe(false);
    waiting = 3;
    expect(pressure.underPressure).toBe(true);
  });

  it('never says so with both signals turned off', async () => {
    pressure = new ServerPressure({ eventLoop: 1, dbWaiting: 0 }, () => 1000);
    keepLoopBusy(250);
    await pause(20);
    expect(pressure.underPressure).toBe(false);
  });
});
