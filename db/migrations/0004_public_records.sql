CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `publish_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`description` text NOT NULL,
	`provides` text NOT NULL,
	`covers` text,
	`contact` text,
	`merchant_user_id` integer,
	`team_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`merchant_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "organizations_kind_check" CHECK("organizations"."kind" in ('party_committee','party_branch','residents_committee','property_company','social_organization','self_organization','volunteer_team','merchant'))
);
--> statement-breakpoint
CREATE INDEX `organizations_kind` ON `organizations` (`kind`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`provider_id` integer NOT NULL,
	`audiences` text NOT NULL,
	`schedule` text NOT NULL,
	`monthly_day` integer,
	`place` text NOT NULL,
	`cost` text NOT NULL,
	`cost_note` text,
	`how_to_ask` text NOT NULL,
	`deliberation_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`provider_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `services_category` ON `services` (`category`);--> statement-breakpoint
CREATE INDEX `services_provider` ON `services` (`provider_id`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`deliberation_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`decision` text NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_items_deliberation` ON `agenda_items` (`deliberation_id`,`position`);--> statement-breakpoint
CREATE TABLE `deliberations` (
	`id` integer PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`place` text NOT NULL,
	`chair` text NOT NULL,
	`building` text,
	`expected` integer NOT NULL,
	`present` integer NOT NULL,
	`quorum` integer NOT NULL,
	`summary` text NOT NULL,
	`resolution` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliberations_date` ON `deliberations` (`date`);--> statement-breakpoint
CREATE INDEX `deliberations_body` ON `deliberations` (`body`);--> statement-breakpoint
CREATE TABLE `followup_updates` (
	`id` integer PRIMARY KEY NOT NULL,
	`followup_id` integer NOT NULL,
	`date` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer NOT NULL,
	`note` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`followup_id`) REFERENCES `followups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followup_updates_followup` ON `followup_updates` (`followup_id`,`date`);--> statement-breakpoint
CREATE TABLE `followups` (
	`id` integer PRIMARY KEY NOT NULL,
	`deliberation_id` integer NOT NULL,
	`agenda_item_id` integer,
	`title` text NOT NULL,
	`responsible_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer NOT NULL,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followups_deliberation` ON `followups` (`deliberation_id`);--> statement-breakpoint
CREATE INDEX `followups_status` ON `followups` (`status`);--> statement-breakpoint
CREATE TABLE `vote_options` (
	`id` integer PRIMARY KEY NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`votes` integer NOT NULL,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vote_options_item` ON `vote_options` (`agenda_item_id`,`position`);--> statement-breakpoint
CREATE TABLE `budgets` (
	`fund_id` integer NOT NULL,
	`year` integer NOT NULL,
	`budget_line` text NOT NULL,
	`planned_fen` integer NOT NULL,
	PRIMARY KEY(`fund_id`, `year`, `budget_line`),
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `corrections` (
	`id` integer PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`fund_id` integer NOT NULL,
	`date` text NOT NULL,
	`amount_delta_fen` integer NOT NULL,
	`explanation` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `corrections_entity` ON `corrections` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `donations` (
	`id` integer PRIMARY KEY NOT NULL,
	`fund_id` integer NOT NULL,
	`date` text NOT NULL,
	`donor_type` text NOT NULL,
	`donor_name` text NOT NULL,
	`anonymous` integer NOT NULL,
	`organization_id` integer,
	`form` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`item_description` text,
	`quantity` text,
	`outcome` text,
	`receipt_no` text NOT NULL,
	`note` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "donations_amount" CHECK("donations"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `donations_fund_date` ON `donations` (`fund_id`,`date`);--> statement-breakpoint
CREATE TABLE `expenses` (
	`id` integer PRIMARY KEY NOT NULL,
	`fund_id` integer NOT NULL,
	`date` text NOT NULL,
	`budget_line` text NOT NULL,
	`description` text NOT NULL,
	`payee` text NOT NULL,
	`beneficiaries` text,
	`amount_fen` integer NOT NULL,
	`receipt_no` text NOT NULL,
	`approved_by` integer,
	`approved_at` text,
	`deliberation_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "expenses_amount" CHECK("expenses"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `expenses_fund_date` ON `expenses` (`fund_id`,`date`);--> statement-breakpoint
CREATE TABLE `funds` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `funds_code_unique` ON `funds` (`code`);--> statement-breakpoint
CREATE TABLE `incomes` (
	`id` integer PRIMARY KEY NOT NULL,
	`fund_id` integer NOT NULL,
	`date` text NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`receipt_no` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "incomes_amount" CHECK("incomes"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `incomes_fund_date` ON `incomes` (`fund_id`,`date`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`id` integer PRIMARY KEY NOT NULL,
	`expense_id` integer NOT NULL,
	`filename` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` blob NOT NULL,
	`uploaded_at` text NOT NULL,
	`uploaded_by` integer,
	FOREIGN KEY (`expense_id`) REFERENCES `expenses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
