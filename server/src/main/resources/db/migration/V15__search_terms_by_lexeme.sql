-- Reads (V10-V19). Newest-first search in one conversation collects a rare word's matches through the GIN index,
-- in every conversation or in this one only; it decides from how many messages of the other conversations hold the
-- word, summed from search_terms by lexeme (SearchRepository.everywhere).
CREATE INDEX search_terms_lexeme ON search_terms (lexeme);
