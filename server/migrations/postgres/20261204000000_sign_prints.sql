-- Each print of a sign (door sign, closure notice, counter poster): what it showed, as a
-- fingerprint, and the date it carries, so the owner screens can say when the sign on the
-- door no longer matches the data.
CREATE TABLE sign_prints (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    location_id  BIGINT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    -- SignKind as JSON: {"kind":"door"}, {"kind":"closure","special_id":3}, {"kind":"poster"}
    kind         TEXT NOT NULL,
    paper        TEXT NOT NULL,
    language     TEXT NOT NULL,
    printed_on   DATE NOT NULL,
    fingerprint  TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_prints_location ON sign_prints (location_id, id);
