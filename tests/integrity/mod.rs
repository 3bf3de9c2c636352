//! Integrity and faults (DESIGN.md adversaries 2 "Tampering" and 5 "Faults"; docs/FORMAT.md "The
//! integrity journal" and "Commit protocol"): `verify` detects every kind of tampering and names
//! the file (and record id) without plaintext; `list` and `show` skip what fails and still serve
//! every intact record; `verify --expect` detects a rollback; a `kill -9` at a random moment of a
//! mutating command leaves a vault that verifies and has lost nothing committed; concurrent
//! writers serialise through the lock.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tvault::crypto::{Identities, VaultIdentity};

use crate::common::{Out, TestEnv, files_under, which};

// ------------------------------------------------------------------------------------------------
// helpers

/// Substrings of every witness name and narrative these tests add: none may ever appear in a
/// report, a warning or an error.
const PLAINTEXT: &[&str] = &["Tamperova", "detained after the strike", "Impostor"];

/// A forged witness name (planted records, forgeries): must never be shown.
const FORGED_NAME: &str = "Forged Impostor Witness";

/// The lowercase Crockford base32 alphabet of file names and ids.
const BASE32: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";

fn witness(i: usize) -> String {
    format!("Svjatlana Tamperova {i}")
}

/// `n` records with distinctive names and narratives, numbered from `from`, as a JSON array.
pub(crate) fn records_json(from: usize, n: usize) -> String {
    let records: Vec<Value> = (from..from + n)
        .map(|i| {
            json!({
                "witness": {"names": [witness(i)], "status": "serving_sentence"},
                "title": format!("case {i}"),
                "narrative": format!("Narrative {i}: detained after the strike at mine {i}.")
            })
        })
        .collect();
    Value::Array(records).to_string()
}

/// Asserts that no plaintext of any record appears in either stream.
#[track_caller]
fn assert_no_plaintext(out: &Out) {
    for needle in PLAINTEXT {
        assert!(
            !out.stdout.contains(needle) && !out.stderr.contains(needle),
            "plaintext {needle:?} leaked:\n--- stdout\n{}--- stderr\n{}",
            out.stdout,
            out.stderr
        );
    }
}

/// A small xorshift generator: no `rand` dependency; the seed is printed so that a failure can
/// be replayed with `TVAULT_TEST_SEED`.
pub(crate) struct XorShift(u64);

impl XorShift {
    pub(crate) fn from_time_or_env(what: &str) -> (Self, u64) {
        let seed = std::env::var("TVAULT_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0x9e37_79b9_7f4a_7c15, |d| d.as_nanos() as u64)
            });
        eprintln!("{what}: seed {seed} (replay with TVAULT_TEST_SEED={seed})");
        (XorShift(seed | 1), seed)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform-ish in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn base32(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| BASE32[self.below(32) as usize] as char)
            .collect()
    }
}

/// `path` relative to the vault, with `/` separators (as reports name files).
fn rel(env: &TestEnv, path: &Path) -> String {
    path.strip_prefix(&env.vault)
        .expect("a path inside the vault")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Flips one bit in the middle of a file.
fn flip_bit(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x10;
    fs::write(path, bytes).unwrap();
}

/// Copies a directory tree of regular files.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The vault's record identity, from the recipients slot opened with the test's identity (the
/// vault must have been made with `init_with_identity`).
fn vault_identity(env: &TestEnv) -> VaultIdentity {
    let ids = Identities::parse(&fs::read(&env.identity.file).unwrap()).unwrap();
    let slot = ids
        .decrypt(&fs::read(env.vault.join("keys/recipients.age")).unwrap())
        .unwrap();
    let text = std::str::from_utf8(&slot).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .expect("the slot holds the vault identity");
    VaultIdentity::parse(line).expect("a valid identity")
}

fn cbor_get<'a>(value: &'a ciborium::Value, key: &str) -> &'a ciborium::Value {
    value
        .as_map()
        .expect("a CBOR map")
        .iter()
        .find(|(k, _)| k.as_text() == Some(key))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {key:?} in the map"))
}

fn cbor_set(value: &mut ciborium::Value, key: &str, new: ciborium::Value) {
    let map = match value {
        ciborium::Value::Map(map) => map,
        _ => panic!("not a CBOR map"),
    };
    let slot = map
        .iter_mut()
        .find(|(k, _)| k.as_text() == Some(key))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {key:?} in the map"));
    *slot = new;
}

/// One record file and what it holds.
struct RecordFile {
    path: PathBuf,
    rel: String,
    id: String,
    /// The decrypted CBOR envelope.
    plain: Vec<u8>,
}

/// Every record file of the vault, decrypted with the vault identity, sorted by path.
fn record_files(env: &TestEnv) -> Vec<RecordFile> {
    let identity = vault_identity(env);
    env.record_files()
        .into_iter()
        .map(|path| {
            let plain = identity
                .decrypt(&fs::read(&path).unwrap())
                .unwrap()
                .to_vec();
            let value: ciborium::Value = ciborium::from_reader(&plain[..]).unwrap();
            let id = cbor_get(&value, "id").as_text().unwrap().to_owned();
            RecordFile {
                rel: rel(env, &path),
                path,
                id,
                plain,
            }
        })
        .collect()
}

/// A validly encrypted forgery of `original`'s envelope: same shape, forged witness name and
/// narrative, `id` and `version` replaced where given.
fn forged_envelope(original: &[u8], id: Option<&str>, version: Option<u64>) -> Vec<u8> {
    let mut value: ciborium::Value = ciborium::from_reader(original).unwrap();
    if let Some(id) = id {
        cbor_set(&mut value, "id", ciborium::Value::Text(id.to_owned()));
    }
    if let Some(version) = version {
        cbor_set(
            &mut value,
            "version",
            ciborium::Value::Integer(version.into()),
        );
    }
    let mut record = cbor_get(&value, "record").clone();
    let mut witness = cbor_get(&record, "witness").clone();
    cbor_set(
        &mut witness,
        "names",
        ciborium::Value::Array(vec![ciborium::Value::Text(FORGED_NAME.to_owned())]),
    );
    cbor_set(&mut record, "witness", witness);
    cbor_set(
        &mut record,
        "narrative",
        ciborium::Value::Text("Impostor narrative".to_owned()),
    );
    cbor_set(&mut value, "record", record);
    let mut out = Vec::new();
    ciborium::into_writer(&value, &mut out).unwrap();
    out
}

/// A fresh vault (passphrase and the test identity as recipient) with `n` records.
fn fresh(n: usize) -> (TestEnv, Vec<String>) {
    let env = TestEnv::new();
    env.init_with_identity();
    let ids = env.add(&records_json(0, n));
    assert_eq!(ids.len(), n);
    (env, ids)
}

/// The `PROBLEM` lines of a text report.
fn problem_lines(out: &Out) -> Vec<&str> {
    out.stdout
        .lines()
        .filter(|l| l.starts_with("PROBLEM "))
        .collect()
}

