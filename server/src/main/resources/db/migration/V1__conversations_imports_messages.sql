-- Parley's core schema. Every conversation and import has an owner, and every query takes it, so authentication
-- can arrive later without reshaping anything. One default owner ('local') for now.

CREATE TABLE conversations (
    id                uuid        PRIMARY KEY,
    owner_id          text        NOT NULL,
    title             text        NOT NULL,
    source_format     text        NOT NULL,
    -- hash of (local time, sender, text) of the first message: how a later export of the same chat finds it
    first_message_key text,
    -- messages with ordinal < message_count are visible; rows of an import still running sit above it
    message_count     bigint      NOT NULL DEFAULT 0,
    first_sent_at     timestamptz,
    last_sent_at      timestamptz,
    participants      text[]      NOT NULL DEFAULT '{}',
    -- false until the first import of the conversation completes: no half conversation is ever listed
    visible           boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_owner_page ON conversations (owner_id, created_at DESC, id DESC);
CREATE INDEX conversations_owner_first_message ON conversations (owner_id, first_message_key);

CREATE TABLE imports (
    id                  uuid        PRIMARY KEY,
    owner_id            text        NOT NULL,
    conversation_id     uuid        NOT NULL,
    file_name           text        NOT NULL,
    size_bytes          bigint,
    options             jsonb       NOT NULL,
    -- RECEIVING, PROCESSING, COMPLETED, FAILED, CANCELLED
    status              text        NOT NULL,
    sha256              text,
    bytes_received      bigint      NOT NULL DEFAULT 0,
    messages_parsed     bigint      NOT NULL DEFAULT 0,
    -- messages this import adds to its conversation (fewer than parsed when it overlaps an earlier export)
    messages_new        bigint,
    messages_published  bigint      NOT NULL DEFAULT 0,
    messages_stored     bigint      NOT NULL DEFAULT 0,
    messages_enriched   bigint      NOT NULL DEFAULT 0,
    -- the new messages take ordinals [first_ordinal, first_ordinal + messages_new) of the conversation
    first_ordinal       bigint      NOT NULL DEFAULT 0,
    report              jsonb,
    problem             jsonb,
    -- bumped on every change; the SSE event id
    version             bigint      NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz
);
CREATE INDEX imports_owner_page ON imports (owner_id, created_at DESC, id DESC);
CREATE INDEX imports_owner_sha256 ON imports (owner_id, sha256) WHERE status = 'COMPLETED';

-- No foreign keys: they would slow the bulk inserts, and deletes go through conversation id + ordinal range.
CREATE TABLE messages (
    conversation_id uuid        NOT NULL,
    ordinal         bigint      NOT NULL,
    sent_at         timestamptz NOT NULL,
    local_time      timestamp   NOT NULL,
    sender          text,
    kind            text        NOT NULL,
    body            text,
    edited          boolean     NOT NULL DEFAULT false,
    -- kind-specific parts of the message JSON (attachment, poll, location, source/reply ids); null when none
    extra           jsonb,
    import_id       uuid        NOT NULL,
    PRIMARY KEY (conversation_id, ordinal)
);
-- keyset pagination on (sent_at, ordinal) within a conversation
CREATE INDEX messages_keyset ON messages (conversation_id, sent_at, ordinal);
