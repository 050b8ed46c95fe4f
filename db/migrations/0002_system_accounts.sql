-- Every community database has the same three system accounts, at fixed ids:
-- 1 issuance (source of awarded points; runs negative by design), 2 expiry (sink of expired
-- points), 3 the community pool (donations from residents, spent like any account).
INSERT INTO accounts (id, kind, owner_id, balance) VALUES (1, 'issuance', NULL, 0), (2, 'expiry', NULL, 0), (3, 'pool', NULL, 0);
