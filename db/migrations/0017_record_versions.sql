CREATE TABLE `record_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`record_id` integer NOT NULL,
	`version` integer NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`reason` text,
	`snapshot` text NOT NULL,
	`changed` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "record_versions_kind" CHECK("record_versions"."kind" in ('published','revised','withdrawn')),
	CONSTRAINT "record_versions_reason" CHECK("record_versions"."kind" = 'published' or length(trim("record_versions"."reason")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_versions_record_version` ON `record_versions` (`entity`,`record_id`,`version`);--> statement-breakpoint
CREATE INDEX `record_versions_at` ON `record_versions` (`at`);--> statement-breakpoint
-- Versions are history, like the ledger: never rewritten or removed.
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions BEGIN SELECT RAISE(ABORT, 'record_versions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER record_versions_no_delete BEFORE DELETE ON record_versions BEGIN SELECT RAISE(ABORT, 'record_versions are append-only'); END;
--> statement-breakpoint
-- A published money record changes only as its latest version says (written first, in the same
-- transaction), never in its amount or fund (those are corrected by a correction), and a
-- withdrawn one not at all.
DROP TRIGGER donations_published_frozen;--> statement-breakpoint
DROP TRIGGER donations_published_kept;--> statement-breakpoint
CREATE TRIGGER donations_published_frozen BEFORE UPDATE ON donations
WHEN OLD.status <> 'draft' AND (
  OLD.status = 'withdrawn' OR NEW.amount_fen IS NOT OLD.amount_fen OR NEW.fund_id IS NOT OLD.fund_id
  OR NOT EXISTS (SELECT 1 FROM record_versions v WHERE v.entity = 'donation' AND v.record_id = OLD.id AND v.kind <> 'published'
    AND json_extract(v.snapshot, '$.status') = NEW.status
    AND v.version = (SELECT max(w.version) FROM record_versions w WHERE w.entity = 'donation' AND w.record_id = OLD.id)))
BEGIN SELECT RAISE(ABORT, 'a published donation changes only by a new version (amounts by a correction)'); END;
--> statement-breakpoint
CREATE TRIGGER donations_published_kept BEFORE DELETE ON donations WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'a published donation cannot be deleted'); END;
--> statement-breakpoint
DROP TRIGGER incomes_published_frozen;--> statement-breakpoint
DROP TRIGGER incomes_published_kept;--> statement-breakpoint
CREATE TRIGGER incomes_published_frozen BEFORE UPDATE ON incomes
WHEN OLD.status <> 'draft' AND (
  OLD.status = 'withdrawn' OR NEW.amount_fen IS NOT OLD.amount_fen OR NEW.fund_id IS NOT OLD.fund_id
  OR NOT EXISTS (SELECT 1 FROM record_versions v WHERE v.entity = 'income' AND v.record_id = OLD.id AND v.kind <> 'published'
    AND json_extract(v.snapshot, '$.status') = NEW.status
    AND v.version = (SELECT max(w.version) FROM record_versions w WHERE w.entity = 'income' AND w.record_id = OLD.id)))
BEGIN SELECT RAISE(ABORT, 'a published income changes only by a new version (amounts by a correction)'); END;
--> statement-breakpoint
CREATE TRIGGER incomes_published_kept BEFORE DELETE ON incomes WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'a published income cannot be deleted'); END;
--> statement-breakpoint
DROP TRIGGER expenses_published_frozen;--> statement-breakpoint
DROP TRIGGER expenses_published_kept;--> statement-breakpoint
CREATE TRIGGER expenses_published_frozen BEFORE UPDATE ON expenses
WHEN OLD.status <> 'draft' AND (
  OLD.status = 'withdrawn' OR NEW.amount_fen IS NOT OLD.amount_fen OR NEW.fund_id IS NOT OLD.fund_id
  OR NOT EXISTS (SELECT 1 FROM record_versions v WHERE v.entity = 'expense' AND v.record_id = OLD.id AND v.kind <> 'published'
    AND json_extract(v.snapshot, '$.status') = NEW.status
    AND v.version = (SELECT max(w.version) FROM record_versions w WHERE w.entity = 'expense' AND w.record_id = OLD.id)))
BEGIN SELECT RAISE(ABORT, 'a published expense changes only by a new version (amounts by a correction)'); END;
--> statement-breakpoint
CREATE TRIGGER expenses_published_kept BEFORE DELETE ON expenses WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'a published expense cannot be deleted'); END;
