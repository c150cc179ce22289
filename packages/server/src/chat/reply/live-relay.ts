import type { Redis } from 'ioredis';
import type { ReplyEvent } from './events.js';

/** What a follower hears of one reply through the relay. */
export interface RelayListener {
  /** The reply's events in order, from its first (text before a join comes as one delta). */
  event(event: ReplyEvent): void;
  /** The relay can no longer say (Redis went away): follow some other way from here. */
  lost(): void;
}

/**
 * Live replies shared between instances and processes: the owner publishes each event of a reply
 * as it broadcasts it, and a follower anywhere hears them within milliseconds, at no cost to the
 * database. The database checkpoint stays the record (and what followers fall back to).
 */
export interface LiveRelay {
  /** The owner's; never waits, never throws: a follower who misses an event falls back. */
  publish(messageId: string, event: ReplyEvent): void;
  /** Hears a reply's events from its first; the function returned stops listening. */
  follow(messageId: string, listener: RelayListener): () => void;
  /** A client follows the reply here: its owner must not stop it as orphaned. */
  markFollowed(messageId: string): void;
  followedWithin(messageId: string, withinMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A live reply's stream outlasts it a little (a late re-attach), and a crashed owner's an hour. */
const LIVE_TTL_MS = 3_600_000;
const FINISHED_TTL_MS = 60_000;
/** How long the reader waits in Redis for new events before asking again. */
const BLOCK_MS = 1000;
const ENTRIES_PER_READ = 1000;
const streamKey = (messageId: string) => `repruv:reply:${messageId}`;
const followedKey = (messageId: string) => `repruv:followed:${messageId}`;

interface Followed {
  key: string;
  /** The id of the last entry read; 0-0 before the first. */
  lastId: string;
  /** Each listener with the last entry it heard; undefined while it catches up on its own. */
  listeners: Map<RelayListener, string | undefined>;
}

/** A follower mark lasts this long: the owner asks about the last few seconds, or its grace. */
const FOLLOWED_MARK_MS = 60_000;

/**
 * The relay on Redis Streams: one stream per live reply (`XADD`, an entry per event), and one
 * blocking `XREAD` per process over every stream its followers follow, on a connection of its own.
 * A new follower wakes that read (`CLIENT UNBLOCK`) so that its stream joins at once.
 */
export class RedisLiveRelay implements LiveRelay {
  private readonly reader: Redis;
  private readerId: number | undefined;
  private readonly followed = new Map<string, Followed>();
  private readonly publishing = new Set<string>();
  /** Bumped whenever the set of streams changes; the read in flight covers `readCovers`. */
  private generation = 0;
  private readCovers = -1;
  private wakeIdle: (() => void) | undefined;
  private closed = false;
  private readonly loop: Promise<void>;

  constructor(private readonly redis: Redis) {
    // Its own connection, failing at once while Redis is away: followers then fall back.
    this.reader = redis.duplicate({ enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.reader.on('error', () => undefined); // each failed read says so to its followers
    this.reader.on('ready', () => {
      this.readerId = undefined;
    });
    this.loop = this.readForever();
  }

  publish(messageId: string, event: ReplyEvent): void {
    const key = streamKey(messageId);
    const first = !this.publishing.has(messageId);
    const last = event.type !== 'delta';
    if (first) this.publishing.add(messageId);
    if (last) this.publishing.delete(messageId);
    const pipeline = this.redis.pipeline().xadd(key, '*', 'e', JSON.stringify(event));
    if (first || last) pipeline.pexpire(key, last ? FINISHED_TTL_MS : LIVE_TTL_MS);
    pipeline.exec().catch(() => undefined);
  }

  follow(messageId: string, listener: RelayListener): () => void {
    const key = streamKey(messageId);
    const entry = this.followed.get(key);
    if (entry) {
      // Others of this process already follow it: this one hears what they heard so far first.
      entry.listeners.set(listener, undefined);
      void this.catchUp(entry, listener);
    } else {
      this.followed.set(key, { key, lastId: '0-0', listeners: new Map([[listener, '0-0']]) });
      this.streamsChanged();
    }
    return () => this.unfollow(key, listener);
  }

  private unfollow(key: string, listener: RelayListener): void {
    const entry = this.followed.get(key);
    if (!entry) return;
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0) {
      this.followed.delete(key);
      this.generation++;
    }
  }

  markFollowed(messageId: string): void {
    this.redis.set(followedKey(messageId), '1', 'PX', FOLLOWED_MARK_MS).catch(() => undefined);
  }

  async followedWithin(messageId: string, withinMs: number): Promise<boolean> {
    // The mark's time left says when it was set.
    const left = await this.redis.pttl(followedKey(messageId));
    return left > 0 && FOLLOWED_MARK_MS - left < withinMs;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeIdle?.();
    this.reader.disconnect();
    await this.loop;
  }

  /** A later follower of a stream already read: every entry so far, to this listener alone. */
  private async catchUp(entry: Followed, listener: RelayListener): Promise<void> {
    let entries: Array<[string, string[]]>;
    try {
      entries = await this.redis.xrange(entry.key, '-', '+');
    } catch {
      this.unfollow(entry.key, listener);
      listener.lost();
      return;
    }
    if (!entry.listeners.has(listener)) return; // it stopped listening meanwhile
    entry.listeners.set(listener, entries.at(-1)?.[0] ?? '0-0');
    for (const [, fields] of entries) listener.event(parseEvent(fields));
  }

  private streamsChanged(): void {
    this.generation++;
    this.wakeIdle?.();
    void this.unblockRead();
  }

  /** Ends the read in flight so that the next one covers the new streams (if it has not already). */
  private async unblockRead(): Promise<void> {
    for (let attempt = 0; attempt < 20 && this.readCovers !== this.generation; attempt++) {
      try {
        this.readerId ??= Number(await this.reader.client('ID'));
        if (Number(await this.redis.client('UNBLOCK', this.readerId)) === 1) return;
      } catch {
        return; // Redis is away: the read fails and says so
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async readForever(): Promise<void> {
    while (!this.closed) {
      if (this.followed.size === 0) {
        await new Promise<void>((resolve) => (this.wakeIdle = resolve));
        this.wakeIdle = undefined;
        continue;
      }
      this.readCovers = this.generation;
      const streams = [...this.followed.values()];
      let answer: Array<[string, Array<[string, string[]]>]> | null;
      try {
        answer = (await this.reader.xread(
          'COUNT',
          ENTRIES_PER_READ,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          ...streams.map((s) => s.key),
          ...streams.map((s) => s.lastId),
        )) as typeof answer;
      } catch {
        if (this.closed) return;
        this.loseEveryFollower();
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      for (const [key, entries] of answer ?? []) this.deliver(key, entries);
    }
  }

  private deliver(key: string, entries: Array<[string, string[]]>): void {
    const entry = this.followed.get(key);
    if (!entry) return;
    for (const [id, fields] of entries) {
      entry.lastId = id;
      const event = parseEvent(fields);
      for (const [listener, heard] of [...entry.listeners]) {
        if (heard === undefined || !isAfter(id, heard)) continue;
        entry.listeners.set(listener, id);
        listener.event(event);
      }
      if (event.type !== 'delta') {
        this.followed.delete(key);
        this.generation++;
        return;
      }
    }
  }

  private loseEveryFollower(): void {
    const lost = [...this.followed.values()].flatMap((entry) => [...entry.listeners.keys()]);
    this.followed.clear();
    this.generation++;
    for (const listener of lost) listener.lost();
  }
}

function parseEvent(fields: string[]): ReplyEvent {
  return JSON.parse(fields[1]!) as ReplyEvent;
}

/** Whether stream entry id `a` (milliseconds-sequence) comes after `b`. */
function isAfter(a: string, b: string): boolean {
  const [aMs, aSeq] = a.split('-').map(Number) as [number, number];
  const [bMs, bSeq] = b.split('-').map(Number) as [number, number];
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
}
