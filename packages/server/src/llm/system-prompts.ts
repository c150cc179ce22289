const BASE_PROMPT =
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

let MODE_GUIDANCE: Record<string, string> = { ...BUILT_IN_MODES };

/** Adds site-specific modes (CHAT_MODES) beside the built-in ones. */
export function configureModes(extra: Record<string, string>): void {
  MODE_GUIDANCE = { ...BUILT_IN_MODES, ...extra };
}

export function knownModes(): string[] {
  return Object.keys(MODE_GUIDANCE);
}

/** The system prompt for a session: the Repruv base prompt, shaped by the session's mode. */
export function systemPromptFor(mode: string, sessionPrompt?: string | null): string {
  const guidance = MODE_GUIDANCE[mode] ?? MODE_GUIDANCE[DEFAULT_MODE];
  return [BASE_PROMPT, guidance, sessionPrompt].filter(Boolean).join('\n\n');
}
