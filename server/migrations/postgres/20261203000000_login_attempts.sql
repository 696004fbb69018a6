-- Failed and successful sign-in attempts of the last hour, shared by every node: the login
-- limits count them in a sliding window. Only hashes of the keys (an account's email, a
-- client's address) are kept.
CREATE TABLE login_attempts (
    id            BIGSERIAL PRIMARY KEY,
    key_hash      TEXT NOT NULL,
    attempted_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (key_hash, attempted_at);
CREATE INDEX login_attempts_at ON login_attempts (attempted_at);
