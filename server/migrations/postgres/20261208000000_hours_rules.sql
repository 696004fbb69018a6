-- The rules of a location's hours beyond the week (seasons, every-year dates, n-th
-- weekdays, imported OSM rules), as the JSON array of `app::domain::rules::Rule`; they
-- apply after the weekly hours and before the holiday rule and the special hours.
ALTER TABLE locations ADD COLUMN hours_rules TEXT NOT NULL DEFAULT '[]';
