import { OPEN_CHAT, matchLocale, type Locale } from './locale.js';
import type { AttachmentStrings } from './attachment-strings.js';
import { TREE_STRINGS, type TreeStrings } from './tree-strings.js';

export { OPEN_CHAT, matchLocale, type Locale };

/** Every piece of text the widget shows or announces. */
export interface WidgetStrings extends ChatStrings, TreeStrings {}

/** What the `strings` property may replace: those above, and those of attachments. */
export type StringOverrides = Partial<WidgetStrings & AttachmentStrings>;

/** The chat's own strings; those of the tree and feedback are in tree-strings.ts. */
interface ChatStrings {
  title: string;
  openChat: string;
  closeChat: string;
  newChat: string;
  transcriptLabel: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  /** The attach button: images and PDFs. */
  attach: string;
  stop: string;
  /** Said when the visitor sends while a reply is still being written. */
  waitForReply: string;
  retry: string;
  jumpToLatest: string;
  typing: string;
  you: string;
  assistant: string;
  emptyTitle: string;
  emptyBody: string;
  quickPromptsLabel: string;
  notSent: string;
  stopped: string;
  loadingOlder: string;
  errorGeneric: string;
  errorNetwork: string;
  errorBusy: string;
  errorRateLimited: string;
  /** `{in}` is a relative time ("in 30 seconds"), from the server's Retry-After. */
  errorBusyRetryIn: string;
  errorRateLimitedRetryIn: string;
  /** The visitor's daily budget is spent; `{time}` is when it resets, in their time zone. */
  budgetUser: string;
  /** The site's daily budget is spent, for every visitor. */
  budgetSite: string;
  /** Shown only when the proof-of-work check takes long. */
  checkingConnection: string;
  quickPrompts: string[];
}

const en: ChatStrings = {
  title: 'Repruv AI',
  openChat: OPEN_CHAT.en,
  closeChat: 'Close chat',
  newChat: 'New chat',
  transcriptLabel: 'Conversation',
  inputLabel: 'Message',
  placeholder: 'Ask anything…',
  send: 'Send',
  attach: 'Attach files',
  stop: 'Stop generating',
  waitForReply: 'Wait for the reply to finish, or stop it.',
  retry: 'Retry',
  jumpToLatest: 'Jump to latest',
  typing: 'Assistant is typing…',
  you: 'You',
  assistant: 'Assistant',
  emptyTitle: 'How can I help today?',
  emptyBody: 'Ask about ideas, captions, growth or sponsorships.',
  quickPromptsLabel: 'Suggestions',
  notSent: 'Not sent.',
  stopped: 'Stopped',
  loadingOlder: 'Loading earlier messages…',
  errorGeneric: 'Something went wrong.',
  errorNetwork: 'Could not reach the server.',
  errorBusy: 'The assistant is busy. Please try again shortly.',
  errorRateLimited: 'Too many messages. Please wait a moment.',
  errorBusyRetryIn: 'The assistant is busy right now. Try again {in}.',
  errorRateLimitedRetryIn: 'Too many messages. Try again {in}.',
  budgetUser: "You've reached today's limit. You can chat again at {time}.",
  budgetSite:
    "The assistant has reached today's limit for this site. You can chat again at {time}.",
  checkingConnection: 'Checking your connection…',
  quickPrompts: [
    'Give me 5 video ideas for this week',
    'Write a catchy Instagram caption',
    'How can I grow my TikTok audience?',
    'Plan a content calendar for next month',
    'Write a YouTube video title and description',
    'How do I pitch a brand for sponsorship?',
  ],
};

