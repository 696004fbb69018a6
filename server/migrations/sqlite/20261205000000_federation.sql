-- Every public location is an ActivityPub actor. Its key pair (made when first needed; the
-- first node to store one wins), the fediverse accounts that follow it, the posts already
-- announced to them, and the persistent delivery queue (one row per activity and inbox,
-- leased by one node at a time, retried with back-off).
CREATE TABLE actor_keys (
    location_id  INTEGER PRIMARY KEY REFERENCES locations (id) ON DELETE CASCADE,
    private_pem  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE followers (
    id            INTEGER PRIMARY KEY,
    location_id   INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    actor         TEXT NOT NULL,
    inbox         TEXT NOT NULL,
    -- The server's shared inbox, or the personal inbox when it has none: where deliveries go.
    delivery_inbox TEXT NOT NULL,
    host          TEXT NOT NULL,
    follow_id     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (location_id, actor)
);

CREATE TABLE announced_posts (
    post_id      INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    deleted_at   TEXT
);

CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    location_id      INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    inbox            TEXT NOT NULL,
    activity         TEXT NOT NULL,
    -- queued | delivered | failed
    state            TEXT NOT NULL DEFAULT 'queued',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    lease_until      TEXT,
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    finished_at      TEXT
);
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);

-- Servers an owner blocked for the whole business: their Follows are refused and their
-- followers removed.
CREATE TABLE blocked_hosts (
    business_id  INTEGER NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    host         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (business_id, host)
);

-- Closures and special hours already told to followers (as a short Note each).
CREATE TABLE announced_specials (
    special_id   INTEGER PRIMARY KEY REFERENCES special_hours (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL
);

-- What each actor's profile said when followers last heard of it (a digest), so a changed
-- profile (today's hours, name, address, picture) is sent as Update{actor} once.
CREATE TABLE actor_profiles (
    location_id  INTEGER PRIMARY KEY REFERENCES locations (id) ON DELETE CASCADE,
    fingerprint  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
