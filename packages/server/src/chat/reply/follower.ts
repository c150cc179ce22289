import type { ChatMessage } from '../../db/models/index.js';
import { toMessageDto } from '../dto.js';
import { withFactsOf } from '../tree/message-facts.js';
import type { ReplyEvent } from './events.js';
import { ReplyFeed } from './feed.js';
import type { LiveRelay } from './live-relay.js';
import type { ReplyStore } from './store.js';

const POLL_INTERVAL_MS = 250;
/** Silent this long on the relay, a reply is looked up in the database (its owner may have no Redis). */
const RELAY_SILENCE_MS = 5000;
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
 * one generating on another instance is followed through the relay (Redis) when there is one, or
 * through the text its owner checkpoints to the database. A relay that loses track (Redis went
 * away, an event missed) hands over to the database from where the follower is: the feed's offsets
 * keep text from being lost or shown twice.
 */
export function followStoredReply(
  store: ReplyStore,
  message: ChatMessage,
  fromOffset: number,
  relay?: LiveRelay,
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

  const poll = async () => {
    let markedAt = 0;
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
  const followThroughDatabase = () =>
    poll().catch(() =>
      feed.push({
        type: 'error',
        error: { code: 'internal', message: 'Lost track of the reply.', retryable: true },
        message: null,
      }),
    );

  publish(message);
  if (message.status !== 'streaming') return feed;
  if (relay) followThroughRelay(relay, message, feed, followThroughDatabase);
  else void followThroughDatabase();
  return feed;
}

/** The relay's events into the feed, until the reply ends or the relay can no longer say. */
function followThroughRelay(
  relay: LiveRelay,
  message: ChatMessage,
  feed: ReplyFeed,
  fallBack: () => void,
): void {
  let heard = message.content.length;
  let lastHeardAt = Date.now();
  let following = true;
  const stop = () => {
    if (!following) return;
    following = false;
    unfollow();
    clearInterval(watch);
  };
  const handOver = () => {
    if (!following) return;
    stop();
    fallBack();
  };
  const unfollow = relay.follow(message.id, {
    event(event) {
      lastHeardAt = Date.now();
      if (event.type !== 'delta') {
        stop();
        feed.push(event);
        return;
      }
      // Text after a gap: the relay missed some (Redis restarted); the database has it.
      if (event.offset - event.text.length > heard) return handOver();
      if (event.offset <= heard) return;
      heard = event.offset;
      feed.push(event);
    },
    lost: handOver,
  });
  relay.markFollowed(message.id);
  const watch = setInterval(() => {
    if (Date.now() - lastHeardAt >= RELAY_SILENCE_MS) return handOver();
    relay.markFollowed(message.id);
  }, MARK_FOLLOWED_MS);
  watch.unref();
  feed.onClose(stop);
}
