CREATE TABLE `activity_signups` (
	`activity_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`signed_up_at` text NOT NULL,
	PRIMARY KEY(`activity_id`, `resident_id`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_signups_resident` ON `activity_signups` (`resident_id`);--> statement-breakpoint
CREATE TABLE `award_batch_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`batch_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`points` integer NOT NULL,
	`hours` real,
	`memo` text NOT NULL,
	`entry_id` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `award_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "award_batch_lines_points" CHECK("award_batch_lines"."points" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `award_batch_lines_batch_resident` ON `award_batch_lines` (`batch_id`,`resident_id`);--> statement-breakpoint
CREATE TABLE `award_batches` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`activity_id` integer,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`total_points` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decision_note` text,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "award_batches_kind" CHECK("award_batches"."kind" in ('activity','manual')),
	CONSTRAINT "award_batches_status_check" CHECK("award_batches"."status" in ('pending','applied','rejected'))
);
--> statement-breakpoint
CREATE INDEX `award_batches_status` ON `award_batches` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `award_batches_activity` ON `award_batches` (`activity_id`);--> statement-breakpoint
CREATE TABLE `merchant_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`merchant_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`points` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "merchant_items_points" CHECK("merchant_items"."points" > 0)
);
--> statement-breakpoint
CREATE INDEX `merchant_items_merchant` ON `merchant_items` (`merchant_id`,`id`);--> statement-breakpoint
CREATE TABLE `service_request_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`at` text NOT NULL,
	`event` text NOT NULL,
	`party` text NOT NULL,
	`actor_id` integer,
	`organization_id` integer,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_request_events_request` ON `service_request_events` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`origin` text NOT NULL,
	`service_id` integer,
	`resident_id` integer,
	`title` text NOT NULL,
	`detail` text NOT NULL,
	`compound` text,
	`building` text,
	`preferred_date` text,
	`status` text NOT NULL,
	`provider_id` integer,
	`created_by` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`rating` integer,
	`rating_comment` text,
	`rated_at` text,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_requests_kind" CHECK("service_requests"."kind" in ('service','building_issue')),
	CONSTRAINT "service_requests_status_check" CHECK("service_requests"."status" in ('submitted','dispatched','accepted','done','cancelled','declined')),
	CONSTRAINT "service_requests_rating" CHECK("service_requests"."rating" is null or "service_requests"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE INDEX `service_requests_status` ON `service_requests` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `service_requests_resident` ON `service_requests` (`resident_id`,`id`);--> statement-breakpoint
CREATE INDEX `service_requests_provider` ON `service_requests` (`provider_id`);