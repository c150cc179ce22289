import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  injectAxe,
  poll,
  reply,
  startHarness,
  transcript,
  visitorAuth,
  type WidgetHarness,
} from './support.js';
import { chat, control, focused, openInlineChat, said, tabTo, versions } from './tree-support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('the tree and feedback, keyboard only', () => {
  it('edits, switches versions, regenerates and rates with Tab, Enter, Space and Escape', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Keyboard question');

    // Edit: Enter opens the editor, Escape leaves it, focus back on Edit.
    await page.locator('.log').focus();
    await tabTo(page, 'edit-button', 0);
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toEqual({ part: 'edit-input', row: 0 });
    await page.keyboard.press('Escape');
    await poll(() => focused(page)).toEqual({ part: 'edit-button', row: 0 });
    // Again, and Enter in the editor sends; focus goes to the composer.
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toEqual({ part: 'edit-input', row: 0 });
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Keyboard, edited');
    await page.keyboard.press('Enter');
    await reply(page, 'You said: Keyboard, edited').waitFor();
    await poll(() => focused(page)).toMatchObject({ part: 'input' });

    // The versions: Shift+Tab back to them, Enter shows the other.
    await poll(() => versions(page, 0)).toBe('2 / 2');
    await page.locator('.log').focus();
    await tabTo(page, 'sibling-prev', 0);
    await page.keyboard.press('Enter');
    await poll(() => transcript(page)).toEqual([
      'user: Keyboard question',
      'assistant: You said: Keyboard question',
    ]);
    await poll(() => focused(page)).toEqual({ part: 'sibling-next', row: 0 });
    await page.keyboard.press('Enter');
    await poll(() => transcript(page)).toEqual([
      'user: Keyboard, edited',
      'assistant: You said: Keyboard, edited',
    ]);
    await poll(() => said(page)).toEqual(expect.arrayContaining(['Showing version 1 of 2']));

    // Regenerate with Space.
    h.t.claude.enqueue({ kind: 'text', chunks: ['A keyboard answer.'] });
    await tabTo(page, 'regenerate-button', 1);
    await page.keyboard.press('Space');
    await reply(page, 'A keyboard answer.').waitFor();
    await poll(() => versions(page, 1)).toBe('2 / 2');

    // Rate it down, explain with a tag, send with the keyboard.
    await page.locator('.log').focus();
    await tabTo(page, 'feedback-down', 1);
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toEqual({ part: 'feedback-input', row: 1 });
    await page.keyboard.type('Too short');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, 'feedback-send', 1);
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toEqual({ part: 'feedback-down', row: 1 });
    const { sessionId } = await visitorAuth(page);
    await poll(async () =>
      (await h.t.server.db('ai_message_feedback').where({ session_id: sessionId })).map(
        (r: { comment: string; tags: string[] }) => [r.comment, r.tags],
      ),
    ).toEqual([['Too short', ['inaccurate']]]);
  });
});

async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => JSON.stringify(v).slice(0, 1500));
  });
}

describe('accessibility of the tree and feedback', () => {
  it('has no axe-core violations with versions, the editor and the comment form open', async () => {
    const page = await h.visitor();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openInlineChat(h, page);
    await injectAxe(page);
    await chat(page, 'Axe question');
    h.t.claude.enqueue({ kind: 'text', chunks: ['Another answer.'] });
    await control(page, 1, 'regenerate-button').click();
    await reply(page, 'Another answer.').waitFor();
    await poll(() => versions(page, 1)).toBe('2 / 2');
    await control(page, 1, 'feedback-up').click();
    expect(await axeViolations(page)).toEqual([]);
    await control(page, 1, 'feedback-down').click();
    await control(page, 1, 'feedback-comment').waitFor();
    await control(page, 0, 'edit-button').click();
    await control(page, 0, 'edit-input').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('names the controls in the visitor’s language', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page, 'locale="de"');
    await page.locator('[part="input"]').fill('Hallo');
    await page.locator('[part="input"]').press('Enter');
    await reply(page, 'You said: Hallo').waitFor();
    const names = await page.evaluate(() =>
      [
        ...document
          .querySelector('repruv-chat')!
          .shadowRoot!.querySelectorAll('.actions button[part]'),
      ].map((b) => [b.getAttribute('aria-label'), b.getAttribute('title')]),
    );
    // Icon-only: the tooltip says the same as the name.
    expect(names).toEqual(
      [
        'Bearbeiten',
        'Kopieren',
        'Neu generieren',
        'Gute Antwort',
        'Schlechte Antwort',
        'In einem neuen Chat fortsetzen',
      ].map((name) => [name, name]),
    );
    await control(page, 1, 'feedback-down').click();
    const form = control(page, 1, 'feedback-comment');
    await form.waitFor();
    expect(await control(page, 1, 'feedback-input').getAttribute('aria-label')).toBe(
      'Was war nicht gut?',
    );
    await poll(() => said(page)).toContain('Danke für Ihr Feedback');
    for (const name of ['Ungenau', 'Nicht hilfreich', 'Bedenklich']) {
      expect(await form.getByRole('checkbox', { name }).count()).toBe(1);
    }
  });
});
