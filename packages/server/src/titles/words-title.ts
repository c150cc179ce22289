const MAX_WORDS = 6;
const MAX_CHARS = 60;

/**
 * A title from the opening words of a text (CHAT_AUTO_TITLE=words): Markdown's marks and links'
 * addresses dropped, at most six words and 60 characters, the first letter capitalised; null when
 * no word is left.
 */
export function titleFromWords(text: string): string | null {
  const plain = text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#*_`>~|[\]()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = plain.split(' ').filter(Boolean).slice(0, MAX_WORDS);
  let title = '';
  for (const word of words) {
    const next = title ? `${title} ${word}` : word;
    if ([...next].length > MAX_CHARS) break;
    title = next;
  }
  if (!title) title = [...plain].slice(0, MAX_CHARS).join('').trim();
  if (!title) return null;
  title = title.replace(/[\s.,;:!?¿¡-]+$/u, '') || title;
  return title.charAt(0).toLocaleUpperCase() + title.slice(1);
}
