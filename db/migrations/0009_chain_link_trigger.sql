DROP INDEX `ledger_entries_prev_hash_unique`;--> statement-breakpoint
DROP INDEX `ledger_entries_hash_unique`;--> statement-breakpoint
-- An entry extends the chain or is refused: the next id after the head, linked to the head's hash
-- (the genesis hash for the first). Stronger than the unique indexes it replaces (they allowed an
-- entry linked to a wrong hash, as long as no other entry had used it) and cheaper: it reads the
-- head, the last page of the table, instead of writing two random index pages.
CREATE TRIGGER ledger_entries_extend_chain BEFORE INSERT ON ledger_entries
WHEN NEW.id IS NOT coalesce((SELECT max(id) FROM ledger_entries), 0) + 1
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM ledger_entries WHERE id = NEW.id - 1), '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'a ledger entry must extend the chain: id = head + 1 and prev_hash = the head''s hash'); END;
