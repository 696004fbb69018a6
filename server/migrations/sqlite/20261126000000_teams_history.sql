-- Teams: one-time invitation links (stored as hashes), where each session is used from,
-- the audit log of business data and the revisions of location details, hours and POIs.
CREATE TABLE invitations (
    id           INTEGER PRIMARY KEY,
    business_id  INTEGER NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    accepted_at  TEXT,
    accepted_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    revoked_at   TEXT
);
CREATE INDEX invitations_business ON invitations (business_id);

ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';

-- Who changed what, when and from where. The actor's name is copied, so the log stays
-- readable after a member leaves; location ids are kept without a foreign key for the same
-- reason.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    business_id  INTEGER NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_name   TEXT NOT NULL,
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    location_id  INTEGER,
    detail       TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_business ON audit_log (business_id, id);

-- A JSON snapshot of one part of a location after a change (or before the first one).
CREATE TABLE revisions (
    id           INTEGER PRIMARY KEY,
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('details', 'hours', 'pois')),
    data         TEXT NOT NULL,
    audit_id     INTEGER REFERENCES audit_log (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX revisions_location ON revisions (location_id, kind, id);

-- Many locations per business: the language the location's public texts are written in,
-- its branch code (the "Store code" of Google Business Profile's bulk sheet, schema.org
-- branchCode; unique within the business when set) and archiving (kept, but not public).
ALTER TABLE locations ADD COLUMN language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en'));
ALTER TABLE locations ADD COLUMN branch_code TEXT NOT NULL DEFAULT '';
ALTER TABLE locations ADD COLUMN archived_at TEXT;
UPDATE locations SET branch_code = UPPER(slug);
CREATE UNIQUE INDEX locations_branch_code ON locations (business_id, branch_code) WHERE branch_code <> '';
