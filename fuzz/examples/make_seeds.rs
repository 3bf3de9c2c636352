//! Writes seed inputs for every fuzz target into `corpus/TARGET/` (git-ignored): valid files of
//! each format, built with tvault's own encoders, plus a few near misses. Run from `fuzz/`:
//! `cargo run --example make_seeds`.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde::Serialize;
use tvault::crypto::{Identities, VaultIdentity};
use tvault::record::{Record, parse_records};
use tvault::vault::envelope::Envelope;
use tvault::vault::journal::{Entry, Op};
use tvault::vault::keyslot::{VaultConfig, VaultSecrets};

/// The MAC key the journal target checks authenticity with.
const KEY: [u8; 32] = [0x5a; 32];

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
}

fn cbor<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).unwrap();
    out
}

#[derive(Serialize)]
struct JournalFile<'a> {
    format: &'a str,
    format_version: u64,
    entries: &'a [Entry],
    #[serde(with = "serde_bytes")]
    pad: &'a [u8],
}

fn main() {
    let demo: Vec<serde_json::Value> = serde_json::from_str(tvault::demo::TESTIMONIES).unwrap();
    let minimal = r#"{"witness": {"names": ["Ivan #Petruk"]}, "narrative": "said <secret> & more", "acts": [{"type": "arrest", "date": "2022-04-19?"}], "consent": [{"purpose": "ilo_cfa", "level": "named_full"}]}"#;

    // json_input: single objects, an array, JSON Lines, near misses.
    write("json_input", "minimal", minimal.as_bytes());
    for (i, value) in demo.iter().take(3).enumerate() {
        write(
            "json_input",
            &format!("demo-{i}"),
            &serde_json::to_vec_pretty(value).unwrap(),
        );
    }
    write(
        "json_input",
        "lines",
        format!("{minimal}\n\n{{\"witness\": {{\"names\": [\"B\"], \"sex\": \"female\"}}}}\n")
            .as_bytes(),
    );
    write(
        "json_input",
        "array",
        format!("[{minimal}, {minimal}]").as_bytes(),
    );
    write(
        "json_input",
        "bad-date",
        br#"{"witness": {"names": ["A"], "birth_date": "1975-02-30/..", "residence": {"region": ""}}, "language": "ru-Latn"}"#,
    );
    write(
        "json_input",
        "unknown-field",
        br#"{"witness": {"names": ["A"]}, "nick#name": "x", "witness": 1}"#,
    );

    // record_envelope: unpadded and padded envelopes, a newer one.
    let records: Vec<Record> = demo
        .iter()
        .take(3)
        .map(|v| {
            parse_records(&serde_json::to_vec(v).unwrap())
                .unwrap()
                .remove(0)
        })
        .chain(parse_records(minimal.as_bytes()).unwrap())
        .collect();
    for (i, record) in records.iter().enumerate() {
        let envelope = Envelope::new(
            "3jq7b2x9k4m8n0pa".into(),
            i as u64 + 1,
            "2024-03-02T10:00:00Z".into(),
            "2024-03-02T11:00:00Z".into(),
            record.clone(),
        );
        write(
            "record_envelope",
            &format!("envelope-{i}"),
            &cbor(&envelope),
        );
        if i == 3 {
            write(
                "record_envelope",
                "padded",
                &envelope.clone().to_padded_cbor(),
            );
            let mut newer = envelope;
            newer.format_version = 2;
            write("record_envelope", "newer", &cbor(&newer));
        }
    }

    // journal: a chain of signed entries, and a newer file.
    let init = Entry::new(
        &KEY,
        &[],
        "init",
        vec![
            Op::put("keys/config.age", b"c"),
            Op::put("keys/passphrase.age", b"p"),
        ],
    );
    let add = Entry::new(
        &KEY,
        &[(init.hash(), init.seq)],
        "add",
        vec![Op::put_record(
            "records/ab/abcdef.age",
            b"r",
            "3jq7b2x9k4m8n0pa",
            1,
        )],
    );
    let entries = [init, add];
    let file = |version, entries: &[Entry]| {
        cbor(&JournalFile {
            format: "tvault-journal",
            format_version: version,
            entries,
            pad: &[0; 16],
        })
    };
    write("journal", "two-entries", &file(1, &entries));
    write("journal", "one-entry", &file(1, &entries[1..]));
    write("journal", "newer", &file(2, &entries[..1]));

    // keyslot: a slot text and a config.
    let secrets = VaultSecrets::generate();
    let slot = secrets.to_slot_text();
    write("keyslot", "slot", slot.as_bytes());
    write(
        "keyslot",
        "config",
        &VaultConfig::new(&secrets.vault_id, &[]).to_cbor(),
    );
    write(
        "keyslot",
        "scrypt-header",
        b"age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 18\n",
    );

    // identity_file: a slot, age keys, SSH keys (made with ssh-keygen when it is there).
    write("identity_file", "slot", slot.as_bytes());
    let key_line = slot
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap()
        .to_owned();
    let recipient = VaultIdentity::generate().recipient_string();
    write(
        "identity_file",
        "age-key",
        format!("# created: today\n# public key: {recipient}\n{key_line}\n").as_bytes(),
    );
    write(
        "identity_file",
        "age-typo",
        format!("# comment\n\n{}\n", key_line.replace('Q', "O")).as_bytes(),
    );
    assert!(Identities::parse(key_line.as_bytes()).is_ok());
    let tmp = tempfile_dir();
    for (name, args) in [
        ("ssh-ed25519", &["-t", "ed25519", "-N", ""][..]),
        ("ssh-rsa", &["-t", "rsa", "-b", "2048", "-N", ""][..]),
        ("ssh-ed25519-encrypted", &["-t", "ed25519", "-N", "pw"][..]),
        ("ssh-ecdsa", &["-t", "ecdsa", "-N", ""][..]),
    ] {
        let out = tmp.join(name);
        let made = Command::new("ssh-keygen")
            .args(args)
            .args(["-q", "-C", "", "-f"])
            .arg(&out)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            write("identity_file", name, &fs::read(&out).unwrap());
        }
    }
    let _ = fs::remove_dir_all(&tmp);
    println!("seeds written under corpus/");
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tvault-fuzz-seeds-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}
