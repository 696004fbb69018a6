-- Special hours (closures or other hours for a date range) and the public-holiday rule.
ALTER TABLE locations ADD COLUMN holiday_rule TEXT NOT NULL DEFAULT 'closed';

CREATE TABLE special_hours (
    id           INTEGER PRIMARY KEY,
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    starts_on    DATE NOT NULL,
    ends_on      DATE NOT NULL,
    -- '08:00-12:00,14:00-18:00'; empty: closed all day.
    intervals    TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX special_hours_location ON special_hours (location_id, ends_on);
