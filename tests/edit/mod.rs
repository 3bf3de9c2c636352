//! Edits with history, deletes, purges and merging copies (SPEC.md: `edit ID --from FILE`,
//! `history ID`, `show ID --version N`, `delete ID`, `purge ID`, `merge DIR [--import]`): each
//! command's happy path and error paths, two diverged copies merged both ways (no loss, the
//! conflict visible, verify clean, history kept), and no plaintext left anywhere.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{Out, TestEnv, contains_bytes, files_under, snapshot};
use crate::integrity::copy_dir;

/// SPEC.md's example record.
const SPEC_EXAMPLE: &str = include_str!("../data/spec-example.json");

/// `args` on the vault in `dir`, unlocked with the test passphrase.
fn on<'a>(env: &'a TestEnv, dir: &Path, args: &[&str]) -> crate::common::Run<'a> {
    env.tvault(args).args([
        "--vault".as_ref(),
        dir.as_os_str(),
        "--passphrase-file".as_ref(),
        env.passphrase_file.as_os_str(),
    ])
}

fn json_lines(out: &Out) -> Vec<Value> {
    out.ok()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON Lines"))
        .collect()
}

fn list(env: &TestEnv, dir: &Path) -> Vec<Value> {
    json_lines(&on(env, dir, &["list", "--json"]).output())
}

fn history(env: &TestEnv, dir: &Path, id: &str) -> Vec<Value> {
    json_lines(&on(env, dir, &["history", "--json", id]).output())
}

fn show(env: &TestEnv, dir: &Path, id: &str) -> Value {
    serde_json::from_str(on(env, dir, &["show", "--json", id]).output().ok()).unwrap()
}

fn add(env: &TestEnv, dir: &Path, record: &Value) -> String {
    let out = on(env, dir, &["add", "--from", "-"])
        .stdin(record.to_string())
        .output();
    out.ok().trim().to_owned()
}

fn edit(env: &TestEnv, dir: &Path, id: &str, input: &Value) -> Out {
    on(env, dir, &["edit", id, "--from", "-"])
        .stdin(input.to_string())
        .output()
}

fn verify_ok(env: &TestEnv, dir: &Path) {
    let out = on(env, dir, &["verify"]).output();
    assert!(
        out.ok().contains("ok:") || out.stdout.contains("ok"),
        "{}",
        out.stdout
    );
}

/// A vault with SPEC.md's example record; returns its id.
fn with_example(env: &TestEnv) -> String {
    env.init();
    env.add(SPEC_EXAMPLE).remove(0)
}

#[test]
fn edit_writes_versions_that_history_and_show_version_see() {
    let env = TestEnv::new();
    let id = with_example(&env);
    let out = edit(
        &env,
        &env.vault,
        &id,
        &json!({"witness": {"status": "released"}}),
    );
    out.code(0);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("version 2"), "{}", out.stderr);

    let now = show(&env, &env.vault, &id);
    assert_eq!(now["id"], id.as_str());
    assert_eq!(now["version"], 2);
    assert_eq!(now["witness"]["status"], "released");
    assert_eq!(
        now["title"], "internal working title",
        "a patch keeps other fields"
    );

    let v1: Value = serde_json::from_str(
        on(&env, &env.vault, &["show", &id, "--version", "1", "--json"])
            .output()
            .ok(),
    )
    .unwrap();
    assert_eq!(v1["id"], id.as_str());
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["witness"]["status"], "serving_sentence");

    let lines = history(&env, &env.vault, &id[..6]);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], id.as_str());
    assert_eq!(lines[0]["version"], 1);
    assert_eq!(lines[0]["action"], "created");
    assert_eq!(lines[1]["version"], 2);
    assert_eq!(lines[1]["action"], "edited");
    assert_eq!(lines[1]["changed"], json!(["witness.status"]));
    let table = on(&env, &env.vault, &["history", &id]).output();
    assert!(table.ok().contains("witness.status"), "{}", table.stdout);

    // `show --json` output round-trips: unchanged, nothing written; changed, a new version.
    let before = snapshot(&env.vault);
    let out = edit(&env, &env.vault, &id, &now);
    out.code(0);
    assert!(out.stderr.contains("nothing changed"), "{}", out.stderr);
    assert_eq!(before, snapshot(&env.vault), "an empty edit writes nothing");
    let mut full = now.clone();
    full["risk"] = json!("critical");
    full.as_object_mut().unwrap().remove("summary");
    edit(&env, &env.vault, &id[..8], &full).code(0);
    let after = show(&env, &env.vault, &id);
    assert_eq!(after["version"], 3);
    assert_eq!(after["risk"], "critical");
    assert!(after.get("summary").is_none(), "a complete record replaces");

    // A merge patch: null removes a field.
    edit(&env, &env.vault, &id, &json!({"title": null})).code(0);
    assert!(show(&env, &env.vault, &id).get("title").is_none());
    assert_eq!(history(&env, &env.vault, &id).len(), 4);
    // The file form of --from.
    let file = env.write("patch.json", json!({"tags": ["edited"]}).to_string());
    on(
        &env,
        &env.vault,
        &["edit", &id, "--from", file.to_str().unwrap()],
    )
    .output()
    .code(0);
    assert_eq!(show(&env, &env.vault, &id)["tags"], json!(["edited"]));
    assert_eq!(list(&env, &env.vault)[0]["version"], 5);
    verify_ok(&env, &env.vault);
}

