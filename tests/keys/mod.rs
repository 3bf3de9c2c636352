//! Who can open a vault, and its end (issue 7): `recipients list|add|remove [--rekey]`,
//! `rekey` (also killed at random moments) and `destroy`.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{PASSPHRASE, TestEnv, contains_bytes, files_under, is_fingerprint, which};
use crate::integrity::{
    ITERATIONS, MIN_ITERATIONS, TIME_BUDGET, XorShift, copy_dir, ids_listed, records_json,
    reset_vault, run_and_kill, staging_is_empty, time_run, verify_ok_ctx,
};

fn recipients(env: &TestEnv) -> Vec<String> {
    env.with_passphrase(&["recipients", "list"])
        .output()
        .ok()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Every file of the vault that decrypts with the identity in `file` (by the stock `age` tool
/// where installed, else by the library).
fn files_opened_by(env: &TestEnv, file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap();
    let ids = tvault::crypto::Identities::parse(text.as_bytes()).unwrap();
    let age = which("age");
    files_under(&env.vault)
        .into_iter()
        .filter(|path| path.extension() == Some(OsStr::new("age")))
        .filter(|path| match &age {
            Some(age) => {
                env.run_program(
                    age,
                    [
                        OsStr::new("-d"),
                        OsStr::new("-i"),
                        file.as_os_str(),
                        OsStr::new("-o"),
                        OsStr::new("/dev/null"),
                        path.as_os_str(),
                    ],
                )
                .code
                    == 0
            }
            None => ids.decrypt(&fs::read(path).unwrap()).is_ok(),
        })
        .map(|path| path.display().to_string())
        .collect()
}

#[test]
fn recipients_are_listed_added_and_removed_without_touching_records() {
    let env = TestEnv::new();
    env.init_with_identity();
    env.add(&records_json(0, 3));
    assert_eq!(recipients(&env), vec![env.identity.recipient.as_str()]);
    let json = env
        .with_passphrase(&["recipients", "list", "--json"])
        .output();
    let line: Value = serde_json::from_str(json.ok().trim()).unwrap();
    assert_eq!(line["recipient"], env.identity.recipient.as_str());

    let before: Vec<(String, Vec<u8>)> = env
        .record_files()
        .into_iter()
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect();
    let second = env.new_identity("second.txt");
    let out = env
        .with_passphrase(&["recipients", "add", &second.recipient])
        .output();
    assert_eq!(out.ok(), "", "add prints nothing on stdout");
    assert!(out.stderr.contains("1 recipient added"), "{}", out.stderr);
    // Adding again is harmless.
    env.with_passphrase(&["recipients", "add", &second.recipient])
        .output()
        .ok();
    assert_eq!(
        recipients(&env),
        [env.identity.recipient.clone(), second.recipient.clone()]
    );
    // The new key opens the vault; no record file changed.
    assert_eq!(ids_listed_with(&env, &second.file).len(), 3);
    let after: Vec<(String, Vec<u8>)> = env
        .record_files()
        .into_iter()
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before, after, "adding a recipient rewrote records");

    // Removing without --rekey warns that the key may hold a copy.
    let out = env
        .with_passphrase(&["recipients", "remove", &env.identity.recipient])
        .output();
    out.code(0);
    assert!(
        out.stderr.contains("warning:") && out.stderr.contains("rekey"),
        "{}",
        out.stderr
    );
    assert_eq!(recipients(&env), vec![second.recipient.as_str()]);
    env.with_identity(&env.identity.file, &["list"])
        .output()
        .fails(1, "wrong passphrase or identity");
    verify_ok_ctx(&env, "after recipients remove");
}

fn ids_listed_with(env: &TestEnv, identity: &Path) -> Vec<String> {
    env.with_identity(identity, &["list", "--json"])
        .output()
        .ok()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn recipient_errors_are_clear_and_change_nothing() {
    let env = TestEnv::new();
    env.init_with_identity();
    env.with_passphrase(&["recipients", "add", "age1notakey"])
        .output()
        .fails(2, "number 1");
    env.with_passphrase(&["recipients", "add"])
        .output()
        .fails(2, "no recipient given");
    let stranger = env.new_identity("stranger.txt");
    let out = env
        .with_passphrase(&["recipients", "remove", &stranger.recipient])
        .output();
    out.fails(1, "not a recipient of this vault");
    assert!(out.stderr.contains("hint:"), "{}", out.stderr);
    env.with_passphrase(&["recipients", "remove"])
        .output()
        .fails_clap(2, "RECIPIENT");
    assert_eq!(recipients(&env), vec![env.identity.recipient.as_str()]);

    // An identity-only vault cannot lose its last recipient.
    let only = TestEnv::new();
    let out = only
        .tvault(["init", "--work-factor", "10", "--vault"])
        .arg(&only.vault)
        .arg("--identity")
        .arg(&only.identity.file)
        .output();
    out.ok();
    only.with_identity(
        &only.identity.file,
        &["recipients", "remove", &only.identity.recipient],
    )
    .output()
    .fails(1, "no passphrase and no recipient");
    only.with_identity(&only.identity.file, &["list"])
        .output()
        .ok();
}

/// After `recipients remove --rekey`, the removed identity opens nothing: not the vault, not one
/// file of it, and not through a key slot it decrypted before.
#[test]
fn removed_and_rekeyed_identity_opens_nothing() {
    let env = TestEnv::new();
    let old_fingerprint = env.init_with_identity();
    let ids = env.add(&records_json(0, 4));
    let keep = env.new_identity("keep.txt");
    env.with_passphrase(&["recipients", "add", &keep.recipient])
        .output()
        .ok();
    // What a departing holder of the removed key could take with them: the decrypted slot.
    let stolen_slot = env.root().join("stolen-slot.txt");
    let slot = tvault::crypto::Identities::parse(&fs::read(&env.identity.file).unwrap())
        .unwrap()
        .decrypt(&fs::read(env.vault.join("keys/recipients.age")).unwrap())
        .unwrap();
    fs::write(&stolen_slot, &slot[..]).unwrap();
    assert!(!files_opened_by(&env, &env.identity.file).is_empty());

    let out = env
        .with_identity(
            &keep.file,
            &["recipients", "remove", &env.identity.recipient, "--rekey"],
        )
        .arg("--passphrase-file")
        .arg(&env.passphrase_file)
        .output();
    let new_fingerprint = out.ok().trim().to_owned();
    assert!(is_fingerprint(&new_fingerprint), "{new_fingerprint:?}");
    assert_ne!(new_fingerprint, old_fingerprint);

    for key in [&env.identity.file, &stolen_slot] {
        assert_eq!(
            files_opened_by(&env, key),
            Vec::<String>::new(),
            "{} still opens files",
            key.display()
        );
        env.with_identity(key, &["list"])
            .output()
            .fails(1, "wrong passphrase or identity");
    }
    // Everyone who should still opens it, and nothing was lost.
    assert_eq!(ids_listed_with(&env, &keep.file).len(), 4);
    let listed = ids_listed(&env, "after rekey");
    assert_eq!(listed, ids.into_iter().collect::<BTreeSet<_>>());
    verify_ok_ctx(&env, "after rekey");
    let info = env.with_passphrase(&["info"]).output();
    assert!(info.code(0).stdout.contains(&new_fingerprint));
}

#[test]
fn rekey_keeps_every_record_and_leaves_no_plaintext() {
    let env = TestEnv::new();
    env.init_with_identity();
    env.add(&records_json(0, 30));
    let before = ids_listed(&env, "before");
    let shown = env
        .with_passphrase(&["show", "--json", before.iter().next().unwrap()])
        .output()
        .ok()
        .to_owned();
    let journal_before = env.with_passphrase(&["verify"]).output().ok().to_owned();

    let out = env.with_passphrase(&["rekey"]).output();
    assert!(is_fingerprint(out.ok().trim()));
    assert!(out.stderr.contains("new key"), "{}", out.stderr);
    assert_eq!(ids_listed(&env, "after"), before);
    let shown_after = env
        .with_passphrase(&["show", "--json", before.iter().next().unwrap()])
        .output()
        .ok()
        .to_owned();
    assert_eq!(shown, shown_after, "the record reads the same");
    let verified = verify_ok_ctx(&env, "after rekey");
    assert_ne!(verified.stdout, journal_before, "a new journal head");
    // The identity (a recipient) still opens it, and search works on the re-encrypted index.
    env.with_identity(&env.identity.file, &["search", "Tamperova"])
        .output()
        .ok();
    // No plaintext anywhere in the vault or TMPDIR.
    for file in files_under(&env.vault)
        .into_iter()
        .chain(files_under(&env.tmp))
    {
        let bytes = fs::read(&file).unwrap();
        for needle in ["Tamperova", "Narrative", PASSPHRASE, "AGE-SECRET-KEY"] {
            assert!(
                !contains_bytes(&bytes, needle.as_bytes()),
                "{needle} in {}",
                file.display()
            );
        }
    }
    // Opened with an identity and without the passphrase, a rekey cannot rewrite the
    // passphrase slot: a clear usage error, nothing changed.
    env.with_identity(&env.identity.file, &["rekey"])
        .output()
        .fails(2, "needs the vault's passphrase");
    // With a wrong passphrase beside the identity: refused before any work.
    let wrong = env.write("wrong.txt", "not the passphrase\n");
    env.with_identity(&env.identity.file, &["rekey"])
        .arg("--passphrase-file")
        .arg(&wrong)
        .output()
        .fails(1, "wrong passphrase or identity");
    verify_ok_ctx(&env, "after refused rekeys");
}

/// A rekey killed at a random moment: the next command finishes it or it never happened; the
/// passphrase and the recovery identity both still open the vault, with every record.
#[test]
fn rekey_killed_at_random_moments() {
    let env = TestEnv::new();
    env.init_with_identity();
    let base_ids: BTreeSet<String> = env.add(&records_json(0, 150)).into_iter().collect();
    let base = env.root().join("base");
    copy_dir(&env.vault, &base);
    let args: Vec<&OsStr> = vec![
        OsStr::new("rekey"),
        OsStr::new("--vault"),
        env.vault.as_os_str(),
        OsStr::new("--passphrase-file"),
        env.passphrase_file.as_os_str(),
    ];
    let typical = time_run(&env, &args);
    let (mut rng, seed) = XorShift::from_time_or_env("rekey crash test");
    let limit = typical.as_micros() as u64 * 6 / 5;
    let start = Instant::now();
    for i in 0..ITERATIONS {
        if i >= MIN_ITERATIONS && start.elapsed() > TIME_BUDGET {
            break;
        }
        reset_vault(&env, &base);
        let delay = Duration::from_micros(rng.below(limit + 1));
        let ctx = format!("seed {seed}, iteration {i}, kill after {delay:?} (typical {typical:?})");
        run_and_kill(&env, &args, delay);
        // A reader with the recovery identity first, then the passphrase.
        let by_identity: BTreeSet<String> = env
            .with_identity(&env.identity.file, &["list", "--json"])
            .output()
            .ok()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(by_identity, base_ids, "{ctx}");
        assert_eq!(ids_listed(&env, &ctx), base_ids, "{ctx}");
        verify_ok_ctx(&env, &ctx);
        let added = env
            .with_passphrase(&["add", "--from", "-"])
            .stdin(records_json(999, 1))
            .output();
        assert_eq!(added.code, 0, "{ctx}: add after the kill: {}", added.stderr);
        assert!(staging_is_empty(&env), "{ctx}: staging/ not cleaned");
        verify_ok_ctx(&env, &ctx);
    }
}

#[test]
fn destroy_removes_every_file_of_the_vault() {
    let env = TestEnv::new();
    env.init_with_identity();
    env.add(&records_json(0, 3));
    // Without --yes and without an answer: nothing happens.
    env.with_passphrase(&["destroy"])
        .stdin("")
        .output()
        .fails(2, "nothing was destroyed");
    // A wrong id: nothing happens.
    env.with_passphrase(&["destroy"])
        .stdin("0000000000000000\n")
        .output()
        .fails(1, "does not match");
    verify_ok_ctx(&env, "after refused destroys");
    // The id typed back (as `info --json` gives it): the vault is gone.
    let info: Value = serde_json::from_str(
        env.with_passphrase(&["info", "--json"])
            .output()
            .code(0)
            .stdout
            .trim(),
    )
    .unwrap();
    let id = info["vault_id"].as_str().unwrap().to_owned();
    let out = env
        .with_passphrase(&["destroy"])
        .stdin(format!("{id}\n"))
        .output();
    out.code(0);
    assert!(out.stderr.contains("flash"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&env.identity.recipient),
        "names the recipients that can open copies: {}",
        out.stderr
    );
    assert!(!env.vault.exists(), "{:?}", files_under(&env.vault));
    env.with_passphrase(&["list"])
        .output()
        .fails(2, "not a tvault vault");
}

#[test]
fn destroy_with_yes_needs_no_key_and_spares_foreign_files() {
    let env = TestEnv::new();
    env.init();
    env.add(&records_json(0, 2));
    fs::write(env.vault.join("._tvault.json"), b"mac litter").unwrap();
    let out = env
        .tvault(["destroy", "--yes", "--vault"])
        .arg(&env.vault)
        .output();
    out.code(0);
    assert!(!env.vault.exists());

    // A file that is not the vault's stays, with its directory.
    let env = TestEnv::new();
    env.init();
    fs::write(env.vault.join("notes.txt"), b"mine").unwrap();
    let out = env
        .tvault(["destroy", "--yes", "--vault"])
        .arg(&env.vault)
        .output();
    out.code(0);
    assert_eq!(
        files_under(&env.vault),
        vec![env.vault.join("notes.txt")],
        "only the foreign file is left"
    );
    // Not a vault: refused, nothing deleted.
    env.tvault(["destroy", "--yes", "--vault"])
        .arg(&env.vault)
        .output()
        .fails(2, "not a tvault vault");
    assert!(env.vault.join("notes.txt").exists());
}

/// A copy made before a rekey cannot be merged (its key is gone), and says so; `merge
/// --import` takes its new and changed records under new ids, so nothing on it is lost, and
/// leaves out those both copies hold unchanged.
#[test]
fn a_copy_from_before_a_rekey_is_imported_not_merged() {
    let env = TestEnv::new();
    env.init();
    env.add(&records_json(0, 2));
    let copy = env.root().join("copy");
    copy_dir(&env.vault, &copy);
    env.tvault(["add", "--from", "-", "--vault"])
        .arg(&copy)
        .arg("--passphrase-file")
        .arg(&env.passphrase_file)
        .stdin(records_json(10, 1))
        .output()
        .ok();
    env.with_passphrase(&["rekey"]).output().ok();
    let out = env.with_passphrase(&["merge"]).arg(&copy).output();
    out.fails(1, "from before a rekey");
    assert!(out.stderr.contains("--import"), "{}", out.stderr);
    // On the copy: one shared record edited, so it differs from this vault's.
    let shared = ids_listed(&env, "before import")
        .into_iter()
        .next()
        .unwrap();
    env.tvault(["edit", &shared, "--from", "-", "--vault"])
        .arg(&copy)
        .arg("--passphrase-file")
        .arg(&env.passphrase_file)
        .stdin(r#"{"title": "changed on the copy"}"#)
        .output()
        .ok();
    let out = env
        .with_passphrase(&["merge", "--import"])
        .arg(&copy)
        .output();
    assert!(
        out.stderr.contains("not imported again") && out.stderr.contains(": 1 record"),
        "{}",
        out.stderr
    );
    let imported = out.ok();
    assert_eq!(
        imported.lines().count(),
        2,
        "the copy's new record and its edited one come in, the unchanged one does not: {imported}"
    );
    assert!(imported.contains(&format!("{shared} -> ")), "{imported}");
    assert_eq!(ids_listed(&env, "after import").len(), 4);
    verify_ok_ctx(&env, "after import");
}

/// A rekey re-encrypts attachments too (streamed): after it, the old key opens no attachment
/// file, the original comes back bit for bit, `verify --deep` checks it, and the custody log
/// (carried over to the new key) still tells its history.
#[test]
fn rekey_re_encrypts_attachments_and_keeps_their_custody() {
    let env = TestEnv::new();
    env.init_with_identity();
    let id = env.add(&records_json(0, 1)).remove(0);
    let original: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let source = env.write("recording.wav", &original);
    env.with_passphrase(&["attach", &id])
        .arg(&source)
        .output()
        .ok();
    let slot = tvault::crypto::Identities::parse(&fs::read(&env.identity.file).unwrap())
        .unwrap()
        .decrypt(&fs::read(env.vault.join("keys/recipients.age")).unwrap())
        .unwrap();
    let old_slot = env.root().join("old-slot.txt");
    fs::write(&old_slot, &slot[..]).unwrap();
    let attachment_files = || {
        files_under(&env.vault.join("attachments"))
            .into_iter()
            .filter(|p| p.extension() == Some(OsStr::new("age")))
            .collect::<Vec<_>>()
    };
    assert_eq!(attachment_files().len(), 1);
    assert!(!files_opened_by(&env, &old_slot).is_empty());

    env.with_passphrase(&["rekey"]).output().ok();
    assert_eq!(files_opened_by(&env, &old_slot), Vec::<String>::new());
    let out = env.root().join("restored.wav");
    env.with_passphrase(&["extract", &id, "1"])
        .arg("--out")
        .arg(&out)
        .output()
        .code(0);
    assert_eq!(fs::read(&out).unwrap(), original);
    let deep = env.with_passphrase(&["verify", "--deep"]).output();
    assert_eq!(deep.code, 0, "{}", deep.stdout);
    let custody = env
        .with_passphrase(&["custody", &id, "--json"])
        .output()
        .ok()
        .to_owned();
    let events: Vec<&str> = custody
        .lines()
        .map(|l| {
            if l.contains("\"intake\"") {
                "intake"
            } else if l.contains("\"extract\"") {
                "extract"
            } else {
                "other"
            }
        })
        .collect();
    assert_eq!(events, ["intake", "extract"], "{custody}");
}

/// An age plugin's recipient (a hardware key such as a YubiKey) is accepted as a recovery key;
/// without its plugin installed, adding it fails clearly and changes nothing, and a plugin
/// identity file is refused with the plugin's name.
#[test]
fn plugin_recipients_need_their_plugin() {
    const YUBIKEY: &str = "age1yubikey1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0jqmenk29";
    let env = TestEnv::new();
    env.init();
    if which("age-plugin-yubikey").is_some() {
        return; // a machine with the plugin: the failure paths below do not apply
    }
    let before = crate::common::snapshot(&env.vault);
    env.with_passphrase(&["recipients", "add", YUBIKEY])
        .output()
        .fails(1, "age-plugin-yubikey is not installed");
    assert_eq!(
        before,
        crate::common::snapshot(&env.vault),
        "nothing changed"
    );
    let identity = env.write(
        "yubikey-identity.txt",
        "AGE-PLUGIN-YUBIKEY-1QQQSYQCYQ5RQWZQFPG9SCRGWPUGPZYSNK08YXA\n",
    );
    env.with_identity(&identity, &["list"])
        .output()
        .fails(1, "age-plugin-yubikey is not installed");
    // init refuses before creating anything.
    let dir = env.root().join("plugin-vault");
    env.tvault([
        "init",
        "--work-factor",
        "10",
        "--recipient",
        YUBIKEY,
        "--vault",
    ])
    .arg(&dir)
    .arg("--passphrase-file")
    .arg(&env.passphrase_file)
    .output()
    .fails(1, "age-plugin-yubikey is not installed");
    assert!(!dir.exists(), "no half-made vault");
}

/// `recipients remove --rekey` is one operation: refused (no passphrase at hand for the new
/// passphrase slot), it changes nothing, not even the recipients.
#[test]
fn a_refused_remove_and_rekey_changes_nothing() {
    let env = TestEnv::new();
    env.init_with_identity();
    let other = env.new_identity("other.txt");
    env.with_passphrase(&["recipients", "add", &other.recipient])
        .output()
        .ok();
    let before = crate::common::snapshot(&env.vault);
    env.with_identity(
        &env.identity.file,
        &["recipients", "remove", &other.recipient, "--rekey"],
    )
    .output()
    .fails(2, "needs the vault's passphrase");
    assert_eq!(before, crate::common::snapshot(&env.vault));
    assert_eq!(recipients(&env).len(), 2);
}

/// `merge --import` brings attachments along, re-encrypted under new names: the original comes
/// back from the importing vault, which verifies deeply, and the other vault is untouched.
#[test]
fn import_brings_attachments_re_encrypted() {
    let env = TestEnv::new();
    env.init();
    let other = env.root().join("other");
    let other_run = |args: &[&str]| {
        env.tvault(args)
            .arg("--vault")
            .arg(&other)
            .arg("--passphrase-file")
            .arg(&env.passphrase_file)
    };
    other_run(&["init", "--work-factor", "10"]).output().ok();
    let id = other_run(&["add", "--from", "-"])
        .stdin(records_json(0, 1))
        .output()
        .ok()
        .trim()
        .to_owned();
    let original: Vec<u8> = (0..100_000u32).map(|i| (i % 239) as u8).collect();
    let source = env.write("scan.pdf", &original);
    other_run(&["attach", &id]).arg(&source).output().ok();
    let before = crate::common::snapshot(&other);

    let out = env
        .with_passphrase(&["merge", "--import"])
        .arg(&other)
        .output();
    let line = out.ok().trim().to_owned();
    let new_id = line.rsplit(' ').next().unwrap().to_owned();
    assert_eq!(
        before,
        crate::common::snapshot(&other),
        "the other vault is only read"
    );
    let restored = env.root().join("restored.pdf");
    env.with_passphrase(&["extract", &new_id, "1"])
        .arg("--out")
        .arg(&restored)
        .output()
        .code(0);
    assert_eq!(fs::read(&restored).unwrap(), original);
    let deep = env.with_passphrase(&["verify", "--deep"]).output();
    assert_eq!(deep.code, 0, "{}", deep.stdout);
    // Purging the imported record leaves the other vault's attachment alone.
    env.with_passphrase(&["purge", &new_id, "--yes"])
        .output()
        .code(0);
    assert_eq!(before, crate::common::snapshot(&other));
}

/// An attachment added on another copy comes over with `merge` (streamed), and both copies
/// verify deeply afterwards.
#[test]
fn merge_brings_attachments_from_the_other_copy() {
    let env = TestEnv::new();
    env.init();
    let id = env.add(&records_json(0, 1)).remove(0);
    let copy = env.root().join("copy");
    copy_dir(&env.vault, &copy);
    let original: Vec<u8> = (0..120_000u32).map(|i| (i % 233) as u8).collect();
    let source = env.write("photo.jpg", &original);
    env.tvault(["attach", &id])
        .arg(&source)
        .arg("--vault")
        .arg(&copy)
        .arg("--passphrase-file")
        .arg(&env.passphrase_file)
        .output()
        .ok();
    env.with_passphrase(&["merge"]).arg(&copy).output().code(0);
    let restored = env.root().join("restored.jpg");
    env.with_passphrase(&["extract", &id, "1"])
        .arg("--out")
        .arg(&restored)
        .output()
        .code(0);
    assert_eq!(fs::read(&restored).unwrap(), original);
    for vault in [&env.vault, &copy] {
        let out = env
            .tvault(["verify", "--deep", "--vault"])
            .arg(vault)
            .arg("--passphrase-file")
            .arg(&env.passphrase_file)
            .output();
        assert_eq!(out.code, 0, "{}", out.stdout);
    }
}
