import type { ReactiveController } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DialogController, type DialogHost } from './dialog.js';

const KEY = 'repruv.open.pk_test';

function setUp({ modal = true } = {}) {
  const events: string[] = [];
  const focus: string[] = [];
  let onOpen = 0;
  const target = new EventTarget();
  for (const name of ['repruv-open', 'repruv-close']) {
    target.addEventListener(name, () => events.push(name));
  }
  let controller: ReactiveController | undefined;
  const host = Object.assign(target, {
    opened: false,
    addController: (c: ReactiveController) => void (controller = c),
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  }) as unknown as DialogHost;
  const dialog = new DialogController(host, {
    modal: () => modal,
    onOpen: () => void onOpen++,
    storageKey: () => KEY,
    focusInside: () => void focus.push('inside'),
    focusLauncher: () => void focus.push('launcher'),
  });
  return { dialog, host, events, focus, controller, onOpens: () => onOpen };
}

const key = (name: string) => {
  const event = { key: name, stopPropagation: vi.fn() };
  return event as unknown as KeyboardEvent & { stopPropagation: ReturnType<typeof vi.fn> };
};

let storage: Map<string, string>;
beforeEach(() => {
  storage = new Map();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('DialogController', () => {
  it('opens once: runs onOpen, says repruv-open, remembers it and moves focus inside', async () => {
    const { dialog, host, events, focus, controller, onOpens } = setUp();
    expect(controller).toBe(dialog);
    dialog.open();
    dialog.open();
    expect(host.opened).toBe(true);
    expect(onOpens()).toBe(1);
    expect(events).toEqual(['repruv-open']);
    expect(storage.get(KEY)).toBe('1');
    await host.updateComplete;
    expect(focus).toEqual(['inside']);
  });

  it('closes once: says repruv-close, forgets it and returns focus to the launcher', async () => {
    const { dialog, host, events, focus } = setUp();
    dialog.close();
    expect(events).toEqual([]);
    dialog.open();
    dialog.close();
    dialog.close();
    expect(host.opened).toBe(false);
    expect(events).toEqual(['repruv-open', 'repruv-close']);
    expect(storage.has(KEY)).toBe(false);
    await host.updateComplete;
    expect(focus).toEqual(['inside', 'launcher']);
  });

  it('reopens a bubble panel that was open before the reload, and only a bubble panel', () => {
    storage.set(KEY, '1');
    const bubble = setUp();
    bubble.controller?.hostConnected?.();
    expect(bubble.host.opened).toBe(true);
    expect(bubble.onOpens()).toBe(1);
    const inline = setUp({ modal: false });
    inline.controller?.hostConnected?.();
    expect(inline.host.opened).toBe(false);
  });

  it('stays closed after a reload when it was closed', () => {
    const { controller, host } = setUp();
    controller?.hostConnected?.();
    expect(host.opened).toBe(false);
  });

  it('closes on Escape in the panel without letting the key reach the page', () => {
    const { dialog, host } = setUp();
    dialog.open();
    const escape = key('Escape');
    dialog.onPanelKeydown(escape);
    expect(host.opened).toBe(false);
    expect(escape.stopPropagation).toHaveBeenCalled();
  });

  it('closes on Escape on the launcher only while open', () => {
    const { dialog, host, events } = setUp();
    dialog.onLauncherKeydown(key('Escape'));
    expect(events).toEqual([]);
    dialog.open();
    dialog.onLauncherKeydown(key('Enter'));
    expect(host.opened).toBe(true);
    dialog.onLauncherKeydown(key('Escape'));
    expect(host.opened).toBe(false);
  });

  it('starts closed when sessionStorage is blocked', () => {
    vi.stubGlobal('sessionStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {},
    });
    const { dialog, controller, host } = setUp();
    controller?.hostConnected?.();
    expect(host.opened).toBe(false);
    dialog.open();
    expect(host.opened).toBe(true);
  });
});