const es: ChatStrings = {
  title: 'Repruv AI',
  openChat: OPEN_CHAT.es,
  closeChat: 'Cerrar chat',
  newChat: 'Nuevo chat',
  transcriptLabel: 'Conversación',
  inputLabel: 'Mensaje',
  placeholder: 'Pregunta lo que quieras…',
  send: 'Enviar',
  attach: 'Adjuntar archivos',
  stop: 'Detener respuesta',
  waitForReply: 'Espera a que termine la respuesta, o detenla.',
  retry: 'Reintentar',
  jumpToLatest: 'Ir al último',
  typing: 'El asistente está escribiendo…',
  you: 'Tú',
  assistant: 'Asistente',
  emptyTitle: '¿En qué puedo ayudarte hoy?',
  emptyBody: 'Pregunta por ideas, textos, crecimiento o patrocinios.',
  quickPromptsLabel: 'Sugerencias',
  notSent: 'No enviado.',
  stopped: 'Detenido',
  loadingOlder: 'Cargando mensajes anteriores…',
  errorGeneric: 'Algo salió mal.',
  errorNetwork: 'No se pudo conectar con el servidor.',
  errorBusy: 'El asistente está ocupado. Inténtalo de nuevo en breve.',
  errorRateLimited: 'Demasiados mensajes. Espera un momento.',
  errorBusyRetryIn: 'El asistente está ocupado ahora mismo. Inténtalo de nuevo {in}.',
  errorRateLimitedRetryIn: 'Demasiados mensajes. Inténtalo de nuevo {in}.',
  budgetUser: 'Has alcanzado el límite de hoy. Podrás volver a chatear a partir de las {time}.',
  budgetSite:
    'El asistente ha alcanzado el límite de hoy en este sitio. Podrás volver a chatear a partir de las {time}.',
  checkingConnection: 'Comprobando tu conexión…',
  quickPrompts: [
    'Dame 5 ideas de vídeos para esta semana',
    'Escribe un texto atractivo para Instagram',
    '¿Cómo puedo hacer crecer mi audiencia en TikTok?',
    'Planifica un calendario de contenido para el próximo mes',
    'Escribe un título y una descripción para YouTube',
    '¿Cómo propongo un patrocinio a una marca?',
  ],
};

const fr: ChatStrings = {
  title: 'Repruv AI',
  openChat: OPEN_CHAT.fr,
  closeChat: 'Fermer le chat',
  newChat: 'Nouvelle discussion',
  transcriptLabel: 'Conversation',
  inputLabel: 'Message',
  placeholder: 'Posez votre question…',
  send: 'Envoyer',
  attach: 'Joindre des fichiers',
  stop: 'Arrêter la réponse',
  waitForReply: 'Attendez la fin de la réponse, ou arrêtez-la.',
  retry: 'Réessayer',
  jumpToLatest: 'Aller au plus récent',
  typing: 'L’assistant écrit…',
  you: 'Vous',
  assistant: 'Assistant',
  emptyTitle: 'Comment puis-je vous aider ?',
  emptyBody: 'Idées, légendes, croissance ou partenariats : demandez.',
  quickPromptsLabel: 'Suggestions',
  notSent: 'Non envoyé.',
  stopped: 'Arrêté',
  loadingOlder: 'Chargement des messages précédents…',
  errorGeneric: 'Une erreur est survenue.',
  errorNetwork: 'Impossible de joindre le serveur.',
  errorBusy: 'L’assistant est occupé. Réessayez bientôt.',
  errorRateLimited: 'Trop de messages. Patientez un instant.',
  errorBusyRetryIn: 'L’assistant est occupé pour le moment. Réessayez {in}.',
  errorRateLimitedRetryIn: 'Trop de messages. Réessayez {in}.',
  budgetUser: 'Vous avez atteint la limite du jour. Vous pourrez discuter à nouveau à {time}.',
  budgetSite:
    'L’assistant a atteint la limite du jour pour ce site. Vous pourrez discuter à nouveau à {time}.',
  checkingConnection: 'Vérification de votre connexion…',
  quickPrompts: [
    'Donne-moi 5 idées de vidéos pour cette semaine',
    'Écris une légende Instagram accrocheuse',
    'Comment développer mon audience TikTok ?',
    'Planifie un calendrier de contenu pour le mois prochain',
    'Écris un titre et une description YouTube',
    'Comment proposer un partenariat à une marque ?',
  ],
};

