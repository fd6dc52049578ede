-- Reads (V10-V19). How many indexed messages of each conversation hold each lexeme (its document frequency), kept
-- by the search indexer in the transaction that indexes the messages. Newest-first search in one conversation plans
-- with it: a rare word goes straight to its matches through the GIN index, a frequent one checks as many of the newest
-- rows as a page needs. Without it a word in 2% of a 5M-message conversation was collected through the GIN index
-- and sorted: 1.5 s (see docs/performance.md). Rows indexed before this table existed are counted here.
CREATE TABLE search_terms (
    conversation_id uuid   NOT NULL,
    lexeme          text   NOT NULL,
    matches         bigint NOT NULL,
    PRIMARY KEY (conversation_id, lexeme)
);

INSERT INTO search_terms (conversation_id, lexeme, matches)
SELECT s.conversation_id, t.lexeme, count(*)
FROM message_search s, unnest(s.tsv) AS t
GROUP BY s.conversation_id, t.lexeme;
