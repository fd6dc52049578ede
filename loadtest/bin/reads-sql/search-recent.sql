-- SearchRepository.search, newest first, in one conversation, 50 (+1) hits, step 1: the matches among the newest
-- rows, as many as the word's count in search_terms asks for (at least 2,000; none for a rare word); the page of hits
-- first, then their messages. The word is a parameter (-D word=...), as the server binds it.
SELECT h.conversation_id, h.title, ts_rank(h.tsv, h.own) AS rank,
       m.ordinal, m.local_time, m.sent_at, m.sender, m.kind, m.body, m.edited, m.extra::text AS extra,
       (SELECT json_build_object('score', e.sentiment_score, 'label', e.sentiment_label, 'model', e.sentiment_model)::text
          FROM message_enrichment e
         WHERE e.conversation_id = m.conversation_id AND e.ordinal = m.ordinal AND e.sentiment_status = 'SCORED') AS sentiment,
       (SELECT json_agg(json_build_object('url', l.url, 'title', p.title, 'description', p.description,
                                          'siteName', p.site_name, 'imageUrl', p.image_url) ORDER BY l.position)::text
          FROM message_links l LEFT JOIN link_previews p ON p.url = l.url AND p.status = 'OK'
         WHERE l.conversation_id = m.conversation_id AND l.ordinal = m.ordinal) AS links,
       ts_headline(h.config, m.body, h.own,
                   'StartSel=<b>, StopSel=</b>, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "') AS headline
FROM (SELECT s.conversation_id, c.title, s.ordinal, s.sent_at, s.config, (CASE s.config WHEN 'dutch'::regconfig THEN q.dutch WHEN 'english'::regconfig THEN q.english WHEN 'french'::regconfig THEN q.french WHEN 'german'::regconfig THEN q.german WHEN 'italian'::regconfig THEN q.italian WHEN 'portuguese'::regconfig THEN q.portuguese WHEN 'spanish'::regconfig THEN q.spanish ELSE q.simple END) AS own, s.tsv
        FROM (SELECT q.*, q.simple || q.dutch || q.english || q.french || q.german || q.italian || q.portuguese || q.spanish AS anyconfig
        FROM (SELECT websearch_to_tsquery('simple', :word) AS simple, websearch_to_tsquery('dutch', :word) AS dutch,
                     websearch_to_tsquery('english', :word) AS english, websearch_to_tsquery('french', :word) AS french,
                     websearch_to_tsquery('german', :word) AS german, websearch_to_tsquery('italian', :word) AS italian,
                     websearch_to_tsquery('portuguese', :word) AS portuguese, websearch_to_tsquery('spanish', :word) AS spanish) q OFFSET 0) q,
             LATERAL (SELECT s.* FROM (SELECT * FROM message_search s WHERE s.conversation_id = :conversation
               AND s.ordinal < (SELECT c.message_count FROM conversations c WHERE c.id = :conversation)
             ORDER BY s.sent_at DESC, s.ordinal DESC
             LIMIT (SELECT CAST(CASE WHEN strpos(CAST(websearch_to_tsquery('simple', :word) AS text), '!') > 0 THEN 2000 WHEN w.matches * w.matches <= CAST(51 AS bigint) * c.message_count THEN 0 ELSE greatest(2000, 2 * 51 * c.message_count / w.matches) END AS bigint)
               FROM conversations c, (SELECT coalesce(sum(t.matches), 0) AS matches FROM search_terms t WHERE t.conversation_id = :conversation AND t.lexeme IN
               (SELECT unnest(tsvector_to_array(to_tsvector(config, :word))) FROM unnest(CAST(ARRAY['simple', 'dutch', 'english', 'french', 'german', 'italian', 'portuguese', 'spanish'] AS regconfig[])) AS config)) w WHERE c.id = :conversation)) s
             WHERE s.tsv @@ q.anyconfig AND s.tsv @@ (CASE s.config WHEN 'dutch'::regconfig THEN q.dutch WHEN 'english'::regconfig THEN q.english WHEN 'french'::regconfig THEN q.french WHEN 'german'::regconfig THEN q.german WHEN 'italian'::regconfig THEN q.italian WHEN 'portuguese'::regconfig THEN q.portuguese WHEN 'spanish'::regconfig THEN q.spanish ELSE q.simple END)
             ORDER BY s.sent_at DESC, s.ordinal DESC LIMIT 51) s
        JOIN conversations c ON c.id = s.conversation_id
       WHERE c.owner_id = 'local' AND c.visible AND s.ordinal < c.message_count AND s.conversation_id = :conversation
       ORDER BY s.sent_at DESC, s.conversation_id DESC, s.ordinal DESC LIMIT 51) h
JOIN messages m ON m.conversation_id = h.conversation_id AND m.ordinal = h.ordinal
ORDER BY h.sent_at DESC, h.conversation_id DESC, h.ordinal DESC;
