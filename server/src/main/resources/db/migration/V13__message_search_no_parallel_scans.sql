-- Reads (V10-V19). Search queries touch a few hundred rows of message_search at most; parallel workers cost more to
-- start than they save (a rare word on 5M rows: 48 ms with two workers, 10 ms without, PostgreSQL 17 on the loaded
-- 2-core machine), and the planner picks them because it cannot estimate the union of the per-language queries.
ALTER TABLE message_search SET (parallel_workers = 0);
