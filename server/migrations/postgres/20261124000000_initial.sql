-- Tenant-shaped from day one: every business row hangs off a business.
CREATE TABLE businesses (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE users (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE memberships (
    business_id  BIGINT NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (business_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE locations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    business_id   BIGINT NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    schema_type   TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    street        TEXT NOT NULL DEFAULT '',
    postal_code   TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL DEFAULT 'DE',
    region        TEXT NOT NULL DEFAULT '',
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    timezone      TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX locations_business ON locations (business_id);

-- Weekly intervals; weekday 0 = Monday, minutes since local midnight. closes <= opens
-- means the interval runs into the next day.
CREATE TABLE weekly_hours (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    location_id  BIGINT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    weekday      BIGINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens_min    BIGINT NOT NULL CHECK (opens_min BETWEEN 0 AND 1439),
    closes_min   BIGINT NOT NULL CHECK (closes_min BETWEEN 0 AND 1440)
);
CREATE INDEX weekly_hours_location ON weekly_hours (location_id);

CREATE TABLE pois (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    location_id  BIGINT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    public       BOOLEAN NOT NULL DEFAULT TRUE,
    position     BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX pois_location ON pois (location_id);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE setup_tokens (
    token_hash  TEXT PRIMARY KEY,
    expires_at  TIMESTAMPTZ NOT NULL
);
