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
    const id = (await this.insert(externalId)) ?? (await this.find(externalId));
    if (!id) throw new Error('user row vanished right after insert');
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(externalId, id);
    return id;
  }

  /** One round trip for someone new (most of whom are guests); undefined when the row exists. */
  private async insert(externalId: string): Promise<string | undefined> {
    // knex, not objection: objection hands back the row it was given even when none was inserted.
    const rows: { id: string }[] = await this.db(User.tableName)
      .insert({ id: randomUUID(), external_id: externalId })
      .onConflict('external_id')
      .ignore()
      .returning('id');
    return rows[0]?.id;
  }

  private async find(externalId: string): Promise<string | undefined> {
    return (await User.query(this.db).findOne({ external_id: externalId }))?.id;
  }
}
