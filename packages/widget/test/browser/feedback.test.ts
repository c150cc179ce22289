import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, startHarness, visitorAuth, type WidgetHarness } from './support.js';
import { chat, control, events, focused, openInlineChat, said } from './tree-support.js';

let h: WidgetHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface FeedbackRow {
  message_id: string;
  rating: string;
  comment: string | null;
  tags: string[];
}

/** The stored feedback of the visitor's session, one row per rated reply. */
async function feedbackRows(sessionId: string): Promise<FeedbackRow[]> {
  return h.t.server.db('ai_message_feedback').where({ session_id: sessionId });
}

describe('feedback on replies', () => {
  it('votes up, takes it back, and votes down with a comment and tags; a reload keeps it', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Rate me');
    const up = control(page, 1, 'feedback-up');
    const down = control(page, 1, 'feedback-down');
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    expect(await down.getAttribute('aria-pressed')).toBe('false');
    const { sessionId } = await visitorAuth(page);

    await up.click();
    expect(await up.getAttribute('aria-pressed')).toBe('true');
    await poll(async () => (await feedbackRows(sessionId!)).map((r) => r.rating)).toEqual(['up']);
    const messageId = (await feedbackRows(sessionId!))[0]!.message_id;

    // The same vote again takes it back.
    await up.click();
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    await poll(async () => (await feedbackRows(sessionId!)).length).toBe(0);

    // A down vote asks what went wrong; focus goes to the comment.
    await down.click();
    expect(await down.getAttribute('aria-pressed')).toBe('true');
    const form = control(page, 1, 'feedback-comment');
    await form.waitFor();
    await poll(() => focused(page)).toEqual({ part: 'feedback-input', row: 1 });
    await control(page, 1, 'feedback-input').fill('It ignored my question');
    await form.getByRole('checkbox', { name: 'Inaccurate' }).check();
    await form.getByRole('checkbox', { name: 'Too long' }).check();
    await form.getByRole('checkbox', { name: 'Unsafe' }).check();
    await control(page, 1, 'feedback-send').click();
    await poll(() => form.count()).toBe(0);
    await poll(() => focused(page)).toEqual({ part: 'feedback-down', row: 1 });
    await poll(async () => await feedbackRows(sessionId!)).toEqual([
      expect.objectContaining({
        rating: 'down',
        comment: 'It ignored my question',
        tags: ['inaccurate', 'too_long', 'unsafe'],
      }),
    ]);

    expect((await events(page, 'repruv-feedback')).map((e) => e.detail)).toEqual([
      { messageId, rating: 'up' },
      { messageId, rating: null },
      { messageId, rating: 'down' },
      {
        messageId,
        rating: 'down',
        comment: 'It ignored my question',
        tags: ['inaccurate', 'too_long', 'unsafe'],
      },
    ]);

    await page.reload();
    await control(page, 1, 'feedback-down').waitFor();
    expect(await control(page, 1, 'feedback-down').getAttribute('aria-pressed')).toBe('true');
    expect(await control(page, 1, 'feedback-up').getAttribute('aria-pressed')).toBe('false');
    expect(await control(page, 1, 'feedback-comment').count()).toBe(0);
  });

  it('says thanks once a vote is stored, and again once its comment is; the comment box is named', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Thank me');
    const { sessionId } = await visitorAuth(page);
    await control(page, 1, 'feedback-down').click();
    await poll(async () => (await feedbackRows(sessionId!)).length).toBe(1);
    await poll(async () => (await said(page)).at(-1)).toBe('Thanks for your feedback');
    const input = control(page, 1, 'feedback-input');
    // Named by a label of its own, not only by the placeholder that goes once typed in.
    expect(await input.getAttribute('aria-label')).toBe('What went wrong?');

    // The same words again: the region changes, so they are said again.
    await page.evaluate(() => {
      (window as unknown as { __said: string[] }).__said = [];
    });
    await input.fill('Too vague');
    await control(page, 1, 'feedback-send').click();
    await poll(async () => (await feedbackRows(sessionId!)).map((r) => r.comment)).toEqual([
      'Too vague',
    ]);
    await poll(() => said(page)).toEqual(['Thanks for your feedback']);
  });

  it('a vote the server refuses goes back to what it was, and says why', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Try to rate me');
    await page.route('**/feedback', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'upstream_unavailable', message: 'busy' } }),
      }),
    );
    const up = control(page, 1, 'feedback-up');
    await up.click();
    await poll(() => up.getAttribute('aria-pressed')).toBe('false');
    await page.locator('[part="notice"]').waitFor();
    expect(await page.locator('[part="notice"]').textContent()).toContain('The assistant is busy.');
    await poll(() => said(page)).toContain('The assistant is busy. Please try again shortly.');
    expect((await events(page, 'repruv-error')).length).toBeGreaterThan(0);
    const { sessionId } = await visitorAuth(page);
    expect(await feedbackRows(sessionId!)).toEqual([]);
  });

  it('Escape closes the comment form, focus back on the down vote, the vote kept', async () => {
    const page = await h.visitor();
    await openInlineChat(h, page);
    await chat(page, 'Vote me down');
    await control(page, 1, 'feedback-down').click();
    await poll(() => focused(page)).toEqual({ part: 'feedback-input', row: 1 });
    await page.keyboard.type('Half a thought');
    await page.keyboard.press('Escape');
    await poll(() => control(page, 1, 'feedback-comment').count()).toBe(0);
    await poll(() => focused(page)).toEqual({ part: 'feedback-down', row: 1 });
    expect(await control(page, 1, 'feedback-down').getAttribute('aria-pressed')).toBe('true');
    const { sessionId } = await visitorAuth(page);
    await poll(async () => (await feedbackRows(sessionId!)).map((r) => r.comment)).toEqual([null]);
  });
});
