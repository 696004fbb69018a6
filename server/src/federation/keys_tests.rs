use super::*;
use crate::federation::test_support::{other_key, test_key};
use rsa::pkcs1::EncodeRsaPublicKey;

#[test]
fn a_key_pair_survives_the_database_round_trip() {
    let key = test_key();
    let pem = key.private_pem().expect("pem");
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
    let back = KeyPair::from_private_pem(&pem).expect("decode");
    assert_eq!(back.public_pem(), key.public_pem());
    assert!(key.public_pem().starts_with("-----BEGIN PUBLIC KEY-----"));
}

#[test]
fn a_new_key_has_2048_bits_and_differs_from_the_last() {
    use rsa::traits::PublicKeyParts;
    let a = KeyPair::generate().expect("generate");
    assert_eq!(a.public_key().size() * 8, KEY_BITS);
    assert_ne!(a.public_pem(), test_key().public_pem());
}

#[test]
fn a_signature_verifies_only_with_its_own_key_and_data() {
    let key = test_key();
    let signature = key.sign_sha256(b"(request-target): post /inbox").expect("sign");
    assert!(verify_sha256(&key.public_key(), b"(request-target): post /inbox", &signature));
    assert!(!verify_sha256(&key.public_key(), b"(request-target): post /inbox2", &signature));
    assert!(!verify_sha256(
        &other_key().public_key(),
        b"(request-target): post /inbox",
        &signature
    ));
    assert!(!verify_sha256(&key.public_key(), b"(request-target): post /inbox", b"short"));
}

#[test]
fn remote_keys_are_read_as_spki_or_pkcs1() {
    let key = test_key();
    let spki = public_key_from_pem(key.public_pem()).expect("spki");
    assert_eq!(spki, key.public_key());
    let pkcs1 = key.public_key().to_pkcs1_pem(LineEnding::LF).expect("pkcs1");
    assert!(pkcs1.starts_with("-----BEGIN RSA PUBLIC KEY-----"));
    assert_eq!(public_key_from_pem(&pkcs1).expect("pkcs1"), key.public_key());
}

#[test]
fn broken_pems_are_clear_errors() {
    assert_eq!(KeyPair::from_private_pem("not a key").err(), Some(KeyError::PrivatePem));
    assert_eq!(
        public_key_from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----").err(),
        Some(KeyError::PublicPem)
    );
    assert_eq!(KeyError::PublicPem.code(), "key_public_pem");
}

#[test]
fn the_debug_form_never_shows_the_private_key() {
    let shown = format!("{:?}", test_key());
    assert!(shown.contains("BEGIN PUBLIC KEY"));
    assert!(!shown.contains("PRIVATE"));
}
