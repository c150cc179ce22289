import { html } from 'lit';
import type { Attachment } from '../controllers/chat-message.js';
import { fill, type AttachmentStrings } from '../i18n/attachment-strings.js';
import { blobSrc, type LoadBlob } from './blob-src.js';
import { documentIcon } from './document-icon.js';

export interface MessageAttachmentsProps {
  attachments: Attachment[];
  strings: AttachmentStrings;
  /** Reads an attachment's bytes with the visitor's token. */
  read: (attachment: Attachment, variant: 'original' | 'thumbnail') => LoadBlob;
  onOpen: (attachment: Attachment, opener: HTMLElement) => void;
  onDownload: (attachment: Attachment) => void;
}

/**
 * A user message's files in the transcript: an image's thumbnail is a button that opens it
 * larger; a PDF is a chip (name, pages) that downloads it.
 *
 * @csspart attachment - each file in the transcript
 */
export function renderMessageAttachments(props: MessageAttachmentsProps) {
  return html`<ul class="attachments">
    ${props.attachments.map(
      (attachment) =>
        html`<li>
          ${attachment.kind === 'image' ? thumbnail(attachment, props) : chip(attachment, props)}
        </li>`,
    )}
  </ul>`;
}

function thumbnail(attachment: Attachment, { strings, read, onOpen }: MessageAttachmentsProps) {
  const name = fill(strings.openImage, { name: attachment.name });
  return html`<button
    part="attachment"
    class="attachment thumb"
    type="button"
    aria-label=${name}
    title=${name}
    @click=${(event: Event) => onOpen(attachment, event.currentTarget as HTMLElement)}
  >
    <img src=${blobSrc(`${attachment.id}/thumbnail`, read(attachment, 'thumbnail'))} alt="" />
  </button>`;
}

function chip(attachment: Attachment, { strings, onDownload }: MessageAttachmentsProps) {
  const { name, pages } = attachment;
  const pageCount = pages === 1 ? strings.onePage : pages ? fill(strings.pages, { n: pages }) : '';
  const label = fill(strings.downloadFile, { name });
  return html`<button
    part="attachment"
    class="attachment chip"
    type="button"
    aria-label=${pageCount ? `${label}, ${pageCount}` : label}
    @click=${() => onDownload(attachment)}
  >
    ${documentIcon()}
    <span class="chip-name">${name}</span>
    ${pageCount ? html`<span class="chip-pages">${pageCount}</span>` : ''}
  </button>`;
}
