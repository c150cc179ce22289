import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScrollPinController, type OlderMessages } from './scroll-pin.js';

/** A transcript of `scrollHeight` px in a 400 px window. */
class FakeLog {
  scrollTop = 0;
  clientHeight = 400;
  constructor(public scrollHeight: number) {}
}

function setUp(log = new FakeLog(1000)) {
  let updates = 0;
  const controllers: ReactiveController[] = [];
  const host: ReactiveControllerHost = {
    addController: (c) => void controllers.push(c),
    removeController: () => {},
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
  };
  const older: { hasMore: boolean; loadingOlder: boolean; calls: number } & OlderMessages = {
    hasMore: true,
    loadingOlder: false,
    calls: 0,
    async loadOlder() {
      this.calls++;
      log.scrollHeight += 500;
    },
  };
  const pin = new ScrollPinController(host, () => log as unknown as HTMLElement, older);
  /** A render: the host's updated() runs every controller's hostUpdated, then the debounce. */
  const rendered = () => {
    controllers.forEach((c) => c.hostUpdated?.());
    vi.runAllTimers();
  };
  return { pin, log, older, rendered, updates: () => updates, controllers };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ScrollPinController', () => {
  it('registers with its host and starts pinned to the bottom', () => {
    const { pin, controllers, rendered, log } = setUp();
    expect(controllers).toEqual([pin]);
    expect(pin.atBottom).toBe(true);
    rendered();
    expect(log.scrollTop).toBe(1000);
  });

  it('keeps the latest text in view while pinned, one scroll per burst of updates', () => {
    const { pin, log, controllers } = setUp();
    controllers.forEach((c) => c.hostUpdated?.());
    log.scrollHeight = 1200;
    controllers.forEach((c) => c.hostUpdated?.());
    vi.runAllTimers();
    expect(log.scrollTop).toBe(1200);
    expect(pin.atBottom).toBe(true);
  });

  it('unpins when the visitor scrolls up, asking for a render (the jump button shows)', () => {
    const { pin, log, rendered, updates } = setUp();
    rendered();
    log.scrollTop = 300;
    pin.onScroll();
    expect(pin.atBottom).toBe(false);
    expect(updates()).toBe(1);
    log.scrollHeight = 1500;
    rendered();
    expect(log.scrollTop).toBe(300);
  });

  it('does not follow when the visitor scrolled up before the scroll event was handled', () => {
    const { log, rendered } = setUp();
    rendered();
    log.scrollTop = 200;
    log.scrollHeight = 1200;
    rendered();
    expect(log.scrollTop).toBe(200);
  });

  it('stays pinned when its own scroll event comes after more text grew below', () => {
    const { pin, log, rendered } = setUp();
    rendered();
    log.scrollHeight = 1600;
    pin.onScroll();
    expect(pin.atBottom).toBe(true);
    rendered();
    expect(log.scrollTop).toBe(1600);
  });

  it('jumps to the latest and follows again', () => {
    const { pin, log, rendered } = setUp();
    log.scrollTop = 300;
    pin.onScroll();
    pin.jumpToLatest();
    expect(pin.atBottom).toBe(true);
    expect(log.scrollTop).toBe(1000);
    log.scrollHeight = 1300;
    rendered();
    expect(log.scrollTop).toBe(1300);
  });

  it('follows again from where the log is after a send (followLatest)', () => {
    const { pin, log, rendered } = setUp();
    log.scrollTop = 300;
    pin.onScroll();
    pin.followLatest();
    expect(pin.atBottom).toBe(true);
    rendered();
    expect(log.scrollTop).toBe(1000);
  });

  it('near the top loads older messages and keeps the view where it was', async () => {
    const { pin, log, older } = setUp();
    log.scrollTop = 100;
    pin.onScroll();
    await vi.waitFor(() => expect(log.scrollTop).toBe(600));
    expect(older.calls).toBe(1);
    older.hasMore = false;
    log.scrollTop = 50;
    pin.onScroll();
    expect(older.calls).toBe(1);
  });

  it('stops its pending scroll when the host leaves the page, and scrolls again once back', () => {
    const { pin, log, controllers, rendered } = setUp();
    controllers.forEach((c) => c.hostUpdated?.());
    pin.hostDisconnected();
    vi.runAllTimers();
    expect(log.scrollTop).toBe(0);
    rendered();
    expect(log.scrollTop).toBe(1000);
  });
});
