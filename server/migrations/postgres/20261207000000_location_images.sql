-- A location's face: its logo and its cover photo, one row per kind that is set. The
-- photo is a processed upload of the media folder (`hash`, its size and the widths of its
-- renditions, as in `post_photos`); the logo's alt text is the shop's name, so `alt` is
-- the cover's own (empty for none).
CREATE TABLE location_images (
    location_id  BIGINT NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('logo', 'cover')),
    hash         TEXT NOT NULL,
    width        BIGINT NOT NULL,
    height       BIGINT NOT NULL,
    widths       TEXT NOT NULL,
    alt          TEXT NOT NULL DEFAULT '',
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (location_id, kind)
);
