import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it, vi } from 'vitest';
import type { AdminSite } from '../admin-api.js';
import { WidgetPreviewController } from './widget-preview-controller.js';

function fakeHost(): ReactiveControllerHost & { updates: number } {
  const host = {
    updates: 0,
    addController: (_controller: ReactiveController) => {},
    removeController: () => {},
    requestUpdate: () => void host.updates++,
    updateComplete: Promise.resolve(true),
  };
  return host;
}

const site = { id: 's-1', widget: { title: 'Saved title' } } as AdminSite;

describe('WidgetPreviewController', () => {
  it('loads the widget once, however many editors open', async () => {
    const load = vi.fn(() => Promise.resolve());
    const preview = new WidgetPreviewController(fakeHost(), load);
    expect(preview.status).toBe('loading');
    await preview.open();
    await preview.open();
    expect(preview.status).toBe('ready');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says when the widget failed to load, and tries again when an editor next opens', async () => {
    const load = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new Error('404'))
      .mockResolvedValueOnce();
    const preview = new WidgetPreviewController(fakeHost(), load);
    await preview.open();
    expect(preview.status).toBe('failed');
    await preview.open();
    expect(preview.status).toBe('ready');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shows the saved look, then what the form holds, and the saved look again in a new editor', async () => {
    const host = fakeHost();
    const preview = new WidgetPreviewController(host, () => Promise.resolve());
    await preview.open();
    expect(preview.lookOf(site)).toEqual({ title: 'Saved title' });
    const updates = host.updates;
    preview.edit({ title: 'Typed', primary_color: '#0f766e' });
    expect(host.updates).toBe(updates + 1);
    expect(preview.lookOf(site)).toEqual({ title: 'Typed', primary_color: '#0f766e' });
    await preview.open();
    expect(preview.lookOf(site)).toEqual({ title: 'Saved title' });
  });
});
