CREATE TABLE `pool_grants` (
	`id` integer PRIMARY KEY NOT NULL,
	`to_resident_id` integer,
	`activity_id` integer,
	`recipients` text NOT NULL,
	`points` integer NOT NULL,
	`total_points` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decision_note` text,
	`entry_id` integer,
	FOREIGN KEY (`to_resident_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pool_grants_status_check" CHECK("pool_grants"."status" in ('pending','applied','rejected')),
	CONSTRAINT "pool_grants_target" CHECK(("pool_grants"."to_resident_id" is null) <> ("pool_grants"."activity_id" is null)),
	CONSTRAINT "pool_grants_points" CHECK("pool_grants"."points" > 0 and "pool_grants"."total_points" > 0)
);
--> statement-breakpoint
CREATE INDEX `pool_grants_status` ON `pool_grants` (`status`,`id`);--> statement-breakpoint
-- hand-written
-- A decided pool grant (applied or rejected) is the record of what was approved: frozen, and kept.
CREATE TRIGGER pool_grants_decided_frozen BEFORE UPDATE ON pool_grants WHEN OLD.status <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a decided pool grant cannot be changed'); END;
--> statement-breakpoint
-- While pending, only the decision may be written: what was asked stays as it was asked.
CREATE TRIGGER pool_grants_request_fixed BEFORE UPDATE ON pool_grants
WHEN NEW.to_resident_id IS NOT OLD.to_resident_id OR NEW.activity_id IS NOT OLD.activity_id OR NEW.recipients IS NOT OLD.recipients OR NEW.points IS NOT OLD.points OR NEW.total_points IS NOT OLD.total_points OR NEW.reason IS NOT OLD.reason OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'a pool grant request cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER pool_grants_no_delete BEFORE DELETE ON pool_grants
BEGIN SELECT RAISE(ABORT, 'pool grants are kept'); END;
