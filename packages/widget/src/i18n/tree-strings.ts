import type { Locale } from './locale.js';

/**
 * The strings of the conversation tree (edit, regenerate, versions, fork) and of feedback.
 * `{n}` and `{total}` are a version's place among its siblings: "Showing answer 2 of 3".
 */
export interface TreeStrings {
  /** Also the label of the box a message is edited in. */
  edit: string;
  /** Sends an edited message as a new version. */
  save: string;
  cancel: string;
  copy: string;
  /** Said once a reply is copied. */
  copied: string;
  regenerate: string;
  fork: string;
  /** Said once a fork is shown. */
  forked: string;
  goodAnswer: string;
  badAnswer: string;
  previous: string;
  next: string;
  /** The name of a reply's "‹ 2 / 3 ›", also said when another version is shown. */
  showingAnswer: string;
  /** The same for the versions of a message the visitor edited. */
  showingVersion: string;
  /** The label of a down vote's comment (optional: Send works without one). */
  feedbackPrompt: string;
  /** Said once a vote or a down vote's comment is stored. */
  feedbackThanks: string;
  /** The labels of `FEEDBACK_TAGS`, in that order. */
  feedbackTags: string[];
}

export const TREE_STRINGS: Record<Locale, TreeStrings> = {
  en: {
    edit: 'Edit',
    save: 'Save',
    cancel: 'Cancel',
    copy: 'Copy',
    copied: 'Copied',
    regenerate: 'Regenerate',
    fork: 'Continue in a new chat',
    forked: 'Continuing in a new chat',
    goodAnswer: 'Good answer',
    badAnswer: 'Bad answer',
    previous: 'Previous',
    next: 'Next',
    showingAnswer: 'Showing answer {n} of {total}',
    showingVersion: 'Showing version {n} of {total}',
    feedbackPrompt: 'What went wrong?',
    feedbackThanks: 'Thanks for your feedback',
    feedbackTags: ['Inaccurate', 'Not helpful', 'Too long', 'Unsafe'],
  },
  es: {
    edit: 'Editar',
    save: 'Guardar',
    cancel: 'Cancelar',
    copy: 'Copiar',
    copied: 'Copiado',
    regenerate: 'Regenerar',
    fork: 'Continuar en un chat nuevo',
    forked: 'Continuando en un chat nuevo',
    goodAnswer: 'Buena respuesta',
    badAnswer: 'Mala respuesta',
    previous: 'Anterior',
    next: 'Siguiente',
    showingAnswer: 'Mostrando la respuesta {n} de {total}',
    showingVersion: 'Mostrando la versión {n} de {total}',
    feedbackPrompt: '¿Qué salió mal?',
    feedbackThanks: 'Gracias por tu opinión',
    feedbackTags: ['Inexacta', 'Poco útil', 'Demasiado larga', 'Insegura'],
  },
  fr: {
    edit: 'Modifier',
    save: 'Enregistrer',
    cancel: 'Annuler',
    copy: 'Copier',
    copied: 'Copié',
    regenerate: 'Régénérer',
    fork: 'Continuer dans un nouveau chat',
    forked: 'Suite dans un nouveau chat',
    goodAnswer: 'Bonne réponse',
    badAnswer: 'Mauvaise réponse',
    previous: 'Précédente',
    next: 'Suivante',
    showingAnswer: 'Réponse {n} sur {total} affichée',
    showingVersion: 'Version {n} sur {total} affichée',
    feedbackPrompt: 'Qu’est-ce qui ne va pas ?',
    feedbackThanks: 'Merci pour votre avis',
    feedbackTags: ['Inexacte', 'Pas utile', 'Trop longue', 'Dangereuse'],
  },
  de: {
    edit: 'Bearbeiten',
    save: 'Speichern',
    cancel: 'Abbrechen',
    copy: 'Kopieren',
    copied: 'Kopiert',
    regenerate: 'Neu generieren',
    fork: 'In einem neuen Chat fortsetzen',
    forked: 'Weiter in einem neuen Chat',
    goodAnswer: 'Gute Antwort',
    badAnswer: 'Schlechte Antwort',
    previous: 'Vorherige',
    next: 'Nächste',
    showingAnswer: 'Antwort {n} von {total} wird angezeigt',
    showingVersion: 'Version {n} von {total} wird angezeigt',
    feedbackPrompt: 'Was war nicht gut?',
    feedbackThanks: 'Danke für Ihr Feedback',
    feedbackTags: ['Ungenau', 'Nicht hilfreich', 'Zu lang', 'Bedenklich'],
  },
  pt: {
    edit: 'Editar',
    save: 'Salvar',
    cancel: 'Cancelar',
    copy: 'Copiar',
    copied: 'Copiado',
    regenerate: 'Gerar novamente',
    fork: 'Continuar em uma nova conversa',
    forked: 'Continuando em uma nova conversa',
    goodAnswer: 'Boa resposta',
    badAnswer: 'Resposta ruim',
    previous: 'Anterior',
    next: 'Próxima',
    showingAnswer: 'Mostrando a resposta {n} de {total}',
    showingVersion: 'Mostrando a versão {n} de {total}',
    feedbackPrompt: 'O que deu errado?',
    feedbackThanks: 'Obrigado pelo seu feedback',
    feedbackTags: ['Imprecisa', 'Pouco útil', 'Longa demais', 'Insegura'],
  },
};
