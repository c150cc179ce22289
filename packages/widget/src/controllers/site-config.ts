import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the site's operator set in the console (`GET /api/v1/sites/{site_key}/config`). */
export interface SiteLook {
  title?: string;
  primary_color?: string;
  accent_color?: string;
  quick_prompts?: string[];
  default_mode?: string | null;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or near-black, whichever reads better on `hex` (by WCAG contrast). */
export function textOn(hex: string): string {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#1c1d21' : '#ffffff';
}

/** Where the site's look comes from, read afresh on each update. */
export interface SiteLookSource {
  apiUrl: string;
  siteKey: string | null;
  /** A look the page gave (`look`), used instead of the server's. */
  given: SiteLook | null;
  /** Nothing is read from the server (a preview). */
  offline: boolean;
}

/**
 * Reads the site's look once per API URL and site key, unless the page gives one. The page's own
 * attributes, properties and `--repruv-*` properties win; a failed read leaves the widget's own look.
 */
export class SiteConfigController implements ReactiveController {
  look: SiteLook = {};
  #given: SiteLook | null = null;
  #loadedFor = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => SiteLookSource,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { apiUrl, siteKey, given, offline } = this.source();
    if (given !== this.#given) {
      // A look given, changed or taken back: shown in this very update (before render).
      this.#given = given;
      this.#loadedFor = '';
      this.#show(given ?? {});
    }
    const key = `${apiUrl} ${siteKey}`;
    if (given || offline || !siteKey || key === this.#loadedFor) return;
    this.#loadedFor = key;
    const url = `${apiUrl.replace(/\/+$/, '')}/api/v1/sites/${encodeURIComponent(siteKey)}/config`;
    fetch(url, { credentials: 'omit' })
      .then((response) => (response.ok ? response.json() : null))
      .then((config: { widget?: SiteLook; default_mode?: string | null } | null) => {
        if (!config || this.#loadedFor !== key) return;
        this.#show({ ...config.widget, default_mode: config.default_mode ?? null });
        this.host.requestUpdate();
      })
      .catch(() => undefined);
  }

  #show(look: SiteLook): void {
    this.look = look;
    this.#paint();
  }

  /** The colours as private custom properties, below `--repruv-*` in the styles' fallbacks. */
  #paint(): void {
    const style = this.host.style;
    const { primary_color: primary, accent_color: accent } = this.look;
    for (const [name, color] of [
      ['primary', primary],
      ['accent', accent],
    ] as const) {
      if (color && HEX.test(color)) {
        style.setProperty(`--_site-${name}`, color);
        style.setProperty(`--_site-on-${name}`, textOn(color));
      } else {
        style.removeProperty(`--_site-${name}`);
        style.removeProperty(`--_site-on-${name}`);
      }
    }
  }
}