#[test]
fn edit_errors_name_the_field_and_change_nothing() {
    let env = TestEnv::new();
    let id = with_example(&env);
    let before = snapshot(&env.vault);
    let out = edit(
        &env,
        &env.vault,
        &id,
        &json!({"witness": {"status": "Secret Vocabulary"}}),
    );
    let stderr = out.fails(1, "witness.status");
    assert!(!stderr.contains("Secret Vocabulary"), "{stderr}");
    edit(
        &env,
        &env.vault,
        &id,
        &json!({"acts": [{"date": "2022-13"}]}),
    )
    .fails(1, "acts[0].date");
    edit(&env, &env.vault, &id, &json!({"nonsense": 1})).fails(1, "nonsense");
    edit(&env, &env.vault, &id, &json!({"witness": {"names": []}})).fails(1, "witness.names");
    edit(
        &env,
        &env.vault,
        &id,
        &json!({"id": "0000000000000000", "title": "x"}),
    )
    .fails(1, "id");
    edit(&env, &env.vault, &id, &json!([1])).fails(1, "object");
    on(&env, &env.vault, &["edit", &id, "--from", "-"])
        .stdin("{\"title\": ")
        .output()
        .fails(1, "line 1");
    on(&env, &env.vault, &["edit", &id, "--from", "missing.json"])
        .output()
        .fails(2, "missing.json");
    edit(&env, &env.vault, "zzzzzzzzzzzzzzzz", &json!({"title": "x"})).fails(1, "no record");
    edit(&env, &env.vault, &id[..5], &json!({"title": "x"})).fails(2, "6");
    if env.no_terminal() {
        on(&env, &env.vault, &["edit", &id])
            .output()
            .fails(2, "--from");
    }
    assert_eq!(before, snapshot(&env.vault), "failed edits wrote nothing");
}

#[test]
fn delete_hides_the_record_and_keeps_its_history() {
    let env = TestEnv::new();
    let id = with_example(&env);
    let other = env
        .add(&json!({"witness": {"names": ["Кастусь Вольны"]}, "tags": ["strike"]}).to_string())
        .remove(0);
    let out = on(&env, &env.vault, &["delete", &id[..7]]).output();
    out.code(0);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("deleted"), "{}", out.stderr);

    let listed: Vec<Value> = list(&env, &env.vault);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], other.as_str());
    let hits = on(&env, &env.vault, &["search", "--json", "Petruk"]).output();
    assert_eq!(hits.ok(), "", "a deleted record is not found");
    let export = on(
        &env,
        &env.vault,
        &["export", "--purpose", "ilo_cfa", "--format", "json"],
    )
    .output();
    assert!(
        !export.ok().contains(&id),
        "a deleted record is not exported"
    );
    on(&env, &env.vault, &["show", &id])
        .output()
        .fails(1, "was deleted");

    let lines = history(&env, &env.vault, &id);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["action"], "deleted");
    assert_eq!(lines[1]["current"], true);
    let v1 = on(&env, &env.vault, &["show", &id, "--version", "1"]).output();
    assert!(v1.ok().contains("Іван Пятровіч Петрук"));
    on(&env, &env.vault, &["show", &id, "--version", "9"])
        .output()
        .fails(1, "no version 9");
    on(&env, &env.vault, &["show", &id, "--version", "0"])
        .output()
        .code(2);

    on(&env, &env.vault, &["delete", &id])
        .output()
        .fails(1, "was deleted");
    edit(&env, &env.vault, &id, &json!({"title": "x"})).fails(1, "was deleted");
    on(&env, &env.vault, &["delete", "zzzzzzzzzzzzzzzz"])
        .output()
        .fails(1, "no record");
    on(&env, &env.vault, &["delete", "abc"])
        .output()
        .fails(2, "6");
    verify_ok(&env, &env.vault);
    // A reindex keeps the tombstone; the deleted record stays hidden.
    on(&env, &env.vault, &["reindex"]).output().code(0);
    assert_eq!(list(&env, &env.vault).len(), 1);
}

