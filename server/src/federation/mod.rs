//! Federation's protocol core: every location is an ActivityPub actor. Plain functions and
//! types the handlers call; no routes, storage or screens here, and no other server module
//! is imported.
//!
//! | module | what |
//! |---|---|
//! | [`urls`] | every federation URL of a location (actor, inbox, note ids …) |
//! | [`keys`] | one RSA-2048 key pair per location, PEM in and out |
//! | [`signature`] | draft-cavage HTTP Signatures: sign POST/GET, parse and verify |
//! | [`inbox`] | an inbox POST verified end to end (signature, key, key owner = actor) |
//! | [`inbound`] | incoming activities read into Follow, Undo, Note, Like, Announce, Delete |
//! | [`sanitize`] | incoming HTML cleaned to a small allow-list (`ammonia`) |
//! | [`discovery`] | WebFinger JRD and `resource=` parsing, NodeInfo 2.1 |
//! | [`actor`] | the actor document (`Organization`, profile fields) |
//! | [`note`] | a post as a `Note` (HTML text, hashtags, photos, place, dates) |
//! | [`activities`] | Accept{Follow}, Create/Update{Note}, Delete{Tombstone}, Update{actor} |
//! | [`blurhash`] | the placeholder of a photo, from RGBA pixels or a decoded image |
//! | [`domain`] | Nahbar's `Post` and `Location` mapped to the builders' inputs |
//! | [`client`] | signed deliveries (classified for the queue) and signed fetches |
//!
//! # Why not `activitypub_federation`
//!
//! Lemmy's crate (AGPL, like Nahbar) was tried: 0.7.0-beta.14 is the newest on crates.io and
//! the only line on axum 0.8. It builds and runs with Rust 1.95 (175 crates with only its
//! `axum` feature). It would bring a second HTTP client generation (reqwest 0.13 with
//! reqwest-middleware, beside the reqwest 0.12 already in the tree), the `moka` cache, by default
//! actix-web, and `rsa` 0.9, whose private-key operations are not constant-time
//! (RUSTSEC-2023-0071, fixed only in 0.10, which is used here).
//!
//! More decisive is its shape: signing and verification are crate-private (`pub(crate)`),
//! reachable only through its `Object`, `Actor` and `ActivityHandler` traits over a
//! `FederationConfig<T>` that owns the app data, dereferences remote objects itself and
//! delivers through its own in-memory queue. Even its one-shot sender
//! (`SendActivityTask::sign_and_send`) returns `Ok(())` for every 4xx, so a 410 (follower gone)
//! cannot be told from a delivery and a 401 is never retried, and the signature's `Date` comes
//! from the system clock inside `http-signature-normalization`. Nahbar needs the opposite: the
//! delivery queue persistent in its database (signed anew on every attempt, visible per post),
//! an injected clock for signature dates (tests at fixed instants), reason codes for every
//! refusal, and storage behind its `Store` port. Using the crate would mean implementing its
//! traits and then working around its sending and fetching.
//!
//! The parts worth having from it are well-kept crates of their own, used here directly: `rsa`
//! (0.10, constant-time), `sha2`, `base64`, `httpdate`, `url`, `ammonia`, `blurhash`,
//! `linkify`, `reqwest`. What is left is a few hundred lines of protocol (signing strings, JSON
//! shapes), proven against Fedify in `server/tests/it/federation.rs`.

pub mod activities;
pub mod actor;
pub mod blurhash;
pub mod client;
pub mod discovery;
pub mod domain;
pub mod inbound;
pub mod inbox;
pub mod keys;
pub mod note;
pub mod sanitize;
pub mod signature;
pub mod urls;

use serde_json::{Value, json};

/// The one `@context` of Nahbar's documents and activities: ActivityStreams, the security
/// vocabulary (`publicKey`), and the Mastodon extensions used, defined inline so no server
/// has to fetch a context document to read them.
pub fn context() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        {
            "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
            "sensitive": "as:sensitive",
            "Hashtag": "as:Hashtag",
            "toot": "http://joinmastodon.org/ns#",
            "discoverable": "toot:discoverable",
            "indexable": "toot:indexable",
            "blurhash": "toot:blurhash",
            "schema": "http://schema.org#",
            "PropertyValue": "schema:PropertyValue",
            "value": "schema:value"
        }
    ])
}

/// Test keys, made once per test binary (key generation is the slow part).
#[cfg(test)]
pub(crate) mod test_support {
    use super::keys::KeyPair;
    use std::sync::LazyLock;

    static KEY: LazyLock<KeyPair> = LazyLock::new(|| KeyPair::generate().expect("test key"));
    static OTHER: LazyLock<KeyPair> =
        LazyLock::new(|| KeyPair::generate().expect("other test key"));

    pub fn test_key() -> &'static KeyPair {
        &KEY
    }

    pub fn other_key() -> &'static KeyPair {
        &OTHER
    }
}
