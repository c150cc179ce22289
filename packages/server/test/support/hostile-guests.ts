import { setMaxListeners } from 'node:events';
import { readSse } from './http.js';

/**
 * Anonymous visitors who ignore every limit: each mints guest tokens again and again, makes
 * sessions, sends as fast as answers come back (streamed, several at once) and re-attaches to its
 * replies, never waiting for Retry-After. Shared by the fault suite (which checks that every
 * refusal is a clear error) and the benchmark (which times a signed-in user meanwhile).
 */
export interface HostileGuestsOptions {
  /** The server's `/api/v1` URL. */
  api: string;
  siteKey: string;
  origin: string;
  guests: number;
  /** Concurrent sends per guest. */
  sendsAtOnce?: number;
  /** Each guest's own client address, sent as X-Forwarded-For (a server with TRUST_PROXY=1 uses it). */
  addressOf?: (guest: number) => string;
  signal: AbortSignal;
}

/** What the guests were answered, by `METHOD path status code`. */
export interface HostileGuestsReport {
  requests: number;
  answers: Record<string, number>;
  /** Refusals that were not a JSON error with a code, a message and (for 429/503) Retry-After. */
  unclear: string[];
  /** Answers that are never right for a client's request: 5xx other than 503. */
  serverErrors: string[];
}

type Answer = { status: number; code: string | undefined };

export async function hammerAsGuests(options: HostileGuestsOptions): Promise<HostileGuestsReport> {
  const report: HostileGuestsReport = { requests: 0, answers: {}, unclear: [], serverErrors: [] };
  setMaxListeners(0, options.signal); // every request of every guest listens to it
  const guests = Array.from({ length: options.guests }, (_, guest) =>
    new HostileGuest(options, guest, report).run(),
  );
  await Promise.all(guests);
  return report;
}

class HostileGuest {
  private token: string | undefined;
  private sessionId: string | undefined;
  private lastReplyId: string | undefined;

  constructor(
    private readonly options: HostileGuestsOptions,
    private readonly guest: number,
    private readonly report: HostileGuestsReport,
  ) {}

  async run(): Promise<void> {
    const lanes = Array.from({ length: this.options.sendsAtOnce ?? 3 }, () => this.sendLoop());
    await Promise.all([this.mintLoop(), ...lanes]);
  }

  private get stopped(): boolean {
    return this.options.signal.aborted;
  }

  /** Minting for its own sake: a fresh identity each time, as a token farm would. */
  private async mintLoop(): Promise<void> {
    while (!this.stopped) await this.mint();
  }

  private async sendLoop(): Promise<void> {
    while (!this.stopped) {
      if (!this.token) await this.mint();
      if (!this.token) {
        await pause(20);
        continue;
      }
      if (!this.sessionId || Math.random() < 0.2) await this.createSession();
      if (this.sessionId) await this.send(this.sessionId);
      // Re-attach storms: several followers of one reply at once, as a scraper of the stream would.
      const replyId = this.lastReplyId;
      if (replyId) await Promise.all(Array.from({ length: 6 }, () => this.reattach(replyId)));
    }
  }

  private async mint(): Promise<void> {
    const response = await this.request('POST', '/auth/guest', { site_key: this.options.siteKey });
    if (response?.status === 200) {
      this.token = ((await response.json()) as { token: string }).token;
      this.count('POST /auth/guest 200');
    } else await this.record('POST /auth/guest', response);
  }

  private async createSession(): Promise<void> {
    const response = await this.request('POST', '/chat/sessions', {});
    if (response?.status === 201) {
      this.sessionId = ((await response.json()) as { id: string }).id;
      this.count('POST /chat/sessions 201');
    } else await this.record('POST /chat/sessions', response);
  }

  private async send(sessionId: string): Promise<void> {
    const response = await this.request('POST', '/chat/messages?stream=true', {
      session_id: sessionId,
      content: `hostile guest ${this.guest}: write me a very long essay`,
    });
    if (response?.status !== 200) return this.record('POST /chat/messages', response);
    this.count('POST /chat/messages 200');
    await this.readStream(response, 'POST /chat/messages');
  }

  private async reattach(messageId: string): Promise<void> {
    const response = await this.request('GET', `/chat/messages/${messageId}/stream`);
    if (response?.status !== 200) return this.record('GET /chat/messages/{id}/stream', response);
    this.count('GET /chat/messages/{id}/stream 200');
    await this.readStream(response, 'GET /chat/messages/{id}/stream');
  }

  private async readStream(response: Response, label: string): Promise<void> {
    try {
      for await (const event of readSse(response)) {
        if (event.event === 'message.created') {
          this.lastReplyId = (
            event.data as { assistant_message: { id: string } }
          ).assistant_message.id;
        }
        if (event.event === 'error') {
          const code = (event.data as { error?: { code?: string } }).error?.code;
          this.count(`${label} stream error ${code}`);
          if (!code) this.report.unclear.push(`${label}: an error event without a code`);
        }
      }
    } catch {
      // Cut when the run ends: not an answer of the server's.
    }
  }

  private async request(
    method: string,
    path: string,
    json?: unknown,
  ): Promise<Response | undefined> {
    if (this.stopped) return undefined;
    const headers: Record<string, string> = { Origin: this.options.origin };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const address = this.options.addressOf?.(this.guest);
    if (address) headers['X-Forwarded-For'] = address;
    this.report.requests += 1;
    try {
      return await fetch(`${this.options.api}${path}`, {
        method,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        signal: this.options.signal,
      });
    } catch {
      return undefined; // aborted at the end of the run, or a connection the server refused
    }
  }

  /** Counts an answer; a refusal must say what and (when it is a wait) for how long. */
  private async record(label: string, response: Response | undefined): Promise<void> {
    if (!response) return;
    if (response.ok) {
      this.count(`${label} ${response.status}`);
      if (!response.bodyUsed) await response.body?.cancel();
      return;
    }
    const answer = await readAnswer(response);
    this.count(`${label} ${answer.status} ${answer.code ?? '(no code)'}`);
    const where = `${label} → ${answer.status}`;
    if (!answer.code) this.report.unclear.push(`${where} without a JSON error`);
    const waits = answer.status === 429 || answer.status === 503;
    if (waits && !response.headers.get('retry-after')) {
      this.report.unclear.push(`${where} ${answer.code} without Retry-After`);
    }
    if (answer.status >= 500 && answer.status !== 503) this.report.serverErrors.push(where);
    if (answer.status === 401 && answer.code === 'unauthorized') this.token = undefined;
  }

  private count(key: string): void {
    this.report.answers[key] = (this.report.answers[key] ?? 0) + 1;
  }
}

async function readAnswer(response: Response): Promise<Answer> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === 'string' ? body.error.code : undefined;
    const message = typeof body.error?.message === 'string' && body.error.message.length > 0;
    return { status: response.status, code: message ? code : undefined };
  } catch {
    return { status: response.status, code: undefined };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
