//! One RSA key pair per location: made once, kept in the database as PKCS#8 PEM, published
//! in the actor document as SPKI PEM (`publicKeyPem`), used to sign every delivery and
//! every fetch. 2048 bits is what Mastodon makes and every server accepts; remote keys of
//! other sizes (Fedify makes 4096) are verified just the same.

use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding,
};
use rsa::sha2::{Digest, Sha256};
use rsa::{PrivateKey, PublicKey};
use std::fmt;

pub const KEY_BITS: usize = 2048;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the key pair could not be generated")]
    Generate,
    #[error("the private key is not a PKCS#8 or PKCS#1 RSA PEM")]
    PrivatePem,
    #[error("the public key is not an SPKI or PKCS#1 RSA PEM")]
    PublicPem,
    #[error("the key could not be encoded")]
    Encode,
    #[error("signing failed")]
    Sign,
}

impl KeyError {
    pub fn code(self) -> &'static str {
        match self {
            KeyError::Generate => "key_generate",
            KeyError::PrivatePem => "key_private_pem",
            KeyError::PublicPem => "key_public_pem",
            KeyError::Encode => "key_encode",
            KeyError::Sign => "key_sign",
        }
    }
}

/// A location's signing key. `Debug` shows only the public half: the private key must never
/// reach a log line.
#[derive(Clone)]
pub struct KeyPair {
    private: PrivateKey,
    public_pem: String,
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair").field("public_pem", &self.public_pem).finish_non_exhaustive()
    }
}

impl KeyPair {
    /// A new 2048-bit key from the operating system's RNG. CPU-heavy (tens of milliseconds
    /// optimized): call it from `spawn_blocking`.
    pub fn generate() -> Result<KeyPair, KeyError> {
        let private =
            PrivateKey::new(&mut getrandom::SysRng, KEY_BITS).map_err(|_| KeyError::Generate)?;
        KeyPair::from_private(private)
    }

    fn from_private(private: PrivateKey) -> Result<KeyPair, KeyError> {
        let public_pem = private
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .map_err(|_| KeyError::Encode)?;
        Ok(KeyPair { private, public_pem })
    }

    /// The stored form back: PKCS#8 (`BEGIN PRIVATE KEY`, what [`KeyPair::private_pem`]
    /// writes) or PKCS#1 (`BEGIN RSA PRIVATE KEY`, e.g. keys imported from elsewhere).
    pub fn from_private_pem(pem: &str) -> Result<KeyPair, KeyError> {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        let private = PrivateKey::from_pkcs8_pem(pem.trim())
            .or_else(|_| PrivateKey::from_pkcs1_pem(pem.trim()))
            .map_err(|_| KeyError::PrivatePem)?;
        KeyPair::from_private(private)
    }

    /// PKCS#8 PEM for the database. The returned string is a secret.
    pub fn private_pem(&self) -> Result<String, KeyError> {
        self.private
            .to_pkcs8_pem(LineEnding::LF)
            .map(|pem| pem.to_string())
            .map_err(|_| KeyError::Encode)
    }

    /// SPKI PEM (`BEGIN PUBLIC KEY`), the actor document's `publicKeyPem`.
    pub fn public_pem(&self) -> &str {
        &self.public_pem
    }

    pub fn public_key(&self) -> PublicKey {
        self.private.to_public_key()
    }

    /// RSASSA-PKCS1-v1_5 over SHA-256 of `data`: draft-cavage's `rsa-sha256`.
    pub fn sign_sha256(&self, data: &[u8]) -> Result<Vec<u8>, KeyError> {
        self.private
            .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(data))
            .map_err(|_| KeyError::Sign)
    }
}

/// A remote actor's `publicKeyPem`: SPKI as almost everyone publishes, PKCS#1 as a few older
/// servers do.
pub fn public_key_from_pem(pem: &str) -> Result<PublicKey, KeyError> {
    let pem = pem.trim();
    PublicKey::from_public_key_pem(pem)
        .or_else(|_| PublicKey::from_pkcs1_pem(pem))
        .map_err(|_| KeyError::PublicPem)
}

/// Whether `signature` is `key`'s RSASSA-PKCS1-v1_5 SHA-256 signature of `data`.
pub fn verify_sha256(key: &PublicKey, data: &[u8], signature: &[u8]) -> bool {
    key.verify(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(data), signature).is_ok()
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
