-- ConversationRepository.state: what a request for cached stats or a cached first page costs at most (the
-- conversation's metadata and version, read again once a second)
SELECT id, title, source_format, message_count, first_sent_at, last_sent_at, participants, created_at, updated_at,
       (SELECT coalesce(sum(i.messages_enriched), 0)::bigint FROM imports i WHERE i.conversation_id = :conversation) AS enriched
FROM conversations WHERE id = :conversation AND owner_id = 'local' AND visible;
