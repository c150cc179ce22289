import { html, nothing } from 'lit';
import {
  FEEDBACK_EXPORT_PATH,
  feedbackQuery,
  type FeedbackFilters,
  type FeedbackItem,
  type Turn,
} from '../admin-api.js';

export interface FeedbackView {
  filters: FeedbackFilters;
  items: FeedbackItem[];
  hasMore: boolean;
  /** The conversations opened so far, by rated reply. */
  opened: Map<string, Turn[]>;
  error: string;
  onFilter: (filters: FeedbackFilters) => void;
  onMore: () => void;
  onToggle: (messageId: string) => void;
}

function renderItem(item: FeedbackItem, turns: Turn[] | undefined, onToggle: (id: string) => void) {
  return html`<li class="feedback-item">
    <p>
      <strong>${item.rating === 'up' ? 'Thumbs up' : 'Thumbs down'}</strong>
      · ${new Date(item.updated_at).toLocaleString()} · ${item.mode ?? '—'} · ${item.model ?? '—'}
      ${item.tags.length ? html`· tags: ${item.tags.join(', ')}` : nothing}
    </p>
    ${item.comment ? html`<blockquote>${item.comment}</blockquote>` : nothing}
    <p><span class="who">Question</span> ${item.question ?? '—'}</p>
    <p><span class="who">Reply</span> ${item.reply}</p>
    <button
      type="button"
      class="secondary"
      aria-expanded=${turns ? 'true' : 'false'}
      @click=${() => onToggle(item.message_id)}
    >
      ${turns ? 'Close conversation' : 'Open conversation'}
    </button>
    ${
      turns
        ? html`<ol class="conversation" aria-label="Conversation">
            ${turns.map((turn) => html`<li><span class="who">${turn.role}</span> ${turn.content}</li>`)}
          </ol>`
        : nothing
    }
  </li>`;
}

export function renderFeedbackPage(view: FeedbackView) {
  const filter = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const rating = String(form.get('rating') ?? '');
    view.onFilter({
      rating: rating === 'up' || rating === 'down' ? rating : '',
      tag: String(form.get('tag') ?? '').trim(),
      mode: String(form.get('mode') ?? '').trim(),
    });
  };
  const f = view.filters;
  return html`<section aria-labelledby="feedback-heading">
    <h2 id="feedback-heading">Feedback</h2>
    <form class="filters" @submit=${filter} aria-label="Filter ratings">
      <div class="field">
        <label for="rating">Rating</label>
        <select id="rating" name="rating">
          <option value="" ?selected=${!f.rating}>Any</option>
          <option value="up" ?selected=${f.rating === 'up'}>Thumbs up</option>
          <option value="down" ?selected=${f.rating === 'down'}>Thumbs down</option>
        </select>
      </div>
      <div class="field">
        <label for="tag">Tag</label>
        <input id="tag" name="tag" maxlength="40" .value=${f.tag ?? ''} />
      </div>
      <div class="field">
        <label for="mode">Mode</label>
        <input id="mode" name="mode" maxlength="64" .value=${f.mode ?? ''} />
      </div>
      <button type="submit">Filter</button>
    </form>
    <p>
      <a href="${FEEDBACK_EXPORT_PATH}${feedbackQuery(f)}" download
        >Download these conversations as JSONL</a
      >
    </p>
    ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : nothing}
    ${
      view.items.length
        ? html`<ul class="feedback-list">
            ${view.items.map((item) => renderItem(item, view.opened.get(item.message_id), view.onToggle))}
          </ul>`
        : html`<p role="status">No ratings match.</p>`
    }
    ${
      view.hasMore
        ? html`<button type="button" class="secondary" @click=${view.onMore}>More</button>`
        : nothing
    }
  </section>`;
}