#[test]
fn purge_removes_every_version_for_good() {
    let env = TestEnv::new();
    let id = with_example(&env);
    let keep = env
        .add(&json!({"witness": {"names": ["Keep Me"]}}).to_string())
        .remove(0);
    edit(&env, &env.vault, &id, &json!({"title": "second"})).code(0);
    assert_eq!(env.record_files().len(), 3);
    // SPEC.md's form: `purge ID`, in a script (no terminal), asks nothing.
    let out = if env.no_terminal() {
        on(&env, &env.vault, &["purge", &id]).output()
    } else {
        on(&env, &env.vault, &["purge", &id, "--yes"]).output()
    };
    out.code(0);
    assert!(out.stderr.contains("2 versions"), "{}", out.stderr);
    assert!(out.stderr.contains("tvault rekey"), "{}", out.stderr);
    assert_eq!(env.record_files().len(), 1, "every version file is gone");
    on(&env, &env.vault, &["history", &id])
        .output()
        .fails(1, "no record");
    on(&env, &env.vault, &["show", &id])
        .output()
        .fails(1, "no record");
    on(&env, &env.vault, &["purge", &id, "--yes"])
        .output()
        .fails(1, "no record");
    assert_eq!(list(&env, &env.vault).len(), 1);
    assert_eq!(list(&env, &env.vault)[0]["id"], keep.as_str());
    verify_ok(&env, &env.vault);
    assert_eq!(fs::read_dir(env.vault.join("staging")).unwrap().count(), 0);
}

/// Two copies of one vault that diverged: both edited record `x`, each added a record.
struct Diverged {
    env: TestEnv,
    a: PathBuf,
    b: PathBuf,
    x: String,
    only_a: String,
    only_b: String,
    only_b_edited: String,
}

fn diverged() -> Diverged {
    let env = TestEnv::new();
    let x = with_example(&env);
    let a = env.vault.clone();
    let b = env.root().join("stick");
    copy_dir(&a, &b);
    let only_b_edited = add(&env, &a, &json!({"witness": {"names": ["Both Sides"]}}));
    // The copy is taken again so that both have `only_b_edited`, which only b edits.
    fs::remove_dir_all(&b).unwrap();
    copy_dir(&a, &b);
    edit(&env, &a, &x, &json!({"title": "edited on A"})).code(0);
    edit(
        &env,
        &b,
        &x,
        &json!({"title": "edited on B", "risk": "critical"}),
    )
    .code(0);
    edit(
        &env,
        &b,
        &only_b_edited,
        &json!({"witness": {"status": "released"}}),
    )
    .code(0);
    let only_a = add(&env, &a, &json!({"witness": {"names": ["Only on A"]}}));
    let only_b = add(&env, &b, &json!({"witness": {"names": ["Only on B"]}}));
    Diverged {
        env,
        a,
        b,
        x,
        only_a,
        only_b,
        only_b_edited,
    }
}

