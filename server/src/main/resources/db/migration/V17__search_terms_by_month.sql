-- Reads (V10-V19). When in a conversation its messages that hold each lexeme were sent: per calendar month (UTC),
-- how many, the first and the last, kept by the search indexer with search_terms in the same transaction. Search by
-- rank plans the day since which a word's newest matches fill its candidates from these counts: planned from the
-- word's average rate instead (search_terms), the day had to allow for a word used half as often recently, and read
-- twice the candidates' rows; the months show where the newest matches are, and it reads a quarter more (see
-- docs/performance.md, "Reads, twelfth round"). Rows indexed before this table existed are counted here (26 s for
-- 5M indexed messages on the benchmark machine).
CREATE TABLE search_term_months (
    conversation_id uuid        NOT NULL,
    lexeme          text        NOT NULL,
    month           timestamptz NOT NULL,
    matches         bigint      NOT NULL,
    first_sent_at   timestamptz NOT NULL,
    last_sent_at    timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, lexeme, month)
);

INSERT INTO search_term_months (conversation_id, lexeme, month, matches, first_sent_at, last_sent_at)
SELECT s.conversation_id, t.lexeme, date_trunc('month', s.sent_at, 'UTC'), count(*), min(s.sent_at), max(s.sent_at)
FROM message_search s, unnest(s.tsv) AS t
GROUP BY s.conversation_id, t.lexeme, date_trunc('month', s.sent_at, 'UTC');
