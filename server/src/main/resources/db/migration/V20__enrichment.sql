-- Enrichment results (docs/events.md, parley.enrichments.v1). One row per enriched message; written by the
-- parley-enrich consumer with INSERT ... ON CONFLICT DO NOTHING, so a redelivered record changes nothing.

CREATE TABLE message_enrichment (
    conversation_id  uuid        NOT NULL,
    ordinal          bigint      NOT NULL,
    import_id        uuid,
    -- SCORED: score/label are set; UNSCORED: not scored on purpose (no text, or a language the model lacks)
    sentiment_status text        NOT NULL,
    -- in [-1, 1]; null when UNSCORED
    sentiment_score  real,
    -- positive / negative / neutral (or the remote model's label); null when UNSCORED
    sentiment_label  text,
    -- analyzer or remote model, e.g. vader-3.3-en
    sentiment_model  text        NOT NULL,
    -- detected language (ISO 639-1, und-Xxxx for a non-Latin script, und when undetermined); null when unknown
    language         text,
    -- no-text / language, when UNSCORED
    unscored_reason  text,
    enriched_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, ordinal)
);

-- The URLs of a message, in the order they appear in its text; previews are in link_previews by url.
CREATE TABLE message_links (
    conversation_id uuid   NOT NULL,
    ordinal         bigint NOT NULL,
    position        int    NOT NULL,
    url             text   NOT NULL,
    PRIMARY KEY (conversation_id, ordinal, position)
);
CREATE INDEX message_links_url ON message_links (url);

-- One row per URL ever seen: a URL is fetched at most once. PENDING rows are claimed by a preview worker
-- (FETCHING, with claimed_at so a crashed worker's claim expires); every other status is final.
CREATE TABLE link_previews (
    url          text        PRIMARY KEY,
    -- PENDING, FETCHING, OK, REFUSED (SSRF guard or scheme), NOT_HTML, TOO_LARGE, HTTP_ERROR, FAILED
    status       text        NOT NULL,
    title        text,
    description  text,
    site_name    text,
    image_url    text,
    http_status  int,
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    claimed_at   timestamptz,
    fetched_at   timestamptz
);
CREATE INDEX link_previews_pending ON link_previews (created_at) WHERE status IN ('PENDING', 'FETCHING');
