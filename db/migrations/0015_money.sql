CREATE TABLE `donation_outcomes` (
	`id` integer PRIMARY KEY NOT NULL,
	`donation_id` integer NOT NULL,
	`date` text NOT NULL,
	`text` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`donation_id`) REFERENCES `donations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `donation_outcomes_donation` ON `donation_outcomes` (`donation_id`,`date`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_budgets` (
	`id` integer PRIMARY KEY NOT NULL,
	`fund_id` integer NOT NULL,
	`year` integer NOT NULL,
	`budget_line` text NOT NULL,
	`planned_fen` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budgets_amount" CHECK("__new_budgets"."planned_fen" >= 0)
);
--> statement-breakpoint
-- Budgets were public with their fund: a published fund's lines start published, stamped as the fund was.
INSERT INTO `__new_budgets`("fund_id", "year", "budget_line", "planned_fen", "status", "published_at", "published_by", "created_at", "created_by")
SELECT b."fund_id", b."year", b."budget_line", b."planned_fen", f."status", f."published_at", f."published_by", f."created_at", f."created_by"
FROM `budgets` b JOIN `funds` f ON f."id" = b."fund_id" ORDER BY b."fund_id", b."year", b."budget_line";--> statement-breakpoint
DROP TABLE `budgets`;--> statement-breakpoint
ALTER TABLE `__new_budgets` RENAME TO `budgets`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `budgets_fund_year_line` ON `budgets` (`fund_id`,`year`,`budget_line`);--> statement-breakpoint
ALTER TABLE `expenses` ADD `no_receipt_reason` text;--> statement-breakpoint
-- Outcomes are told, never retold: a wrong entry is followed by a later one that says so.
CREATE TRIGGER donation_outcomes_no_update BEFORE UPDATE ON donation_outcomes BEGIN SELECT RAISE(ABORT, 'donation_outcomes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER donation_outcomes_no_delete BEFORE DELETE ON donation_outcomes BEGIN SELECT RAISE(ABORT, 'donation_outcomes are append-only'); END;
