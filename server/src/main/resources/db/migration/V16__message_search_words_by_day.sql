-- Reads (V10-V19). Search by rank ranks the newest matches of a word; for a word in 2% of a 5M-message conversation
-- those were found by walking the newest 25,000 rows and checking each one's tsv: 30 ms a search, CPU-bound at
-- ~70 searches/s on 2 cores. With the day of each row in the GIN index, "the word's matches since day D" is one index
-- scan that reads only those matches' rows (3 ms; see docs/performance.md, "Reads, seventh round"). The day replaces
-- no column: the index adds it to the (conversation_id, tsv) index it replaces, at no extra size (37 MB against 38
-- MB for 5M rows); searches without a day use the other two columns as before. date_bin is immutable; the origin is
-- fixed, and SearchRepository.day writes the same expression.
CREATE INDEX message_search_tsv_by_day ON message_search
    USING gin (conversation_id, date_bin('1 day', sent_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), tsv);
DROP INDEX message_search_tsv;
