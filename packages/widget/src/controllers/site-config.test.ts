import type { ReactiveController } from 'lit';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SiteConfigController, textOn, type SiteLookSource } from './site-config.js';

test('text on a site colour: white on dark ones, near-black on light ones (WCAG contrast)', () => {
  expect(textOn('#4338ca')).toBe('#ffffff');
  expect(textOn('#0f766e')).toBe('#ffffff');
  expect(textOn('#000000')).toBe('#ffffff');
  expect(textOn('#fde68a')).toBe('#1c1d21');
  expect(textOn('#ffffff')).toBe('#1c1d21');
  // Mid-grey: black text has the higher contrast (5.3 against 3.9 for white).
  expect(textOn('#808080')).toBe('#1c1d21');
});

/** A host whose custom properties are a map, and a controller reading `source`. */
function siteConfig(source: Partial<SiteLookSource>) {
  const properties = new Map<string, string>();
  const host = {
    style: {
      setProperty: (name: string, value: string) => void properties.set(name, value),
      removeProperty: (name: string) => void properties.delete(name),
    },
    addController: (_controller: ReactiveController) => {},
    requestUpdate: vi.fn(),
  };
  const current: SiteLookSource = {
    apiUrl: 'https://chat.example.com',
    siteKey: 'pk_live_1',
    given: null,
    offline: false,
    ...source,
  };
  // The controller uses only these three of its host element.
  type Host = ConstructorParameters<typeof SiteConfigController>[0];
  const controller = new SiteConfigController(host as unknown as Host, () => current);
  return { controller, current, properties };
}

describe('SiteConfigController', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('a look the page gives is shown in the same update, and nothing is fetched', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const { controller, current, properties } = siteConfig({
      given: { title: 'Ask the blog', primary_color: '#0f766e', quick_prompts: ['Hi?'] },
    });
    controller.hostUpdate();
    expect(controller.look.title).toBe('Ask the blog');
    expect(properties.get('--_site-primary')).toBe('#0f766e');
    expect(properties.get('--_site-on-primary')).toBe('#ffffff');
    // Another look, as the console's form changes: the colours follow, an unset one goes.
    current.given = { accent_color: '#fde68a' };
    controller.hostUpdate();
    expect(properties.has('--_site-primary')).toBe(false);
    expect(properties.get('--_site-on-accent')).toBe('#1c1d21');
    expect(fetch).not.toHaveBeenCalled();
  });

  test('offline (a preview) reads nothing from the server', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const { controller } = siteConfig({ offline: true });
    controller.hostUpdate();
    expect(fetch).not.toHaveBeenCalled();
    expect(controller.look).toEqual({});
  });

  test("a look taken back gives way to the server's, read once", async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ widget: { title: 'Server' } }))),
    );
    vi.stubGlobal('fetch', fetch);
    const { controller, current } = siteConfig({ given: { title: 'Given' } });
    controller.hostUpdate();
    current.given = null;
    controller.hostUpdate();
    expect(controller.look).toEqual({});
    await vi.waitFor(() => expect(controller.look.title).toBe('Server'));
    controller.hostUpdate();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('https://chat.example.com/api/v1/sites/pk_live_1/config', {
      credentials: 'omit',
    });
  });
});
