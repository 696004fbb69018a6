-- One counter that every change to public location data (details, hours, POIs) raises in
-- the same transaction. App nodes compare it with the revision their in-memory nearby
-- index was built from and rebuild when it moved, so the index is current on every node.
CREATE TABLE public_revision (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    revision  BIGINT NOT NULL
);
INSERT INTO public_revision (id, revision) VALUES (1, 0);
CREATE INDEX pois_location_position ON pois (location_id, position);
