import type { UsageRecord } from '../chat/reply/store.js';
import type { Database } from '../db/connect.js';
import type { ClaudeGateway } from '../llm/claude-gateway.js';
import type { Logger } from '../observability/logger.js';
import { titleFromWords } from './words-title.js';

export type AutoTitleMode = 'claude' | 'words' | 'off';

export interface TitlerOptions {
  db: Database;
  mode: AutoTitleMode;
  gateway: ClaudeGateway;
  /** Where the title call's usage goes: the ledger (as purpose `title`). */
  recordUsage: (usage: UsageRecord) => Promise<void>;
  /** The model of title calls (CHAT_TITLE_MODEL). */
  model: string;
  logger: Logger;
}

export interface FirstExchange {
  sessionId: string;
  userId: string;
  siteId: string | null;
  question: string;
  answer: string;
}

const TITLE_SYSTEM =
  'You name conversations. Reply with a title for the conversation you are shown, and nothing ' +
  'else: at most six words, in the language of the conversation, without quotes or a full stop.';
const EXCERPT_CHARS = 1_500;
/** A title is short: the call is ended once this much has arrived. */
const MAX_TITLE_CHARS = 80;
const TITLE_TIMEOUT_MS = 20_000;

/**
 * SPEC "Finding and keeping conversations", titles: once a session's first exchange has finished, a
 * session still titled by default gets one made from it (CHAT_AUTO_TITLE). It runs beside the chat:
 * a failure is logged and leaves "New Chat", and a title the user gives meanwhile wins.
 */
export class SessionTitler {
  constructor(private readonly options: TitlerOptions) {}

  /** Starts titling the session and returns at once; never throws. */
  afterFirstExchange(exchange: FirstExchange): void {
    if (this.options.mode === 'off') return;
    void this.title(exchange).catch((error: unknown) => {
      this.options.logger.warn({ err: error, session_id: exchange.sessionId }, 'title not made');
    });
  }

  /** For tests: makes and stores the title, resolving when done. */
  async title(exchange: FirstExchange): Promise<void> {
    const fromClaude = this.options.mode === 'claude' ? await this.askClaude(exchange) : null;
    const title =
      fromClaude ?? titleFromWords(exchange.question) ?? titleFromWords(exchange.answer);
    if (!title) return;
    await this.options
      .db('ai_chat_sessions')
      .update({ title, title_source: 'auto', updated_at: new Date() })
      .where({ id: exchange.sessionId, title_source: 'default' });
  }

  /** Claude's title, or null when the call cannot be made or fails (the words then serve). */
  private async askClaude(exchange: FirstExchange): Promise<string | null> {
    const { gateway, model } = this.options;
    let permit;
    try {
      permit = gateway.acquirePermit();
    } catch {
      return null; // the circuit is open or Claude's rate limit is being waited out
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TITLE_TIMEOUT_MS);
    let text = '';
    const started = Date.now();
    const result = await gateway.generate(permit, {
      model,
      system: TITLE_SYSTEM,
      turns: [{ role: 'user', content: titlePrompt(exchange) }],
      signal: controller.signal,
      onText: (chunk) => {
        text += chunk;
        if (text.length > MAX_TITLE_CHARS) controller.abort();
      },
    });
    clearTimeout(timer);
    await this.options.recordUsage({
      userId: exchange.userId,
      siteId: exchange.siteId,
      sessionId: exchange.sessionId,
      messageId: null,
      model,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      latencyMs: Date.now() - started,
      outcome: result.failure ? 'error' : 'complete',
      purpose: 'title',
    });
    if (result.failure && text.length <= MAX_TITLE_CHARS) return null;
    return cleanTitle(text);
  }
}

function titlePrompt(exchange: FirstExchange): string {
  const excerpt = (text: string) => [...text].slice(0, EXCERPT_CHARS).join('');
  return `<conversation>\n<user>${excerpt(exchange.question)}</user>\n<assistant>${excerpt(exchange.answer)}</assistant>\n</conversation>\nTitle:`;
}

/** Claude's answer as a title: its first line, without quotes, a "Title:" label or a full stop. */
export function cleanTitle(text: string): string | null {
  const line = text.trim().split('\n')[0] ?? '';
  const cleaned = line
    .replace(/^title\s*:\s*/i, '')
    .replace(/^["'“”«»*#\s]+|["'“”«»*\s]+$/g, '')
    .replace(/[.。]+$/u, '')
    .trim();
  return cleaned ? [...cleaned].slice(0, 60).join('').trim() : null;
}
