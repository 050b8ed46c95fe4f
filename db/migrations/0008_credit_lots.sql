CREATE TABLE `account_year_credits` (
	`account_id` integer NOT NULL,
	`year` integer NOT NULL,
	`credits` integer NOT NULL,
	PRIMARY KEY(`account_id`, `year`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Existing ledgers: the lots from the postings, as postEntry keeps them from now on (community time, UTC+8).
INSERT INTO `account_year_credits` (`account_id`, `year`, `credits`)
SELECT p.account_id, CAST(strftime('%Y', e.at, '+8 hours') AS INTEGER), SUM(p.amount)
FROM postings p JOIN ledger_entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
WHERE a.kind = 'resident' AND p.amount > 0
GROUP BY 1, 2;