/// Runs `verify` (text and `--json`) and asserts that it fails and that, for each group of
/// `wanted` substrings, one `PROBLEM` line contains all of them. Returns the text run.
#[track_caller]
fn verify_fails(env: &TestEnv, wanted: &[&[&str]]) -> Out {
    let out = env.with_passphrase(&["verify"]).output();
    out.code(1);
    assert_no_plaintext(&out);
    assert!(
        out.stdout.contains("journal head: j1-"),
        "no journal head:\n{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("problem(s) found") && !out.stdout.contains("ok:"),
        "{}",
        out.stdout
    );
    let problems = problem_lines(&out);
    for group in wanted {
        assert!(
            problems.iter().any(|l| group.iter().all(|w| l.contains(w))),
            "no PROBLEM line with {group:?}:\n{}",
            out.stdout
        );
    }
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.len() <= 2
            && lines
                .first()
                .is_some_and(|l| l.starts_with("error: verify found")),
        "{}",
        out.stderr
    );

    let json = env.with_passphrase(&["verify", "--json"]).output();
    json.code(1);
    assert_no_plaintext(&json);
    assert_eq!(json.stdout.lines().count(), 1, "{}", json.stdout);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert!(
        report["journal_head"].as_str().unwrap().starts_with("j1-"),
        "{report}"
    );
    let reported: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{} {}", p["path"].as_str().unwrap(), p["problem"]))
        .collect();
    assert_eq!(reported.len(), problems.len(), "{reported:?}");
    for group in wanted {
        assert!(
            reported.iter().any(|l| group.iter().all(|w| l.contains(w))),
            "no JSON problem with {group:?}: {reported:?}"
        );
    }
    out
}

/// `N records, M files checked, K journal entries` of a text report.
fn report_counts(out: &Out) -> (usize, usize) {
    let line = out
        .stdout
        .lines()
        .find(|l| l.ends_with("journal entries"))
        .unwrap_or_else(|| panic!("no counts line:\n{}", out.stdout));
    let words: Vec<&str> = line.split_whitespace().collect();
    let records = words[0].parse().unwrap();
    let entries = words[words.len() - 3].parse().unwrap();
    (records, entries)
}

/// Runs `verify` and asserts success; returns (fingerprint, records, journal entries).
#[track_caller]
fn verify_ok(env: &TestEnv) -> (String, usize, usize) {
    let out = env.with_passphrase(&["verify"]).output();
    out.ok();
    assert!(problem_lines(&out).is_empty(), "{}", out.stdout);
    assert!(out.stdout.contains("ok:"), "{}", out.stdout);
    let head = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("journal head: "))
        .expect("a journal head line")
        .to_owned();
    assert!(head.starts_with("j1-"), "{head}");
    let (records, entries) = report_counts(&out);
    (head, records, entries)
}

/// The journal files with the largest `seq` of the entries each holds, sorted by it.
fn journal_files_by_seq(env: &TestEnv) -> Vec<(u64, PathBuf)> {
    let identity = vault_identity(env);
    let mut files: Vec<(u64, PathBuf)> = files_under(&env.vault.join("journal"))
        .into_iter()
        .map(|path| {
            let entries =
                tvault::vault::journal::open(&identity, &fs::read(&path).unwrap(), &path).unwrap();
            (entries.iter().map(|e| e.seq).max().unwrap(), path)
        })
        .collect();
    files.sort();
    files
}

// ------------------------------------------------------------------------------------------------
// 1. an intact vault verifies

#[test]
fn fresh_vault_verifies_in_text_json_and_deep() {
    let (env, _) = fresh(3);
    let out = env.with_passphrase(&["verify"]).output();
    let stdout = out.ok();
    assert_no_plaintext(&out);
    assert!(stdout.contains("journal head: j1-"), "{stdout}");
    assert!(stdout.contains("ok:"), "{stdout}");
    assert!(!stdout.contains("PROBLEM"), "{stdout}");
    let (records, entries) = report_counts(&out);
    assert_eq!((records, entries), (3, 2), "init and one add: {stdout}");
    let head = stdout
        .lines()
        .find_map(|l| l.strip_prefix("journal head: "))
        .unwrap();
    // j1- and 20 base32 characters in groups of five.
    let groups: Vec<&str> = head.trim_start_matches("j1-").split('-').collect();
    assert_eq!(groups.len(), 4, "{head}");
    assert!(
        groups
            .iter()
            .all(|g| g.len() == 5 && g.bytes().all(|b| BASE32.contains(&b))),
        "{head}"
    );

    let json = env.with_passphrase(&["verify", "--json"]).output();
    let line = json.ok();
    assert_eq!(line.lines().count(), 1, "one JSON object: {line}");
    let report: Value = serde_json::from_str(line).unwrap();
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["journal_head"], head, "{report}");
    assert_eq!(report["problems"], json!([]), "{report}");

    let deep = env.with_passphrase(&["verify", "--deep"]).output();
    let stdout = deep.ok();
    assert!(stdout.contains("ok:"), "{stdout}");
    assert!(
        stdout.contains(&format!("journal head: {head}")),
        "{stdout}"
    );
    assert_no_plaintext(&deep);

    // The identity opens it too, and verify changes nothing (same head).
    let by_identity = env
        .with_identity(&env.identity.file, &["verify", "--deep", "--expect", head])
        .output();
    by_identity.ok();
}

// ------------------------------------------------------------------------------------------------
// 2. every kind of tampering is detected, named by file and record id, without plaintext

mod tamper {
    use super::*;

    #[test]
    fn flipped_bit_in_a_record() {
        let (env, _) = fresh(3);
        let files = record_files(&env);
        flip_bit(&files[1].path);
        verify_fails(&env, &[&[&files[1].rel, &files[1].id]]);
    }

    #[test]
    fn truncated_record() {
        let (env, _) = fresh(3);
        let files = record_files(&env);
        let len = fs::metadata(&files[0].path).unwrap().len();
        fs::OpenOptions::new()
            .write(true)
            .open(&files[0].path)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
        verify_fails(&env, &[&[&files[0].rel, &files[0].id]]);
    }

    #[test]
    fn deleted_record() {
        let (env, _) = fresh(3);
        let files = record_files(&env);
        fs::remove_file(&files[2].path).unwrap();
        let out = verify_fails(&env, &[&[&files[2].rel, &files[2].id, "missing"]]);
        assert_eq!(problem_lines(&out).len(), 1, "{}", out.stdout);
    }

    #[test]
    fn record_duplicated_under_another_name_in_another_shard() {
        let (env, _) = fresh(3);
        let files = record_files(&env);
        let (mut rng, _) = XorShift::from_time_or_env("duplicate name");
        let shard = env.vault.join("records/zz");
        fs::create_dir_all(&shard).unwrap();
        let copy = shard.join(format!("zz{}.age", rng.base32(22)));
        fs::copy(&files[0].path, &copy).unwrap();
        let out = verify_fails(&env, &[&[&rel(&env, &copy), "not in the journal"]]);
        assert_eq!(problem_lines(&out).len(), 1, "the original is fine");

        // Never served: the original is listed once, the copy not at all.
        let list = env.with_passphrase(&["list", "--json"]).output();
        list.code(1);
        assert_eq!(list.stdout.lines().count(), 3, "{}", list.stdout);
        assert!(list.stderr.contains(&rel(&env, &copy)), "{}", list.stderr);
    }

