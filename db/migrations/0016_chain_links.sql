ALTER TABLE `activities` ADD `deliberation_id` integer REFERENCES deliberations(id);--> statement-breakpoint
ALTER TABLE `activities` ADD `service_id` integer REFERENCES services(id);--> statement-breakpoint
CREATE INDEX `activities_deliberation` ON `activities` (`deliberation_id`);--> statement-breakpoint
ALTER TABLE `award_batches` ADD `deliberation_id` integer REFERENCES deliberations(id);--> statement-breakpoint
ALTER TABLE `award_batches` ADD `service_id` integer REFERENCES services(id);--> statement-breakpoint
CREATE INDEX `award_batches_deliberation` ON `award_batches` (`deliberation_id`);--> statement-breakpoint
ALTER TABLE `service_requests` ADD `deliberation_id` integer REFERENCES deliberations(id);