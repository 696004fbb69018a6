-- Nudges and the weekly summary. `hours_confirmed_at`: when someone last saved the hours
-- or said "still right" (the dashboard asks again after 90 days); a location's hours were
-- last seen when it was last saved. Per person: whether they want the weekly summary by
-- e-mail, in which language, and when the last one went out (one node claims each).
ALTER TABLE locations ADD COLUMN hours_confirmed_at TEXT;
UPDATE locations SET hours_confirmed_at = updated_at;

ALTER TABLE users ADD COLUMN weekly_summary BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN summary_lang TEXT NOT NULL DEFAULT 'de';
ALTER TABLE users ADD COLUMN summary_sent_at TEXT;
