-- Newest-first search for common words: walking these indexes backwards and checking tsv per row stops after one
-- page, where the GIN bitmap would collect and sort every match (1M-row conversation, a word in 20% of messages:
-- ~300 ms with the GIN plan, under 1 ms with a backward scan; PostgreSQL 15, see docs/performance.md). Rare words
-- still use the GIN index. Maintained by the asynchronous search indexer only, never by imports.
CREATE INDEX message_search_conversation_newest ON message_search (conversation_id, sent_at, ordinal);
CREATE INDEX message_search_newest ON message_search (sent_at, conversation_id, ordinal);
