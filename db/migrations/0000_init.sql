CREATE TABLE `cards` (
	`card_no` text PRIMARY KEY NOT NULL,
	`resident_id` integer NOT NULL,
	`pin_hash` text NOT NULL,
	`failed_pins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`issued_at` text NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`user_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cards_resident_id_unique` ON `cards` (`resident_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY NOT NULL,
	`compound` text NOT NULL,
	`building` text NOT NULL,
	`unit` text NOT NULL,
	`door` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`at` text NOT NULL,
	`ok` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_login_at` ON `login_attempts` (`login`,`at`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`shop_name` text NOT NULL,
	`category` text NOT NULL,
	`address` text NOT NULL,
	`offer` text NOT NULL,
	`joined_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `residents` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`full_name` text NOT NULL,
	`phone` text,
	`household_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `residents_full_name` ON `residents` (`full_name`);--> statement-breakpoint
CREATE INDEX `residents_household` ON `residents` (`household_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "users_role" CHECK("users"."role" in ('resident','merchant','staff'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (`login`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`owner_id` integer,
	`balance` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "accounts_kind" CHECK("accounts"."kind" in ('resident','merchant','pool','issuance','expiry')),
	CONSTRAINT "accounts_not_negative" CHECK("accounts"."kind" = 'issuance' or "accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_owner` ON `accounts` (`owner_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`outcome` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`memo` text NOT NULL,
	`actor_id` integer,
	`activity_id` integer,
	`reverses_id` integer,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_kind" CHECK("ledger_entries"."kind" in ('award','redemption','transfer','donation','reversal','expiry'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_reverses_id_unique` ON `ledger_entries` (`reverses_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_prev_hash_unique` ON `ledger_entries` (`prev_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_hash_unique` ON `ledger_entries` (`hash`);--> statement-breakpoint
CREATE INDEX `ledger_entries_at` ON `ledger_entries` (`at`);--> statement-breakpoint
CREATE INDEX `ledger_entries_activity` ON `ledger_entries` (`activity_id`);--> statement-breakpoint
CREATE TABLE `postings` (
	`id` integer PRIMARY KEY NOT NULL,
	`entry_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`balance_after` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "postings_amount_nonzero" CHECK("postings"."amount" <> 0)
);
--> statement-breakpoint
CREATE INDEX `postings_account_entry` ON `postings` (`account_id`,`entry_id`);--> statement-breakpoint
CREATE INDEX `postings_entry` ON `postings` (`entry_id`);--> statement-breakpoint
CREATE TABLE `redeem_codes` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`resident_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`entry_id` integer,
	`revoked_at` text,
	FOREIGN KEY (`resident_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `redeem_codes_code` ON `redeem_codes` (`code`,`expires_at`);--> statement-breakpoint
CREATE INDEX `redeem_codes_resident` ON `redeem_codes` (`resident_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `activities` (
	`id` integer PRIMARY KEY NOT NULL,
	`type_id` integer NOT NULL,
	`team_id` integer,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`place` text NOT NULL,
	`hours` real NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`type_id`) REFERENCES `activity_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_date` ON `activities` (`date`);--> statement-breakpoint
CREATE TABLE `activity_types` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`points_per_hour` integer NOT NULL,
	`daily_cap` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_types_code_unique` ON `activity_types` (`code`);--> statement-breakpoint
CREATE TABLE `participations` (
	`activity_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`hours` real NOT NULL,
	`checked_in_at` text,
	`award_entry_id` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participations_activity_resident` ON `participations` (`activity_id`,`resident_id`);--> statement-breakpoint
CREATE INDEX `participations_resident` ON `participations` (`resident_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);