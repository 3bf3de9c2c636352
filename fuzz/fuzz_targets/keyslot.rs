//! Decrypted key slots (`VaultSecrets::parse_slot_text`) and `keys/config.age`
//! (`VaultConfig::from_cbor`): any bytes give a value or a clean error naming the file; accepted
//! values re-encode to the same value, and a slot's text is also a valid identity file.

#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tvault::crypto::{Identities, scrypt_work_factor};
use tvault::vault::keyslot::{CONFIG_FORMAT, KEYSLOT_FORMAT, VaultConfig, VaultSecrets};

fuzz_target!(|data: &[u8]| {
    let path = Path::new(common::PATH);
    match VaultSecrets::parse_slot_text(data, path) {
        Err(e) => common::check_file_error(&e),
        Ok(secrets) => {
            let text = secrets.to_slot_text();
            assert!(text.contains(&format!("# tvault-keyslot: {KEYSLOT_FORMAT}\n")));
            let again = VaultSecrets::parse_slot_text(text.as_bytes(), path)
                .expect("a re-encoded slot parses");
            assert_eq!(again.vault_id, secrets.vault_id);
            assert_eq!(again.mac_key[..], secrets.mac_key[..]);
            assert_eq!(
                again.identity.recipient_string(),
                secrets.identity.recipient_string()
            );
            assert_eq!(again.fingerprint(), secrets.fingerprint());
            let ids = Identities::parse(text.as_bytes()).expect("slot text is an identity file");
            assert!(ids.slot_text().is_some());
        }
    }
    match VaultConfig::from_cbor(data, path) {
        Err(e) => common::check_file_error(&e),
        Ok(config) => {
            assert_eq!(config.format, "tvault-config");
            assert!(config.format_version <= CONFIG_FORMAT);
            let back = VaultConfig::from_cbor(&config.to_cbor(), path)
                .expect("a re-encoded config decodes");
            assert_eq!(back, config);
        }
    }
    // The public header of a passphrase slot.
    let _ = scrypt_work_factor(data);
});
