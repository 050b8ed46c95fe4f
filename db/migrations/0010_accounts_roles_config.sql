CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY NOT NULL,
	`team_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`joined_at` text NOT NULL,
	`left_at` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_team` ON `team_members` (`team_id`);--> statement-breakpoint
CREATE INDEX `team_members_resident` ON `team_members` (`resident_id`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`job` text NOT NULL,
	`period` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_job_period` ON `job_runs` (`job`,`period`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text,
	`must_change_password` integer DEFAULT false NOT NULL,
	CONSTRAINT "users_role" CHECK("__new_users"."role" in ('resident','merchant','staff','accountant','admin'))
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "login", "password_hash", "role", "display_name", "created_at") SELECT "id", "login", "password_hash", "role", "display_name", "created_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (`login`);--> statement-breakpoint
ALTER TABLE `merchants` ADD `opening_hours` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `merchants` ADD `suspended_at` text;--> statement-breakpoint
ALTER TABLE `merchants` ADD `suspended_reason` text;--> statement-breakpoint
ALTER TABLE `residents` ADD `moved_away_at` text;--> statement-breakpoint
ALTER TABLE `activities` ADD `points_per_hour` integer;--> statement-breakpoint
ALTER TABLE `activities` ADD `daily_cap` integer;--> statement-breakpoint
-- Existing activities keep the earning rule of their type as it stands now.
UPDATE `activities` SET `points_per_hour` = (SELECT `points_per_hour` FROM `activity_types` t WHERE t.`id` = `activities`.`type_id`), `daily_cap` = (SELECT `daily_cap` FROM `activity_types` t WHERE t.`id` = `activities`.`type_id`);--> statement-breakpoint
ALTER TABLE `activity_types` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `leader_id` integer REFERENCES users(id);