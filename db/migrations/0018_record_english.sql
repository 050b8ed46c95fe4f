ALTER TABLE `organizations` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `summary_en` text;--> statement-breakpoint
ALTER TABLE `services` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `services` ADD `summary_en` text;--> statement-breakpoint
ALTER TABLE `deliberations` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `deliberations` ADD `summary_en` text;--> statement-breakpoint
ALTER TABLE `followups` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `followups` ADD `summary_en` text;--> statement-breakpoint
ALTER TABLE `budgets` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `budgets` ADD `summary_en` text;--> statement-breakpoint
ALTER TABLE `donations` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `donations` ADD `summary_en` text;--> statement-breakpoint
ALTER TABLE `expenses` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `expenses` ADD `summary_en` text;--> statement-breakpoint
ALTER TABLE `funds` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `funds` ADD `summary_en` text;