/**
 * The built-in prompts. The database holds them as editable personas (migration 014 and
 * personas/seed-modes.ts); these are what a catalog that has read nothing yet falls back to, and
 * what a CHAT_MODES mode's guidance is added to.
 */
export const BASE_PROMPT =
  'You are Repruv AI, a helpful assistant for content creators and influencers. ' +
  'You help them plan, write and grow their content across platforms. ' +
  'Be concrete and practical, keep answers well structured with short paragraphs and lists, ' +
  'and use Markdown for formatting.';

const BUILT_IN_MODES: Record<string, string> = {
  general: 'Answer any question a creator brings, from tools to audience to business.',
  ideas:
    'Focus on content ideas: give several distinct, specific ideas with a hook and a format for each.',
  strategy:
    'Focus on growth strategy: audience, positioning, posting cadence, analytics and monetization, with clear next steps.',
  writing:
    'Focus on writing: scripts, captions, titles and posts. Match the voice the creator asks for and offer variations.',
};

export const DEFAULT_MODE = 'general';

/** The Repruv base prompt with a mode's guidance. */
export function promptWithGuidance(guidance: string): string {
  return `${BASE_PROMPT}\n\n${guidance}`;
}

export function fallbackPrompt(mode: string): string {
  return promptWithGuidance(BUILT_IN_MODES[mode] ?? BUILT_IN_MODES[DEFAULT_MODE]!);
}

/** What Claude is told: the persona's prompt, then the session's own instructions, if any. */
export function withSessionPrompt(personaPrompt: string, sessionPrompt: string | null): string {
  return sessionPrompt ? `${personaPrompt}\n\n${sessionPrompt}` : personaPrompt;
}
