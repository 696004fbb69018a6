-- Posts with their photos, and the business's publishing settings.
ALTER TABLE businesses ADD COLUMN posts_need_approval BOOLEAN NOT NULL DEFAULT TRUE;
-- One checklist item per line, shown before submitting a post.
ALTER TABLE businesses ADD COLUMN post_checklist TEXT NOT NULL DEFAULT '';

CREATE TABLE posts (
    id               INTEGER PRIMARY KEY,
    business_id      INTEGER NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    location_id      INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    author_id        INTEGER NOT NULL REFERENCES users (id),
    kind             TEXT NOT NULL,
    body             TEXT NOT NULL,
    valid_until      DATE,
    starts_at        TEXT,
    ends_at          TEXT,
    state            TEXT NOT NULL,
    publish_at       TEXT,
    published_at     TEXT,
    reject_reason    TEXT NOT NULL DEFAULT '',
    lat              REAL,
    lon              REAL,
    accuracy_m       REAL,
    place            TEXT NOT NULL DEFAULT '',
    -- JSON array of the checklist items the author confirmed.
    confirmed        TEXT NOT NULL DEFAULT '[]',
    idempotency_key  TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (author_id, idempotency_key)
);
CREATE INDEX posts_location_state ON posts (location_id, state, published_at);
CREATE INDEX posts_due ON posts (state, publish_at);

CREATE TABLE post_photos (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    hash      TEXT NOT NULL,
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    widths    TEXT NOT NULL,
    alt       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (post_id, position)
);

-- Processed uploads by content hash: their size and the widths stored in the media folder.
CREATE TABLE media (
    hash        TEXT PRIMARY KEY,
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    widths      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
