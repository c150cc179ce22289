import { html, nothing } from 'lit';
import { editIcon } from '../components/icons.js';
import type { HistoryStrings } from '../i18n/history-strings.js';
import { fill, type WidgetStrings } from '../i18n/strings.js';
import type { ExportFormat, HistoryEntry } from './history-api.js';
import { archiveIcon, deleteIcon, exportIcon, unarchiveIcon } from './history-icons.js';
import { lastActivity } from './last-activity.js';
import { snippetParts } from './marked-snippet.js';

/** What an item's controls do, and which of its inline forms is open; the drawer's History. */
export interface HistoryItemActions {
  readonly currentId: string | null;
  /** The id of the session whose title is being edited, whose deletion is being confirmed, or whose formats are shown. */
  readonly renaming: string | null;
  readonly confirming: string | null;
  readonly exporting: string | null;
  openEntry(entry: HistoryEntry): void;
  startRename(entry: HistoryEntry): void;
  rename(entry: HistoryEntry, title: string): void;
  archive(entry: HistoryEntry): void;
  askDelete(entry: HistoryEntry): void;
  delete(entry: HistoryEntry): void;
  toggleExport(entry: HistoryEntry): void;
  export(entry: HistoryEntry, format: ExportFormat): void;
  /** Closes whichever inline form is open, focus back on the button that opened it. */
  cancel(): void;
}

export interface HistoryItemProps {
  entry: HistoryEntry;
  strings: HistoryStrings;
  panelStrings: WidgetStrings;
  locale: string | null;
  actions: HistoryItemActions;
}

const FORMATS: [ExportFormat, (s: HistoryStrings) => string][] = [
  ['md', () => 'Markdown'],
  ['txt', (s) => s.plainText],
  ['pdf', () => 'PDF'],
  ['json', () => 'JSON'],
];

/**
 * One conversation of the drawer: a button that opens it (title, last activity, and the
 * search's snippet with its matches marked), then Rename, Archive, Delete and Export, each
 * named with the title; and the inline form one of them opens.
 *
 * @csspart history-item - the conversation
 * @csspart history-open - opens it (`aria-current` on the one shown)
 * @csspart rename-button - edits the title in place: `rename-input` (Enter saves, Escape cancels)
 * @csspart archive-button - archives it, or (among the archived) unarchives it
 * @csspart delete-button - asks to confirm: `delete-confirm`, `delete-cancel`
 * @csspart export-button - shows the formats (`aria-expanded`): `export-format` buttons
 */
export function renderHistoryItem(props: HistoryItemProps) {
  const { entry, strings: s, actions } = props;
  const { session } = entry;
  const id = session.id;
  const title = { title: session.title };
  const archived = session.status === 'archived';
  const button = (part: string, label: string, icon: () => unknown, onClick: () => void) =>
    html`<button
      part=${part}
      class="icon"
      type="button"
      aria-label=${label}
      title=${label}
      @click=${onClick}
    >
      ${icon()}
    </button>`;
  return html`<li part="history-item" class="history-item" data-session=${id}>
    ${actions.renaming === id ? renderRename(props) : renderOpen(props)}
    <div class="item-actions">
      ${button('rename-button', fill(s.rename, title), editIcon, () => actions.startRename(entry))}
      ${button(
        'archive-button',
        fill(archived ? s.unarchive : s.archive, title),
        archived ? unarchiveIcon : archiveIcon,
        () => actions.archive(entry),
      )}
      ${button('delete-button', fill(s.delete, title), deleteIcon, () => actions.askDelete(entry))}
      <button
        part="export-button"
        class="icon"
        type="button"
        aria-label=${fill(s.export, title)}
        title=${fill(s.export, title)}
        aria-expanded=${actions.exporting === id ? 'true' : 'false'}
        @click=${() => actions.toggleExport(entry)}
      >
        ${exportIcon()}
      </button>
    </div>
    ${actions.confirming === id ? renderConfirm(props) : nothing}
    ${actions.exporting === id ? renderFormats(props) : nothing}
  </li>`;
}

function renderOpen({ entry, locale, actions }: HistoryItemProps) {
  const { session, hit } = entry;
  const current = session.id === actions.currentId;
  return html`<button
    part="history-open"
    class="history-open"
    type="button"
    aria-current=${current ? 'true' : nothing}
    @click=${() => actions.openEntry(entry)}
  >
    <span class="item-title">${session.title}</span>
    <span class="item-time"
      >${lastActivity(session.last_message_at ?? session.updated_at, locale)}</span
    >
    ${
      hit
        ? html`<span class="item-snippet"
            >${snippetParts(hit.snippet, hit.highlights).map((part) =>
              part.marked ? html`<mark>${part.text}</mark>` : part.text,
            )}</span
          >`
        : nothing
    }
  </button>`;
}

function renderRename({ entry, strings, actions }: HistoryItemProps) {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    actions.rename(entry, (event.target as HTMLInputElement).value);
  };
  return html`<input
    part="rename-input"
    class="rename-input"
    type="text"
    maxlength="200"
    aria-label=${strings.titleLabel}
    .value=${entry.session.title}
    @keydown=${onKeydown}
  />`;
}

function renderConfirm({ entry, strings, panelStrings, actions }: HistoryItemProps) {
  const question = fill(strings.deleteQuestion, { title: entry.session.title });
  return html`<div class="item-form" role="group" aria-label=${question}>
    <span>${question}</span>
    <button part="delete-cancel" class="retry" type="button" @click=${() => actions.cancel()}>
      ${panelStrings.cancel}
    </button>
    <button
      part="delete-confirm"
      class="retry danger"
      type="button"
      @click=${() => actions.delete(entry)}
    >
      ${strings.deleteConfirm}
    </button>
  </div>`;
}

function renderFormats({ entry, strings, actions }: HistoryItemProps) {
  return html`<div
    class="item-form"
    role="group"
    aria-label=${fill(strings.exportAs, { title: entry.session.title })}
  >
    ${FORMATS.map(
      ([format, label]) =>
        html`<button
          part="export-format"
          class="retry"
          type="button"
          data-format=${format}
          @click=${() => actions.export(entry, format)}
        >
          ${label(strings)}
        </button>`,
    )}
  </div>`;
}
