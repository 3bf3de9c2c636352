//! Attachments and their chain of custody (issue 6; docs/FORMAT.md "Attachments"): exact round
//! trips of every shape, no plaintext byte or file name anywhere in the vault or TMPDIR, damage
//! detected by `extract` and `verify`, a `kill -9` during `attach` leaves a consistent vault,
//! the custody log, and recovery by hand with the stock `age` tool.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

use crate::common::{TestEnv, contains_bytes, files_under, which};

/// A file name that is testimony: it must never reach the disk in clear.
const SECRET_NAME: &str = "Сяргей Лапуцька допыт.wav";

/// Deterministic, incompressible-looking bytes with a marker at the start.
fn content(len: usize, seed: u8) -> Vec<u8> {
    let mut state = u32::from(seed).wrapping_mul(2_654_435_761) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    tvault::crypto::sha256(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A vault with one record; returns its id.
fn vault_with_record(env: &TestEnv) -> String {
    env.init_with_identity();
    env.add(&json!({"witness": {"names": ["Сяргей Лапуцька"]}, "title": "t"}).to_string())
        .remove(0)
}

fn attachments_of(env: &TestEnv, id: &str) -> Vec<Value> {
    env.show_json(id)["attachments"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn attachment_files(env: &TestEnv) -> Vec<PathBuf> {
    let mut files = files_under(&env.vault.join("attachments"));
    files.sort();
    files
}

fn extract(env: &TestEnv, id: &str, which: &str, out: &Path) -> crate::common::Out {
    let out = format!("--out={}", out.display());
    env.with_passphrase(&["extract", id, which, &out]).output()
}

#[test]
fn round_trips_empty_small_64k_and_multi_chunk_files() {
    let env = TestEnv::new();
    env.init();
    let shapes: [(&str, usize); 4] = [
        ("empty.bin", 0),
        ("small.txt", 11),
        ("chunk.bin", 64 * 1024),
        ("multi.bin", 300 * 1024 + 7),
    ];
    let mut paths = Vec::new();
    for (i, (name, len)) in shapes.iter().enumerate() {
        paths.push(env.write(name, content(*len, i as u8)));
    }
    // The first one with the record, the others attached later (a new version).
    let input = env.write(
        "r.json",
        json!({"witness": {"names": ["Ala Test"]}}).to_string(),
    );
    let out = env
        .with_passphrase(&["add"])
        .arg(format!("--from={}", input.display()))
        .arg("--attach")
        .arg(&paths[0])
        .output();
    let id = out.ok().trim().to_owned();
    let out = env
        .with_passphrase(&["attach", &id])
        .args(&paths[1..])
        .output();
    assert_eq!(out.ok(), "2\n3\n4\n", "attach prints the new indices");

    let listed = attachments_of(&env, &id);
    assert_eq!(listed.len(), 4);
    assert_eq!(env.show_json(&id)["version"], 2);
    for (i, ((name, len), path)) in shapes.iter().zip(&paths).enumerate() {
        let original = fs::read(path).unwrap();
        assert_eq!(listed[i]["index"], i + 1);
        assert_eq!(listed[i]["name"], *name);
        assert_eq!(listed[i]["size"], *len);
        assert_eq!(listed[i]["sha256"], sha256_hex(&original));
        // By index, then by name.
        let target = env.root().join(format!("out-{i}"));
        extract(&env, &id, &(i + 1).to_string(), &target).ok();
        assert_eq!(fs::read(&target).unwrap(), original, "{name}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "extracted files are owner-only");
        }
        let by_name = env.root().join(format!("named-{i}"));
        extract(&env, &id, name, &by_name).ok();
        assert_eq!(fs::read(&by_name).unwrap(), original);
    }
    // Attachment files are padded to buckets: the age payload (after the header, whose random
    // grease stanza varies, and the 16-byte nonce) of the two small ones is the same size.
    let payload = |index: usize| -> usize {
        let file = attachment_files(&env).into_iter().find(|p| {
            let bytes = fs::read(p).unwrap();
            let end = bytes.windows(5).position(|w| w == b"\n--- ").unwrap();
            let header = end + bytes[end + 1..].iter().position(|&b| b == b'\n').unwrap() + 2;
            let payload = bytes.len() - header - 16;
            // Chunks of 64 KiB, 16 bytes of tag each.
            let plain = payload - payload.div_ceil(65_536 + 16) * 16;
            plain as u64 >= listed[index]["size"].as_u64().unwrap().max(4096)
                && plain as u64 <= listed[index]["size"].as_u64().unwrap().max(4096) * 9 / 8
        });
        assert!(file.is_some(), "no padded file for attachment {index}");
        let bytes = fs::read(file.unwrap()).unwrap();
        let end = bytes.windows(5).position(|w| w == b"\n--- ").unwrap();
        bytes.len() - (end + bytes[end + 1..].iter().position(|&b| b == b'\n').unwrap() + 2)
    };
    assert_eq!(
        payload(0),
        payload(1),
        "an empty and an 11-byte file look the same"
    );
    assert_eq!(payload(0), 16 + 4096 + 16);
    assert_eq!(payload(2), 16 + 65_536 + 16);

    // Text `show` lists them; `show --json` of a record without attachments has no key.
    let text = env.with_passphrase(&["show", &id]).output();
    assert!(text.ok().contains("Attachments:"), "{}", text.stdout);
    assert!(text.stdout.contains("multi.bin"));
    let plain_id = env.add(&json!({"witness": {"names": ["B"]}}).to_string());
    assert!(env.show_json(&plain_id[0]).get("attachments").is_none());

    // Custody: four intakes and eight extractions.
    let custody = env.with_passphrase(&["custody", "--json", &id]).output();
    let events: Vec<Value> = custody
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 12);
    assert_eq!(events.iter().filter(|e| e["event"] == "intake").count(), 4);
    assert_eq!(events.iter().filter(|e| e["event"] == "extract").count(), 8);
    assert!(
        events
            .iter()
            .all(|e| e["unlock"] == "passphrase" && e["id"] == id)
    );
    let table = env.with_passphrase(&["custody", &id]).output();
    assert_eq!(table.ok().lines().count(), 13, "a header and 12 rows");

    let verify = env.with_passphrase(&["verify", "--deep"]).output();
    assert!(verify.ok().contains("ok:"), "{}", verify.stdout);
}

#[test]
fn no_plaintext_byte_or_file_name_in_the_vault_or_tmpdir() {
    let env = TestEnv::new();
    let id = vault_with_record(&env);
    let original = content(200_000, 9);
    let path = env.write(SECRET_NAME, &original);
    let out = env.with_passphrase(&["attach", &id]).arg(&path).output();
    out.ok();
    assert!(!out.stderr.contains(SECRET_NAME));
    let extracted = env.root().join("x.wav");
    extract(&env, &id, "1", &extracted).ok();
    env.with_passphrase(&["verify", "--deep"]).output().ok();
    let needles: [&[u8]; 4] = [
        SECRET_NAME.as_bytes(),
        "Лапуцька".as_bytes(),
        &original[..64],
        &original[150_000..150_064],
    ];
    for dir in [&env.vault, &env.tmp] {
        for file in files_under(dir) {
            let bytes = fs::read(&file).unwrap();
            for needle in needles {
                assert!(
                    !contains_bytes(&bytes, needle),
                    "plaintext in {}",
                    file.display()
                );
            }
            assert!(
                !file.to_string_lossy().contains("Лапуцька"),
                "file name on disk: {}",
                file.display()
            );
        }
    }
}

#[test]
fn altered_or_truncated_attachments_are_detected_by_extract_and_verify() {
    for damage in ["flip", "truncate"] {
        let env = TestEnv::new();
        let id = vault_with_record(&env);
        let path = env.write("a.bin", content(150_000, 3));
        env.with_passphrase(&["attach", &id])
            .arg(&path)
            .output()
            .ok();
        let file = attachment_files(&env).remove(0);
        let mut bytes = fs::read(&file).unwrap();
        if damage == "flip" {
            let at = bytes.len() / 2;
            bytes[at] ^= 0x01;
        } else {
            bytes.truncate(bytes.len() - 1000);
        }
        fs::write(&file, &bytes).unwrap();

        let target = env.root().join("out.bin");
        let out = extract(&env, &id, "1", &target);
        let stderr = out.fails(1, &id);
        assert!(stderr.contains("attachment 1"), "{damage}: {stderr}");
        assert!(
            !target.exists(),
            "{damage}: a damaged extraction left a file"
        );
        assert!(
            fs::read_dir(env.root()).unwrap().flatten().all(|e| !e
                .file_name()
                .to_string_lossy()
                .starts_with(".tvault-extract")),
            "{damage}: a temporary file was left"
        );

        for args in [&["verify"][..], &["verify", "--deep"][..]] {
            let out = env.with_passphrase(args).output();
            out.code(1);
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                out.stdout.contains(&name),
                "{damage} {args:?}: {}",
                out.stdout
            );
        }
    }
}

#[test]
fn a_forged_attachment_encrypted_to_the_vault_fails_verify() {
    // Anyone with the vault's public recipient can write a valid age file: only the journal's
    // hash (verify) and the intake hash (extract) catch a swap.
    let env = TestEnv::new();
    let id = vault_with_record(&env);
    let path = env.write("a.bin", content(5000, 4));
    env.with_passphrase(&["attach", &id])
        .arg(&path)
        .output()
        .ok();
    let file = attachment_files(&env).remove(0);
    let other = env.write("b.bin", content(5000, 5));
    env.with_passphrase(&["attach", &id])
        .arg(&other)
        .output()
        .ok();
    let second = attachment_files(&env)
        .into_iter()
        .find(|p| *p != file)
        .unwrap();
    fs::copy(&second, &file).unwrap();
    let out = env.with_passphrase(&["verify"]).output();
    out.code(1);
    let target = env.root().join("out.bin");
    extract(&env, &id, "1", &target).fails(1, "SHA-256");
    assert!(!target.exists());
}

#[test]
fn extract_refuses_bad_destinations_and_unknown_attachments() {
    let env = TestEnv::new();
    let id = vault_with_record(&env);
    let path = env.write("a.bin", "plain text attachment\n".repeat(10));
    env.with_passphrase(&["attach", &id])
        .arg(&path)
        .output()
        .ok();
    // Inside the vault.
    extract(&env, &id, "1", &env.vault.join("x.bin")).fails(2, "vault");
    // An existing file without --force; then with it.
    let existing = env.write("exists.bin", b"old");
    extract(&env, &id, "1", &existing).fails(2, "exists");
    assert_eq!(fs::read(&existing).unwrap(), b"old");
    env.with_passphrase(&["extract", &id, "1", "--force"])
        .arg(format!("--out={}", existing.display()))
        .output()
        .ok();
    assert_eq!(fs::read(&existing).unwrap(), fs::read(&path).unwrap());
    // No such attachment; the error names the record, never a file name.
    let out = extract(&env, &id, "7", &env.root().join("n.bin"));
    out.fails(1, &id);
    extract(&env, &id, "nope.wav", &env.root().join("n.bin")).fails(1, &id);
    // To a pipe with `--out -` (the tests' stdout is never a terminal).
    let out = env
        .with_passphrase(&["extract", &id, "1", "--out", "-"])
        .output();
    out.code(0);
    assert_eq!(out.stdout.as_bytes(), &fs::read(&path).unwrap()[..]);
    // A missing source file, a directory, and --attach with two records are usage errors.
    env.with_passphrase(&["attach", &id, "missing.bin"])
        .output()
        .fails(2, "attachment 1");
    let dir = env.root().join("d");
    fs::create_dir(&dir).unwrap();
    env.with_passphrase(&["attach", &id])
        .arg(&dir)
        .output()
        .fails(2, "attachment 1");
    let two = env.write(
        "two.json",
        json!([{"witness": {"names": ["A"]}}, {"witness": {"names": ["B"]}}]).to_string(),
    );
    env.with_passphrase(&["add"])
        .arg(format!("--from={}", two.display()))
        .arg("--attach")
        .arg(&path)
        .output()
        .fails(2, "exactly one record");
}

#[test]
fn shred_original_removes_the_source_after_a_verified_write() {
    let env = TestEnv::new();
    let id = vault_with_record(&env);
    let original = content(70_000, 6);
    let path = env.write("shred-me.bin", &original);
    let out = env
        .with_passphrase(&["attach", "--shred-original", &id])
        .arg(&path)
        .output();
    out.code(0);
    assert!(!path.exists(), "the original was removed");
    assert!(out.stderr.contains("flash media"), "{}", out.stderr);
    let target = env.root().join("back.bin");
    extract(&env, &id, "1", &target).ok();
    assert_eq!(fs::read(&target).unwrap(), original);
}

#[test]
fn custody_records_the_unlock_method_and_exports() {
    let env = TestEnv::new();
    env.init_with_identity();
    let record = json!({
        "witness": {"names": ["Ala Test"]},
        "consent": [{"purpose": "ilo_cfa", "level": "anonymous"}],
    });
    let id = env.add(&record.to_string()).remove(0);
    let path = env.write("a.pdf", b"%PDF-1.4 test");
    env.with_identity(&env.identity.file, &["attach", &id])
        .arg(&path)
        .output()
        .ok();
    assert_eq!(
        attachments_of(&env, &id)[0]["media_type"],
        "application/pdf"
    );
    let export = env.root().join("export.json");
    env.with_passphrase(&["export", "--purpose", "ilo_cfa", "--format", "json"])
        .arg(format!("--out={}", export.display()))
        .output()
        .ok();
    // Withheld for another purpose: no export event.
    env.with_passphrase(&["export", "--purpose", "media", "--format", "json"])
        .arg(format!("--out={}", env.root().join("media.json").display()))
        .output()
        .ok();
    let out = env.with_passphrase(&["custody", "--json", &id]).output();
    let events: Vec<Value> = out
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e["event"].as_str().unwrap(), e["unlock"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        vec![("intake", "recovery_key"), ("export", "passphrase")]
    );
    assert_eq!(events[1]["action"], "export");
    env.with_passphrase(&["verify"]).output().ok();
}

#[test]
fn stock_age_recovers_an_attachment_by_following_format_md() {
    let Some(age) = which("age") else {
        eprintln!("skipped: age is not on PATH");
        return;
    };
    let env = TestEnv::new();
    let id = vault_with_record(&env);
    let original = content(100_000, 8);
    let path = env.write("rec.bin", &original);
    env.with_passphrase(&["attach", &id])
        .arg(&path)
        .output()
        .ok();
    let size = attachments_of(&env, &id)[0]["size"].as_u64().unwrap() as usize;
    let slot = env.age_decrypt_recipients_slot(&age);
    slot.code(0);
    let slot_file = env.write("slot.txt", &slot.stdout);
    let file = attachment_files(&env).remove(0);
    // age -d -i slot.txt FILE | head -c SIZE
    let mut command = env.command(&age);
    command
        .args([OsStr::new("-d"), OsStr::new("-i"), slot_file.as_os_str()])
        .arg(&file);
    let output = command.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(&output.stdout[..size], &original[..]);
    assert!(
        output.stdout[size..].iter().all(|&b| b == 0),
        "zero padding"
    );
}

#[test]
fn attach_killed_at_random_moments_leaves_a_consistent_vault() {
    let env = TestEnv::new();
    let id = vault_with_record(&env);
    let path = env.write("big.bin", content(24 << 20, 2));
    let args: Vec<&OsStr> = vec![
        OsStr::new("attach"),
        OsStr::new(&id),
        path.as_os_str(),
        OsStr::new("--vault"),
        env.vault.as_os_str(),
        OsStr::new("--passphrase-file"),
        env.passphrase_file.as_os_str(),
    ];
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_tvault"))
            .args(&args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", env.root())
            .env("TMPDIR", &env.tmp)
            .env("LANG", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let start = Instant::now();
    assert!(spawn().wait().unwrap().success());
    let typical = start.elapsed();
    let mut expected = 1;
    for i in 0..6u32 {
        let delay = typical * (i * 2 + 1) / 10;
        let mut child = spawn();
        std::thread::sleep(delay);
        let finished = matches!(child.try_wait(), Ok(Some(_)));
        if !finished {
            child.kill().unwrap();
        }
        child.wait().unwrap();
        let verify = env.with_passphrase(&["verify"]).output();
        assert_eq!(verify.code, 0, "kill after {delay:?}: {}", verify.stdout);
        let count = attachments_of(&env, &id).len();
        assert!(
            count == expected || count == expected + 1,
            "kill after {delay:?}: {count} attachments, expected {expected} or one more"
        );
        expected = count;
    }
    // The next writer cleans up; every stored attachment extracts.
    env.add(&json!({"witness": {"names": ["C"]}}).to_string());
    assert_eq!(fs::read_dir(env.vault.join("staging")).unwrap().count(), 0);
    let deep = env.with_passphrase(&["verify", "--deep"]).output();
    deep.ok();
}
