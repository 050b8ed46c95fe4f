-- A request's timeline is history: never rewritten or removed.
CREATE TRIGGER service_request_events_no_update BEFORE UPDATE ON service_request_events
BEGIN SELECT RAISE(ABORT, 'service_request_events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER service_request_events_no_delete BEFORE DELETE ON service_request_events
BEGIN SELECT RAISE(ABORT, 'service_request_events are append-only'); END;
--> statement-breakpoint
-- A decided award batch (applied or rejected) is the record of what was approved: frozen.
CREATE TRIGGER award_batches_decided_frozen BEFORE UPDATE ON award_batches WHEN OLD.status <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a decided award batch cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER award_batches_no_delete BEFORE DELETE ON award_batches
BEGIN SELECT RAISE(ABORT, 'award batches are kept'); END;
--> statement-breakpoint
-- A batch line is written once; the only later change is naming its award entry, once.
CREATE TRIGGER award_batch_lines_entry_once BEFORE UPDATE ON award_batch_lines
WHEN OLD.entry_id IS NOT NULL OR NEW.batch_id IS NOT OLD.batch_id OR NEW.resident_id IS NOT OLD.resident_id OR NEW.points IS NOT OLD.points OR NEW.hours IS NOT OLD.hours OR NEW.memo IS NOT OLD.memo
BEGIN SELECT RAISE(ABORT, 'award batch lines only gain their entry id, once'); END;
--> statement-breakpoint
CREATE TRIGGER award_batch_lines_no_delete BEFORE DELETE ON award_batch_lines
BEGIN SELECT RAISE(ABORT, 'award batch lines are kept'); END;
