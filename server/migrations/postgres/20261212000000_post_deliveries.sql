-- Which post a delivery announces (its Create or Delete), so the staff app can say per post
-- "delivered to 41 of 42 servers · 1 will be retried at 14:05". Other activities (Accept,
-- profile updates, closure notes) have none.
ALTER TABLE deliveries ADD COLUMN post_id BIGINT REFERENCES posts (id) ON DELETE SET NULL;
CREATE INDEX deliveries_post ON deliveries (post_id, inbox);