fn summary(env: &TestEnv, dir: &Path) -> Vec<(String, u64, String, bool)> {
    let mut out: Vec<_> = list(env, dir)
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["version"].as_u64().unwrap(),
                r["title"].as_str().unwrap_or_default().to_owned(),
                r.get("conflict").is_some(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn merging_diverged_copies_loses_nothing_and_shows_the_conflict() {
    let d = diverged();
    let env = &d.env;
    let label = d.b.display().to_string();
    let out = on(env, &d.a, &["merge", d.b.to_str().unwrap()]).output();
    out.code(0);
    assert!(out.stderr.contains("conflict"), "{}", out.stderr);
    verify_ok(env, &d.a);

    let records = list(env, &d.a);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [&d.x, &d.only_a, &d.only_b, &d.only_b_edited] {
        assert!(
            ids.contains(&id.as_str()),
            "{id} missing after merge: {ids:?}"
        );
    }
    assert_eq!(records.len(), 4);
    // The record edited on both sides: A's edit is version 2, B's comes back as version 3 with
    // a conflict marker, visible in list, show and history.
    let x = show(env, &d.a, &d.x);
    assert_eq!(x["version"], 3);
    assert_eq!(x["title"], "edited on B");
    assert_eq!(x["conflict"]["version"], 2);
    assert_eq!(x["conflict"]["original_version"], 2);
    assert_eq!(x["conflict"]["copy"], label.as_str());
    let listed = records.iter().find(|r| r["id"] == d.x.as_str()).unwrap();
    assert!(listed.get("conflict").is_some());
    let table = on(env, &d.a, &["list"]).output();
    assert!(
        table.ok().contains("[conflict] edited on B"),
        "{}",
        table.stdout
    );
    let text = on(env, &d.a, &["show", &d.x]).output();
    assert!(text.ok().contains("Conflict"), "{}", text.stdout);
    let lines = history(env, &d.a, &d.x);
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["created", "edited", "conflict"]);
    let v2 = serde_json::from_str::<Value>(
        on(env, &d.a, &["show", &d.x, "--version", "2", "--json"])
            .output()
            .ok(),
    )
    .unwrap();
    assert_eq!(v2["title"], "edited on A", "this copy's edit is kept");
    // History of a record edited only on the other copy survives the merge.
    let lines = history(env, &d.a, &d.only_b_edited);
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["created", "edited"]);
    assert_eq!(
        show(env, &d.a, &d.only_b_edited)["witness"]["status"],
        "released"
    );

    // Merging twice is a no-op.
    let before = snapshot(&d.a);
    let again = on(env, &d.a, &["merge", d.b.to_str().unwrap()]).output();
    again.code(0);
    assert!(again.stderr.contains("already has"), "{}", again.stderr);
    assert_eq!(before, snapshot(&d.a));

    // Merging the other way converges: the same records, versions and conflict.
    on(env, &d.b, &["merge", d.a.to_str().unwrap()])
        .output()
        .code(0);
    verify_ok(env, &d.b);
    assert_eq!(summary(env, &d.a), summary(env, &d.b));
    assert_eq!(history(env, &d.b, &d.x).len(), 3);
    let back = on(env, &d.a, &["merge", d.b.to_str().unwrap()]).output();
    back.code(0);
    assert!(back.stderr.contains("already has"), "{}", back.stderr);
    verify_ok(env, &d.a);

    // Resolving: an edit writes a version without the marker.
    edit(env, &d.a, &d.x, &json!({})).code(0);
    let resolved = show(env, &d.a, &d.x);
    assert_eq!(resolved["version"], 4);
    assert!(resolved.get("conflict").is_none());
}

#[test]
fn merge_keeps_each_copys_passphrase_and_takes_deletes_and_purges() {
    let d = diverged();
    let env = &d.env;
    // b changes its passphrase, deletes one record and purges another.
    let new_pass = env.write("new-pass.txt", "another passphrase of b 1234\n");
    on(
        env,
        &d.b,
        &[
            "passwd",
            "--new-passphrase-file",
            new_pass.to_str().unwrap(),
        ],
    )
    .output()
    .code(0);
    let b = |args: &[&str]| {
        env.tvault(args).args([
            "--vault".as_ref(),
            d.b.as_os_str(),
            "--passphrase-file".as_ref(),
            new_pass.as_os_str(),
        ])
    };
    b(&["delete", &d.only_b_edited]).output().code(0);
    b(&["purge", &d.only_b, "--yes"]).output().code(0);
    on(env, &d.a, &["merge", d.b.to_str().unwrap()])
        .output()
        .code(0);
    // a still opens with its own passphrase, and verifies.
    verify_ok(env, &d.a);
    let ids: Vec<String> = list(env, &d.a)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!ids.contains(&d.only_b_edited), "the delete came along");
    assert!(!ids.contains(&d.only_b), "the purged record never came");
    assert!(ids.contains(&d.only_a) && ids.contains(&d.x));
    // b too, after merging back, with its own passphrase.
    b(&["merge", d.a.to_str().unwrap()]).output().code(0);
    b(&["verify"]).output().code(0);
    // A purge on a travels to b.
    on(env, &d.a, &["purge", &d.only_a, "--yes"])
        .output()
        .code(0);
    b(&["merge", d.a.to_str().unwrap()]).output().code(0);
    b(&["verify"]).output().code(0);
    b(&["history", &d.only_a]).output().fails(1, "no record");
}

