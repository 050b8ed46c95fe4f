-- Guards for writes decided on facts read in an earlier round trip (db/remote.ts: on a remote
-- database a points-moving write reads first, outside any transaction, then sends all its writes in
-- one batch). Each fact its writes depend on is re-checked inside that batch by inserting whether it
-- still holds: `insert into write_guard (ok) select <condition>`. A fact that changed refuses the
-- whole batch, and the write runs again from its reads. A view with an INSTEAD OF trigger stores
-- nothing. On the embedded file, whose writes read under the write lock, every guard holds.
CREATE VIEW `write_guard` AS SELECT NULL AS ok WHERE 0;--> statement-breakpoint
CREATE TRIGGER write_guard_check INSTEAD OF INSERT ON write_guard
WHEN NEW.ok IS NOT 1
BEGIN SELECT RAISE(ABORT, 'write_guard: a fact this write read has changed'); END;--> statement-breakpoint
-- A one-time code is used once: the update that marks it is refused, whatever read found it unused.
CREATE TRIGGER redeem_codes_used_once BEFORE UPDATE OF used_at ON redeem_codes
WHEN OLD.used_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a redeem code is used once'); END;
