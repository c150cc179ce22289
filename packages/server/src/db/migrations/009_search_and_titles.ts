import type { Knex } from 'knex';

/**
 * SPEC "Finding and keeping conversations". The database keeps the search index itself:
 *
 * - `ai_message_search`, one row per finished message, written by a trigger when a message is
 *   stored finished or finishes (never at a streaming reply's checkpoints, and never by the
 *   application): its words as a tsvector of the `repruv_search` configuration (any language's
 *   words, lower-cased and unaccented, never stemmed, so a query means the same in every
 *   language), each word keyed by its owner (the first 8 hex digits of the user's id before it),
 *   so that in the GIN index one user's word, or the words a prefix starts, are that user's
 *   postings only, however many others use the same word: a search costs what the user has
 *   written, not what the database holds. Kept apart from `ai_chat_messages` so that reading
 *   messages never carries it.
 * - Scripts written without spaces (CJK, Thai) have no words to index: such messages' text is
 *   copied to `spaceless_text`, and only theirs get a trigram index, for substring matching.
 * - A title's words are a generated column of the session, and `title_source` tells a title the
 *   user gave from the default and from one made automatically, which alone may be replaced.
 * - The ledger says what each call was for (`purpose`): a reply or a title.
 */
const SPACELESS_SCRIPTS = `'[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\u0e00-\\u0e7f]'`;

/** Every finished message already stored, into the index table (the trigger does it from then on). */
export const INDEX_STORED_MESSAGES_SQL = `
  INSERT INTO ai_message_search
         (message_id, user_id, session_id, created_at, search_vector, spaceless_text)
  SELECT id, user_id, session_id, created_at, repruv_owned_tsvector(user_id, content),
         CASE WHEN content ~ ${SPACELESS_SCRIPTS} THEN content END
    FROM ai_chat_messages WHERE status <> 'streaming' AND content <> ''`;

/** The index table's indexes (the bench drops and builds them around a bulk load). */
export const MESSAGE_SEARCH_INDEXES = [
  'CREATE INDEX ai_message_search_words_idx ON ai_message_search USING gin (search_vector)',
  `CREATE INDEX ai_message_search_spaceless_idx ON ai_message_search
     USING gin (user_id, spaceless_text gin_trgm_ops) WHERE spaceless_text IS NOT NULL`,
  // A substring of one or two characters has no trigram: then the owner's few such rows are read.
  `CREATE INDEX ai_message_search_spaceless_owner_idx ON ai_message_search (user_id)
     WHERE spaceless_text IS NOT NULL`,
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await knex.raw('CREATE EXTENSION IF NOT EXISTS unaccent');
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gin');
  await knex.raw('CREATE TEXT SEARCH CONFIGURATION repruv_search (COPY = simple)');
  await knex.raw(
    'ALTER TEXT SEARCH CONFIGURATION repruv_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple',
  );

  // A document's words, each keyed by its owner; and a query of to_tsquery's syntax keyed alike.
  await knex.raw(`
    CREATE FUNCTION repruv_owned_tsvector(owner uuid, document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(string_agg(
               '''' || replace(replace(left(owner::text, 8) || lexeme, '\\', '\\\\'), '''', '''''') || '''' ||
               CASE WHEN positions IS NULL THEN '' ELSE ':' || array_to_string(positions, ',') END,
               ' '), '')::tsvector
        FROM unnest(to_tsvector('repruv_search', document))
    $$`);
  await knex.raw(`
    CREATE FUNCTION repruv_owned_tsquery(owner uuid, query text) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT regexp_replace(to_tsquery('repruv_search', query)::text,
                            '''([^'']*)''', '''' || left(owner::text, 8) || '\\1''', 'g')::tsquery
    $$`);

  await knex.schema.createTable('ai_message_search', (t) => {
    t.uuid('message_id').primary().references('ai_chat_messages.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable();
    t.uuid('session_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.specificType('search_vector', 'tsvector').notNullable();
    t.text('spaceless_text');
  });
  await knex.raw(`
    CREATE FUNCTION ai_message_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ai_message_search
             (message_id, user_id, session_id, created_at, search_vector, spaceless_text)
      VALUES (NEW.id, NEW.user_id, NEW.session_id, NEW.created_at,
              repruv_owned_tsvector(NEW.user_id, NEW.content),
              CASE WHEN NEW.content ~ ${SPACELESS_SCRIPTS} THEN NEW.content END)
      ON CONFLICT (message_id) DO UPDATE
         SET search_vector = EXCLUDED.search_vector, spaceless_text = EXCLUDED.spaceless_text;
      RETURN NULL;
    END $$`);
  // A streaming reply's checkpoints skip it: the reply is indexed once, when it ends.
  await knex.raw(`CREATE TRIGGER ai_chat_messages_search_sync
    AFTER INSERT OR UPDATE OF content, status ON ai_chat_messages
    FOR EACH ROW WHEN (NEW.status <> 'streaming' AND NEW.content <> '')
    EXECUTE FUNCTION ai_message_search_sync()`);
  // What is already stored, then the indexes (faster built over the rows than row by row).
  await knex.raw(INDEX_STORED_MESSAGES_SQL);
  for (const statement of MESSAGE_SEARCH_INDEXES) await knex.raw(statement);

  await knex.raw(`ALTER TABLE ai_chat_sessions ADD COLUMN title_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('repruv_search', title)) STORED`);
  await knex.raw(
    'CREATE INDEX ai_chat_sessions_title_search_idx ON ai_chat_sessions USING gin (user_id, title_vector)',
  );
  await knex.schema.alterTable('ai_chat_sessions', (t) => {
    t.text('title_source').notNullable().defaultTo('default');
  });
  await knex.raw("UPDATE ai_chat_sessions SET title_source = 'user' WHERE title <> 'New Chat'");
  await knex.raw(
    "ALTER TABLE ai_chat_sessions ADD CONSTRAINT ai_chat_sessions_title_source_check CHECK (title_source IN ('default', 'user', 'auto'))",
  );
  // What a call to Claude was for: a reply, or a session's title (CHAT_AUTO_TITLE=claude).
  await knex.schema.alterTable('api_usage_log', (t) => {
    t.text('purpose').notNullable().defaultTo('reply');
  });
  await knex.raw(
    "ALTER TABLE api_usage_log ADD CONSTRAINT api_usage_log_purpose_check CHECK (purpose IN ('reply', 'title'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_usage_log', (t) => {
    t.dropColumn('purpose');
  });
  await knex.schema.alterTable('ai_chat_sessions', (t) => {
    t.dropColumn('title_source');
    t.dropColumn('title_vector');
  });
  await knex.raw('DROP TRIGGER IF EXISTS ai_chat_messages_search_sync ON ai_chat_messages');
  await knex.raw('DROP FUNCTION IF EXISTS ai_message_search_sync()');
  await knex.schema.dropTableIfExists('ai_message_search');
  await knex.raw('DROP FUNCTION IF EXISTS repruv_owned_tsquery(uuid, text)');
  await knex.raw('DROP FUNCTION IF EXISTS repruv_owned_tsvector(uuid, text)');
  await knex.raw('DROP TEXT SEARCH CONFIGURATION IF EXISTS repruv_search');
}
