CREATE TABLE `card_guards` (
	`card_no` text PRIMARY KEY NOT NULL,
	`failed_pins` integer DEFAULT 0 NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `counter_blocks` (
	`id` integer PRIMARY KEY NOT NULL,
	`merchant_id` integer NOT NULL,
	`at` text NOT NULL,
	`until` text NOT NULL,
	`window` text NOT NULL,
	`failures` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "counter_blocks_window" CHECK("counter_blocks"."window" in ('burst','daily'))
);
--> statement-breakpoint
CREATE INDEX `counter_blocks_at` ON `counter_blocks` (`at`);--> statement-breakpoint
CREATE TABLE `counter_guesses` (
	`id` integer PRIMARY KEY NOT NULL,
	`merchant_id` integer NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "counter_guesses_kind" CHECK("counter_guesses"."kind" in ('code','scan','pin'))
);
--> statement-breakpoint
CREATE INDEX `counter_guesses_merchant_at` ON `counter_guesses` (`merchant_id`,`at`);--> statement-breakpoint
CREATE TABLE `redemption_items` (
	`entry_id` integer PRIMARY KEY NOT NULL,
	`item_id` integer NOT NULL,
	`name` text NOT NULL,
	`unit_points` integer NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "redemption_items_quantity" CHECK("redemption_items"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE `redeem_codes` ADD `scan_code` text;--> statement-breakpoint
-- The lock state of issued cards moves to card_guards before its columns go.
INSERT INTO `card_guards` (`card_no`, `failed_pins`, `locked_until`)
  SELECT `card_no`, `failed_pins`, `locked_until` FROM `cards` WHERE `failed_pins` > 0 OR `locked_until` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `cards` DROP COLUMN `failed_pins`;--> statement-breakpoint
ALTER TABLE `cards` DROP COLUMN `locked_until`;--> statement-breakpoint
-- What a redemption was for is part of the record of that redemption: never changed or removed.
CREATE TRIGGER redemption_items_no_update BEFORE UPDATE ON redemption_items
BEGIN SELECT RAISE(ABORT, 'redemption_items are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER redemption_items_no_delete BEFORE DELETE ON redemption_items
BEGIN SELECT RAISE(ABORT, 'redemption_items are append-only'); END;
