import type { ChatMessage } from '../../db/models/index.js';
import { toMessageDto } from '../dto.js';
import { withFactsOf } from '../tree/message-facts.js';
import type { ReplyEvent } from './events.js';
import { ReplyFeed } from './feed.js';
import type { ReplyStore } from './store.js';

const POLL_INTERVAL_MS = 250;
/** How often a follower tells the reply's owner that a client still follows it (see ReplyRegistry). */
const MARK_FOLLOWED_MS = 1000;

function terminalEventFor(message: ChatMessage): ReplyEvent {
  const dto = toMessageDto(message);
  if (message.status === 'error') {
    return {
      type: 'error',
      error: { code: 'upstream_error', message: 'The reply failed.', retryable: true },
      message: dto,
    };
  }
  return { type: 'completed', message: dto };
}

/**
 * A feed for a reply that is not generating in this process: a finished one is replayed at once;
 * one generating on another instance is followed through the text it checkpoints to the database.
 */
export function followStoredReply(
  store: ReplyStore,
  message: ChatMessage,
  fromOffset: number,
): ReplyFeed {
  const feed = new ReplyFeed(fromOffset);
  let closed = false;
  feed.onClose(() => (closed = true));

  const publish = (current: ChatMessage) => {
    if (current.content.length > 0) {
      feed.push({
        type: 'delta',
        messageId: current.id,
        text: current.content,
        offset: current.content.length,
      });
    }
    // A row read again lacks the facts (siblings, feedback) the first read came with.
    if (current.status !== 'streaming') feed.push(terminalEventFor(withFactsOf(current, message)));
  };

  publish(message);
  if (message.status === 'streaming') {
    let markedAt = 0;
    const poll = async () => {
      while (!closed) {
        if (Date.now() - markedAt >= MARK_FOLLOWED_MS) {
          markedAt = Date.now();
          await store.markFollowed(message.id).catch(() => undefined);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
        if (closed) return;
        const current = await store.load(message.id);
        if (!current) {
          feed.push({
            type: 'error',
            error: {
              code: 'not_found',
              message: 'The conversation was deleted.',
              retryable: false,
            },
            message: null,
          });
          return;
        }
        publish(current);
        if (current.status !== 'streaming') return;
      }
    };
    poll().catch(() =>
      feed.push({
        type: 'error',
        error: { code: 'internal', message: 'Lost track of the reply.', retryable: true },
        message: null,
      }),
    );
  }
  return feed;
}