    #[test]
    fn two_records_swapped() {
        let (env, _) = fresh(3);
        let files = record_files(&env);
        let a = fs::read(&files[0].path).unwrap();
        let b = fs::read(&files[1].path).unwrap();
        fs::write(&files[0].path, b).unwrap();
        fs::write(&files[1].path, a).unwrap();
        verify_fails(
            &env,
            &[
                &[&files[0].rel, &files[0].id],
                &[&files[1].rel, &files[1].id],
            ],
        );
        // Neither is served under the other's id.
        let list = env.with_passphrase(&["list", "--json"]).output();
        list.code(1);
        let ids: Vec<String> = list
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
            .collect();
        assert_eq!(ids.len(), 1, "{}", list.stdout);
        assert!(ids[0].contains(&files[2].id));
    }

    #[test]
    fn planted_random_file_in_a_shard() {
        let (env, _) = fresh(3);
        let files = record_files(&env);
        let (mut rng, _) = XorShift::from_time_or_env("planted file");
        let shard = files[0].path.parent().unwrap();
        let prefix = &files[0].rel["records/".len().."records/".len() + 2];
        let planted = shard.join(format!("{prefix}{}.age", rng.base32(22)));
        let bytes: Vec<u8> = (0..5000).map(|_| rng.next() as u8).collect();
        fs::write(&planted, bytes).unwrap();
        verify_fails(&env, &[&[&rel(&env, &planted)]]);
    }

    #[cfg(unix)]
    #[test]
    fn planted_symlink_in_a_shard() {
        let (env, _) = fresh(3);
        let files = record_files(&env);
        let shard = files[0].path.parent().unwrap();
        let prefix = &files[0].rel["records/".len().."records/".len() + 2];
        // A sneaky duplicate: a link to another genuine record.
        let link = shard.join(format!("{prefix}{}.age", "x".repeat(22)));
        std::os::unix::fs::symlink(&files[1].path, &link).unwrap();
        verify_fails(&env, &[&[&rel(&env, &link), "symbolic link"]]);
        let list = env.with_passphrase(&["list", "--json"]).output();
        list.code(1);
        assert_eq!(list.stdout.lines().count(), 3, "{}", list.stdout);
    }

