-- MessageRepository.page: a keyset page of 50 (+1) after one of 500 positions spread over the whole conversation,
-- as many as the HTTP scenario's cursors, so both keep the same pages of the table in use (with every position
-- random, pgbench read from disk what the HTTP run found cached: the guest's page cache holds ~1 GB of 3.5 GB)
\set o (:maxo / 500) * random(0, 499)
SELECT c.id AS conversation_id, m.ordinal, m.local_time, m.sent_at, m.sender, m.kind, m.body, m.edited,
       m.extra::text AS extra,
       (SELECT json_build_object('score', e.sentiment_score, 'label', e.sentiment_label, 'model', e.sentiment_model)::text
          FROM message_enrichment e
         WHERE e.conversation_id = m.conversation_id AND e.ordinal = m.ordinal AND e.sentiment_status = 'SCORED') AS sentiment,
       (SELECT json_agg(json_build_object('url', l.url, 'title', p.title, 'description', p.description,
                                          'siteName', p.site_name, 'imageUrl', p.image_url) ORDER BY l.position)::text
          FROM message_links l LEFT JOIN link_previews p ON p.url = l.url AND p.status = 'OK'
         WHERE l.conversation_id = m.conversation_id AND l.ordinal = m.ordinal) AS links
FROM conversations c LEFT JOIN LATERAL (SELECT * FROM messages m
  WHERE m.conversation_id = c.id AND m.ordinal < c.message_count
    AND (m.sent_at, m.ordinal) > (to_timestamp(1577836800 + :o * 20), :o)
  ORDER BY m.sent_at ASC, m.ordinal ASC LIMIT 51) m ON true
WHERE c.id = :conversation AND c.owner_id = 'local' AND c.visible
ORDER BY m.sent_at ASC, m.ordinal ASC;
