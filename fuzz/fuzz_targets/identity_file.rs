//! `--identity` files (`Identities::parse`): age identity files (including decrypted key slots)
//! and SSH private keys. Any bytes give identities or a one-line error that quotes nothing;
//! accepted age identities decrypt what is encrypted to their recipients, and no identity opens
//! a file meant for another key.

#![no_main]

mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tvault::crypto::{CryptoError, Identities, VaultIdentity, encrypt_to_recipients};

/// A file encrypted to a key no input can hold.
fn foreign_file() -> &'static [u8] {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| VaultIdentity::generate().encrypt(b"foreign").unwrap())
}

fuzz_target!(|data: &[u8]| {
    let ids = match Identities::parse(data) {
        Ok(ids) => ids,
        Err(e) => return common::check_message(&e.to_string()),
    };
    let text = String::from_utf8_lossy(data);
    if ids.slot_text().is_some() {
        assert!(text.lines().any(|l| l.starts_with("# tvault-keyslot:")));
    }
    if !ids.recipients.is_empty() {
        let ct = encrypt_to_recipients(&ids.recipients, b"probe").expect("encrypts");
        assert_eq!(&ids.decrypt(&ct).expect("own file decrypts")[..], b"probe");
    }
    assert!(matches!(
        ids.decrypt(foreign_file()),
        Err(CryptoError::NoMatchingKey)
    ));
});
