import { nothing } from 'lit';
import { AsyncDirective, directive, type DirectiveResult } from 'lit/async-directive.js';

/** Fetches the bytes to show (with the visitor's token); a failed read shows nothing. */
export type LoadBlob = () => Promise<Blob>;

/**
 * `<img src=${blobSrc(key, load)}>`: the bytes `load` fetches, shown from a `blob:` URL, so a
 * host's CSP needs only `img-src blob:`. Fetched once per `key` while shown; the URL is revoked
 * when the image leaves the page (a new chat, another branch) and fetched again if it returns.
 */
class BlobSrcDirective extends AsyncDirective {
  #key: string | null = null;
  #load: LoadBlob | null = null;
  #url: string | null = null;

  render(_key: string, _load: LoadBlob): string | typeof nothing {
    return this.#url ?? nothing;
  }

  override update(_part: unknown, [key, load]: [string, LoadBlob]): string | typeof nothing {
    if (key !== this.#key) {
      this.#release();
      this.#key = key;
      this.#load = load;
      void this.#fetch(key);
    }
    return this.#url ?? nothing;
  }

  protected override disconnected(): void {
    this.#release();
  }

  protected override reconnected(): void {
    if (this.#key) void this.#fetch(this.#key);
  }

  async #fetch(key: string): Promise<void> {
    try {
      const blob = await this.#load!();
      if (key !== this.#key || !this.isConnected || this.#url) return;
      this.#url = URL.createObjectURL(blob);
      this.setValue(this.#url);
    } catch {
      // The alt text and the button's name still say what it is.
    }
  }

  #release(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = null;
  }
}

export const blobSrc: (key: string, load: LoadBlob) => DirectiveResult<typeof BlobSrcDirective> =
  directive(BlobSrcDirective);