const de: ChatStrings = {
  title: 'Repruv AI',
  openChat: OPEN_CHAT.de,
  closeChat: 'Chat schließen',
  newChat: 'Neuer Chat',
  transcriptLabel: 'Unterhaltung',
  inputLabel: 'Nachricht',
  placeholder: 'Frag mich etwas…',
  send: 'Senden',
  attach: 'Dateien anhängen',
  stop: 'Antwort stoppen',
  waitForReply: 'Warte, bis die Antwort fertig ist, oder stoppe sie.',
  retry: 'Erneut versuchen',
  jumpToLatest: 'Zur neuesten Nachricht',
  typing: 'Der Assistent schreibt…',
  you: 'Du',
  assistant: 'Assistent',
  emptyTitle: 'Wie kann ich heute helfen?',
  emptyBody: 'Frag nach Ideen, Texten, Wachstum oder Sponsoring.',
  quickPromptsLabel: 'Vorschläge',
  notSent: 'Nicht gesendet.',
  stopped: 'Gestoppt',
  loadingOlder: 'Ältere Nachrichten werden geladen…',
  errorGeneric: 'Etwas ist schiefgelaufen.',
  errorNetwork: 'Der Server ist nicht erreichbar.',
  errorBusy: 'Der Assistent ist ausgelastet. Bitte gleich erneut versuchen.',
  errorRateLimited: 'Zu viele Nachrichten. Bitte kurz warten.',
  errorBusyRetryIn: 'Der Assistent ist gerade ausgelastet. Versuche es {in} erneut.',
  errorRateLimitedRetryIn: 'Zu viele Nachrichten. Versuche es {in} erneut.',
  budgetUser: 'Du hast das heutige Limit erreicht. Ab {time} kannst du wieder chatten.',
  budgetSite:
    'Der Assistent hat das heutige Limit für diese Website erreicht. Ab {time} kannst du wieder chatten.',
  checkingConnection: 'Verbindung wird geprüft…',
  quickPrompts: [
    'Gib mir 5 Videoideen für diese Woche',
    'Schreib eine packende Instagram-Caption',
    'Wie vergrößere ich meine TikTok-Reichweite?',
    'Plane einen Content-Kalender für nächsten Monat',
    'Schreib einen YouTube-Titel und eine Beschreibung',
    'Wie schlage ich einer Marke ein Sponsoring vor?',
  ],
};

const pt: ChatStrings = {
  title: 'Repruv AI',
  openChat: OPEN_CHAT.pt,
  closeChat: 'Fechar chat',
  newChat: 'Nova conversa',
  transcriptLabel: 'Conversa',
  inputLabel: 'Mensagem',
  placeholder: 'Pergunte qualquer coisa…',
  send: 'Enviar',
  attach: 'Anexar arquivos',
  stop: 'Parar resposta',
  waitForReply: 'Aguarde o fim da resposta, ou interrompa-a.',
  retry: 'Tentar novamente',
  jumpToLatest: 'Ir para a mais recente',
  typing: 'O assistente está digitando…',
  you: 'Você',
  assistant: 'Assistente',
  emptyTitle: 'Como posso ajudar hoje?',
  emptyBody: 'Peça ideias, legendas, crescimento ou patrocínios.',
  quickPromptsLabel: 'Sugestões',
  notSent: 'Não enviada.',
  stopped: 'Interrompida',
  loadingOlder: 'Carregando mensagens anteriores…',
  errorGeneric: 'Algo deu errado.',
  errorNetwork: 'Não foi possível conectar ao servidor.',
  errorBusy: 'O assistente está ocupado. Tente novamente em instantes.',
  errorRateLimited: 'Muitas mensagens. Aguarde um momento.',
  errorBusyRetryIn: 'O assistente está ocupado agora. Tente novamente {in}.',
  errorRateLimitedRetryIn: 'Muitas mensagens. Tente novamente {in}.',
  budgetUser: 'Você atingiu o limite de hoje. Você poderá conversar novamente às {time}.',
  budgetSite:
    'O assistente atingiu o limite de hoje neste site. Você poderá conversar novamente às {time}.',
  checkingConnection: 'Verificando sua conexão…',
  quickPrompts: [
    'Dê-me 5 ideias de vídeos para esta semana',
    'Escreva uma legenda cativante para o Instagram',
    'Como posso crescer minha audiência no TikTok?',
    'Planeje um calendário de conteúdo para o próximo mês',
    'Escreva um título e uma descrição para o YouTube',
    'Como apresento uma proposta de patrocínio a uma marca?',
  ],
};

export const LOCALES: Record<Locale, WidgetStrings> = {
  en: { ...en, ...TREE_STRINGS.en },
  es: { ...es, ...TREE_STRINGS.es },
  fr: { ...fr, ...TREE_STRINGS.fr },
  de: { ...de, ...TREE_STRINGS.de },
  pt: { ...pt, ...TREE_STRINGS.pt },
};

/** The strings of `locale`, with any of them replaced by `overrides`. */
export function resolveStrings(
  locale: string | null | undefined,
  overrides: Partial<WidgetStrings> = {},
): WidgetStrings {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined && value !== null),
  );
  return { ...LOCALES[matchLocale(locale)], ...defined };
}
