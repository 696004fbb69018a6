-- Insights without cookies. Counted requests: which location, which local day, what (a
-- page, a post, a directions link, a scan, a feed), the referring host only, and a hash of
-- (a random salt that lives in memory for one day, the address, the browser) that tells
-- visitors of one day apart. No address, no browser string, no cookie is stored. Rows are
-- deleted after 30 days; the daily figures below stay.
CREATE TABLE insight_hits (
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    metric       TEXT NOT NULL,
    subject      TEXT NOT NULL DEFAULT '',
    referrer     TEXT NOT NULL DEFAULT '',
    visitor      TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX insight_hits_day ON insight_hits (day, location_id);

-- The daily figures: requests (hits) and distinct visitors per location, day, metric and
-- subject. `visits` is every page of the location; `referrer` its views by referring host.
CREATE TABLE insight_days (
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    metric       TEXT NOT NULL,
    subject      TEXT NOT NULL DEFAULT '',
    hits         INTEGER NOT NULL,
    visitors     INTEGER NOT NULL,
    PRIMARY KEY (location_id, day, metric, subject)
);
