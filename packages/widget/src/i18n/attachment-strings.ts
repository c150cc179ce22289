import { matchLocale, type Locale } from './locale.js';

/**
 * The strings of attachments, loaded with the attachments chunk (only `attach`, the button's
 * name, is in the panel). `{name}` is a file's name, `{size}` and `{limit}` sizes ("12 MB"),
 * `{n}` a count.
 */
export interface AttachmentStrings {
  /** Shown over the panel while files are dragged onto it. */
  dropFiles: string;
  unsupportedType: string;
  tooLarge: string;
  tooMany: string;
  /** When the server refuses a file without saying why in words the widget can show. */
  uploadFailed: string;
  uploading: string;
  removeFile: string;
  /** Said once a file is uploaded and ready to send. */
  fileReady: string;
  openImage: string;
  closeImage: string;
  downloadFile: string;
  onePage: string;
  pages: string;
}

export const ATTACHMENT_STRINGS: Record<Locale, AttachmentStrings> = {
  en: {
    dropFiles: 'Drop files to attach',
    unsupportedType: "That file type isn't supported",
    tooLarge: 'Too large: {size}, the limit is {limit}',
    tooMany: 'At most {n} files per message',
    uploadFailed: 'Could not upload this file',
    uploading: 'Uploading {name}',
    removeFile: 'Remove {name}',
    fileReady: '{name} attached',
    openImage: 'Open image: {name}',
    closeImage: 'Close image',
    downloadFile: 'Download {name}',
    onePage: '1 page',
    pages: '{n} pages',
  },
  es: {
    dropFiles: 'Suelta los archivos para adjuntarlos',
    unsupportedType: 'Ese tipo de archivo no es compatible',
    tooLarge: 'Demasiado grande: {size}, el límite es {limit}',
    tooMany: 'Como máximo {n} archivos por mensaje',
    uploadFailed: 'No se pudo subir este archivo',
    uploading: 'Subiendo {name}',
    removeFile: 'Quitar {name}',
    fileReady: '{name} adjuntado',
    openImage: 'Abrir imagen: {name}',
    closeImage: 'Cerrar imagen',
    downloadFile: 'Descargar {name}',
    onePage: '1 página',
    pages: '{n} páginas',
  },
  fr: {
    dropFiles: 'Déposez les fichiers pour les joindre',
    unsupportedType: "Ce type de fichier n'est pas pris en charge",
    tooLarge: 'Trop volumineux : {size}, la limite est de {limit}',
    tooMany: 'Au plus {n} fichiers par message',
    uploadFailed: "Impossible d'envoyer ce fichier",
    uploading: 'Envoi de {name}',
    removeFile: 'Retirer {name}',
    fileReady: '{name} joint',
    openImage: "Ouvrir l'image : {name}",
    closeImage: "Fermer l'image",
    downloadFile: 'Télécharger {name}',
    onePage: '1 page',
    pages: '{n} pages',
  },
  de: {
    dropFiles: 'Dateien zum Anhängen hier ablegen',
    unsupportedType: 'Dieser Dateityp wird nicht unterstützt',
    tooLarge: 'Zu groß: {size}, das Limit ist {limit}',
    tooMany: 'Höchstens {n} Dateien pro Nachricht',
    uploadFailed: 'Diese Datei konnte nicht hochgeladen werden',
    uploading: '{name} wird hochgeladen',
    removeFile: '{name} entfernen',
    fileReady: '{name} angehängt',
    openImage: 'Bild öffnen: {name}',
    closeImage: 'Bild schließen',
    downloadFile: '{name} herunterladen',
    onePage: '1 Seite',
    pages: '{n} Seiten',
  },
  pt: {
    dropFiles: 'Solte os arquivos para anexar',
    unsupportedType: 'Esse tipo de arquivo não é compatível',
    tooLarge: 'Grande demais: {size}, o limite é {limit}',
    tooMany: 'No máximo {n} arquivos por mensagem',
    uploadFailed: 'Não foi possível enviar este arquivo',
    uploading: 'Enviando {name}',
    removeFile: 'Remover {name}',
    fileReady: '{name} anexado',
    openImage: 'Abrir imagem: {name}',
    closeImage: 'Fechar imagem',
    downloadFile: 'Baixar {name}',
    onePage: '1 página',
    pages: '{n} páginas',
  },
};

/** The attachment strings of `locale`, with any of them replaced by `overrides`. */
export function resolveAttachmentStrings(
  locale: string | null | undefined,
  overrides: Partial<AttachmentStrings> = {},
): AttachmentStrings {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => typeof value === 'string'),
  );
  return { ...ATTACHMENT_STRINGS[matchLocale(locale)], ...defined };
}

/** `template` with each `{key}` replaced by its value. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));
}