#[test]
fn merge_refuses_other_vaults_damaged_copies_and_non_vaults() {
    let d = diverged();
    let env = &d.env;
    let before = snapshot(&d.a);
    // Another vault (same passphrase, other keys).
    let other = env.root().join("other");
    on(env, &other, &["init", "--work-factor", "10"])
        .output()
        .code(0);
    on(env, &d.a, &["merge", other.to_str().unwrap()])
        .output()
        .fails(1, "another vault");
    // Not a vault.
    let empty = env.root().join("empty");
    fs::create_dir(&empty).unwrap();
    on(env, &d.a, &["merge", empty.to_str().unwrap()])
        .output()
        .fails(2, "not a tvault vault");
    // A tampered copy: a planted record file.
    let planted = files_under(&d.b.join("records"))[0].clone();
    fs::write(
        planted.with_file_name("zzzzzzzzzzzzzzzzzzzzzzzz.age"),
        b"forged",
    )
    .unwrap();
    on(env, &d.a, &["merge", d.b.to_str().unwrap()])
        .output()
        .fails(1, "does not verify");
    // --import of a copy of this same vault, and of this very directory.
    on(env, &d.a, &["merge", "--import", d.b.to_str().unwrap()])
        .output()
        .fails(1, "same vault");
    on(env, &d.a, &["merge", "--import", d.a.to_str().unwrap()])
        .output()
        .fails(1, "same vault");
    on(
        env,
        &d.a,
        &["merge", "--from-identity", "x", d.b.to_str().unwrap()],
    )
    .output()
    .code(2);
    assert_eq!(before, snapshot(&d.a), "refused merges change nothing");
    // Merging a vault into its own directory finds nothing to take.
    on(env, &d.a, &["merge", d.a.to_str().unwrap()])
        .output()
        .code(0);
    assert_eq!(before, snapshot(&d.a));
}

#[test]
fn merge_import_reencrypts_another_vaults_records() {
    let d = diverged();
    let env = &d.env;
    let other = env.root().join("other");
    on(env, &other, &["init", "--work-factor", "10"])
        .output()
        .code(0);
    let first = add(
        env,
        &other,
        &json!({"witness": {"names": ["Імпартаваны Сведка"]}}),
    );
    edit(env, &other, &first, &json!({"title": "imported twice"})).code(0);
    let gone = add(
        env,
        &other,
        &json!({"witness": {"names": ["Deleted There"]}}),
    );
    on(env, &other, &["delete", &gone]).output().code(0);
    let out = on(env, &d.a, &["merge", "--import", other.to_str().unwrap()]).output();
    let stdout = out.ok().to_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "deleted records are not imported: {stdout}");
    let (old, new) = lines[0].split_once(" -> ").unwrap();
    assert_eq!(old, first);
    assert_ne!(new, first);
    let imported = show(env, &d.a, new);
    assert_eq!(imported["title"], "imported twice");
    assert_eq!(imported["version"], 2);
    assert_eq!(history(env, &d.a, new).len(), 2, "history came along");
    verify_ok(env, &d.a);
    // With separate credentials for the other vault.
    let other_pass = env.write("other-pass.txt", "tvault-test-passphrase-28chr\n");
    let out = on(
        env,
        &d.a,
        &[
            "merge",
            "--import",
            "--json",
            "--from-passphrase-file",
            other_pass.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    )
    .output();
    let line: Value = serde_json::from_str(out.ok().trim()).unwrap();
    assert_eq!(line["from"], first.as_str());
    assert!(line["id"].is_string());
}

