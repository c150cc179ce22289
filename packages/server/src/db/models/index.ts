export { User } from './user.js';
export { Site } from './site.js';
export { ChatSession, type SessionStatus } from './chat-session.js';
export {
  ChatMessage,
  type MessageFeedback,
  type MessageRole,
  type MessageStatus,
} from './chat-message.js';
export { ApiUsageLog, type UsageOutcome } from './api-usage-log.js';