    /// The forgery DESIGN.md warns about: a record replaced by a different one, validly
    /// encrypted with the stock `age` tool to the vault's own recipient.
    #[test]
    fn record_replaced_by_a_valid_age_forgery() {
        let (Some(age), Some(keygen)) = (which("age"), which("age-keygen")) else {
            eprintln!("skipped: age or age-keygen is not on PATH");
            return;
        };
        let (env, _) = fresh(3);
        let files = record_files(&env);
        let target = &files[1];

        // The slot text: an age identity file with the vault's AGE-SECRET-KEY-1 line.
        let slot = env.root().join("slot.txt");
        env.run_program(
            &age,
            [
                OsStr::new("-d"),
                OsStr::new("-i"),
                env.identity.file.as_os_str(),
                OsStr::new("-o"),
                slot.as_os_str(),
                env.vault.join("keys/recipients.age").as_os_str(),
            ],
        )
        .code(0);
        let text = fs::read_to_string(&slot).unwrap();
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("AGE-SECRET-KEY-1"))
                .count(),
            1
        );
        let recipient = env.run_program(&keygen, [OsStr::new("-y"), slot.as_os_str()]);
        let recipient = recipient.code(0).stdout.trim().to_owned();
        assert!(recipient.starts_with("age1"), "{recipient}");

        // A real record's CBOR, decrypted with the stock tool, with the witness changed.
        let plain = env.root().join("plain.cbor");
        env.run_program(
            &age,
            [
                OsStr::new("-d"),
                OsStr::new("-i"),
                slot.as_os_str(),
                OsStr::new("-o"),
                plain.as_os_str(),
                target.path.as_os_str(),
            ],
        )
        .code(0);
        assert_eq!(fs::read(&plain).unwrap(), target.plain);
        let forged = env.write("forged.cbor", forged_envelope(&target.plain, None, None));
        let sealed = env.root().join("forged.age");
        env.run_program(
            &age,
            [
                OsStr::new("-r"),
                OsStr::new(&recipient),
                OsStr::new("-o"),
                sealed.as_os_str(),
                forged.as_os_str(),
            ],
        )
        .code(0);
        fs::rename(&sealed, &target.path).unwrap();
        // It really is a valid record file of this vault, only not the genuine one.
        let reopened = record_files(&env);
        assert_eq!(reopened[1].id, target.id);
        assert_ne!(reopened[1].plain, target.plain);
        for p in [&slot, &plain, &forged] {
            fs::remove_file(p).unwrap();
        }

        verify_fails(&env, &[&[&target.rel, &target.id]]);
        let deep = env.with_passphrase(&["verify", "--deep"]).output();
        deep.code(1);
        assert_no_plaintext(&deep);
        assert!(
            problem_lines(&deep)
                .iter()
                .any(|l| l.contains(&target.rel) && l.contains(&target.id)),
            "{}",
            deep.stdout
        );
        for out in [
            env.with_passphrase(&["list"]).output(),
            env.with_passphrase(&["show", &target.id]).output(),
        ] {
            out.code(1);
            assert_no_plaintext_except_intact(&out);
            assert!(!out.stdout.contains(&target.id), "{}", out.stdout);
            assert!(out.stderr.contains(&target.rel), "{}", out.stderr);
        }
    }

    #[test]
    fn flipped_bit_in_a_journal_file() {
        let (env, _) = fresh(1);
        env.add(&records_json(1, 1));
        env.add(&records_json(2, 1));
        let journal = journal_files_by_seq(&env);
        assert_eq!(journal.len(), 4, "init and three adds");
        let (_, middle) = &journal[2];
        flip_bit(middle);
        verify_fails(&env, &[&[&rel(&env, middle)]]);
    }

    #[test]
    fn deleted_journal_file_in_the_middle() {
        let (env, _) = fresh(1);
        let second = env.add(&records_json(1, 1));
        env.add(&records_json(2, 1));
        let before = record_files(&env);
        let journal = journal_files_by_seq(&env);
        assert_eq!(journal.len(), 4, "init and three adds (no compaction yet)");
        let (seq, middle) = &journal[2];
        assert_eq!(*seq, 2);
        fs::remove_file(middle).unwrap();
        // The entry of the second add is gone: its record is no longer vouched for.
        let orphan = before.iter().find(|f| f.id == second[0]).unwrap();
        let out = verify_fails(
            &env,
            &[
                &["journal", "missing"],
                &[&orphan.rel, "not in the journal"],
            ],
        );
        assert!(!out.stdout.contains(&format!("{}: ", rel(&env, middle))));
        let list = env.with_passphrase(&["list", "--json"]).output();
        list.code(1);
        assert_eq!(list.stdout.lines().count(), 2, "{}", list.stdout);
        assert!(!list.stdout.contains(&second[0]));
    }

    #[test]
    fn planted_files_in_the_root_keys_and_journal() {
        let (env, _) = fresh(3);
        fs::write(env.vault.join("notes.txt"), "x").unwrap();
        fs::create_dir(env.vault.join("extra")).unwrap();
        fs::write(env.vault.join("keys/extra.age"), "y").unwrap();
        fs::write(env.vault.join("journal/readme"), "z").unwrap();
        verify_fails(
            &env,
            &[
                &["notes.txt"],
                &["/extra"],
                &["keys/extra.age"],
                &["journal/readme"],
            ],
        );
    }

    #[test]
    fn config_of_another_vault() {
        let (env, ids) = fresh(3);
        let other = TestEnv::new();
        other.init();
        fs::copy(
            other.vault.join("keys/config.age"),
            env.vault.join("keys/config.age"),
        )
        .unwrap();
        for out in [
            env.with_passphrase(&["verify"]).output(),
            env.with_passphrase(&["list"]).output(),
            env.with_passphrase(&["show", &ids[0]]).output(),
            env.with_identity(&env.identity.file, &["verify"]).output(),
            env.with_passphrase(&["add", "--from", "-"])
                .stdin(records_json(9, 1))
                .output(),
        ] {
            out.fails(1, "");
            assert_no_plaintext(&out);
        }
    }

    #[test]
    fn flipped_bit_in_the_passphrase_slot() {
        let (env, _) = fresh(3);
        flip_bit(&env.vault.join("keys/passphrase.age"));
        let out = env.with_passphrase(&["list"]).output();
        out.fails(1, "");
        assert_no_plaintext(&out);

        // The recovery identity still opens the vault and serves every record ...
        let list = env
            .with_identity(&env.identity.file, &["list", "--json"])
            .output();
        assert_eq!(list.stdout.lines().count(), 3, "{}", list.stderr);
        // ... and verify names the damaged slot.
        let out = env.with_identity(&env.identity.file, &["verify"]).output();
        out.code(1);
        assert_no_plaintext(&out);
        let problems = problem_lines(&out);
        assert!(
            problems.iter().any(|l| l.contains("keys/passphrase.age")),
            "{}",
            out.stdout
        );
        assert!(out.stdout.contains("journal head: j1-"), "{}", out.stdout);
    }

    /// Bug: the error should say the slot is damaged (the age header MAC proves the passphrase
    /// right) and name the file; it says "wrong passphrase or identity".
    #[test]
    fn damaged_passphrase_slot_is_named() {
        let (env, _) = fresh(1);
        let path = env.vault.join("keys/passphrase.age");
        let mut bytes = fs::read(&path).unwrap();
        let last = bytes.len() - 5; // inside the payload, after the header MAC
        bytes[last] ^= 1;
        fs::write(&path, bytes).unwrap();
        let out = env.with_passphrase(&["list"]).output();
        out.fails(1, "passphrase.age");
    }

    /// Bug: a config.age from another vault is reported as a wrong passphrase; the passphrase is
    /// right, the file is foreign.
    #[test]
    fn foreign_config_is_named() {
        let (env, _) = fresh(1);
        let other = TestEnv::new();
        other.init();
        fs::copy(
            other.vault.join("keys/config.age"),
            env.vault.join("keys/config.age"),
        )
        .unwrap();
        let out = env.with_passphrase(&["list"]).output();
        let stderr = out.fails(1, "config.age");
        assert!(!stderr.contains("wrong passphrase"), "{stderr}");
    }

    /// Bug: `walk` and `Journal::load` read the top-level directories with `read_dir`, which
    /// follows a symbolic link; verify checks only the names at the top, not their type.
    #[cfg(unix)]
    #[test]
    fn symlinked_top_level_directory() {
        for dir in ["records", "journal", "keys"] {
            let (env, _) = fresh(1);
            let elsewhere = env.root().join(format!("moved-{dir}"));
            fs::rename(env.vault.join(dir), &elsewhere).unwrap();
            std::os::unix::fs::symlink(&elsewhere, env.vault.join(dir)).unwrap();
            let out = env.with_passphrase(&["verify"]).output();
            out.code(1);
            assert!(
                problem_lines(&out).iter().any(|l| l.contains(dir)),
                "{dir}: {}",
                out.stdout
            );
        }
    }

    /// Bug: a planted `staging -> DIR` link passes verify, and the next writing command's
    /// `clean_staging` deletes every regular file in DIR, outside the vault.
    #[cfg(unix)]
    #[test]
    fn symlinked_staging_is_refused_and_nothing_outside_is_deleted() {
        let (env, _) = fresh(1);
        let victim = env.root().join("victim");
        fs::create_dir(&victim).unwrap();
        fs::write(victim.join("important.doc"), "precious").unwrap();
        fs::remove_dir(env.vault.join("staging")).unwrap();
        std::os::unix::fs::symlink(&victim, env.vault.join("staging")).unwrap();
        let _ = env
            .with_passphrase(&["add", "--from", "-"])
            .stdin(records_json(1, 1))
            .output();
        assert_eq!(
            fs::read_to_string(victim.join("important.doc"))
                .ok()
                .as_deref(),
            Some("precious"),
            "a file outside the vault was deleted"
        );
        let out = env.with_passphrase(&["verify"]).output();
        out.code(1);
        assert!(
            problem_lines(&out).iter().any(|l| l.contains("staging")),
            "{}",
            out.stdout
        );
    }
}

// ------------------------------------------------------------------------------------------------
// 3. everyday commands on a damaged vault: skip, warn, serve the rest, exit 1

