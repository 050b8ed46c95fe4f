CREATE TABLE `recipient_lookups` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recipient_lookups_user_at` ON `recipient_lookups` (`user_id`,`at`);--> statement-breakpoint
ALTER TABLE `login_attempts` ADD `address` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_attempts_address_at` ON `login_attempts` (`address`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_at` ON `login_attempts` (`at`);