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

  it('says so once the event loop was busy most of the last samples, and for a while after', async () => {
    pressure = new ServerPressure({ eventLoop: 0.8, dbWaiting: 0 }, () => 0);
    pressure.start();
    expect(pressure.underPressure).toBe(false);
    keepLoopBusy(600);
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

  it('takes no sample before it is started: start-up work is not a flood', async () => {
    pressure = new ServerPressure({ eventLoop: 0.5, dbWaiting: 0 }, () => 0);
    keepLoopBusy(250);
    await pause(150);
    expect(pressure.underPressure).toBe(false);
    pressure.start();
    keepLoopBusy(600);
    await pause(20);
    expect(pressure.underPressure).toBe(true);
  });

  it('lets a single busy moment pass: 60 ms busy in 0.2 s is no flood', async () => {
    pressure = new ServerPressure({ eventLoop: 0.7, dbWaiting: 0 }, () => 0);
    pressure.start();
    await pause(450);
    keepLoopBusy(60);
    for (let i = 0; i < 6; i++) {
      await pause(100);
      expect(pressure.underPressure).toBe(false);
    }
  });

  it('holds twice as long when the flood is back soon after being let in', async () => {
    pressure = new ServerPressure({ eventLoop: 0.6, dbWaiting: 0 }, () => 0);
    pressure.start();
    keepLoopBusy(600);
    await pause(20);
    expect(pressure.underPressure).toBe(true);
    while (pressure.underPressure) await pause(10); // the first hold ends
    keepLoopBusy(600); // and the loop is flooded again at once
    await pause(20);
    await pause(PRESSURE_HOLD_MS * 1.25); // past a first hold, within a doubled one
    expect(pressure.underPressure).toBe(true);
  });

  it('never says so with both signals turned off', async () => {
    pressure = new ServerPressure({ eventLoop: 1, dbWaiting: 0 }, () => 1000);
    pressure.start();
    keepLoopBusy(250);
    await pause(20);
    expect(pressure.underPressure).toBe(false);
  });
});
