-- Identical counted requests of one second (same page, visitor and referrer) are one row
-- with their number: a page read 20 000 times a second writes a handful of rows, not
-- 20 000. The figures sum `hits`; visitors are still told apart by `visitor`.
ALTER TABLE insight_hits ADD COLUMN hits INTEGER NOT NULL DEFAULT 1;
