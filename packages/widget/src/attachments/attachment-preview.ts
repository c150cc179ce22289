import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RepruvError } from '@repruv/client-sdk';
import { closeIcon } from '../components/icons.js';
import { fill, type AttachmentStrings } from '../i18n/attachment-strings.js';
import { megabytes } from './file-rules.js';
import { documentIcon } from './document-icon.js';
import type { PendingFile } from './upload-tray.js';

export interface PreviewProps {
  files: PendingFile[];
  strings: AttachmentStrings;
  locale: string | null;
  onRemove: (file: PendingFile) => void;
}

/**
 * The files attached in the composer, above the input: a thumbnail (the file itself, from a
 * `blob:` URL) or a PDF chip, the name, the upload's progress, an error, and a remove button.
 *
 * @csspart attachment-preview - each file; `attachment-remove` inside it
 */
export function renderAttachmentPreviews({ files, strings, locale, onRemove }: PreviewProps) {
  if (!files.length) return nothing;
  return html`<ul class="previews">
    ${repeat(
      files,
      (f) => f.key,
      (file) => {
        const name = file.file.name;
        const error = errorText(file, strings, locale);
        const uploading = !file.attachment && !error;
        return html`<li part="attachment-preview" class="preview ${error ? 'refused' : ''}">
          ${
            file.previewUrl
              ? html`<img class="preview-image" src=${file.previewUrl} alt="" />`
              : html`<span class="preview-image doc">${documentIcon()}</span>`
          }
          <span class="preview-text">
            <span class="preview-name">${name}</span>
            ${
              uploading
                ? html`<progress
                    max="1"
                    .value=${file.progress}
                    aria-label=${fill(strings.uploading, { name })}
                  ></progress>`
                : nothing
            }
            ${error ? html`<span class="preview-error" role="alert">${error}</span>` : nothing}
          </span>
          <button
            part="attachment-remove"
            class="remove"
            type="button"
            aria-label=${fill(strings.removeFile, { name })}
            title=${fill(strings.removeFile, { name })}
            @click=${() => onRemove(file)}
          >
            ${closeIcon()}
          </button>
        </li>`;
      },
    )}
  </ul>`;
}

/** Why a file cannot be sent: refused here, or by the server (its 413 and 415 say why). */
function errorText(file: PendingFile, strings: AttachmentStrings, locale: string | null) {
  const { refusal, error } = file;
  if (refusal?.reason === 'type') return strings.unsupportedType;
  if (refusal?.reason === 'size') {
    return fill(strings.tooLarge, {
      size: megabytes(refusal.size, locale),
      limit: megabytes(refusal.limit, locale),
    });
  }
  if (refusal?.reason === 'count') return fill(strings.tooMany, { n: refusal.limit });
  if (!error) return '';
  const explained = error instanceof RepruvError && (error.status === 413 || error.status === 415);
  return explained ? error.message : strings.uploadFailed;
}