#[test]
fn list_and_show_skip_damaged_and_unattested_records() {
    let (env, ids) = fresh(4);
    let files = record_files(&env);
    let altered = &files[0];
    flip_bit(&altered.path);
    // A validly encrypted forgery of another record, as a newer version under a new file name:
    // it must never shadow the genuine record nor be listed.
    let shadowed = &files[1];
    let identity = vault_identity(&env);
    let (mut rng, _) = XorShift::from_time_or_env("planted record");
    let stem = format!("{}{}", &shadowed.rel[8..10], rng.base32(22));
    let planted = env
        .vault
        .join(format!("records/{}/{stem}.age", &shadowed.rel[8..10]));
    fs::write(
        &planted,
        identity
            .encrypt(&forged_envelope(&shadowed.plain, None, Some(2)))
            .unwrap(),
    )
    .unwrap();
    // And a planted forgery under a new record id.
    let new_id = rng.base32(16);
    let planted_new = env
        .vault
        .join(format!("records/zz/zz{}.age", rng.base32(22)));
    fs::create_dir_all(planted_new.parent().unwrap()).unwrap();
    fs::write(
        &planted_new,
        identity
            .encrypt(&forged_envelope(&files[2].plain, Some(&new_id), None))
            .unwrap(),
    )
    .unwrap();
    let planted_rel = [rel(&env, &planted), rel(&env, &planted_new)];
    let intact: BTreeSet<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| *id != altered.id)
        .collect();
    assert_eq!(intact.len(), 3);

    let check_warnings = |out: &Out| {
        out.code(1);
        assert_no_plaintext_except_intact(out);
        assert!(!out.stdout.contains(FORGED_NAME), "{}", out.stdout);
        for name in std::iter::once(&altered.rel).chain(planted_rel.iter()) {
            assert!(
                out.stderr
                    .lines()
                    .any(|l| l.starts_with("warning: ") && l.contains(name.as_str())),
                "no warning naming {name}:\n{}",
                out.stderr
            );
        }
        assert!(
            out.stderr.contains("verify") || out.stderr.contains("damaged or tampered"),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.lines().any(|l| l.starts_with("error: ")),
            "{}",
            out.stderr
        );
    };

    // list: a row for every intact record, and nothing else.
    let list = env.with_passphrase(&["list"]).output();
    check_warnings(&list);
    let rows: Vec<&str> = list.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{}", list.stdout);
    for id in &intact {
        assert!(list.stdout.contains(id), "{id} missing:\n{}", list.stdout);
    }
    assert!(!list.stdout.contains(&altered.id));
    assert!(!list.stdout.contains(&new_id));
    assert!(list.stdout.contains(&witness_of(shadowed)));

    let list = env.with_passphrase(&["list", "--json"]).output();
    check_warnings(&list);
    let listed: BTreeSet<String> = list
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["version"], 1, "the genuine version is served: {v}");
            v["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        listed,
        intact
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    );

    // `show` reads one record: it checks that record's every byte, and surveys the others
    // without reading them (planted, missing or resized files), so it warns about the planted
    // forgeries but cannot see a flipped bit in another record (`list` and `verify` do).
    let check_show_warnings = |out: &Out| {
        out.code(1);
        assert_no_plaintext_except_intact(out);
        assert!(!out.stdout.contains(FORGED_NAME), "{}", out.stdout);
        for name in planted_rel.iter() {
            assert!(
                out.stderr
                    .lines()
                    .any(|l| l.starts_with("warning: ") && l.contains(name.as_str())),
                "no warning naming {name}:\n{}",
                out.stderr
            );
        }
        assert!(out.stderr.contains("verify"), "{}", out.stderr);
    };

    // show of an intact record (the shadowed one included): printed, warned, exit 1.
    for id in &intact {
        let show = env.with_passphrase(&["show", "--json", id]).output();
        check_show_warnings(&show);
        let value: Value = serde_json::from_str(show.stdout.trim()).unwrap();
        assert_eq!(value["id"], *id);
        assert_ne!(value["witness"]["names"][0], FORGED_NAME);
    }
    let show = env.with_passphrase(&["show", &shadowed.id]).output();
    check_show_warnings(&show);
    assert!(show.stdout.contains(&shadowed.id), "{}", show.stdout);

    // show of the altered record, or of the planted id: not printed.
    for id in [altered.id.as_str(), new_id.as_str()] {
        let show = env.with_passphrase(&["show", id]).output();
        show.code(1);
        assert_eq!(show.stdout, "", "a damaged or planted record was shown");
        assert_no_plaintext(&show);
        // The altered record names its own file; the planted id is not a record at all, and
        // the survey names the planted file.
        let named = if id == altered.id {
            &altered.rel
        } else {
            &planted_rel[1]
        };
        assert!(show.stderr.contains(named.as_str()), "{}", show.stderr);
    }
}

/// As [`assert_no_plaintext`], but the intact records' own names may be on stdout (they are
/// the product); stderr must still hold no plaintext at all.
#[track_caller]
fn assert_no_plaintext_except_intact(out: &Out) {
    for needle in PLAINTEXT {
        assert!(
            !out.stderr.contains(needle),
            "plaintext {needle:?} on stderr:\n{}",
            out.stderr
        );
    }
    assert!(!out.stdout.contains("Impostor"), "{}", out.stdout);
}

fn witness_of(file: &RecordFile) -> String {
    let value: ciborium::Value = ciborium::from_reader(&file.plain[..]).unwrap();
    let names = cbor_get(cbor_get(cbor_get(&value, "record"), "witness"), "names");
    names.as_array().unwrap()[0].as_text().unwrap().to_owned()
}

// ------------------------------------------------------------------------------------------------
// 4. rollback: only a fingerprint written down elsewhere detects it

#[test]
fn expect_detects_a_rollback_of_the_whole_vault() {
    let (env, _) = fresh(2);
    let (old, _, old_entries) = verify_ok(&env);
    let snapshot = env.root().join("snapshot");
    copy_dir(&env.vault, &snapshot);

    env.add(&records_json(2, 1));
    let (new, records, entries) = verify_ok(&env);
    assert_ne!(old, new, "the head changes with every write");
    assert_eq!((records, entries), (3, old_entries + 1));

    let out = env.with_passphrase(&["verify", "--expect", &old]).output();
    out.code(1);
    assert!(out.stdout.contains(&old), "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!("journal head: {new}")),
        "{}",
        out.stdout
    );
    assert_eq!(problem_lines(&out).len(), 1, "{}", out.stdout);
    env.with_passphrase(&["verify", "--expect", &new])
        .output()
        .ok();

    // Restore the snapshot: a consistent vault, only older.
    fs::remove_dir_all(&env.vault).unwrap();
    fs::rename(&snapshot, &env.vault).unwrap();
    let (head, records, _) = verify_ok(&env);
    assert_eq!((head.as_str(), records), (old.as_str(), 2));
    let out = env.with_passphrase(&["verify", "--expect", &new]).output();
    out.code(1);
    assert!(
        problem_lines(&out)
            .iter()
            .any(|l| l.contains(&new) && l.contains("rolled back")),
        "{}",
        out.stdout
    );
    let json = env
        .with_passphrase(&["verify", "--json", "--expect", &new])
        .output();
    json.code(1);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        (report["ok"].clone(), report["journal_head"].clone()),
        (json!(false), json!(old))
    );
}

/// Deleting the newest write together with its journal entry is the other rollback: the vault
/// is consistent (plain verify passes), and only `--expect` notices.
#[test]
fn expect_detects_the_newest_write_removed_with_its_entry() {
    let (env, _) = fresh(2);
    let (old, _, _) = verify_ok(&env);
    // Every file as it was (records, journal, and whatever else a write may touch).
    let before: BTreeMap<PathBuf, Vec<u8>> = files_under(&env.vault)
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    env.add(&records_json(2, 1));
    let (new, _, _) = verify_ok(&env);
    // Undo exactly that write: remove what it created, restore what it replaced.
    for file in files_under(&env.vault) {
        match before.get(&file) {
            None => fs::remove_file(file).unwrap(),
            Some(bytes) if fs::read(&file).unwrap() != *bytes => fs::write(file, bytes).unwrap(),
            Some(_) => {}
        }
    }
    for (file, bytes) in &before {
        if !file.exists() {
            fs::write(file, bytes).unwrap();
        }
    }
    let (head, records, _) = verify_ok(&env);
    assert_eq!((head.as_str(), records), (old.as_str(), 2));
    let out = env.with_passphrase(&["verify", "--expect", &new]).output();
    out.code(1);
    assert!(out.stdout.contains(&new), "{}", out.stdout);
}

// ------------------------------------------------------------------------------------------------
// 5. operating-system litter is not tampering

#[test]
fn os_litter_is_ignored() {
    let (env, _) = fresh(2);
    let files = record_files(&env);
    let shard = files[0].path.parent().unwrap();
    fs::write(env.vault.join(".DS_Store"), "finder").unwrap();
    fs::write(env.vault.join("Thumbs.db"), "explorer").unwrap();
    fs::write(shard.join("._xyz.age"), "appledouble").unwrap();
    fs::write(env.vault.join("keys/._config.age"), "appledouble").unwrap();
    fs::write(env.vault.join("records/desktop.ini"), "windows").unwrap();
    verify_ok(&env);
    let list = env.with_passphrase(&["list", "--json"]).output();
    assert_eq!(list.ok().lines().count(), 2);
}

