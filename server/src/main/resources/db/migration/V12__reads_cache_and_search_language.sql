-- Reads (V10-V19).
-- The version of cached reads includes the messages enrichment has processed, summed over the conversation's
-- imports on each metadata load: that sum must not scan every import.
CREATE INDEX imports_conversation ON imports (conversation_id);

-- Search in the language of each message: the indexer detects it and stores the text search configuration it used
-- (english, german, ... or simple when undetermined), and queries check each row with its own configuration.
-- Rows indexed before this column existed were indexed with 'simple'.
ALTER TABLE message_search ADD COLUMN config regconfig NOT NULL DEFAULT 'simple';
-- per-row now; the per-conversation setting was never set to anything but 'simple'
ALTER TABLE search_progress DROP COLUMN config;
