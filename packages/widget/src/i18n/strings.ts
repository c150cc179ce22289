/*
 * The English strings, the only ones in the panel; every other locale is a chunk of its own
 * (locales/*.ts, loaded by load-locale.ts). `LOCALES`, every table at once, is in all-locales.ts.
 */
import { OPEN_CHAT } from './locale.js';
import type { AttachmentStrings } from './attachment-strings.js';
import type { HistoryStrings } from './history-strings.js';
import { TREE_EN, type TreeStrings } from './tree-strings.js';

/** Every piece of text the widget shows or announces. */
export interface WidgetStrings extends ChatStrings, TreeStrings {}

/** What the `strings` property may replace: those above, and those of attachments and the drawer. */
export type StringOverrides = Partial<WidgetStrings & AttachmentStrings & HistoryStrings>;

/** The chat's own strings; those of the tree and feedback are in tree-strings.ts. */
interface ChatStrings {
  title: string;
  openChat: string;
  closeChat: string;
  newChat: string;
  /** The history button: opens the conversations drawer. */
  conversations: string;
  transcriptLabel: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  /** The attach button: images and PDFs. */
  attach: string;
  stop: string;
  /** Said when the visitor sends while a reply is still being written. */
  waitForReply: string;
  retry: string;
  jumpToLatest: string;
  typing: string;
  you: string;
  assistant: string;
  emptyTitle: string;
  emptyBody: string;
  quickPromptsLabel: string;
  notSent: string;
  stopped: string;
  loadingOlder: string;
  errorGeneric: string;
  errorNetwork: string;
  errorBusy: string;
  errorRateLimited: string;
  /** `{in}` is a relative time ("in 30 seconds"), from the server's Retry-After. */
  errorBusyRetryIn: string;
  errorRateLimitedRetryIn: string;
  /** The visitor's daily budget is spent; `{time}` is when it resets, in their time zone. */
  budgetUser: string;
  /** The site's daily budget is spent, for every visitor. */
  budgetSite: string;
  /** Shown only when the proof-of-work check takes long. */
  checkingConnection: string;
  quickPrompts: string[];
}

const en: ChatStrings = {
  title: 'Repruv AI',
  openChat: OPEN_CHAT.en,
  closeChat: 'Close chat',
  newChat: 'New chat',
  conversations: 'Conversations',
  transcriptLabel: 'Conversation',
  inputLabel: 'Message',
  placeholder: 'Ask anything…',
  send: 'Send',
  attach: 'Attach files',
  stop: 'Stop generating',
  waitForReply: 'Wait for the reply to finish, or stop it.',
  retry: 'Retry',
  jumpToLatest: 'Jump to latest',
  typing: 'Assistant is typing…',
  you: 'You',
  assistant: 'Assistant',
  emptyTitle: 'How can I help today?',
  emptyBody: 'Ask about ideas, captions, growth or sponsorships.',
  quickPromptsLabel: 'Suggestions',
  notSent: 'Not sent.',
  stopped: 'Stopped',
  loadingOlder: 'Loading earlier messages…',
  errorGeneric: 'Something went wrong.',
  errorNetwork: 'Could not reach the server.',
  errorBusy: 'The assistant is busy. Please try again shortly.',
  errorRateLimited: 'Too many messages. Please wait a moment.',
  errorBusyRetryIn: 'The assistant is busy right now. Try again {in}.',
  errorRateLimitedRetryIn: 'Too many messages. Try again {in}.',
  budgetUser: "You've reached today's limit. You can chat again at {time}.",
  budgetSite:
    "The assistant has reached today's limit for this site. You can chat again at {time}.",
  checkingConnection: 'Checking your connection…',
  quickPrompts: [
    'Give me 5 video ideas for this week',
    'Write a catchy Instagram caption',
    'How can I grow my TikTok audience?',
    'Plan a content calendar for next month',
    'Write a YouTube video title and description',
    'How do I pitch a brand for sponsorship?',
  ],
};

/** The English strings, chat and tree. */
export const EN: WidgetStrings = { ...en, ...TREE_EN };

/** `table` with any of its strings replaced by `overrides` (those not undefined or null). */
export function withOverrides<T extends object>(table: T, overrides: Partial<T> = {}): T {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined && value !== null),
  );
  return { ...table, ...defined };
}
/** `template` with each `{key}` replaced by its value. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));
}