/// Bug: `Journal::load` does not skip OS litter, so the `._NAME.age` AppleDouble files that
/// macOS writes next to every file on FAT/exFAT make verify, list and show fail.
#[test]
fn os_litter_in_the_journal_is_ignored() {
    let (env, _) = fresh(2);
    let journal = files_under(&env.vault.join("journal"));
    let name = journal[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    fs::write(env.vault.join("journal/.DS_Store"), "finder").unwrap();
    fs::write(env.vault.join(format!("journal/._{name}")), [0u8; 4096]).unwrap();
    verify_ok(&env);
    env.with_passphrase(&["list"]).output().ok();
}

// ------------------------------------------------------------------------------------------------
// 6. crash safety: kill -9 the real binary at random moments

/// Kills per crash test, unless the machine is so loaded that [`TIME_BUDGET`] runs out first
/// (every `add` ends with a `syncfs`, which is slow while other processes write a lot).
pub(crate) const ITERATIONS: usize = 25;
/// Kills per crash test however long they take.
pub(crate) const MIN_ITERATIONS: usize = 8;
/// Wall time after which a crash test stops killing (past [`MIN_ITERATIONS`]).
pub(crate) const TIME_BUDGET: Duration = Duration::from_secs(12);

/// Spawns the binary directly (no `setsid` wrapper, so that the kill reaches tvault itself) with
/// the same hermetic environment as `TestEnv`.
pub(crate) fn spawn(env: &TestEnv, args: &[&OsStr]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tvault"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.root())
        .env("TMPDIR", &env.tmp)
        .env("LANG", "C")
        .current_dir(env.root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawning tvault")
}

/// Replaces the vault with a copy of `base`.
pub(crate) fn reset_vault(env: &TestEnv, base: &Path) {
    if env.vault.exists() {
        fs::remove_dir_all(&env.vault).unwrap();
    }
    copy_dir(base, &env.vault);
}

/// Runs `args` to completion once and returns how long it took.
pub(crate) fn time_run(env: &TestEnv, args: &[&OsStr]) -> Duration {
    let start = Instant::now();
    let status = spawn(env, args).wait().unwrap();
    assert!(status.success(), "an uninterrupted run failed: {status:?}");
    start.elapsed()
}

/// Runs `args`, killing it with SIGKILL after `delay` if it is still running. Returns whether it
/// finished on its own.
pub(crate) fn run_and_kill(env: &TestEnv, args: &[&OsStr], delay: Duration) -> bool {
    let mut child = spawn(env, args);
    std::thread::sleep(delay);
    if let Ok(Some(status)) = child.try_wait() {
        assert!(
            status.success(),
            "tvault failed before the kill: {status:?}"
        );
        return true;
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().unwrap();
    status.success()
}

pub(crate) fn ids_listed(env: &TestEnv, ctx: &str) -> BTreeSet<String> {
    let out = env.with_passphrase(&["list", "--json"]).output();
    assert_eq!(out.code, 0, "{ctx}: list failed:\n{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{ctx}: {}", out.stderr);
    out.stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[track_caller]
pub(crate) fn verify_ok_ctx(env: &TestEnv, ctx: &str) -> Out {
    let out = env.with_passphrase(&["verify"]).output();
    assert_eq!(
        out.code, 0,
        "{ctx}: verify failed after the kill\n--- stdout\n{}--- stderr\n{}",
        out.stdout, out.stderr
    );
    out
}

pub(crate) fn staging_is_empty(env: &TestEnv) -> bool {
    fs::read_dir(env.vault.join("staging"))
        .unwrap()
        .next()
        .is_none()
}

#[test]
fn add_killed_at_random_moments() {
    let env = TestEnv::new();
    env.init();
    let base_ids: BTreeSet<String> = env.add(&records_json(0, 5)).into_iter().collect();
    let base = env.root().join("base");
    copy_dir(&env.vault, &base);
    let input = env.write("batch.json", records_json(100, 200));
    let args: Vec<&OsStr> = vec![
        OsStr::new("add"),
        OsStr::new("--vault"),
        env.vault.as_os_str(),
        OsStr::new("--passphrase-file"),
        env.passphrase_file.as_os_str(),
        OsStr::new("--from"),
        input.as_os_str(),
    ];
    let typical = time_run(&env, &args);
    assert_eq!(ids_listed(&env, "uninterrupted").len(), 205);

    let (mut rng, seed) = XorShift::from_time_or_env("add crash test");
    let limit = typical.as_micros() as u64 * 6 / 5;
    let (mut none, mut all, mut pending) = (0, 0, 0);
    let start = Instant::now();
    for i in 0..ITERATIONS {
        if i >= MIN_ITERATIONS && start.elapsed() > TIME_BUDGET {
            eprintln!("stopping after {i} iterations: time budget used (a loaded machine)");
            break;
        }
        reset_vault(&env, &base);
        let delay = Duration::from_micros(rng.below(limit + 1));
        let ctx = format!("seed {seed}, iteration {i}, kill after {delay:?} (typical {typical:?})");
        run_and_kill(&env, &args, delay);

        let out = verify_ok_ctx(&env, &ctx);
        if out.stdout.contains("interrupted write") {
            pending += 1;
        }
        let ids = ids_listed(&env, &ctx);
        assert!(
            ids.len() == 5 || ids.len() == 205,
            "{ctx}: {} records, neither none nor all of the batch",
            ids.len()
        );
        assert!(
            ids.is_superset(&base_ids),
            "{ctx}: a committed record was lost"
        );
        if ids.len() == 5 {
            none += 1;
        } else {
            all += 1;
        }

        // The next writer completes or cleans up, and the vault verifies.
        let added = env
            .with_passphrase(&["add", "--from", "-"])
            .stdin(records_json(999, 1))
            .output();
        assert_eq!(added.code, 0, "{ctx}: add after the kill: {}", added.stderr);
        assert!(staging_is_empty(&env), "{ctx}: staging/ not cleaned");
        let out = verify_ok_ctx(&env, &ctx);
        assert!(!out.stdout.contains("interrupted write"), "{ctx}");
        assert_eq!(report_counts(&out).0, ids.len() + 1, "{ctx}");
    }
    eprintln!(
        "add crash test: {none} interrupted before the commit, {all} after ({pending} rolled forward)"
    );
}

/// `tvault ARGS --vault VAULT --passphrase-file FILE`.
fn with_passphrase_file<'a>(
    env: &'a TestEnv,
    file: &Path,
    args: &[&str],
) -> crate::common::Run<'a> {
    env.tvault(args).args([
        OsStr::new("--vault"),
        env.vault.as_os_str(),
        OsStr::new("--passphrase-file"),
        file.as_os_str(),
    ])
}

/// The ids of a successful `list --json`, or `None` if the passphrase was refused.
fn ids_if_opens(env: &TestEnv, file: &Path, ctx: &str) -> Option<BTreeSet<String>> {
    let out = with_passphrase_file(env, file, &["list", "--json"]).output();
    match out.code {
        0 => Some(
            out.stdout
                .lines()
                .map(|l| {
                    serde_json::from_str::<Value>(l).unwrap()["id"]
                        .as_str()
                        .unwrap()
                        .to_owned()
                })
                .collect(),
        ),
        1 if out.stderr.contains("wrong passphrase") => None,
        other => panic!("{ctx}: list exited {other}: {}", out.stderr),
    }
}

#[test]
fn passwd_killed_at_random_moments() {
    let env = TestEnv::new();
    env.init();
    let base_ids: BTreeSet<String> = env.add(&records_json(0, 2)).into_iter().collect();
    let base = env.root().join("base");
    copy_dir(&env.vault, &base);
    let old_file = env.passphrase_file.clone();
    let new_file = env.write(
        "new-passphrase.txt",
        "a brand new passphrase for the crash test\n",
    );
    let args: Vec<&OsStr> = vec![
        OsStr::new("passwd"),
        OsStr::new("--vault"),
        env.vault.as_os_str(),
        OsStr::new("--passphrase-file"),
        old_file.as_os_str(),
        OsStr::new("--new-passphrase-file"),
        new_file.as_os_str(),
    ];
    let typical = time_run(&env, &args);
    assert_eq!(ids_if_opens(&env, &old_file, "uninterrupted"), None);
    assert_eq!(
        ids_if_opens(&env, &new_file, "uninterrupted"),
        Some(base_ids.clone())
    );

    let (mut rng, seed) = XorShift::from_time_or_env("passwd crash test");
    let limit = typical.as_micros() as u64 * 6 / 5;
    let (mut old_only, mut new_only, mut both) = (0, 0, 0);
    let start = Instant::now();
    for i in 0..ITERATIONS {
        if i >= MIN_ITERATIONS && start.elapsed() > TIME_BUDGET {
            eprintln!("stopping after {i} iterations: time budget used (a loaded machine)");
            break;
        }
        reset_vault(&env, &base);
        let delay = Duration::from_micros(rng.below(limit + 1));
        let ctx = format!("seed {seed}, iteration {i}, kill after {delay:?} (typical {typical:?})");
        run_and_kill(&env, &args, delay);

        let old = ids_if_opens(&env, &old_file, &ctx);
        let new = ids_if_opens(&env, &new_file, &ctx);
        for ids in old.iter().chain(&new) {
            assert_eq!(ids, &base_ids, "{ctx}: the records changed");
        }
        match (old.is_some(), new.is_some()) {
            (true, false) => old_only += 1,
            (false, true) => new_only += 1,
            (false, false) => panic!("{ctx}: neither passphrase opens the vault"),
            // Known bugs (`passwd_killed_before_its_commit_point_*`, `..._after_...`): around
            // the commit point both open until the next writer settles the state.
            (true, true) => both += 1,
        }
        let unlock = if old.is_some() { &old_file } else { &new_file };
        let verify = with_passphrase_file(&env, unlock, &["verify"]).output();
        assert_eq!(verify.code, 0, "{ctx}: {}{}", verify.stdout, verify.stderr);

        // A writer settles the state: then exactly one passphrase opens, and nothing is lost.
        let added = with_passphrase_file(&env, unlock, &["add", "--from", "-"])
            .stdin(records_json(50, 1))
            .output();
        assert_eq!(added.code, 0, "{ctx}: {}", added.stderr);
        assert!(staging_is_empty(&env), "{ctx}: staging/ not cleaned");
        let mut ids = base_ids.clone();
        ids.insert(added.stdout.trim().to_owned());
        let old = ids_if_opens(&env, &old_file, &ctx);
        let new = ids_if_opens(&env, &new_file, &ctx);
        assert!(
            old.is_some() != new.is_some(),
            "{ctx}: after a write, old opens: {}, new opens: {}",
            old.is_some(),
            new.is_some()
        );
        assert_eq!(old.or(new), Some(ids), "{ctx}: nothing committed is lost");
        let unlock = if opens_with(&env, &old_file) {
            &old_file
        } else {
            &new_file
        };
        let verify = with_passphrase_file(&env, unlock, &["verify"]).output();
        assert_eq!(verify.code, 0, "{ctx}: {}{}", verify.stdout, verify.stderr);
    }
    eprintln!(
        "passwd crash test: old only {old_only}, new only {new_only}, both (known bug) {both}"
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The staging name of a file (docs/FORMAT.md, "Commit protocol"): hex SHA-256 of its bytes.
fn staged_path(env: &TestEnv, bytes: &[u8]) -> PathBuf {
    env.vault
        .join("staging")
        .join(format!("{}.age", hex(&tvault::crypto::sha256(bytes))))
}

/// Whether `list` opens the vault with the passphrase in `file`.
fn opens_with(env: &TestEnv, file: &Path) -> bool {
    ids_if_opens(env, file, "opens_with").is_some()
}

/// A `passwd` interrupted around its commit point, made deterministically from a complete run.
struct InterruptedPasswd {
    env: TestEnv,
    /// The new passphrase.
    new_file: PathBuf,
    /// The new `keys/passphrase.age`.
    slot: Vec<u8>,
    /// The journal file the passwd wrote (its commit point), name and bytes.
    entry: (PathBuf, Vec<u8>),
}

impl InterruptedPasswd {
    /// Leaves the vault as it was before the passwd.
    fn new() -> Self {
        let env = TestEnv::new();
        env.init();
        env.add(&records_json(0, 1));
        let base = env.root().join("base");
        copy_dir(&env.vault, &base);
        let journal = env.vault.join("journal");
        let before: BTreeSet<PathBuf> = files_under(&journal).into_iter().collect();
        let new_file = env.write("new.txt", "the new passphrase of this vault\n");
        env.with_passphrase(&[
            "passwd",
            "--new-passphrase-file",
            new_file.to_str().unwrap(),
        ])
        .output()
        .code(0);
        let slot = fs::read(env.vault.join("keys/passphrase.age")).unwrap();
        let entry = files_under(&journal)
            .into_iter()
            .find(|p| !before.contains(p))
            .unwrap();
        let entry = (
            PathBuf::from(entry.file_name().unwrap()),
            fs::read(&entry).unwrap(),
        );
        reset_vault(&env, &base);
        InterruptedPasswd {
            env,
            new_file,
            slot,
            entry,
        }
    }

    /// Killed after staging the new slot, before the journal entry.
    fn before_commit(self) -> Self {
        fs::write(staged_path(&self.env, &self.slot), &self.slot).unwrap();
        self
    }

    /// Killed after the journal entry, before the rename.
    fn after_commit(self) -> Self {
        let this = self.before_commit();
        fs::write(
            this.env.vault.join("journal").join(&this.entry.0),
            &this.entry.1,
        )
        .unwrap();
        this
    }
}

#[test]
fn passwd_interrupted_around_the_commit_point_settles_on_the_next_write() {
    for (committed, state) in [
        (false, InterruptedPasswd::new().before_commit()),
        (true, InterruptedPasswd::new().after_commit()),
    ] {
        let env = &state.env;
        // The passphrase that must open the vault: the new one once the write is committed.
        let unlock = if committed {
            &state.new_file
        } else {
            &env.passphrase_file
        };
        let verify = with_passphrase_file(env, unlock, &["verify"]).output();
        verify.ok();
        assert_eq!(
            verify.stdout.contains("interrupted write"),
            committed,
            "{}",
            verify.stdout
        );
        // The next writer completes (committed) or cleans up (not committed).
        with_passphrase_file(env, unlock, &["add", "--from", "-"])
            .stdin(records_json(1, 1))
            .output()
            .ok();
        assert!(staging_is_empty(env));
        assert_eq!(opens_with(env, &env.passphrase_file), !committed);
        assert_eq!(opens_with(env, &state.new_file), committed);
        if committed {
            assert_eq!(
                fs::read(env.vault.join("keys/passphrase.age")).unwrap(),
                state.slot
            );
        }
        let verify = with_passphrase_file(env, unlock, &["verify"]).output();
        verify.ok();
        assert_eq!(report_counts(&verify).0, 2);
    }
}

/// Bug: `staged_passphrase_slot` accepts any staged scrypt file the passphrase opens, without
/// checking that the journal vouches for it: a passwd killed before its commit point leaves a
/// new passphrase that opens the vault (even for writing) until a writer cleans staging/.
#[test]
fn passwd_killed_before_its_commit_point_leaves_only_the_old_passphrase() {
    let state = InterruptedPasswd::new().before_commit();
    assert!(opens_with(&state.env, &state.env.passphrase_file));
    assert!(!opens_with(&state.env, &state.new_file));
}

/// Bug: after the commit point the write has happened (FORMAT.md), yet the old slot is still in
/// place, so the old passphrase keeps opening the vault until a writer moves the new slot.
#[test]
fn passwd_killed_after_its_commit_point_leaves_only_the_new_passphrase() {
    let state = InterruptedPasswd::new().after_commit();
    assert!(opens_with(&state.env, &state.new_file));
    assert!(!opens_with(&state.env, &state.env.passphrase_file));
}

/// An `add` killed after its commit point, half way through the renames: every committed record
/// is served (from staging/ where its final file is missing), verify passes, and the next writer
/// completes the move.
#[test]
fn add_killed_half_way_through_the_renames_is_completed() {
    let (env, base_ids) = fresh(2);
    let before: BTreeSet<PathBuf> = env.record_files().into_iter().collect();
    let new_ids = env.add(&records_json(10, 6));
    let new_files: Vec<PathBuf> = env
        .record_files()
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    assert_eq!(new_files.len(), 6);
    // Move half of them back to staging/ as if the renames had stopped there, plus a torn
    // leftover of another write and a temporary file.
    for file in &new_files[..3] {
        let bytes = fs::read(file).unwrap();
        fs::rename(file, staged_path(&env, &bytes)).unwrap();
    }
    fs::write(
        env.vault
            .join("staging")
            .join(format!("{}.age", "0".repeat(64))),
        "torn",
    )
    .unwrap();
    fs::write(env.vault.join("staging/.tmp-abc.part"), "half").unwrap();

    let out = env.with_passphrase(&["verify"]).output();
    out.ok();
    assert!(
        out.stdout.contains("3 file(s) of an interrupted write"),
        "{}",
        out.stdout
    );
    let all: BTreeSet<String> = base_ids.iter().chain(&new_ids).cloned().collect();
    assert_eq!(ids_listed(&env, "half published"), all);

    env.add(&records_json(20, 1));
    assert!(staging_is_empty(&env));
    for file in &new_files {
        assert!(
            file.is_file(),
            "{} was not moved into place",
            file.display()
        );
    }
    let (_, records, _) = verify_ok(&env);
    assert_eq!(records, 9);
}

// ------------------------------------------------------------------------------------------------
// 7. concurrent writers serialise through the lock

#[test]
fn four_parallel_adds_and_a_reader() {
    let (env, _) = fresh(3);
    let (_, _, entries_before) = verify_ok(&env);
    let (adds, reader) = std::thread::scope(|scope| {
        let adds: Vec<_> = (0..4)
            .map(|t| {
                let env = &env;
                scope.spawn(move || {
                    env.with_passphrase(&["add", "--from", "-"])
                        .stdin(records_json(100 * (t + 1), 10))
                        .output()
                })
            })
            .collect();
        let env = &env;
        let reader = scope.spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            env.with_passphrase(&["list", "--json"]).output()
        });
        let adds: Vec<Out> = adds.into_iter().map(|h| h.join().unwrap()).collect();
        (adds, reader.join().unwrap())
    });
    let mut new_ids = BTreeSet::new();
    for out in &adds {
        assert_eq!(out.ok().lines().count(), 10);
        new_ids.extend(out.lines().iter().map(|s| (*s).to_owned()));
    }
    assert_eq!(new_ids.len(), 40);

    // The reader saw a consistent state: each add is all or nothing.
    let seen = reader.ok().lines().count();
    assert!(
        (3..=43).contains(&seen) && (seen - 3) % 10 == 0,
        "reader saw {seen} records"
    );

    let listed = ids_listed(&env, "after the adds");
    assert_eq!(listed.len(), 43);
    assert!(listed.is_superset(&new_ids));
    let (_, records, entries) = verify_ok(&env);
    assert_eq!(records, 43);
    assert_eq!(entries, entries_before + 4, "one journal entry per add");
    assert!(staging_is_empty(&env));
}

// ------------------------------------------------------------------------------------------------
// 8. usage errors: one error line and one hint line, exit 2, nothing on stdout

#[test]
fn usage_errors_are_one_error_and_one_hint_line() {
    let env = TestEnv::new();
    env.init();
    let vault = env.vault.to_str().unwrap();
    for args in [
        vec!["init", "--work-factor", "9"],
        vec!["show"],
        vec!["frob"],
        vec!["list", "--bogus"],
        vec!["verify", "--expect"],
        vec!["verify", "--vault", vault, "--deep", "extra"],
    ] {
        let out = env.tvault(&args).output();
        out.code(2);
        assert_eq!(out.stdout, "", "{args:?}");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {}", out.stderr);
        assert!(lines[0].starts_with("error: "), "{args:?}: {}", out.stderr);
        assert!(lines[1].starts_with("hint: "), "{args:?}: {}", out.stderr);
    }
}

/// Review finding: with its journal deleted, a vault must not accept writes, or the next entry
/// would vouch for whatever files are there (a replaced key slot included).
#[test]
fn writers_refuse_a_vault_whose_journal_was_deleted() {
    let (env, _) = fresh(2);
    fs::remove_dir_all(env.vault.join("journal")).unwrap();
    fs::create_dir(env.vault.join("journal")).unwrap();
    let before = fs::read_dir(env.vault.join("journal")).unwrap().count();
    let out = env
        .with_passphrase(&["add", "--from", "-"])
        .stdin(records_json(1, 1))
        .output();
    out.code(1);
    assert!(out.stderr.contains("journal"), "{}", out.stderr);
    assert_eq!(
        fs::read_dir(env.vault.join("journal")).unwrap().count(),
        before
    );
    let out = env.with_passphrase(&["verify"]).output();
    out.code(1);
}
