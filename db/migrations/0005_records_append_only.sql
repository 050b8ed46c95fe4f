-- The audit log and follow-up timelines are history: never rewritten.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER followup_updates_no_update BEFORE UPDATE ON followup_updates BEGIN SELECT RAISE(ABORT, 'followup_updates are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER followup_updates_no_delete BEFORE DELETE ON followup_updates BEGIN SELECT RAISE(ABORT, 'followup_updates are append-only'); END;
--> statement-breakpoint
-- Published money records are never edited or removed: a correction is a new entry in `corrections`.
-- (Only the publication columns may change, and only from draft to published.)
CREATE TRIGGER donations_published_frozen BEFORE UPDATE ON donations WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published donation cannot be edited; add a correction'); END;
--> statement-breakpoint
CREATE TRIGGER incomes_published_frozen BEFORE UPDATE ON incomes WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published income cannot be edited; add a correction'); END;
--> statement-breakpoint
CREATE TRIGGER expenses_published_frozen BEFORE UPDATE ON expenses WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published expense cannot be edited; add a correction'); END;
--> statement-breakpoint
CREATE TRIGGER corrections_published_frozen BEFORE UPDATE ON corrections WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published correction cannot be edited'); END;
--> statement-breakpoint
CREATE TRIGGER donations_published_kept BEFORE DELETE ON donations WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published donation cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER incomes_published_kept BEFORE DELETE ON incomes WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published income cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER expenses_published_kept BEFORE DELETE ON expenses WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published expense cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER corrections_published_kept BEFORE DELETE ON corrections WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published correction cannot be deleted'); END;
