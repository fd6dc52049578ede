-- Reads (V10-V19). Instance-wide settings, e.g. the key that signs pagination cursors, so cursors stay valid across
-- restarts and across instances that share the database.
CREATE TABLE settings (
    name       text        PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Full-text search data, built asynchronously by the search indexer from the visible messages of each conversation
-- (a stored tsvector + GIN on messages itself cut COPY throughput about 3x; see docs/architecture.md).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE message_search (
    conversation_id uuid        NOT NULL,
    ordinal         bigint      NOT NULL,
    sent_at         timestamptz NOT NULL,
    sender          text,
    tsv             tsvector    NOT NULL,
    PRIMARY KEY (conversation_id, ordinal)
);
-- per-conversation search: the conversation id inside the GIN (btree_gin) keeps common words cheap
CREATE INDEX message_search_tsv ON message_search USING gin (conversation_id, tsv);
-- names and short tokens: trigram similarity on senders
CREATE INDEX message_search_sender_trgm ON message_search USING gin (sender gin_trgm_ops);

-- How far the indexer has come per conversation: ordinals below indexed_count are in message_search.
CREATE TABLE search_progress (
    conversation_id uuid        PRIMARY KEY,
    -- text search configuration used for this conversation; 'simple' until the importer records a language
    config          regconfig   NOT NULL DEFAULT 'simple',
    indexed_count   bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
