// Generated from docs/openapi.yaml by `npm run generate:api-types`.
// Do not edit: change the contract and run the script again.

export interface paths {
  '/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Demo page (not in production)
     * @description An HTML page that embeds the widget with the development site key `pk_dev`, served only
     *     when `NODE_ENV` is not `production`, under a strict Content-Security-Policy.
     */
    get: operations['getDemoPage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/demo.css': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The demo page's stylesheet (not in production) */
    get: operations['getDemoStylesheet'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/favicon.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The demo page's icon (not in production) */
    get: operations['getDemoIcon'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The operator console
     * @description The console's page (packages/console): it signs the operator in and works through
     *     `/api/v1/admin/*`. Served in production too, under its own policy:
     *     `Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self';
     *     connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';
     *     frame-ancestors 'none'`, `X-Frame-Options: DENY`, `Cache-Control: no-store`.
     */
    get: operations['getConsolePage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/console.js': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The console's script
     * @description One ES module, brotli or gzip when accepted; revalidated on every load (`no-cache`).
     */
    get: operations['getConsoleScript'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/widget.js': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The script-tag launcher
     * @description `<script src=".../widget.js" data-site-key="pk_..." defer></script>` mounts the chat
     *     launcher. Gzip when accepted; cached for 5 minutes (its name is stable).
     */
    get: operations['getWidgetLauncher'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/widget/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A widget chunk
     * @description The panel chunk the launcher loads on first intent. Hashed names
     *     (`panel-<hash>.js`) are cached for a year, immutable. `panel.js` is a one-line module
     *     importing the current hashed chunk, for pages that load the element without the
     *     launcher (the console's site preview): cached 5 minutes, as `widget.js` is. Gzip when
     *     accepted.
     */
    get: operations['getWidgetChunk'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/widget/chunks/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A chunk the panel loads on first use
     * @description Code the panel imports only when it is first needed (attachments: the first pick, paste
     *     or drop of a file, or the first message with files), relative to its own URL. Hashed
     *     names, cached for a year, immutable; brotli or gzip when accepted, as the panel.
     */
    get: operations['getWidgetLazyChunk'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness
     * @description Answers as long as the process serves HTTP; checks nothing else.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness
     * @description Ready when the database is reachable and all migrations have run.
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description The metrics of this server instance in the Prometheus text exposition format. Open to
     *     anyone while `METRICS_TOKEN` is unset; once it is set, only to
     *     `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time), and anything else
     *     answers `401 unauthorized`. A chat token does not qualify.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the caller's sessions
     * @description The caller's sessions, latest activity first: a session's activity is its creation,
     *     its latest message, or its latest change, whichever is newest. Without `status`, active
     *     and archived sessions alike; `status` and `mode` narrow the list (pass the same filters
     *     with every page: a cursor is a position, not a filter). Pages are keyset-paginated: pass
     *     `next_cursor` back as `cursor` for the next page; `next_cursor` is null on the last page.
     */
    get: operations['listSessions'];
    put?: never;
    /**
     * Create a session
     * @description Creates a session for the caller. `title` defaults to "New Chat" and `mode` to
     *     "general". An empty body (or `{}`) is valid.
     *
     *     **Rate limit.** At most `SESSIONS_PER_USER_PER_HOUR` (60) new sessions per user per
     *     hour (a fixed window, shared by every instance through Redis when `REDIS_URL` is set);
     *     beyond it `429 rate_limited` with `Retry-After` (the seconds until the window ends) and
     *     nothing is created. A request refused as invalid does not count. Listing, renaming and
     *     sending to existing sessions are not affected.
     */
    post: operations['createSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    /** Get one session */
    get: operations['getSession'];
    put?: never;
    post?: never;
    /**
     * Delete a session and all its messages
     * @description Deletes the session and, with it, all its messages. A reply still streaming in it is
     *     stopped first.
     */
    delete: operations['deleteSession'];
    options?: never;
    head?: never;
    /**
     * Rename, archive, or switch the branch shown
     * @description Changes `title`, `status`, `current_message_id`, or several at once; at least one must
     *     be given.
     *
     *     **Switching branch.** `current_message_id` may be any message of the session (a user
     *     message or a reply, on any branch, streaming or not). The session's current leaf
     *     becomes that message's newest descendant: from it, follow the newest child (the child
     *     created last) at each step until a message without children. A message that is not
     *     of this session (another session's, another user's, or none) answers
     *     `404 not_found`. Switching is allowed while a reply streams: the reply goes on, and a
     *     send without `parent_id` still answers `409 conflict` until it ends.
     */
    patch: operations['updateSession'];
    trace?: never;
  };
  '/api/v1/chat/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a message and get Claude's reply
     * @description Stores the user message, asks Claude, and stores the reply.
     *
     *     **JSON or stream.** The reply is streamed as Server-Sent Events when `stream=true`, or
     *     when `stream` is absent and `Accept` includes `text/event-stream`; otherwise the call
     *     waits for the whole reply and answers `201` with both messages.
     *
     *     **Order of events.** The user message is stored before Claude is called; the
     *     assistant message is stored as `streaming` (content "") beside it and finished
     *     exactly once (`complete`, `stopped` or `error`). `503 upstream_unavailable` (the
     *     circuit breaker is open) is answered before anything is stored and, when streaming,
     *     before any SSE header is sent, so the request can simply be repeated later.
     *
     *     **Upstream failure.** Without streaming, a failed Claude call answers
     *     `502 upstream_error` with `details: {user_message_id, assistant_message_id}`; the user
     *     message is kept and the assistant message is stored with status `error`. When
     *     streaming, the response has already begun (`200` and `message.created`), so the
     *     failure arrives as an `error` event and the assistant message ends in status `error`,
     *     keeping any text received.
     *
     *     **Idempotency.** Sending again with the same `client_message_id` in the same session
     *     never creates a second message: the stored pair comes back (`201`), or, when streaming,
     *     the reply's stream from `message.created` on (replayed, then live while it runs). A
     *     repeat whose `content` differs from the stored message answers `409 conflict`, since
     *     the key was reused for another message. If the stored reply ended in
     *     `error`, that same assistant message is generated again (same ids, status back to
     *     `streaming`), so retrying a failed send never duplicates it. A non-streaming repeat
     *     while the reply is still running waits for it to finish, like the first request.
     *
     *     **Where it goes (the tree).** `parent_id` omitted: the message continues the current
     *     branch, after the session's `current_message_id` (a first message when the session has
     *     none). `parent_id` an assistant message of this session that is not streaming: the
     *     message continues after that reply, on a new branch when the reply already has a
     *     child. `parent_id: null`: a new first message, a sibling of the existing roots (how
     *     the first message is edited). Editing a user message is sending its new text with
     *     the edited message's `parent_id`: a sibling appears with its own reply and the
     *     original stays. A `parent_id` that is a user message, or a reply still streaming,
     *     answers `400 invalid_request` (`details.field: parent_id`); one that is not a message
     *     of this session (another session's, another user's, or none) answers
     *     `404 not_found`. The new pair's reply becomes the session's `current_message_id`.
     *     What Claude receives is the branch from the root to the new user message (its last
     *     `CHAT_CONTEXT_MESSAGES`), never another branch's messages.
     *
     *     **Conflict.** A new message (not a repeat of the running one) sent to a session whose
     *     reply is still streaming answers `409 conflict`, whatever its `parent_id` (one naming
     *     that streaming reply itself answers `400`, as above). A repeat
     *     (the same `client_message_id`) is recognised before any check of `parent_id`: it
     *     returns its stored pair even if the tree changed since. A `client_message_id` already
     *     used by a regenerate in this session, or a repeat naming another explicit
     *     `parent_id` than the stored message's, answers `409 conflict`.
     *
     *     **Rate limit.** Over 120 messages a minute for one user answers `429 rate_limited`.
     *     Repeats count like any other request.
     *
     *     **Live streams.** A user holds at most `STREAMS_PER_USER` (4) live streams at once,
     *     counted across every instance when `REDIS_URL` is set: each streamed send and each
     *     re-attach (`GET /chat/messages/{message_id}/stream`) holds one while its response is
     *     open, and a send without streaming holds one until its reply is finished. One more
     *     answers `429 rate_limited` (`Retry-After` of a few seconds, a message naming the cap)
     *     before anything is stored, Claude is asked or any SSE header is sent.
     *
     *     **Budgets.** Every call to Claude is counted (stopped, abandoned, failed, cancelled
     *     and deleted replies alike) against two daily budgets, days in UTC: the user's tokens
     *     (input + output, `BUDGET_USER_TOKENS_PER_DAY`, default 200,000) and, for a guest of a
     *     site, the site's US dollars (`daily_budget_usd`, none by default; priced by model,
     *     `CLAUDE_PRICES` over the published prices). A reply in flight when a budget runs out
     *     finishes and is counted; the next send answers `429 budget_exceeded` before anything
     *     is stored (and, when streaming, before any SSE header), with
     *     `details: {scope: "user"|"site", resets_at}` and `Retry-After` in seconds to the next
     *     UTC midnight. A repeat that would regenerate a failed reply is refused alike; one that
     *     returns a stored pair is not (it costs nothing). If the site names a `fallback_model`,
     *     that model answers instead of the refusal, and the reply's `model` says so.
     *
     *     **Claude's rate limit.** When Claude answers `429` (the organisation's own limit),
     *     that send ends as an upstream error as any failed call does; from then until Claude's
     *     `retry-after` has passed (10 s when it gives none, at most 60 s), every instance stops
     *     calling Claude and sends answer `503 upstream_unavailable` with `Retry-After`, before
     *     anything is stored, with a message saying Claude is at its rate limit.
     *
     *     **Disconnects.** A client that disconnects does not lose the reply: generation goes
     *     on for `CHAT_ORPHAN_GRACE_S` (default 30) seconds in case it re-attaches, and is then
     *     stopped, its partial text kept.
     */
    post: operations['sendMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/messages/{session_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session whose history to read. */
        session_id: string;
      };
      cookie?: never;
    };
    /**
     * Read a session's history
     * @description The current branch: the path from a root to the session's `current_message_id`, in
     *     order, root first. A page is the newest `limit` messages of that path (or, with
     *     `before`, the `limit` nearest ancestors of message `before`). `has_more` says whether
     *     older messages exist on the path; to read them, pass the first message's id as
     *     `before`. Since `before` pages that message's ancestors, a `before` taken from a page
     *     always continues that page's branch, even after the session switched branch (with or
     *     without `leaf`). `leaf` reads the branch through that message instead of the current
     *     one, without switching: from `leaf` down to its newest descendant (following the
     *     newest child at each step, as `PATCH /chat/sessions/{id}` does), and up to the root.
     *     `before` wins over `leaf` when both are given. A session without messages gives an
     *     empty page.
     *
     *     A `before` that is not a message of this session answers `400 invalid_request`; a
     *     `leaf` that is not a message of this session answers `404 not_found`, as does an
     *     unknown session (or another user's).
     */
    get: operations['listMessages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/messages/{message_id}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Stop a reply that is still streaming
     * @description Stops generation; the partial text is kept and the message ends with status
     *     `stopped` (its followers receive `message.completed` with that status). Idempotent:
     *     a message that is not streaming (a finished reply, or a user message) comes back
     *     unchanged. No request body is needed.
     */
    post: operations['stopReply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/messages/{message_id}/stream': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    /**
     * Re-attach to a reply
     * @description Replays what the client missed, then follows the reply live.
     *
     *     - Without `Last-Event-ID`: the stream starts with `message.created` (id `0`), then the
     *       text so far as one `message.delta`, then live events.
     *     - With `Last-Event-ID: N` (the id of the last `message.delta`, or `0`): the text after
     *       UTF-16 offset `N` comes as one `message.delta` (none if there is nothing new), then
     *       live events.
     *     - A finished reply (`complete`, `stopped` or `error`) is replayed the same way, ending
     *       with its `message.completed` or `error` event, and the stream closes.
     *     - With `Last-Event-ID: N:end` (the client already saw the end) only the final event is
     *       sent again, and the stream closes.
     *
     *     `message_id` must be an assistant message of the caller; anything else answers
     *     `404 not_found`. A `Last-Event-ID` that is not `N` or `N:end`, or whose `N` is beyond
     *     the reply's text, answers `400 invalid_request`.
     *
     *     The stream holds one of the user's `STREAMS_PER_USER` (4) live streams while it is open
     *     (see `POST /chat/messages`); with all of them held, `429 rate_limited` with
     *     `Retry-After` of a few seconds, before any SSE header.
     */
    get: operations['followReply'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/messages/{message_id}/regenerate': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ask for another answer to the same message
     * @description Generates a new reply to the user message that `message_id` answers: a sibling of
     *     `message_id` (same `parent_id`), which becomes the session's `current_message_id`.
     *     The old reply stays, reachable by its id, `sibling_ids` and `?leaf=`. What Claude
     *     receives is the branch from the root to that user message (its last
     *     `CHAT_CONTEXT_MESSAGES`), never the old reply nor another branch.
     *
     *     `message_id` must be an assistant message of the caller that is not streaming: a user
     *     message answers `400 invalid_request`; another user's message, or none, answers
     *     `404 not_found`. While any reply of the session streams (that one included) it answers
     *     `409 conflict`.
     *
     *     **JSON or stream**, **upstream failure**, **rate limit**, **live streams**,
     *     **budgets**, **Claude's rate limit** and **disconnects**: exactly as
     *     `POST /chat/messages` (a regenerate counts as a message against the rate limit and
     *     the budgets). The answer is `201 {user_message, assistant_message}` (the existing
     *     prompt and the new reply) or the same SSE events as a send, whose `message.created`
     *     carries the existing prompt as `user_message`.
     *
     *     **Idempotency.** `client_message_id` is stored on the new reply. Repeating the
     *     regenerate with it returns that reply (`201`, or its stream from `message.created`
     *     on) instead of generating another; if it ended in `error`, that same reply is
     *     generated again (same id). A key already used in this session by a send, or by a
     *     regenerate of another user message, answers `409 conflict`. Without a key, every call
     *     makes a new reply. The body may be absent or `{}`.
     */
    post: operations['regenerateReply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/messages/{message_id}/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    /**
     * Rate a reply
     * @description Sets the caller's feedback on an assistant message of theirs, replacing any feedback
     *     given before as a whole (an omitted `comment` becomes null, omitted `tags` become `[]`).
     *     The stored row also keeps the reply's model, the session's mode, and its persona and
     *     prompt-experiment variant (null until the operator console names them), so that
     *     ratings can be compared by any of them.
     *
     *     A user message answers `400 invalid_request`; another user's message, or none,
     *     `404 not_found`; a reply still streaming `409 conflict` (rate it once it ends).
     */
    put: operations['setFeedback'];
    post?: never;
    /**
     * Remove the caller's rating of a reply
     * @description Removes the feedback of an assistant message of the caller; `204` also when it had
     *     none. A user message answers `400 invalid_request`; another user's message, or none,
     *     `404 not_found`.
     */
    delete: operations['clearFeedback'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/sessions/{id}/fork': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Continue a branch in a new session
     * @description Creates a new session for the caller (same `mode`, system prompt and context tags as
     *     the source) holding copies, with new ids, of the branch from the root to `message_id`,
     *     in the same order and tree shape. The copies keep their content, status, tokens,
     *     latency, model and `created_at`; they carry no `client_message_id` and no feedback.
     *     The new session's `current_message_id` is the copy of `message_id`, its
     *     `message_count` the number of copies, and its `title` the given one or else the
     *     source's. The source session is not changed.
     *
     *     `message_id` must be an assistant message of this session that is not streaming: a
     *     user message or a streaming reply answers `400 invalid_request`
     *     (`details.field: message_id`); a message that is not of this session (another
     *     session's, another user's, or none) answers `404 not_found`, as does an unknown
     *     session or another user's.
     *
     *     **Rate limit.** A fork is a new session: it counts against, and is refused by,
     *     `SESSIONS_PER_USER_PER_HOUR` like `POST /chat/sessions`.
     */
    post: operations['forkSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search the caller's conversations
     * @description Finds the caller's sessions whose title or any message — on any branch — matches `q`,
     *     best match first, one result per session: its best-matching message (`message`), or
     *     `message: null` when only its title matches.
     *
     *     **The query.** Words in any language; case and accents are ignored (`cafe` finds
     *     "Café"); the last word also matches as a prefix (`strat` finds "strategy") unless the
     *     query ends with a space; `"a quoted phrase"` matches those words in that order;
     *     `-word` leaves out messages holding that word. Every word must match (in the same
     *     message, or in the title). Text in scripts written without spaces (Chinese, Japanese,
     *     Thai, …) is matched as a substring, anywhere in a message or title, through a trigram
     *     index. Punctuation and operator characters (`&|!:*()<>\%_'`) are never operators: they
     *     separate words. A query with no word left in it (only punctuation) finds nothing
     *     (200, empty `data`). `q` empty or only spaces, over 200 characters, or holding a NUL
     *     (or any other control character but tab) answers 400.
     *
     *     **Order and pages.** Title matches weigh more than message matches; ties are broken by
     *     the session's latest activity. Pages are keyset-paginated like the session list; pass
     *     the same `q` and filters with every page.
     *
     *     **Filters.** `mode` and `status` as for the session list; `from` / `to` (date-times,
     *     `from` inclusive, `to` exclusive) bound the matching message's `created_at` (a title
     *     match: the session's `created_at`). `from` after `to` answers 400.
     *
     *     **Snippets.** `snippet` is plain text (never markup) of at most about 160 characters
     *     around the first match, cut at word boundaries with `…` where it is cut; `highlights`
     *     are `[start, end)` offsets into `snippet`, counted in Unicode code points (not UTF-16
     *     units: in JavaScript use `Array.from(snippet)`), one per matched word, in order and
     *     never overlapping. A title match's snippet is the title.
     *
     *     Deleted sessions and their messages are never found; an archived session is found
     *     unless `status=active` is given.
     */
    get: operations['searchSessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/sessions/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    /**
     * Download a conversation
     * @description The session's current branch (root → current leaf) as a file, streamed as it is read
     *     (a conversation of any length is never held in memory whole).
     *
     *     - `md`: `text/markdown; charset=utf-8`; the title as a heading, then each message under
     *       `**You**` / `**Assistant**` with its time, its text as written (it is Markdown
     *       already), attachments listed by name.
     *     - `txt`: `text/plain; charset=utf-8`; the same, without Markdown markup around it.
     *     - `json`: `application/json` (schema `SessionExport`): the session and its messages as
     *       the API returns them. `branches=all` holds the whole tree instead: every message of
     *       every branch, oldest first, each with its `parent_id`.
     *     - `pdf`: `application/pdf` with a text layer: every character — any script, right to
     *       left included — can be selected and copied out of it; code blocks monospaced;
     *       attachments listed by name and images drawn. Fonts are embedded (Latin, Greek,
     *       Cyrillic, Arabic, Hebrew, Devanagari, Chinese, Japanese, Korean: Noto, and JetBrains
     *       Mono for code), each only when the text needs it. Right-to-left lines are laid out by
     *       the Unicode bidirectional algorithm, Arabic and Devanagari shaped; where what is drawn
     *       differs from the text (shaped clusters, mirrored brackets) the text rides along as
     *       ActualText. (Extraction tools may reorder a right-to-left run around digits and ASCII
     *       punctuation by their own rules: poppler's `pdftotext` does.) Labels ("You",
     *       "Assistant") are in English; there are no page numbers.
     *
     *     `Content-Disposition: attachment` with `filename="<title>.<ext>"`: the title made safe
     *     (no path separators, quotes, control characters or leading dots; at most 100
     *     characters; "conversation" when nothing is left) in an ASCII `filename` and, when the
     *     title is not ASCII, the exact UTF-8 name in `filename*`. `branches=all` with another
     *     format than `json` answers 400. A message still streaming is exported as far as it has
     *     been written, with its status. Another user's session answers 404.
     */
    get: operations['exportSession'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/attachments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload an image or a PDF to send with a message
     * @description `multipart/form-data` with exactly one part, `file` (its filename becomes `name`; other
     *     non-file fields are ignored). The type is decided by the file's own bytes, never by its
     *     name or declared type: PNG, JPEG, GIF and WebP are images; PDF is a document. Anything
     *     else (SVG, HTML, text, a zip, a PNG/HTML polyglot, an encrypted PDF, a PDF with
     *     JavaScript, actions or embedded files) answers `415 unsupported_media_type`. A file of
     *     one of those types that cannot be read (a truncated image, a damaged PDF, a PDF of no
     *     pages) answers `400 invalid_request` with `details.field: "file"`.
     *
     *     **Images are re-encoded here**, so that what is stored and what Claude receives was
     *     produced by this server, never the uploaded bytes: decoded, rotated upright by their
     *     EXIF orientation, every metadata block (EXIF, GPS, XMP, ICC) dropped, scaled so the long
     *     edge is at most 1,568 px, and written again in the same format (JPEG at quality 85; an
     *     animated GIF keeps its first frame). `size`, `width` and `height` are the stored
     *     image's. A 256 px WebP thumbnail is made at the same time. PDFs are stored as uploaded,
     *     once their structure has been read: `pages` is their page count.
     *
     *     **Limits.** The 64 KiB body limit does not apply here. An image over
     *     `ATTACHMENTS_MAX_IMAGE_BYTES` (10 MB) or 8,000 px on a side (read from its header, before
     *     anything is decoded), a PDF over `ATTACHMENTS_MAX_DOCUMENT_BYTES` (32 MB) or 100 pages,
     *     answers `413 payload_too_large` with `details: {limit_bytes | limit_pixels |
     *     limit_pages, actual}`. The user's stored attachments over `ATTACHMENTS_QUOTA_BYTES`
     *     (200 MB) with this one answer `413 quota_exceeded` with `details: {quota_bytes,
     *     used_bytes}`; for a site's visitors (guest tokens, verified or not: a site key is
     *     public and each token is a user of its own) the quota is `ATTACHMENTS_GUEST_QUOTA_BYTES`
     *     (25 MB). The body streams to a temporary file as it arrives and is refused as soon
     *     as it passes its limit; the whole upload must arrive within
     *     `ATTACHMENTS_UPLOAD_TIMEOUT_S` (120 s) of its headers, else `408 request_timeout`. A
     *     client that disconnects mid-upload leaves nothing behind. Uploads count against the
     *     same 120 a minute as sends.
     *
     *     **Where the bytes are.** In PostgreSQL (table `ai_attachment_blobs`) by default; with
     *     `ATTACHMENTS_S3_URL=http(s)://ACCESS_KEY:SECRET@host[:port]/bucket[/prefix][?region=…]`
     *     (percent-encoded credentials, path-style addressing; without credentials the AWS SDK's
     *     default chain is used; region default `us-east-1`) in that bucket, as
     *     `<prefix>/<attachment id>/original` and `…/thumbnail`. The bucket is checked at
     *     start-up: a missing or unreachable one stops the server with its reason.
     *
     *     **Lifetime.** An attachment belongs to the uploader. Once sent with a message it lives
     *     as long as that message (deleting the session deletes its attachments and their
     *     bytes); one never sent is deleted after `ATTACHMENTS_ORPHAN_TTL_S` (86,400 s).
     */
    post: operations['uploadAttachment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat/attachments/{attachment_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        attachment_id: string;
      };
      cookie?: never;
    };
    /**
     * The stored bytes of an attachment
     * @description The owner only; anyone else, or an id that does not exist, `404 not_found`. The bytes
     *     as stored (the re-encoded image, or the PDF), with their media type and
     *     `X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox`,
     *     `Cache-Control: private, max-age=86400` (an attachment never changes),
     *     `Content-Disposition: inline` for images and `attachment` for PDFs (with the file's
     *     name). `?variant=thumbnail` is the image's 256 px WebP thumbnail; a PDF has none
     *     (`400 invalid_request`). The widget fetches these with the visitor's token and shows
     *     them from `blob:` URLs, so a host's CSP needs `img-src 'self' blob:` and no more.
     */
    get: operations['getAttachment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/challenge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a proof-of-work challenge for a guest token
     * @description altcha's classic proof of work: find `number` in `0..maxnumber` with
     *     `hex(SHA-256(salt + number)) == challenge`, then send
     *     `base64(JSON {algorithm, challenge, number, salt, signature})` as `challenge_solution`
     *     of `POST /api/v1/auth/guest`. Needed only for a site with `challenge: on`, but answered
     *     for any site, so that a client may solve one ahead.
     *
     *     The site and `Origin` are checked as `POST /api/v1/auth/guest` checks them (an unknown
     *     key and a foreign origin answer `403 forbidden` alike), except that a request without
     *     `Origin` is answered for any registered key: a browser sends no `Origin` with a
     *     same-origin GET, and a challenge opens nothing by itself (the token request still needs
     *     an allowed `Origin`). A challenge is good for 5 minutes
     *     (its expiry is inside `salt`, with the site it is for), on any instance sharing
     *     `AUTH_JWT_SECRET` (its signature is an HMAC with a key derived from it), and opens one
     *     guest token: a used solution is refused until it expires (in Redis when `REDIS_URL` is
     *     set, so on every instance).
     *
     *     **Difficulty.** `maxnumber` is `CHALLENGE_MAX_NUMBER`, by default 200,000: the secret
     *     number is drawn uniformly, so a browser hashes 100,000 times on average. Headless Chromium
     *     with Web Crypto (one `crypto.subtle.digest` per try) does about 100,000 a second on one
     *     core of a busy 2-core server, and a current laptop more: about a second on average, two
     *     at most; a slow phone takes a few seconds. Checking a solution costs the server two
     *     hashes.
     */
    get: operations['getGuestChallenge'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in operator, and the session's CSRF token
     * @description What the console reads when it opens: who is signed in, until when, and the CSRF token
     *     to send in `X-CSRF-Token`. Without a valid cookie: `401 unauthorized` (a bearer token,
     *     such as a chat token, opens nothing under `/api/v1/admin`).
     */
    get: operations['adminSession'];
    put?: never;
    /**
     * Sign an operator in to the console
     * @description Checks the e-mail and password of an operator (made with `repruv-server admin create`)
     *     and starts a session: the `repruv_operator` cookie (HttpOnly, SameSite=Strict, Path=/,
     *     Secure over HTTPS and always in production; it lasts `ADMIN_SESSION_HOURS`, 12) and the
     *     session's `csrf_token`, which every other unsafe request of the console sends back in
     *     `X-CSRF-Token`. A wrong e-mail and a wrong password are refused alike, in the same time.
     *
     *     Attempts are counted before the password is checked: `ADMIN_SIGN_INS_PER_IP` (30) per
     *     client address and `ADMIN_SIGN_INS_PER_EMAIL` (10) per e-mail address in 15 minutes,
     *     then `429 rate_limited` with `Retry-After`. So that a stranger spending an operator's
     *     attempts does not lock the operator out, a browser that signed in as that operator
     *     before has a count of its own (the same limit) instead of the e-mail's: each sign-in
     *     sets a `repruv_operator_device` cookie (HttpOnly, SameSite=Strict, `__Host-` where
     *     Secure; 180 days; kept when signing out), a MAC keyed by the operator's password hash,
     *     so a new password forgets every browser. At most two passwords are checked at once per
     *     server process; a sign-in beyond that answers `429 rate_limited` with `Retry-After: 1`
     *     at once, before any hashing. A request whose `Origin` is another site's,
     *     or whose `Sec-Fetch-Site` is not `same-origin`, answers `403 forbidden` (no page of
     *     another site signs a visitor in); the body must be JSON (a form post answers `400`).
     */
    post: operations['adminSignIn'];
    /**
     * Sign out
     * @description Ends the session (the cookie stops working on every instance at once) and clears the
     *     cookie. Needs `X-CSRF-Token`; without it, or with another session's, `403 forbidden`.
     */
    delete: operations['adminSignOut'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/sites': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every site
     * @description Every registered site, oldest first, with its settings; never its identity secret.
     */
    get: operations['adminListSites'];
    put?: never;
    /**
     * Register a site
     * @description A new site with a new public key (`pk_live_…`) and identity secret, which this answer
     *     shows once (as `repruv-server sites add` prints it). Origins are normalized
     *     (`https://Blog.Example.com/` is `https://blog.example.com`; `http://localhost:*` allows
     *     any port).
     */
    post: operations['adminCreateSite'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/sites/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The site's id. */
        id: components['parameters']['SiteIdPath'];
      };
      cookie?: never;
    };
    /** One site */
    get: operations['adminGetSite'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a site (disable it included)
     * @description Changes only the fields given (two changes at once to different fields both stay);
     *     `null` clears a budget, a fallback model or the default mode, and `widget` is replaced
     *     as a whole (`{}`: the widget's own look). `disabled: true` stops new guest tokens
     *     (`403 forbidden`, "disabled") and the public config (`404`); tokens issued before expire
     *     as usual. A running server sees a change made by another instance within 3 seconds, and
     *     a visitor's browser the new look within `max-age` of the config (60 s).
     */
    patch: operations['adminUpdateSite'];
    trace?: never;
  };
  '/api/v1/admin/sites/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The site's id. */
        id: components['parameters']['SiteIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A new identity secret
     * @description Makes a new identity secret and shows it once; `user_hash` signed with the old one is
     *     refused from now on (on other instances within 3 seconds).
     */
    post: operations['adminRotateSiteSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/personas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Personas
     * @description Every persona, global ones first, then by mode. A session's `mode` names a persona: a
     *     guest's session the site's own of that mode, else the global one (a removed mode: the
     *     site's "general", else the global one).
     */
    get: operations['adminListPersonas'];
    put?: never;
    /**
     * A new persona
     * @description A persona for every site (`site_id` null or absent) or for one site. `404` for an unknown
     *     site; `409 conflict` when that scope has a persona of this mode already. Sends through this
     *     instance use it at once, other instances within 5 seconds.
     */
    post: operations['adminCreatePersona'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/personas/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The persona's id. */
        id: components['parameters']['PersonaIdPath'];
      };
      cookie?: never;
    };
    /** One persona */
    get: operations['adminGetPersona'];
    put?: never;
    post?: never;
    /**
     * Remove a persona
     * @description Removes the persona and its experiments (their replies keep naming them). Its sessions
     *     are answered by the global persona of that mode, else "general". `409` for a built-in
     *     persona: edit it instead.
     */
    delete: operations['adminDeletePersona'];
    options?: never;
    head?: never;
    /**
     * Change a persona
     * @description Changes only the fields given; `null` gives the model, temperature or max_tokens back to
     *     the server's defaults (CLAUDE_MODEL, 0.7, CLAUDE_MAX_TOKENS). The mode and the site stay.
     *     The next send of a session of this mode uses the change (this instance at once, others
     *     within 5 seconds); a site's budget fallback model still answers once the budget is spent.
     */
    patch: operations['adminUpdatePersona'];
    trace?: never;
  };
  '/api/v1/admin/experiments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prompt experiments
     * @description Newest first, at most 500.
     */
    get: operations['adminListExperiments'];
    put?: never;
    /**
     * Start an experiment
     * @description Starts at once: from now on each visitor of a session of the persona's mode keeps one
     *     variant, picked by a hash of the user's id and the experiment's id on the variants' weights
     *     (the same user, the same variant, on every instance), and Claude is sent that variant's
     *     prompt instead of the persona's. Each reply records its persona, experiment and variant.
     *     Variants cannot change while it runs. `409` while the persona runs another experiment.
     */
    post: operations['adminCreateExperiment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/experiments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    /** One experiment */
    get: operations['adminGetExperiment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/experiments/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    /**
     * An experiment's results per variant
     * @description Over every finished reply the experiment's variants wrote, added up per session by the
     *     server's rollup job every minute (`figures_as_of`), not read row by row per request; the
     *     votes are counted live. A reply is a regenerate when an earlier reply answers the same
     *     message; tokens and cost are the ledger's for those replies' calls; a deleted conversation
     *     leaves the figures. Shares and rates are null with nothing to divide by.
     */
    get: operations['adminExperimentResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/experiments/{id}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Stop an experiment
     * @description The persona's own prompt answers again. `409` when it was stopped already.
     */
    post: operations['adminStopExperiment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/experiments/{id}/promote': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Promote a variant
     * @description The variant's prompt becomes the persona's, and the experiment stops (if it still ran) with
     *     the variant as its winner. `400` when the variant is not this experiment's; `409` when a
     *     variant was promoted already.
     */
    post: operations['adminPromoteVariant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/analytics/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Today against yesterday, and the month's cost so far
     * @description Calls to Claude, errors, tokens and cost (US dollars, from the ledger's estimates) for
     *     today and yesterday (UTC), and this month's cost so far. From the daily rollups, which a
     *     job rebuilds every minute: at most a minute behind the ledger.
     */
    get: operations['adminAnalyticsOverview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/analytics/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Calls, tokens and cost per day, by model or by site
     * @description One row per UTC day that had calls (days without any are left out) and per group,
     *     ordered by day then group. Every call counts, titles included, and stopped, failed and
     *     abandoned replies. `format=csv` answers the same rows as a CSV download (the group's
     *     column is named `all`, `model` or `site_id`; cells a spreadsheet would run as a formula
     *     are prefixed with `'`).
     */
    get: operations['adminAnalyticsUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/analytics/activity': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Conversations, messages, latency, reliability and engagement per day
     * @description Every UTC day of the range, in order, quiet days with zeros. Per day: sessions opened,
     *     sessions and users active (a message that day), messages (questions and replies),
     *     replies and how many failed or were stopped, first-token and whole-reply latency (p50
     *     and p95 of the replies that day; whole-reply time of complete replies only), messages
     *     per active session and the length of a session's day (its first message to its last
     *     reply's last write), circuit-breaker openings and budget refusals. `totals` works the
     *     same figures out over the whole range (a session active on two days counts in each).
     *
     *     From daily rollups that a job rebuilds every minute for today and yesterday (earlier
     *     days are kept as they were: a conversation deleted later stays counted there).
     *     Percentiles come from counts in buckets 5 % wide, so each is within 2.5 % of the exact
     *     value. Breaker openings and budget refusals are counted as they happen and reach the
     *     figures within about 10 seconds; the breaker is the server's own, so with `site_id` its
     *     openings are still every site's. Rates, `messages_per_session` and percentiles are null
     *     when there is nothing to measure. `format=csv` answers the days as a CSV download, the
     *     percentiles as `<figure>_p50` and `<figure>_p95` columns.
     */
    get: operations['adminAnalyticsActivity'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/analytics/questions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Popular questions, grouped by similarity
     * @description The first question of each session asked in the range, grouped with questions alike
     *     (pg_trgm's trigram similarity of at least 0.72 with the group's first question, after
     *     case, spacing and closing punctuation are set aside), most asked first (a tie: the one
     *     asked last first). Each group has its count of sessions, its share of every session with
     *     a question in the range, up to three of its wordings (most asked first; the first is
     *     `question`) and when it was last asked. A job files new sessions' first questions every
     *     minute (a fork's copy is not filed again). `format=csv` answers the same rows as a CSV
     *     download, the examples joined by ` | `.
     */
    get: operations['adminAnalyticsQuestions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/feedback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rated replies
     * @description Every rating of every user, newest first (by when it was last set), each with the
     *     question it answers and the reply (both cut to 400 characters). Filters combine.
     */
    get: operations['adminListFeedback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/feedback/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rated conversations as JSONL
     * @description For evaluation or fine-tuning: one line per rated reply (the same filters as the list,
     *     newest first), `{messages, rating, comment, tags, model, mode, persona, variant}`, where
     *     `messages` is the branch from the conversation's start to the rated reply (at most its
     *     last 500 messages), `[{role, content}]`. Streamed in batches: any size, constant memory.
     */
    get: operations['adminExportFeedback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/feedback/{message_id}/conversation': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    /**
     * The conversation of a rated reply
     * @description The branch from the conversation's start to the rated reply, oldest first. A reply
     *     nobody rated, or none, answers `404`.
     */
    get: operations['adminFeedbackConversation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sites/{site_key}/config': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The site's public key. */
        site_key: string;
      };
      cookie?: never;
    };
    /**
     * What the widget reads of its site
     * @description Public and cacheable (`Cache-Control: public, max-age=60`): the widget's look set in the
     *     console, the default mode, and whether visitors solve a challenge or must be verified.
     *     An unknown key, a malformed one and a disabled site answer `404` alike. Attributes and
     *     properties the host page sets on `<repruv-chat>` win over these.
     */
    get: operations['getSiteConfig'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/guest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Get a guest token for a visitor of a registered site
     * @description Issues a short-lived bearer token (lifetime `AUTH_GUEST_TTL_S`) for a visitor of a
     *     registered site; it carries `site` (the site's id) and `exp`. The request is judged in
     *     this order:
     *
     *     1. The request's `Origin` must be on the site's allow-list; an unknown `site_key`, a
     *        missing `Origin` and an origin not allowed all answer `403 forbidden` alike, so the
     *        answer never reveals which site keys exist.
     *     2. **A host's signed-in user.** With `user_id` and `user_hash` (hex
     *        HMAC-SHA256 of `user_id` with the site's identity secret, which
     *        `repruv-server sites add` prints once and `sites rotate-secret` renews), the token's
     *        `sub` is `site:<site id>:<user_id>`: the same user, with the same history, on every
     *        device. A wrong or missing `user_hash` answers `401 unauthorized`; so does a site with
     *        `identity: required` asked without `user_id`.
     *     3. **Proof of work.** A site with `challenge: on` needs `challenge_solution`, a solved,
     *        unexpired, never-used challenge of this site from `GET /api/v1/auth/challenge`;
     *        without one: `401 challenge_required`. A verified user (step 2) and a renewal (below)
     *        need none.
     *     4. **Limits.** Each client address gets at most `GUEST_TOKENS_PER_IP_PER_MINUTE` tokens
     *        a minute (default 10; IPv6 addresses are counted by their /64) and each site
     *        `GUEST_TOKENS_PER_SITE_PER_MINUTE` (default 600, all its anonymous visitors together;
     *        a verified user of step 2 is counted by address only, so an anonymous flood cannot lock
     *        the host's signed-in users out); over
     *        either: `429 rate_limited` with `Retry-After`, and the message says which (answered
     *        after a pause of 150–350 ms, so that a client ignoring `Retry-After` cannot keep the
     *        server busy; once an address is over its limit, its next requests of that minute are
     *        refused so before their body is read). On a site without a challenge the limits are checked before a renewed
     *        token's signature. Refused requests (403, 401, 400) are not counted. The client address is the socket's, or,
     *        with `TRUST_PROXY=N` (the number of proxies in front of the server), the `N`-th
     *        `X-Forwarded-For` hop from the right, the one the outermost proxy wrote; never a
     *        header by default. Counted in Redis when `REDIS_URL` is set, so on every instance.
     *
     *     To keep the same anonymous guest identity (and so the visitor's history), send the
     *     previous guest token as `Authorization: Bearer <token>`; it is honoured even if
     *     expired, up to 30 days after its expiry, when it was issued for the same site (and it
     *     stands for a solved challenge). Any other token in that header, including a verified
     *     user's, is ignored and a new guest identity is issued.
     *
     *     A site's settings changed by `repruv-server sites set` apply within 3 seconds.
     */
    post: operations['createGuestToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Session: {
      /** Format: uuid */
      id: string;
      /**
       * @description "New Chat" (or the title given) until the first exchange finishes; a session still
       *     titled "New Chat" then gets a short title of its own (`CHAT_AUTO_TITLE`: `claude`, a
       *     small call logged in the usage ledger as `title`, the default with a key; `words`, the
       *     first words of the first message, the default without one; or `off`). A title the
       *     user gave (at creation or with `PATCH`) is never replaced, and a failed title call
       *     leaves "New Chat" and never affects the chat.
       * @example New Chat
       */
      title: string;
      /**
       * @description The persona that writes its replies (see `CreateSessionRequest.mode`).
       * @example general
       * @example ideas
       * @example strategy
       * @example writing
       */
      mode: string;
      /** @enum {string} */
      status: 'active' | 'archived';
      context_tags: string[];
      /** @description All stored messages of the session, user and assistant, on every branch. */
      message_count: number;
      /**
       * Format: uuid
       * @description The leaf of the branch shown (the last message of the current branch); null while
       *     the session has no messages. A send or a regenerate makes its new reply the leaf;
       *     `PATCH` with `current_message_id` switches branch.
       */
      current_message_id: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /**
       * Format: date-time
       * @description When the latest message was sent; null while the session has none.
       */
      last_message_at: string | null;
    };
    Message: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      session_id: string;
      /**
       * Format: uuid
       * @description The message this one follows: for a reply, the user message it answers; for a user
       *     message, the reply it follows, or null for the first message of a branch (a root).
       */
      parent_id: string | null;
      /**
       * @description The ids of every message with the same `parent_id` in this session (the roots are
       *     siblings of each other), itself included, oldest first; `[id]` when there is no
       *     alternative. In a streaming response's events, as they were when the reply was
       *     created.
       */
      sibling_ids: string[];
      /** @enum {string} */
      role: 'user' | 'assistant';
      /** @description The text; for a reply still streaming, the text so far. */
      content: string;
      /**
       * @description User messages are always `complete`. A reply is `streaming` until it ends exactly
       *     once as `complete`, `stopped` (by the user, or abandoned past the grace period;
       *     partial text kept) or `error` (upstream failure or server crash; partial text kept).
       * @enum {string}
       */
      status: 'complete' | 'streaming' | 'stopped' | 'error';
      /** @description Output tokens of a finished reply; null for user messages and unfinished replies. */
      tokens: number | null;
      /** @description Time from the upstream call to the last token; null for user messages and unfinished replies. */
      latency_ms: number | null;
      /**
       * @description The key of the request that created it: a send's `client_message_id` is on its user
       *     message, a regenerate's on its reply; null when none was given (and on the replies
       *     of a send, and on copies made by a fork).
       */
      client_message_id: string | null;
      /** @description The caller's rating of a reply, or null; always null on user messages. */
      feedback: components['schemas']['Feedback'] | null;
      /**
       * @description The files sent with a user message, in the order of its `attachment_ids`; `[]` for
       *     replies and for messages sent without any. A fork's copies and an edit (a new
       *     sibling) do not carry them over: each attachment belongs to one message.
       */
      attachments: components['schemas']['Attachment'][];
      /**
       * @description The model that wrote a reply: the configured `CLAUDE_MODEL`, or the site's
       *     `fallback_model` when it answered because a daily budget was spent. Null for user
       *     messages.
       */
      model?: string | null;
      /** Format: date-time */
      created_at: string;
    };
    Attachment: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'image' | 'document';
      /**
       * @description Decided from the bytes; for an image, the format it was re-encoded in.
       * @enum {string}
       */
      media_type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf';
      /**
       * @description The uploaded file's name, without any path and control characters; `image.png`,
       *     `document.pdf` (by kind) when the upload named none.
       */
      name: string;
      /** @description Bytes stored (for an image, after re-encoding); they count against the quota. */
      size: number;
      /** @description Pixels of the stored image; null for a document. */
      width: number | null;
      height: number | null;
      /** @description A PDF's page count; null for an image. */
      pages: number | null;
      /** Format: date-time */
      created_at: string;
    };
    BudgetExceededDetails: {
      /**
       * @description Whose budget is spent, the user's (tokens) or the site's (US dollars).
       * @enum {string}
       */
      scope: 'user' | 'site';
      /**
       * Format: date-time
       * @description The next UTC midnight, when the budget is new again.
       */
      resets_at: string;
    };
    Feedback: {
      /** @enum {string} */
      rating: 'up' | 'down';
      comment: string | null;
      tags: string[];
      /**
       * Format: date-time
       * @description When it was last set.
       */
      updated_at: string;
    };
    FeedbackRequest: {
      /** @enum {string} */
      rating: 'up' | 'down';
      /**
       * @description Free text, at most 2,000 characters (UTF-16 units), no NUL character; empty or only
       *     whitespace is stored as null.
       */
      comment?: string | null;
      /**
       * @description At most 10 labels, each trimmed, then 1–40 characters without control characters;
       *     a repeated tag is kept once (the first time it appears, order kept).
       * @example [
       *       "inaccurate",
       *       "too long"
       *     ]
       */
      tags?: string[];
    };
    RegenerateRequest: {
      /**
       * @description An idempotency key chosen by the client, unique within the session (shared with the
       *     sends' keys); stored on the new reply. See the operation.
       */
      client_message_id?: string;
    };
    ForkSessionRequest: {
      /**
       * Format: uuid
       * @description The last message to copy; an assistant message of the session, not streaming.
       */
      message_id: string;
      /** @description The new session's title; the source session's when omitted. */
      title?: string;
    };
    SessionPage: {
      data: components['schemas']['Session'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      next_cursor: string | null;
    };
    /** @description The widget's look for a site; every field optional (unset, the widget's own). */
    SiteWidget: {
      title?: string;
      /** @description Header, user bubbles, buttons and launcher (answered lower-cased). */
      primary_color?: string;
      /** @description Assistant bubbles. */
      accent_color?: string;
      quick_prompts?: string[];
    };
    SiteConfig: {
      site_key: string;
      widget: components['schemas']['SiteWidget'];
      default_mode: string | null;
      /** @enum {string} */
      challenge: 'off' | 'on';
      /** @enum {string} */
      identity: 'optional' | 'required';
    };
    AdminSite: {
      /** Format: uuid */
      id: string;
      name: string;
      site_key: string;
      origins: string[];
      /** @enum {string} */
      challenge: 'off' | 'on';
      /** @enum {string} */
      identity: 'optional' | 'required';
      daily_budget_usd: number | null;
      fallback_model: string | null;
      widget: components['schemas']['SiteWidget'];
      default_mode: string | null;
      disabled: boolean;
      /** Format: date-time */
      disabled_at: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    AdminSiteCreate: {
      name: string;
      origins: string[];
      /** @enum {string} */
      challenge?: 'off' | 'on';
      /** @enum {string} */
      identity?: 'optional' | 'required';
      daily_budget_usd?: number | null;
      fallback_model?: string | null;
      widget?: components['schemas']['SiteWidget'];
      /** @description A mode that names a persona of this site or of every site (`GET /api/v1/admin/personas`). */
      default_mode?: string | null;
    };
    /** @description Any of the fields of `AdminSiteCreate`, and `disabled`. */
    AdminSiteUpdate: {
      name?: string;
      origins?: string[];
      /** @enum {string} */
      challenge?: 'off' | 'on';
      /** @enum {string} */
      identity?: 'optional' | 'required';
      daily_budget_usd?: number | null;
      fallback_model?: string | null;
      widget?: components['schemas']['SiteWidget'];
      default_mode?: string | null;
      disabled?: boolean;
    };
    Persona: {
      /** Format: uuid */
      id: string;
      /**
       * Format: uuid
       * @description Null for a persona of every site.
       */
      site_id: string | null;
      /** @description What a session names it by (`mode` of `POST /chat/sessions`). */
      mode: string;
      name: string;
      description: string;
      /** @description What Claude is told (then the session's own instructions, if any). */
      system_prompt: string;
      /** @description Null, CLAUDE_MODEL. */
      model: string | null;
      /** @description Null, 0.7. */
      temperature: number | null;
      /** @description Null, CLAUDE_MAX_TOKENS. */
      max_tokens: number | null;
      /** @description One of general, ideas, strategy, writing (seeded); editable, never removed. */
      built_in: boolean;
      /** Format: uuid */
      running_experiment_id: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    PersonaCreate: {
      /** Format: uuid */
      site_id?: string | null;
      mode: string;
      name: string;
      /** @default  */
      description: string;
      system_prompt: string;
      /** @description A Claude model id such as claude-haiku-4-5. */
      model?: string | null;
      temperature?: number | null;
      max_tokens?: number | null;
    };
    /** @description Any of the fields of `PersonaCreate` but `site_id` and `mode`. */
    PersonaUpdate: {
      name?: string;
      description?: string;
      system_prompt?: string;
      model?: string | null;
      temperature?: number | null;
      max_tokens?: number | null;
    };
    ExperimentVariant: {
      /** Format: uuid */
      id: string;
      name: string;
      system_prompt: string;
      weight: number;
    };
    Experiment: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      persona_id: string;
      name: string;
      /** @enum {string} */
      status: 'running' | 'stopped';
      /** Format: uuid */
      winner_variant_id: string | null;
      /** Format: date-time */
      started_at: string;
      /** Format: date-time */
      stopped_at: string | null;
      variants: components['schemas']['ExperimentVariant'][];
    };
    ExperimentCreate: {
      /** Format: uuid */
      persona_id: string;
      name: string;
      /** @description Distinct names; a variant's share of visitors is its weight over the sum. */
      variants: {
        name: string;
        system_prompt: string;
        weight: number;
      }[];
    };
    PromoteVariantRequest: {
      /** Format: uuid */
      variant_id: string;
    };
    VariantResult: {
      /** Format: uuid */
      variant_id: string;
      name: string;
      weight: number;
      winner: boolean;
      /** @description Sessions with at least one reply of the variant. */
      sessions: number;
      /** @description Finished replies of the variant (complete, stopped or error). */
      messages: number;
      messages_per_session: number | null;
      votes_up: number;
      votes_down: number;
      /** @description votes_up over all votes; null without votes. */
      thumbs_up_share: number | null;
      /** @description The Wilson score interval of `thumbs_up_share` at 95 %. */
      thumbs_up_interval: {
        low: number;
        high: number;
      } | null;
      regenerate_rate: number | null;
      error_rate: number | null;
      input_tokens: number;
      output_tokens: number;
      tokens_per_session: number | null;
      cost_usd: number;
      cost_per_session_usd: number | null;
      /** @description From the call to Claude to the reply's first text; null without replies. */
      first_token_ms: {
        p50: number | null;
        p95: number | null;
      };
    };
    ExperimentResults: {
      experiment: components['schemas']['Experiment'];
      /**
       * Format: date-time
       * @description When the rollup job (every minute) last added up the replies: sessions, messages,
       *     rates, tokens, cost and first-token times are as of then; the votes are counted live.
       *     Null before its first run.
       */
      figures_as_of: string | null;
      /** @description In the experiment's order, every variant (with zeros and nulls before any reply). */
      variants: components['schemas']['VariantResult'][];
    };
    UsageTotals: {
      calls: number;
      errors: number;
      input_tokens: number;
      output_tokens: number;
      cost_usd: number;
    };
    UsageDay: {
      /** Format: date */
      day: string;
      /** @description The model, or the site's id (null for calls of the host's own tokens); null when not grouped. */
      key: string | null;
      calls: number;
      errors: number;
      stopped: number;
      input_tokens: number;
      output_tokens: number;
      cost_usd: number;
    };
    Percentiles: {
      p50: number | null;
      p95: number | null;
    };
    ActivityFigures: {
      /** @description Sessions opened (forks included). */
      sessions: number;
      messages: number;
      replies: number;
      errors: number;
      stopped: number;
      /** @description errors / replies, to four places. */
      error_rate: number | null;
      stop_rate: number | null;
      /** @description messages / active sessions (per day), to two places. */
      messages_per_session: number | null;
      session_seconds: components['schemas']['Percentiles'];
      first_token_ms: components['schemas']['Percentiles'];
      reply_ms: components['schemas']['Percentiles'];
      breaker_openings: number;
      /** @description Sends refused with `budget_exceeded` (those a fallback model answered are not). */
      budget_refusals: number;
    };
    ActivityDay: components['schemas']['ActivityFigures'] & {
      /** Format: date */
      day: string;
      active_sessions: number;
      active_users: number;
    };
    PopularQuestion: {
      /** Format: uuid */
      group_id: string;
      /** @description The group's most asked wording in the range (at most 300 characters). */
      question: string;
      sessions: number;
      /** @description sessions / total_sessions, to four places. */
      share: number;
      examples: string[];
      /** Format: date-time */
      last_asked_at: string;
    };
    AdminFeedback: {
      /** Format: uuid */
      message_id: string;
      /** Format: uuid */
      session_id: string;
      /** Format: uuid */
      site_id: string | null;
      /** @enum {string} */
      rating: 'up' | 'down';
      comment: string | null;
      tags: string[];
      model: string | null;
      mode: string | null;
      /** Format: uuid */
      persona_id: string | null;
      /** Format: uuid */
      variant_id: string | null;
      /** Format: date-time */
      updated_at: string;
      /** @description The rated reply, cut to 400 characters. */
      reply: string;
      /** @description The message it answers, cut to 400 characters. */
      question: string | null;
    };
    AdminSignInRequest: {
      /** @description Compared trimmed and lower-cased. */
      email: string;
      password: string;
    };
    Operator: {
      /** Format: uuid */
      id: string;
      email: string;
      /** Format: date-time */
      created_at: string;
      /**
       * Format: date-time
       * @description The sign-in before this one, as the session starts.
       */
      last_sign_in_at: string | null;
    };
    AdminSession: {
      operator: components['schemas']['Operator'];
      /** @description Sent back in `X-CSRF-Token` by every unsafe request of this session. */
      csrf_token: string;
      /** Format: date-time */
      expires_at: string;
    };
    SearchHit: {
      session: components['schemas']['Session'];
      /**
       * @description The session's best-matching message (on whichever branch it is: open it with
       *     `GET /chat/messages/{session_id}?leaf={message.id}`, or switch to it with
       *     `PATCH /chat/sessions/{id}`); null when only the title matches.
       */
      message: components['schemas']['Message'] | null;
      /** @description Plain text around the match (never markup). */
      snippet: string;
      /** @description `[start, end)` offsets into `snippet`, in Unicode code points. */
      highlights: number[][];
    };
    SearchPage: {
      data: components['schemas']['SearchHit'][];
      /** @description Pass as `cursor` (with the same `q` and filters) for the next page; null on the last page. */
      next_cursor: string | null;
    };
    /** @description `GET /chat/sessions/{id}/export?format=json`. */
    SessionExport: {
      /** @constant */
      format: 'repruv.conversation.v1';
      /** Format: date-time */
      exported_at: string;
      /** @enum {string} */
      branches: 'current' | 'all';
      session: components['schemas']['Session'];
      /**
       * @description `current`: the branch shown, root first. `all`: every message of the session, oldest
       *     first; rebuild the tree from `parent_id`.
       */
      messages: components['schemas']['Message'][];
    };
    MessagePage: {
      /** @description Chronological, oldest first. */
      data: components['schemas']['Message'][];
      /** @description Whether messages older than `data[0]` exist. */
      has_more: boolean;
    };
    SendResult: {
      user_message: components['schemas']['Message'];
      assistant_message: components['schemas']['Message'];
    };
    GuestToken: {
      /** @description A JWT to send as `Authorization: Bearer <token>`. */
      token: string;
      /** Format: date-time */
      expires_at: string;
    };
    Health: {
      /** @constant */
      status: 'ok';
    };
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'not_ready';
      /** @description Why the server is not ready; present only with `not_ready`. */
      reason?: string;
    };
    /**
     * @description invalid_request 400, unauthorized 401, challenge_required 401 (the site asks for a
     *     solved proof-of-work challenge), forbidden 403, not_found 404, method_not_allowed 405
     *     (with `Allow`), request_timeout 408 (headers not in within 10 s or the body within
     *     30 s), conflict 409, payload_too_large 413, quota_exceeded 413 (the user's stored attachments
     *     would pass `ATTACHMENTS_QUOTA_BYTES`), unsupported_media_type 415 (an upload that is not
     *     a PNG, JPEG, GIF, WebP or plain PDF), rate_limited 429 (with `Retry-After`),
     *     budget_exceeded 429 (a user's or a site's daily spend is used up; `Retry-After` is the
     *     next UTC midnight, `details: {scope: "user"|"site", resets_at}`), internal 500,
     *     upstream_error 502, upstream_unavailable 503 (with `Retry-After`: the circuit is open,
     *     or Claude's own rate limit for this organisation is being waited out), overloaded 503
     *     (with `Retry-After`: this server is too busy for anonymous guests right now).
     * @enum {string}
     */
    ErrorCode:
      | 'invalid_request'
      | 'unauthorized'
      | 'forbidden'
      | 'not_found'
      | 'method_not_allowed'
      | 'conflict'
      | 'payload_too_large'
      | 'quota_exceeded'
      | 'unsupported_media_type'
      | 'rate_limited'
      | 'budget_exceeded'
      | 'challenge_required'
      | 'request_timeout'
      | 'upstream_error'
      | 'upstream_unavailable'
      | 'overloaded'
      | 'internal';
    Error: {
      error: {
        code: components['schemas']['ErrorCode'];
        /** @description For people; its wording may change, so branch on `code`. */
        message: string;
        /** @description Machine-readable specifics, when there are any. */
        details?: {
          [key: string]: unknown;
        };
      };
      /** @description The same value as the `X-Request-Id` response header. */
      request_id: string;
    };
    CreateSessionRequest: {
      /** @default New Chat */
      title: string;
      /**
       * @description The persona the session's replies are written by: a mode of the guest's site
       *     or of every site (the built-in `general`, `ideas`, `strategy`, `writing`, those
       *     of `CHAT_MODES`, and any an operator adds, see `/api/v1/admin/personas`); any
       *     other value answers `400 invalid_request`, naming the modes there are.
       * @default general
       * @example general
       * @example ideas
       * @example strategy
       * @example writing
       */
      mode: string;
    };
    /** @description At least one of `title`, `status` and `current_message_id`. */
    UpdateSessionRequest:
      | {
          title?: string;
          /** @enum {string} */
          status?: 'active' | 'archived';
          /**
           * Format: uuid
           * @description Switch branch: any message of the session; the current leaf becomes its newest
           *     descendant (following the newest child at each step). Not nullable.
           */
          current_message_id?: string;
        }
      | unknown
      | unknown
      | unknown;
    SendMessageRequest: {
      /** Format: uuid */
      session_id: string;
      /**
       * @description The user's text: at most `CHAT_MAX_CONTENT_CHARS` characters (default 32,000,
       *     counted in UTF-16 units), and not empty or only whitespace unless `attachment_ids`
       *     names at least one file (then it may be `""`, or omitted).
       */
      content?: string;
      /**
       * @description Files from `POST /chat/attachments` to send with the message, in this order: at most
       *     10, each the caller's own and not yet sent with a message. Anything else (another
       *     user's id, one that does not exist, one already sent, a repeat in the list, an 11th)
       *     answers `400 invalid_request` with `details.field: "attachment_ids"` and stores
       *     nothing. Claude receives them as image and document blocks before the text. On
       *     later turns, the newest `CHAT_CONTEXT_ATTACHMENTS` (10) files among the messages of
       *     the context are sent again (each image costs its tokens every turn, about
       *     width × height / 750); older ones are named in the text instead
       *     (`[earlier attachment: name]`). Regenerating a reply sends its prompt's files again.
       */
      attachment_ids?: string[];
      /**
       * @description An idempotency key chosen by the client, unique within the session. Repeating a
       *     send with it never creates a second message (see the operation).
       */
      client_message_id?: string;
      /**
       * Format: uuid
       * @description Where the message goes in the tree. Omitted: after the current leaf (the session's
       *     `current_message_id`). An assistant message of this session that is not streaming:
       *     after that reply. `null`: a new first message (a new root). A user message or a
       *     streaming reply answers `400`; a message not of this session `404`.
       */
      parent_id?: string | null;
    };
    GuestTokenRequest: {
      /**
       * @description A registered site's public key. `pk_dev` (origins `http://localhost:*` and
       *     `http://127.0.0.1:*`) exists only outside production: a production start removes it.
       * @example pk_dev
       */
      site_key: string;
      /**
       * @description The host's own id of its signed-in visitor (no control characters). Needs
       *     `user_hash`; the token then names `site:<site id>:<user_id>`.
       * @example user-42
       */
      user_id?: string;
      /**
       * @description Hex HMAC-SHA256 of `user_id` with the site's identity secret, computed by the host's
       *     server (never in the page: the secret must stay there). Compared in constant time;
       *     upper- or lowercase. Only with `user_id`.
       * @example 3f1c0e5a9b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e
       */
      user_hash?: string;
      /**
       * @description A solved challenge of `GET /api/v1/auth/challenge`: base64 of the JSON
       *     `{"algorithm": "SHA-256", "challenge", "number", "salt", "signature"}` (altcha's
       *     payload; other fields are ignored). Read only for a site with `challenge: on`.
       */
      challenge_solution?: string;
    };
    GuestChallenge: {
      /** @constant */
      algorithm: 'SHA-256';
      /** @description hex SHA-256 of `salt` followed by the secret number in decimal. */
      challenge: string;
      /** @description The secret number is in `0..maxnumber` (`CHALLENGE_MAX_NUMBER`, default 200000). */
      maxnumber: number;
      /**
       * @description Random hex, then `?expires=<unix seconds>&site=<site id>&`; opaque to clients.
       * @example 5b1d3a0c9e7f2a4b6c8d0e1f?expires=1790000000&site=0f8fad5b-d9cb-469f-a165-70867728950e&
       */
      salt: string;
      /** @description The server's HMAC-SHA256 of `challenge`; sent back unchanged. */
      signature: string;
    };
    /** @description `event: message.created`, `id: 0`. The assistant message is `streaming` with content "". */
    MessageCreatedEvent: {
      user_message: components['schemas']['Message'];
      assistant_message: components['schemas']['Message'];
    };
    /**
     * @description `event: message.delta`, `id: <N>` where N is the length, in UTF-16 code units, of the
     *     reply's text so far including this chunk. One per text chunk, in order.
     */
    MessageDeltaEvent: {
      /** Format: uuid */
      message_id: string;
      text: string;
    };
    /**
     * @description `event: message.completed`, `id: <N>:end`. The finished reply, status `complete` or
     *     `stopped`, with `tokens` and `latency_ms`. The stream closes after it.
     */
    MessageCompletedEvent: {
      message: components['schemas']['Message'];
    };
    /**
     * @description `event: error`, `id: <N>:end`. The reply failed after the stream began; `message` is
     *     the assistant message (status `error`, partial text kept), or null if it could not be
     *     stored. `retryable` says whether sending again (with the same `client_message_id`)
     *     may succeed. The stream closes after it.
     */
    StreamErrorEvent: {
      error: {
        code: components['schemas']['ErrorCode'];
        message: string;
        retryable: boolean;
      };
      message: components['schemas']['Message'] | null;
    };
    /**
     * @description A `text/event-stream; charset=utf-8` body (`Cache-Control: no-cache, no-transform`,
     *     `X-Accel-Buffering: no`). Each event is `id: <id>\nevent: <name>\ndata: <JSON>\n\n`:
     *
     *     | event | id | data |
     *     |---|---|---|
     *     | `message.created` | `0` | `MessageCreatedEvent` |
     *     | `message.delta` | reply length so far in UTF-16 units, after this chunk | `MessageDeltaEvent` |
     *     | `message.completed` | `<length>:end` | `MessageCompletedEvent` |
     *     | `error` | `<length>:end` | `StreamErrorEvent` |
     *
     *     A `: ping` comment is sent every 15 seconds so that proxies keep the connection open.
     *     Exactly one of `message.completed` and `error` ends the stream, which then closes.
     *     A client that lost the connection resumes with
     *     `GET /api/v1/chat/messages/{message_id}/stream` and `Last-Event-ID` set to the last
     *     `id` it received; the text after that offset then arrives as one `message.delta`.
     */
    ReplyStream: string;
  };
  responses: {
    /**
     * @description `invalid_request`: malformed JSON, a missing or ill-typed field, a bad UUID, a query
     *     parameter out of range, an undecodable cursor, `content` empty, only whitespace or over
     *     `CHAT_MAX_CONTENT_CHARS`. `details.field` names the offending field when there is one.
     */
    InvalidRequest: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "invalid_request",
         *         "message": "content must not be empty.",
         *         "details": {
         *           "field": "content"
         *         }
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'invalid_request';
          };
        };
      };
    };
    /** @description `unauthorized`: no token, or an expired or badly signed one, one without `exp`, or one whose `sub` is over 512 characters. */
    Unauthorized: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'WWW-Authenticate': components['headers']['WWW-Authenticate'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "unauthorized",
         *         "message": "A valid bearer token is required."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'unauthorized';
          };
        };
      };
    };
    /** @description `forbidden`: a guest token asked for with an unknown site key or from an origin the site does not allow. */
    Forbidden: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "forbidden",
         *         "message": "This origin may not use this site key."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'forbidden';
          };
        };
      };
    };
    /** @description `not_found`: no such resource for this user (another user's resource answers the same). */
    NotFound: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "not_found",
         *         "message": "Session not found."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'not_found';
          };
        };
      };
    };
    /**
     * @description `conflict`: a new message, a regenerate or feedback while a reply of the session is
     *     still streaming (feedback: while that reply streams), or a `client_message_id` reused
     *     for another request (other content, another `parent_id`, or a send's key given to a
     *     regenerate and the reverse).
     */
    Conflict: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "conflict",
         *         "message": "A reply is still streaming in this session."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'conflict';
          };
        };
      };
    };
    /** @description `payload_too_large`: the body is over 64 KiB. This wins over any other check of the body. */
    PayloadTooLarge: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "payload_too_large",
         *         "message": "The request body is larger than 65536 bytes."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'payload_too_large';
          };
        };
      };
    };
    /**
     * @description `payload_too_large`: the file is over its kind's size, pixel or page limit; or
     *     `quota_exceeded`: the user's stored attachments would pass `ATTACHMENTS_QUOTA_BYTES`.
     */
    AttachmentTooLarge: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "payload_too_large",
         *         "message": "Too large: 12.4 MB, the limit for images is 10 MB.",
         *         "details": {
         *           "limit_bytes": 10000000
         *         }
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @enum {unknown} */
            code?: 'payload_too_large' | 'quota_exceeded';
          };
        };
      };
    };
    /** @description `unsupported_media_type`: the bytes are not a PNG, JPEG, GIF, WebP or a plain PDF. */
    UnsupportedMediaType: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "unsupported_media_type",
         *         "message": "That file type isn't supported; send a PNG, JPEG, GIF, WebP or PDF."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'unsupported_media_type';
          };
        };
      };
    };
    /**
     * @description `rate_limited`: this user created `SESSIONS_PER_USER_PER_HOUR` (60) sessions within the
     *     hour; `Retry-After` is the seconds until the window ends.
     */
    TooManySessions: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "rate_limited",
         *         "message": "Too many new conversations (at most 60 an hour); continue an existing one or retry later."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `unauthorized`: no operator is signed in (no cookie, or an ended or expired session), or a wrong e-mail or password. */
    OperatorUnauthorized: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "unauthorized",
         *         "message": "Wrong e-mail or password."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description `forbidden`: an unsafe request of the console without the session's `X-CSRF-Token`, or
     *     from a page of another site (`Origin`, `Sec-Fetch-Site`).
     */
    CrossSiteRefused: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description More than `ADMIN_SIGN_INS_PER_IP` (30) sign-in attempts from this client address, or
     *     `ADMIN_SIGN_INS_PER_EMAIL` (10) for this e-mail address (or, from a browser that signed in
     *     as this operator before, for that browser), in 15 minutes. `Retry-After` says when to
     *     try again.
     */
    TooManySignIns: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description More than `SEARCHES_PER_USER_PER_MINUTE` (60) searches by this user in a minute (a
     *     drawer searching as the person types, debounced, stays far below it).
     *     `Retry-After` says when to retry.
     */
    TooManySearches: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description More than `EXPORTS_PER_USER_PER_MINUTE` (10) exports by this user in a minute, or more
     *     than two of them (PDF) being made for this user at once. `Retry-After` says when to retry.
     */
    TooManyExports: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description `rate_limited`: the user already holds `STREAMS_PER_USER` (4) live streams (streamed
     *     sends, re-attaches, sends awaiting their reply), on any instance. Close one and retry;
     *     `Retry-After` is a few seconds.
     */
    TooManyStreams: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "rate_limited",
         *         "message": "Too many live replies for this user (at most 4 at once, re-attaches included); close one and retry."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description `request_timeout`: the request's headers did not arrive within `HEADERS_TIMEOUT_S` (10 s)
     *     or its body within `BODY_TIMEOUT_S` (30 s) of the headers. The connection is closed.
     */
    RequestTimeout: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "request_timeout",
         *         "message": "The request body did not arrive in time."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description `rate_limited`: over 120 messages a minute for this user (with the `RateLimit-*`
     *     headers), or (with a message saying so and `Retry-After` of a few seconds) all of the
     *     user's `STREAMS_PER_USER` live streams are held. `budget_exceeded`: the user's or the site's daily budget is spent and the site
     *     has no fallback model; `details.scope` says whose, `details.resets_at` when it is new
     *     again (the next UTC midnight), and `Retry-After` is the seconds until then. Either way
     *     nothing was stored.
     */
    SendRefused: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/json':
          | (components['schemas']['Error'] & {
              error?: {
                /** @constant */
                code?: 'rate_limited';
              };
            })
          | (components['schemas']['Error'] & {
              error?: {
                /** @constant */
                code?: 'budget_exceeded';
                details: components['schemas']['BudgetExceededDetails'];
              };
            });
      };
    };
    /**
     * @description `upstream_error`: Claude failed (a non-streaming send). The user message is kept and
     *     the assistant message is stored with status `error`; `details` gives both ids, so the
     *     caller can show them and retry with the same `client_message_id`.
     */
    UpstreamError: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "upstream_error",
         *         "message": "Claude failed to answer.",
         *         "details": {
         *           "user_message_id": "7c1f6f0e-8a41-4d35-9a3c-3f1d2b9e0a11",
         *           "assistant_message_id": "9a2e4b7c-1d3f-4e5a-8b6c-7d8e9f0a1b22"
         *         }
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'upstream_error';
            details: {
              /** Format: uuid */
              user_message_id: string;
              /** Format: uuid */
              assistant_message_id: string;
            };
          };
        };
      };
    };
    /**
     * @description `upstream_unavailable`: the circuit breaker is open after repeated upstream failures,
     *     or Claude answered `429` (the organisation's rate limit) and every instance waits out
     *     its `retry-after` (the message then says Claude is at its rate limit). Answered before
     *     anything is stored (and, when streaming, before any SSE header); `Retry-After` says
     *     when the breaker half-opens, or when Claude may be asked again. An anonymous guest may
     *     also be answered `overloaded` here (see the `Overloaded` response).
     */
    UpstreamUnavailable: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "upstream_unavailable",
         *         "message": "The assistant is temporarily unavailable; retry later."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @enum {unknown} */
            code?: 'upstream_unavailable' | 'overloaded';
          };
        };
      };
    };
    /**
     * @description `overloaded`: this server is too busy for anonymous guests right now: for a second (up to 8 s
     *     while a flood keeps coming back) after
     *     its event loop was busy `GUEST_SHED_EVENT_LOOP` of the last 0.2 s, while
     *     `GUEST_SHED_DB_WAITING` queries or more wait for a database connection, or while
     *     `GUEST_REQUESTS_AT_ONCE` anonymous guests' requests are being handled (under pressure, one
     *     anonymous request at a time still goes in: a lone visitor is no flood). Only an anonymous
     *     guest token is refused so: a host's own users and visitors with a verified identity go
     *     on. Decided as soon as the request's headers are in, from what the token says of itself
     *     (a token that lies about itself only makes its bearer wait; a forged one is `401` once the
     *     pressure is gone), before anything is read, and answered after a pause of 150–350 ms
     *     (so that a client ignoring `Retry-After` cannot keep the server busy);
     *     `Retry-After` is 2 s.
     */
    Overloaded: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "overloaded",
         *         "message": "The assistant is very busy right now; retry in a moment."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'overloaded';
          };
        };
      };
    };
    /** @description `internal`: anything else. Never carries a stack trace or a secret. */
    Internal: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "code": "internal",
         *         "message": "Something went wrong on our side."
         *       },
         *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
         *     }
         */
        'application/json': components['schemas']['Error'] & {
          error?: {
            /** @constant */
            code?: 'internal';
          };
        };
      };
    };
  };
  parameters: {
    /** @description The first day, YYYY-MM-DD (default 29 days before `to`). */
    AnalyticsFrom: string;
    /** @description The last day, YYYY-MM-DD (default today, UTC). At most 366 days in all. */
    AnalyticsTo: string;
    /**
     * @description One site's sessions only (without it, every site's and the host's own). Any id is a
     *     filter: a site removed since keeps its history, and an id no site had finds nothing.
     */
    AnalyticsSite: string;
    AnalyticsFormat: 'json' | 'csv';
    /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
    CsrfTokenHeader: string;
    /** @description The site's id. */
    SiteIdPath: string;
    /** @description The persona's id. */
    PersonaIdPath: string;
    /** @description The experiment's id. */
    ExperimentIdPath: string;
    /** @description The session's id. */
    SessionIdPath: string;
    /** @description The assistant message (the reply) concerned. */
    MessageIdPath: string;
    /** @description Page size. */
    SessionsLimit: number;
    /** @description How many messages at most. */
    MessagesLimit: number;
    /** @description `next_cursor` of the previous page; opaque. An undecodable cursor answers 400. */
    Cursor: string;
    /** @description Only sessions with this status; any other value answers 400. */
    StatusFilter: 'active' | 'archived';
    /**
     * @description Only sessions of this mode. Any string of 1–64 characters is accepted (a mode that no
     *     session has simply matches none); longer answers 400.
     */
    ModeFilter: string;
  };
  requestBodies: never;
  headers: {
    /**
     * @description The request's id, on every response. Also in every error body as `request_id` and in
     *     the server's logs; quote it when reporting a problem.
     */
    'X-Request-Id': string;
    /** @description Seconds to wait before retrying. */
    'Retry-After': number;
    /** @description Messages allowed per window (default 120 a minute). */
    'RateLimit-Limit': number;
    /** @description Messages left in the current window. */
    'RateLimit-Remaining': number;
    /** @description Seconds until the current window resets. */
    'RateLimit-Reset': number;
    /** @description `Bearer`, with an `error` parameter when a token was given but refused. */
    'WWW-Authenticate': string;
    /** @description Always `no-cache, no-transform` on a stream. */
    'Cache-Control-No-Transform': 'no-cache, no-transform';
    /** @description Always `no` on a stream, so that proxies do not buffer it. */
    'X-Accel-Buffering': 'no';
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getDemoPage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The demo page. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
    };
  };
  getDemoStylesheet: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSS. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/css': string;
        };
      };
    };
  };
  getDemoIcon: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An SVG icon. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'image/svg+xml': string;
        };
      };
    };
  };
  getConsolePage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
    };
  };
  getConsoleScript: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/javascript': string;
        };
      };
      /** @description The console has not been built (`npm run build`). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getWidgetLauncher: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/javascript': string;
        };
      };
      /** @description The widget has not been built. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getWidgetChunk: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/javascript': string;
        };
      };
      /** @description No such chunk. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getWidgetLazyChunk: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/javascript': string;
        };
      };
      /** @description No such chunk. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process is alive. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready to serve traffic. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ready"
           *     }
           */
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description Not ready; `reason` says why (for example the database is unreachable). */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "not_ready",
           *       "reason": "database unreachable"
           *     }
           */
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Metrics. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example # HELP http_requests_total HTTP requests served.
           *     # TYPE http_requests_total counter
           *     http_requests_total{method="GET",route="/api/v1/chat/sessions",status="200"} 3
           */
          'text/plain; version=0.0.4; charset=utf-8': string;
        };
      };
      /** @description `unauthorized`: `METRICS_TOKEN` is set and the request does not carry it as its bearer token. */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'WWW-Authenticate': components['headers']['WWW-Authenticate'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "unauthorized",
           *         "message": "/metrics needs METRICS_TOKEN as a bearer token."
           *       },
           *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSessions: {
    parameters: {
      query?: {
        /** @description Page size. */
        limit?: components['parameters']['SessionsLimit'];
        /** @description `next_cursor` of the previous page; opaque. An undecodable cursor answers 400. */
        cursor?: components['parameters']['Cursor'];
        /** @description Only sessions with this status; any other value answers 400. */
        status?: components['parameters']['StatusFilter'];
        /**
         * @description Only sessions of this mode. Any string of 1–64 characters is accepted (a mode that no
         *     session has simply matches none); longer answers 400.
         */
        mode?: components['parameters']['ModeFilter'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of sessions. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionPage'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  createSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CreateSessionRequest'];
      };
    };
    responses: {
      /** @description The new session. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      408: components['responses']['RequestTimeout'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManySessions'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  getSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  deleteSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  updateSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSessionRequest'];
      };
    };
    responses: {
      /** @description The session after the change. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      408: components['responses']['RequestTimeout'];
      413: components['responses']['PayloadTooLarge'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  sendMessage: {
    parameters: {
      query?: {
        /** @description `true` streams the reply as SSE; `false` answers JSON even if `Accept` asks for a stream. */
        stream?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SendMessageRequest'];
      };
    };
    responses: {
      /**
       * @description The reply as a Server-Sent Events stream (when streaming). See
       *     `components.schemas.ReplyStream` for the events, their ids and their payloads.
       */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Cache-Control': components['headers']['Cache-Control-No-Transform'];
          'X-Accel-Buffering': components['headers']['X-Accel-Buffering'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example id: 0
           *     event: message.created
           *     data: {"user_message":{"id":"7c1f6f0e-8a41-4d35-9a3c-3f1d2b9e0a11","session_id":"3b6d0c52-4f1e-4a7b-9d2c-8e5f6a7b8c90","parent_id":null,"sibling_ids":["7c1f6f0e-8a41-4d35-9a3c-3f1d2b9e0a11"],"role":"user","content":"Give me 3 video ideas","status":"complete","tokens":null,"latency_ms":null,"client_message_id":"c-1718000000000","model":null,"feedback":null,"created_at":"2025-06-10T09:30:00.000Z"},"assistant_message":{"id":"9a2e4b7c-1d3f-4e5a-8b6c-7d8e9f0a1b22","session_id":"3b6d0c52-4f1e-4a7b-9d2c-8e5f6a7b8c90","parent_id":"7c1f6f0e-8a41-4d35-9a3c-3f1d2b9e0a11","sibling_ids":["9a2e4b7c-1d3f-4e5a-8b6c-7d8e9f0a1b22"],"role":"assistant","content":"","status":"streaming","tokens":null,"latency_ms":null,"client_message_id":null,"model":"claude-sonnet-5-5","feedback":null,"created_at":"2025-06-10T09:30:00.012Z"}}
           *
           *     id: 17
           *     event: message.delta
           *     data: {"message_id":"9a2e4b7c-1d3f-4e5a-8b6c-7d8e9f0a1b22","text":"Here are 3 ideas:"}
           *
           *     : ping
           *
           *     id: 56
           *     event: message.delta
           *     data: {"message_id":"9a2e4b7c-1d3f-4e5a-8b6c-7d8e9f0a1b22","text":" a day in the life, a gear tour, a Q&A."}
           *
           *     id: 56:end
           *     event: message.completed
           *     data: {"message":{"id":"9a2e4b7c-1d3f-4e5a-8b6c-7d8e9f0a1b22","session_id":"3b6d0c52-4f1e-4a7b-9d2c-8e5f6a7b8c90","parent_id":"7c1f6f0e-8a41-4d35-9a3c-3f1d2b9e0a11","sibling_ids":["9a2e4b7c-1d3f-4e5a-8b6c-7d8e9f0a1b22"],"role":"assistant","content":"Here are 3 ideas: a day in the life, a gear tour, a Q&A.","status":"complete","tokens":14,"latency_ms":1840,"client_message_id":null,"model":"claude-sonnet-5-5","feedback":null,"created_at":"2025-06-10T09:30:00.012Z"}}
           */
          'text/event-stream; charset=utf-8': components['schemas']['ReplyStream'];
        };
      };
      /**
       * @description Both messages (when not streaming): the assistant message is `complete` (or, for a
       *     repeat of a reply that was stopped, `stopped`).
       */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SendResult'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      408: components['responses']['RequestTimeout'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['SendRefused'];
      500: components['responses']['Internal'];
      502: components['responses']['UpstreamError'];
      503: components['responses']['UpstreamUnavailable'];
    };
  };
  listMessages: {
    parameters: {
      query?: {
        /** @description How many messages at most. */
        limit?: components['parameters']['MessagesLimit'];
        /**
         * @description The id of a message of this session; only its ancestors (the older messages of its
         *     branch) are returned.
         */
        before?: string;
        /**
         * @description The id of a message of this session: read the branch through it (down to its newest
         *     descendant) instead of the current branch. The session is not changed.
         */
        leaf?: string;
      };
      header?: never;
      path: {
        /** @description The session whose history to read. */
        session_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of history. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessagePage'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  stopReply: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The message after stopping (or unchanged). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Message'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  followReply: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The `id:` of the last event the client received.
         * @example 128
         */
        'Last-Event-ID'?: string;
      };
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The reply's stream (see `components.schemas.ReplyStream`). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Cache-Control': components['headers']['Cache-Control-No-Transform'];
          'X-Accel-Buffering': components['headers']['X-Accel-Buffering'];
          [name: string]: unknown;
        };
        content: {
          'text/event-stream; charset=utf-8': components['schemas']['ReplyStream'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyStreams'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  regenerateReply: {
    parameters: {
      query?: {
        /** @description `true` streams the reply as SSE; `false` answers JSON even if `Accept` asks for a stream. */
        stream?: boolean;
      };
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RegenerateRequest'];
      };
    };
    responses: {
      /**
       * @description The new reply as a Server-Sent Events stream (when streaming), as for a send. See
       *     `components.schemas.ReplyStream`.
       */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Cache-Control': components['headers']['Cache-Control-No-Transform'];
          'X-Accel-Buffering': components['headers']['X-Accel-Buffering'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'text/event-stream; charset=utf-8': components['schemas']['ReplyStream'];
        };
      };
      /** @description The existing user message and the new reply (when not streaming). */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SendResult'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      408: components['responses']['RequestTimeout'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['SendRefused'];
      500: components['responses']['Internal'];
      502: components['responses']['UpstreamError'];
      503: components['responses']['UpstreamUnavailable'];
    };
  };
  setFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FeedbackRequest'];
      };
    };
    responses: {
      /** @description The rated message, its `feedback` set. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Message'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      408: components['responses']['RequestTimeout'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  clearFeedback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed (or there was none). */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  forkSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ForkSessionRequest'];
      };
    };
    responses: {
      /** @description The new session. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      408: components['responses']['RequestTimeout'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManySessions'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  searchSessions: {
    parameters: {
      query: {
        q: string;
        /**
         * @description Only sessions of this mode. Any string of 1–64 characters is accepted (a mode that no
         *     session has simply matches none); longer answers 400.
         */
        mode?: components['parameters']['ModeFilter'];
        /** @description Only sessions with this status; any other value answers 400. */
        status?: components['parameters']['StatusFilter'];
        from?: string;
        to?: string;
        /** @description Page size. */
        limit?: number;
        /** @description `next_cursor` of the previous page; opaque. An undecodable cursor answers 400. */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of results. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchPage'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManySearches'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  exportSession: {
    parameters: {
      query?: {
        format?: 'md' | 'txt' | 'json' | 'pdf';
        /** @description `current` (the branch shown) or `all` (the whole tree; `json` only). */
        branches?: 'current' | 'all';
      };
      header?: never;
      path: {
        /** @description The session's id. */
        id: components['parameters']['SessionIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The conversation as a file. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          /** @description `attachment; filename="<title>.<ext>"` (and `filename*` when the title is not ASCII). */
          'Content-Disposition'?: string;
          [name: string]: unknown;
        };
        content: {
          'text/markdown': string;
          'text/plain': string;
          'application/json': components['schemas']['SessionExport'];
          'application/pdf': string;
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyExports'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  uploadAttachment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** Format: binary */
          file: string;
        };
      };
    };
    responses: {
      /** @description Stored. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Attachment'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      408: components['responses']['RequestTimeout'];
      413: components['responses']['AttachmentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['SendRefused'];
      500: components['responses']['Internal'];
      503: components['responses']['Overloaded'];
    };
  };
  getAttachment: {
    parameters: {
      query?: {
        variant?: 'original' | 'thumbnail';
      };
      header?: never;
      path: {
        attachment_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bytes. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Content-Disposition'?: string;
          'Content-Security-Policy'?: 'sandbox';
          [name: string]: unknown;
        };
        content: {
          'image/png': string;
          'image/jpeg': string;
          'image/gif': string;
          'image/webp': string;
          'application/pdf': string;
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  getGuestChallenge: {
    parameters: {
      query: {
        /**
         * @description The site's public key.
         * @example pk_dev
         */
        site_key: string;
      };
      header?: {
        /**
         * @description The page's origin, set by the browser; must be on the site's allow-list.
         * @example https://creator.example.com
         */
        Origin?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A challenge, never cached (`Cache-Control: no-store`). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GuestChallenge'];
        };
      };
      400: components['responses']['InvalidRequest'];
      403: components['responses']['Forbidden'];
      500: components['responses']['Internal'];
    };
  };
  adminSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminSession'];
        };
      };
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminSignIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AdminSignInRequest'];
      };
    };
    responses: {
      /** @description Signed in; `Set-Cookie` carries the session. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          /** @description `repruv_operator=…; Path=/; HttpOnly; SameSite=Strict; Expires=…` (and `Secure`). */
          'Set-Cookie'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminSession'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      408: components['responses']['RequestTimeout'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManySignIns'];
      500: components['responses']['Internal'];
    };
  };
  adminSignOut: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out. */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      500: components['responses']['Internal'];
    };
  };
  adminListSites: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The sites. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['AdminSite'][];
          };
        };
      };
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminCreateSite: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AdminSiteCreate'];
      };
    };
    responses: {
      /** @description The site, with its identity secret. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminSite'] & {
            /** @description Shown once; the host signs user ids with it (`user_hash`). */
            identity_secret: string;
          };
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      413: components['responses']['PayloadTooLarge'];
      500: components['responses']['Internal'];
    };
  };
  adminGetSite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The site's id. */
        id: components['parameters']['SiteIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The site, as the database has it now. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminSite'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  adminUpdateSite: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path: {
        /** @description The site's id. */
        id: components['parameters']['SiteIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AdminSiteUpdate'];
      };
    };
    responses: {
      /** @description The changed site. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AdminSite'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      500: components['responses']['Internal'];
    };
  };
  adminRotateSiteSecret: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path: {
        /** @description The site's id. */
        id: components['parameters']['SiteIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The new secret. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            identity_secret: string;
          };
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  adminListPersonas: {
    parameters: {
      query?: {
        /** @description `global`: the global ones only; a site's id: that site's own only. */
        site_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The personas. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Persona'][];
          };
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminCreatePersona: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PersonaCreate'];
      };
    };
    responses: {
      /** @description The new persona. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Persona'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      500: components['responses']['Internal'];
    };
  };
  adminGetPersona: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The persona's id. */
        id: components['parameters']['PersonaIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The persona. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Persona'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  adminDeletePersona: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path: {
        /** @description The persona's id. */
        id: components['parameters']['PersonaIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      500: components['responses']['Internal'];
    };
  };
  adminUpdatePersona: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path: {
        /** @description The persona's id. */
        id: components['parameters']['PersonaIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PersonaUpdate'];
      };
    };
    responses: {
      /** @description The changed persona. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Persona'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      500: components['responses']['Internal'];
    };
  };
  adminListExperiments: {
    parameters: {
      query?: {
        persona_id?: string;
        status?: 'running' | 'stopped';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The experiments. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Experiment'][];
          };
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminCreateExperiment: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExperimentCreate'];
      };
    };
    responses: {
      /** @description The running experiment. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Experiment'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      500: components['responses']['Internal'];
    };
  };
  adminGetExperiment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The experiment. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Experiment'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  adminExperimentResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The results. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExperimentResults'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  adminStopExperiment: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stopped experiment. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Experiment'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      500: components['responses']['Internal'];
    };
  };
  adminPromoteVariant: {
    parameters: {
      query?: never;
      header: {
        /** @description The `csrf_token` of the operator's session (`GET /api/v1/admin/session`). */
        'X-CSRF-Token': components['parameters']['CsrfTokenHeader'];
      };
      path: {
        /** @description The experiment's id. */
        id: components['parameters']['ExperimentIdPath'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PromoteVariantRequest'];
      };
    };
    responses: {
      /** @description The stopped experiment, with its winner. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Experiment'];
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      403: components['responses']['CrossSiteRefused'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      500: components['responses']['Internal'];
    };
  };
  adminAnalyticsOverview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The figures. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            today: components['schemas']['UsageTotals'];
            yesterday: components['schemas']['UsageTotals'];
            month_to_date_cost_usd: number;
          };
        };
      };
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminAnalyticsUsage: {
    parameters: {
      query?: {
        /** @description The first day, YYYY-MM-DD (default 29 days before `to`). */
        from?: string;
        /** @description The last day, YYYY-MM-DD (default today, UTC). At most 366 days in all. */
        to?: string;
        /**
         * @description One site's sessions only (without it, every site's and the host's own). Any id is a
         *     filter: a site removed since keeps its history, and an id no site had finds nothing.
         */
        site_id?: components['parameters']['AnalyticsSite'];
        group_by?: 'none' | 'model' | 'site';
        format?: 'json' | 'csv';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rows. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @enum {string} */
            group_by: 'none' | 'model' | 'site';
            /** Format: uuid */
            site_id: string | null;
            data: components['schemas']['UsageDay'][];
          };
          'text/csv': string;
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminAnalyticsActivity: {
    parameters: {
      query?: {
        /** @description The first day, YYYY-MM-DD (default 29 days before `to`). */
        from?: components['parameters']['AnalyticsFrom'];
        /** @description The last day, YYYY-MM-DD (default today, UTC). At most 366 days in all. */
        to?: components['parameters']['AnalyticsTo'];
        /**
         * @description One site's sessions only (without it, every site's and the host's own). Any id is a
         *     filter: a site removed since keeps its history, and an id no site had finds nothing.
         */
        site_id?: components['parameters']['AnalyticsSite'];
        format?: components['parameters']['AnalyticsFormat'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The days. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** Format: uuid */
            site_id: string | null;
            /**
             * Format: date-time
             * @description When the rollup job last ran (every minute); null before its first run.
             */
            figures_as_of: string | null;
            data: components['schemas']['ActivityDay'][];
            totals: components['schemas']['ActivityFigures'];
          };
          'text/csv': string;
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminAnalyticsQuestions: {
    parameters: {
      query?: {
        /** @description The first day, YYYY-MM-DD (default 29 days before `to`). */
        from?: components['parameters']['AnalyticsFrom'];
        /** @description The last day, YYYY-MM-DD (default today, UTC). At most 366 days in all. */
        to?: components['parameters']['AnalyticsTo'];
        /**
         * @description One site's sessions only (without it, every site's and the host's own). Any id is a
         *     filter: a site removed since keeps its history, and an id no site had finds nothing.
         */
        site_id?: components['parameters']['AnalyticsSite'];
        limit?: number;
        format?: components['parameters']['AnalyticsFormat'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The groups. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** Format: uuid */
            site_id: string | null;
            /**
             * Format: date-time
             * @description When the rollup job last ran (every minute); null before its first run.
             */
            figures_as_of: string | null;
            /** @description Sessions with a first question in the range (and on the site). */
            total_sessions: number;
            data: components['schemas']['PopularQuestion'][];
          };
          'text/csv': string;
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminListFeedback: {
    parameters: {
      query?: {
        rating?: 'up' | 'down';
        /** @description Ratings that carry this tag. */
        tag?: string;
        mode?: string;
        site_id?: string;
        persona_id?: string;
        variant_id?: string;
        /** @description Rated (or last re-rated) at or after this instant. */
        from?: string;
        /** @description … and before this one. */
        to?: string;
        limit?: number;
        /** @description `next_cursor` of the page before. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of rated replies. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['AdminFeedback'][];
            next_cursor: string | null;
          };
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminExportFeedback: {
    parameters: {
      query?: {
        rating?: 'up' | 'down';
        /** @description Ratings that carry this tag. */
        tag?: string;
        mode?: string;
        site_id?: string;
        persona_id?: string;
        variant_id?: string;
        /** @description Rated (or last re-rated) at or after this instant. */
        from?: string;
        /** @description … and before this one. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JSON Lines, as a download (`repruv-feedback-<date>.jsonl`). */
      200: {
        headers: {
          'Content-Disposition'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/x-ndjson': string;
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      500: components['responses']['Internal'];
    };
  };
  adminFeedbackConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The assistant message (the reply) concerned. */
        message_id: components['parameters']['MessageIdPath'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The messages. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              /** @enum {string} */
              role: 'user' | 'assistant';
              content: string;
            }[];
          };
        };
      };
      400: components['responses']['InvalidRequest'];
      401: components['responses']['OperatorUnauthorized'];
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  getSiteConfig: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The site's public key. */
        site_key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The site's config. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SiteConfig'];
        };
      };
      404: components['responses']['NotFound'];
      500: components['responses']['Internal'];
    };
  };
  createGuestToken: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description The page's origin, set by the browser; must be on the site's allow-list.
         * @example https://creator.example.com
         */
        Origin: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GuestTokenRequest'];
      };
    };
    responses: {
      /** @description A guest token. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GuestToken'];
        };
      };
      400: components['responses']['InvalidRequest'];
      /**
       * @description `unauthorized`: `user_hash` missing or not matching `user_id`, or the site requires
       *     a verified user and none was given. `challenge_required`: the site asks for proof
       *     of work and `challenge_solution` is missing, wrong, expired, for another site or
       *     used already; get a new challenge from `GET /api/v1/auth/challenge`.
       */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "challenge_required",
           *         "message": "This site asks for proof of work: solve GET /api/v1/auth/challenge?site_key=pk_live_1 and send the solution as challenge_solution."
           *       },
           *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
           *     }
           */
          'application/json': components['schemas']['Error'] & {
            error?: {
              /** @enum {unknown} */
              code?: 'unauthorized' | 'challenge_required';
            };
          };
        };
      };
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      /**
       * @description `rate_limited`: this client address (`GUEST_TOKENS_PER_IP_PER_MINUTE`) or this site
       *     (`GUEST_TOKENS_PER_SITE_PER_MINUTE`) got its guest tokens for the minute; the
       *     message names which, and the answer comes after a pause of 150–350 ms. Retry after
       *     `Retry-After` seconds.
       */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "rate_limited",
           *         "message": "Too many guest tokens from this address (at most 10 a minute); retry in 42 s."
           *       },
           *       "request_id": "01J9ZQ4T6V8K2M3N4P5Q6R7S8T"
           *     }
           */
          'application/json': components['schemas']['Error'] & {
            error?: {
              /** @constant */
              code?: 'rate_limited';
            };
          };
        };
      };
      500: components['responses']['Internal'];
    };
  };
}