#[test]
fn no_plaintext_on_disk_after_edits_and_merges() {
    let d = diverged();
    let env = &d.env;
    edit(
        env,
        &d.a,
        &d.x,
        &json!({"narrative": "Секретны тэкст сведчання"}),
    )
    .code(0);
    on(env, &d.a, &["merge", d.b.to_str().unwrap()])
        .output()
        .code(0);
    on(env, &d.a, &["delete", &d.only_a]).output().code(0);
    for dir in [&d.a, &d.b, &env.tmp] {
        for file in files_under(dir) {
            let bytes = fs::read(&file).unwrap();
            for needle in [
                "Секретны тэкст",
                "Петрук",
                "Only on",
                "edited on",
                "Both Sides",
            ] {
                assert!(
                    !contains_bytes(&bytes, needle.as_bytes()),
                    "{needle} in {}",
                    file.display()
                );
            }
        }
    }
}

/// Copies every file of `from` that `to` lacks (what a two-way sync does).
fn sync_into(from: &Path, to: &Path) {
    for dir in ["records", "journal", "index"] {
        for file in files_under(&from.join(dir)) {
            let target = to.join(file.strip_prefix(from).unwrap());
            if !target.exists() {
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::copy(&file, &target).unwrap();
            }
        }
    }
}

#[test]
fn copies_synced_into_one_folder_are_reported_then_merged_in_place() {
    let d = diverged();
    let env = &d.env;
    sync_into(&d.b, &d.a);
    // Both copies' edits of `x` are there as two files for version 2: one would be hidden.
    let out = on(env, &d.a, &["verify"]).output();
    out.code(1);
    assert!(out.stdout.contains("tvault merge"), "{}", out.stdout);
    on(env, &d.a, &["list"]).output().code(1);
    let out = on(env, &d.a, &["merge", d.a.to_str().unwrap()]).output();
    out.code(0);
    assert!(out.stderr.contains("conflict"), "{}", out.stderr);
    verify_ok(env, &d.a);
    let titles: Vec<String> = history(env, &d.a, &d.x)
        .iter()
        .map(|l| l["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(titles, ["created", "edited", "conflict"]);
    assert_eq!(list(env, &d.a).len(), 4, "every record of both copies");
}

#[test]
fn the_editor_session_uses_a_memory_file_and_removes_it() {
    let script = Path::new("/usr/bin/script");
    let shm_is_tmpfs = std::process::Command::new("stat")
        .args(["-f", "-c", "%T", "/dev/shm"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "tmpfs");
    if !script.exists() || !shm_is_tmpfs {
        return; // needs util-linux `script` for a pseudo-terminal, and a tmpfs /dev/shm
    }
    let env = TestEnv::new();
    let id = with_example(&env);
    let log = env.root().join("editor.log");
    let editor = env.write(
        "editor.sh",
        format!(
            "#!/bin/sh\necho \"$1\" > {log}\nstat -c %a \"$1\" >> {log}\n\
             sed -i 's/\"title\": \".*\"/\"title\": \"edited in the editor\"/' \"$1\"\n",
            log = log.display()
        ),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&editor, fs::Permissions::from_mode(0o700)).unwrap();
    }
    let command = format!(
        "{} edit {} --vault {} --passphrase-file {}",
        env!("CARGO_BIN_EXE_tvault"),
        &id[..6],
        env.vault.display(),
        env.passphrase_file.display()
    );
    let mut run = env.command(script);
    run.args(["-qec", &command, "/dev/null"])
        .env("EDITOR", &editor)
        .stdin(std::process::Stdio::null());
    let out = run.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let logged = fs::read_to_string(&log).unwrap();
    let mut lines = logged.lines();
    let file = lines.next().unwrap();
    assert!(file.starts_with("/dev/shm/"), "{file}");
    assert_eq!(lines.next(), Some("600"));
    assert!(!Path::new(file).exists(), "the editor's file is removed");
    assert_eq!(show(&env, &env.vault, &id)["title"], "edited in the editor");
    assert_eq!(history(&env, &env.vault, &id).len(), 2);
}
