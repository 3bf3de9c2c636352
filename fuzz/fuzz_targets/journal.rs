//! The plaintext of a journal file (`journal::decode`): any bytes give entries or a clean error
//! naming the file; accepted entries hash and authenticate without panicking, the journal built
//! from them yields heads, state and fingerprint, and they re-encode to the same entries.

#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use tvault::vault::journal::{self, Entry, JOURNAL_FORMAT, Journal};

/// The MAC key the seeds are signed with (`examples/make_seeds.rs`).
const KEY: [u8; 32] = [0x5a; 32];

#[derive(Serialize)]
struct JournalFile<'a> {
    format: &'a str,
    format_version: u64,
    entries: &'a [Entry],
    #[serde(with = "serde_bytes")]
    pad: &'a [u8],
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new(common::PATH);
    let entries = match journal::decode(data, path) {
        Ok(entries) => entries,
        Err(e) => return common::check_file_error(&e),
    };
    let mut built = Journal::default();
    for entry in &entries {
        let hash = entry.hash();
        assert_eq!(hash, entry.clone().hash(), "hash is not deterministic");
        if entry.authentic(&KEY) {
            let mut forged = entry.clone();
            forged.seq = forged.seq.wrapping_add(1);
            assert!(!forged.authentic(&KEY), "the MAC does not cover seq");
        }
        built.entries.insert(hash, entry.clone());
    }
    let heads = built.heads();
    assert!(heads.len() <= built.entries.len());
    let _ = built.expected();
    let fingerprint = built.fingerprint();
    assert!(fingerprint.starts_with("j1-") && fingerprint.len() == 26);

    let mut plain = Vec::new();
    ciborium::into_writer(
        &JournalFile {
            format: "tvault-journal",
            format_version: JOURNAL_FORMAT,
            entries: &entries,
            pad: &[0; 7],
        },
        &mut plain,
    )
    .expect("CBOR encodes");
    let back = journal::decode(&plain, path).expect("re-encoded entries decode");
    assert_eq!(back, entries, "re-encoded entries differ");
});
