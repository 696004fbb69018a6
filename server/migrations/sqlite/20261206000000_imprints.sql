-- The imprint (legal notice) and the privacy notice of a business, as its owner fills
-- them in once. `data` is the imprint as JSON (`app::domain::imprint::Imprint`); NULL until
-- it is first saved. `own_address` lists (as a JSON array) the locations whose imprint
-- shows their own address instead of the business's. The privacy notice is generated; the
-- owner names the hosting and may add paragraphs.
CREATE TABLE imprints (
    business_id      INTEGER PRIMARY KEY REFERENCES businesses (id) ON DELETE CASCADE,
    data             TEXT,
    own_address      TEXT NOT NULL DEFAULT '[]',
    privacy_hosting  TEXT NOT NULL DEFAULT '',
    privacy_extra    TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL
);
