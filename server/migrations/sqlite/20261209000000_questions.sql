-- Customer questions and feedback from the local page's form. Name, e-mail and text are
-- the customer's personal data: deleting a question deletes the row, nothing stays.
-- `lang` is the customer's language, the answer mail is written in it.
CREATE TABLE questions (
    id           INTEGER PRIMARY KEY,
    business_id  INTEGER NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    post_id      INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('question', 'feedback')),
    name         TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    consent      BOOLEAN NOT NULL DEFAULT FALSE,
    lang         TEXT NOT NULL DEFAULT 'de',
    status       TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'answered', 'archived')),
    answer       TEXT NOT NULL DEFAULT '',
    answered_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at  TEXT,
    published    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TEXT NOT NULL
);
CREATE INDEX questions_location ON questions (location_id, status, created_at);

-- The rate limits' memory: one row per accepted question for an hour, the sender's address
-- only as a keyed hash (HMAC with the instance's secret), never the address itself.
CREATE TABLE question_senders (
    sender       TEXT NOT NULL,
    location_id  INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    sent_at      TEXT NOT NULL
);
CREATE INDEX question_senders_sender ON question_senders (sender, sent_at);
CREATE INDEX question_senders_location ON question_senders (location_id, sent_at);

-- Secrets every node shares (the key that signs the question form's timestamp and hashes
-- addresses for the rate limits), made once by whichever node needs one first.
CREATE TABLE instance_secrets (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Whether staff (not only managers and owners) see the questions of the business.
ALTER TABLE businesses ADD COLUMN staff_see_questions BOOLEAN NOT NULL DEFAULT FALSE;
