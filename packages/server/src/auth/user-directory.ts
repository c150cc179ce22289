import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect.js';
import { User } from '../db/models/index.js';

const CACHE_LIMIT = 10_000;

/** Maps a token's `sub` to a user row, creating it on first sight. */
export class UserDirectory {
  private readonly cache = new Map<string, string>();

  constructor(private readonly db: Database) {}

  async resolve(externalId: string): Promise<string> {
    const cached = this.cache.get(externalId);
    if (cached) return cached;
    await User.query(this.db)
      .insert({ id: randomUUID(), external_id: externalId })
      .onConflict('external_id')
      .ignore();
    const user = await User.query(this.db).findOne({ external_id: externalId });
    if (!user) throw new Error('user row vanished right after insert');
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(externalId, user.id);
    return user.id;
  }
}
