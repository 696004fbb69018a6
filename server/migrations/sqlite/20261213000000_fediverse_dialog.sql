-- Replies and mentions from the fediverse, for the location's staff inbox, and the likes
-- and boosts of each post. The remote note's HTML is stored as cleaned on arrival; a
-- Delete from its author removes the row. `answer` is the member's reply, sent as a Note
-- served at /{slug}/answers/{id}.
CREATE TABLE fediverse_messages (
    id            INTEGER PRIMARY KEY,
    business_id   INTEGER NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    location_id   INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    post_id       INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    note_id       TEXT NOT NULL,
    url           TEXT NOT NULL,
    actor         TEXT NOT NULL,
    acct          TEXT NOT NULL,
    actor_inbox   TEXT NOT NULL,
    content_html  TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    public        BOOLEAN NOT NULL DEFAULT TRUE,
    status        TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'answered', 'archived')),
    answer        TEXT NOT NULL DEFAULT '',
    answered_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at   TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (location_id, note_id)
);
CREATE INDEX fediverse_messages_location ON fediverse_messages (location_id, status, created_at);

CREATE TABLE post_reactions (
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('like', 'announce')),
    actor        TEXT NOT NULL,
    activity_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (post_id, kind, actor)
);
