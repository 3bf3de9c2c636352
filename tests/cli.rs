//! Integration tests of the vault core: the real `tvault` binary in a hermetic environment
//! (see `common::TestEnv`), checked on exit code, stdout and stderr, plus what it leaves on disk.

mod attachments;
mod common;
mod edit;
mod export;
mod i18n;
mod integrity;
mod keys;
mod redaction;
mod search;
mod tools;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use common::{
    Out, PASSPHRASE, TestEnv, WORK_FACTOR, contains_bytes, files_under, is_fingerprint,
    is_record_id, snapshot, which, without_metadata,
};

/// The example record of SPEC.md ("Record schema"), with one value chosen for each
/// `a | b | c` alternative.
const SPEC_EXAMPLE: &str = include_str!("data/spec-example.json");

/// A record written entirely in Cyrillic (Belarusian and Russian), with reduced-precision and
/// uncertain dates.
const CYRILLIC_RECORD: &str = r#"{
  "title": "Сведчанне шахцёра",
  "language": "be",
  "witness": {
    "names": ["Алесь Міхайлавіч Бондараў", "Алесь Бондарев"],
    "pseudonym": "Рабочы 5",
    "sex": "male",
    "birth_date": "1968~",
    "occupation": "машыніст",
    "employer": "Беларуськалій",
    "unions": [{"name": "Незалежны прафсаюз", "role": "старшыня"}],
    "status": "detained_pretrial",
    "status_as_of": "2023",
    "whereabouts": "СІЗА №1, Мінск",
    "residence": {"country": "BY", "region": "Мінская вобласць", "locality": "Салігорск"}
  },
  "acts": [
    {"type": "search", "date": "2021-11?", "place": {"country": "BY", "locality": "Салігорск"},
     "perpetrators": ["КДБ"], "notes": "Забралі тэлефон і кампутар."},
    {"type": "detention", "date": "2021-11/2022-01", "perpetrators": ["ГУБАЗіК"],
     "officials": ["следователь Іваноў"], "in_absentia": false}
  ],
  "people": [{"name": "Ганна Бондарава", "relation": "жонка"}],
  "consent": [{"purpose": "internal", "level": "named_full"}],
  "risk": "critical",
  "tags": ["забастоўка", "ёлка"],
  "summary": "Затрыманы пасля забастоўкі.",
  "narrative": "Яго затрымалі на выхадзе са змены.\nДругі радок."
}"#;

fn record(name: &str) -> String {
    json!({"witness": {"names": [name]}}).to_string()
}

/// `n` minimal records as one JSON array.
fn records_array(n: usize, prefix: &str) -> String {
    let records: Vec<Value> = (0..n)
        .map(|i| json!({"witness": {"names": [format!("{prefix} {i}")]}, "title": format!("t{i}")}))
        .collect();
    Value::Array(records).to_string()
}

fn names_of(list: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = list
        .iter()
        .map(|r| r["witness"]["names"][0].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

fn ids_of(list: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = list
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

// ------------------------------------------------------------------------------------------------
// init

mod init {
    use super::*;

    #[test]
    fn prints_one_fingerprint_line() {
        let env = TestEnv::new();
        let out = env
            .with_passphrase(&["init", "--work-factor", WORK_FACTOR])
            .output();
        let stdout = out.ok();
        assert_eq!(out.lines().len(), 1, "{stdout:?}");
        assert!(stdout.ends_with('\n'));
        assert!(is_fingerprint(stdout.trim_end()), "{stdout:?}");
        assert!(out.stderr.contains("created vault"), "{}", out.stderr);
        assert!(!out.stderr.contains(PASSPHRASE));
        // The regex of the brief, spelled out: `^tv1-[0-9a-z]{4}(-[0-9a-z]{4}){3}$`.
        assert_eq!(stdout.trim_end().len(), 23);
        assert!(env.vault.join("tvault.json").is_file());
    }

    #[test]
    fn two_vaults_have_different_fingerprints() {
        let (a, b) = (TestEnv::new(), TestEnv::new());
        assert_ne!(a.init(), b.init());
    }

    #[test]
    fn refuses_a_non_empty_directory() {
        let env = TestEnv::new();
        fs::create_dir(&env.vault).unwrap();
        fs::write(env.vault.join("notes.txt"), "keep me").unwrap();
        let before = snapshot(env.root());
        let out = env
            .with_passphrase(&["init", "--work-factor", WORK_FACTOR])
            .output();
        out.fails(2, "not empty");
        assert!(out.stderr.contains("hint: "), "{}", out.stderr);
        assert_eq!(snapshot(env.root()), before, "init changed files");
    }

    #[test]
    fn refuses_an_existing_vault() {
        let env = TestEnv::new();
        env.init();
        let before = snapshot(env.root());
        env.with_passphrase(&["init", "--work-factor", WORK_FACTOR])
            .output()
            .fails(2, "not empty");
        assert_eq!(snapshot(env.root()), before);
    }

    #[test]
    fn creates_an_empty_existing_directory() {
        let env = TestEnv::new();
        fs::create_dir(&env.vault).unwrap();
        env.init();
        assert!(env.vault.join("keys/passphrase.age").is_file());
    }

    #[test]
    fn in_the_current_directory() {
        let env = TestEnv::new();
        fs::create_dir(&env.vault).unwrap();
        let out = env
            .tvault(["init", "--work-factor", WORK_FACTOR, "--passphrase-file"])
            .args([&env.passphrase_file])
            .cwd(&env.vault)
            .output();
        assert!(is_fingerprint(out.ok().trim_end()));
        assert!(env.vault.join("tvault.json").is_file());
        // And a non-empty current directory is refused.
        let before = snapshot(env.root());
        env.tvault(["init", "--work-factor", WORK_FACTOR, "--passphrase-file"])
            .args([&env.passphrase_file])
            .cwd(env.root())
            .output()
            .fails(2, "not empty");
        assert_eq!(snapshot(env.root()), before);
    }

    #[test]
    fn work_factor_out_of_range_is_a_usage_error() {
        let env = TestEnv::new();
        for factor in ["9", "23", "0", "x"] {
            let out = env
                .with_passphrase(&["init", "--work-factor", factor])
                .output();
            out.fails_clap(2, "--work-factor");
            assert!(
                !env.vault.exists(),
                "work factor {factor} created the vault"
            );
        }
        // The bounds themselves are accepted (22 is not tried: it takes seconds).
        env.with_passphrase(&["init", "--work-factor", "10"])
            .output()
            .ok();
    }

    #[test]
    fn bad_recipient_is_a_usage_error() {
        let env = TestEnv::new();
        for bad in [
            "age1xyz",
            "AGE-SECRET-KEY-1QQQQ",
            "ssh-ed25519 AAAAnotbase64",
            "",
        ] {
            let out = env
                .with_passphrase(&["init", "--work-factor", WORK_FACTOR, "--recipient", bad])
                .output();
            let stderr = out.fails(2, "--recipient");
            if !bad.is_empty() {
                assert!(!stderr.contains(bad), "the bad key is echoed: {stderr}");
            }
            assert!(!env.vault.exists());
        }
    }

    #[test]
    fn recipients_file_with_comments() {
        let env = TestEnv::new();
        let other = env.new_identity("other.txt");
        let file = env.write(
            "recipients.txt",
            format!(
                "# organisation recovery keys\n\n{}\n   # indented comment\n{}\n\n",
                env.identity.recipient, other.recipient
            ),
        );
        env.init_with(&["--recipients-file", file.to_str().unwrap()]);
        for id in [&env.identity.file, &other.file] {
            let out = env.with_identity(id, &["list"]).output();
            assert_eq!(out.ok(), "");
        }
        // The passphrase opens it too.
        env.with_passphrase(&["list"]).output().ok();
    }

    #[test]
    fn recipients_file_with_a_bad_line_names_the_line_only() {
        let env = TestEnv::new();
        let file = env.write(
            "recipients.txt",
            format!("# keys\n{}\nage1-secret-typo-ZQX\n", env.identity.recipient),
        );
        let out = env
            .with_passphrase(&[
                "init",
                "--work-factor",
                WORK_FACTOR,
                "--recipients-file",
                file.to_str().unwrap(),
            ])
            .output();
        let stderr = out.fails(2, "line 3");
        assert!(!stderr.contains("ZQX"), "{stderr}");
        assert!(!env.vault.exists());
    }

    #[test]
    fn missing_recipients_file_is_a_usage_error() {
        let env = TestEnv::new();
        env.with_passphrase(&[
            "init",
            "--work-factor",
            WORK_FACTOR,
            "--recipients-file",
            "absent.txt",
        ])
        .output()
        .fails(2, "absent.txt");
        assert!(!env.vault.exists());
    }

    #[test]
    fn identity_only_vault() {
        let env = TestEnv::new();
        let out = env
            .tvault(["init", "--work-factor", WORK_FACTOR, "--vault"])
            .args([&env.vault])
            .args([OsStr::new("--identity"), env.identity.file.as_os_str()])
            .output();
        out.code(0);
        assert!(is_fingerprint(out.stdout.trim_end()), "{}", out.stdout);
        assert_eq!(out.lines().len(), 1);
        assert!(out.stderr.contains("no passphrase"), "{}", out.stderr);
        assert!(!env.vault.join("keys/passphrase.age").exists());
        assert!(env.vault.join("keys/recipients.age").is_file());

        let ids = {
            let out = env
                .with_identity(&env.identity.file, &["add", "--from", "-"])
                .stdin(record("Identity Only"))
                .output();
            out.ok().lines().map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(ids.len(), 1);
        let out = env.with_passphrase(&["list"]).output();
        let stderr = out.fails(2, "no passphrase");
        assert!(
            stderr.contains("hint: ") && stderr.contains("--identity"),
            "{stderr}"
        );
        let out = env.with_identity(&env.identity.file, &["list"]).output();
        assert!(out.ok().contains(&ids[0]));
    }

    #[test]
    fn no_terminal_and_no_passphrase_source() {
        let env = TestEnv::new();
        if !env.no_terminal() {
            eprintln!("skipped: no setsid and a terminal is attached");
            return;
        }
        let out = env
            .tvault(["init", "--work-factor", WORK_FACTOR, "--vault"])
            .args([&env.vault])
            .output();
        let stderr = out.fails(2, "terminal");
        let hint = stderr
            .lines()
            .find(|l| l.starts_with("hint: "))
            .expect("a hint line");
        assert!(hint.contains("--passphrase-file"), "{hint}");
        assert!(!env.vault.exists(), "a vault was created without a key");
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let env = TestEnv::new();
        env.init_with_identity();
        env.add(&records_array(3, "Mode"));
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&env.vault), 0o700, "vault dir");
        for dir in ["keys", "records"] {
            assert_eq!(mode(&env.vault.join(dir)), 0o700, "{dir}/");
        }
        for key in ["passphrase.age", "recipients.age", "config.age"] {
            assert_eq!(mode(&env.vault.join("keys").join(key)), 0o600, "keys/{key}");
        }
        let files = env.record_files();
        assert_eq!(files.len(), 3);
        for file in files {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
            assert_eq!(mode(file.parent().unwrap()), 0o700, "shard directory");
        }
    }
}

// ------------------------------------------------------------------------------------------------
// add

mod add {
    use super::*;

    fn check_added(env: &TestEnv, ids: &[String], names: &[&str]) {
        let list = env.list_json();
        assert_eq!(ids_of(&list), sorted(ids.to_vec()));
        let expected: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(names_of(&list), sorted(expected));
        assert_eq!(env.record_files().len(), ids.len());
    }

    #[test]
    fn one_object_from_a_file() {
        let env = TestEnv::new();
        env.init();
        let file = env.write("one.json", record("Mikola Sharakh"));
        let out = env
            .with_passphrase(&["add", "--from", file.to_str().unwrap()])
            .output();
        let stdout = out.ok();
        assert_eq!(out.lines().len(), 1);
        assert!(is_record_id(out.lines()[0]), "{stdout:?}");
        assert!(out.stderr.contains("added 1 record"), "{}", out.stderr);
        assert!(!out.stderr.contains("Mikola"));
        check_added(&env, &[out.lines()[0].to_owned()], &["Mikola Sharakh"]);
    }

    #[test]
    fn array_from_stdin() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&format!(
            "[{}, {}, {}]",
            record("A"),
            record("B"),
            record("C")
        ));
        assert_eq!(ids.len(), 3);
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), 3, "ids are unique");
        check_added(&env, &ids, &["A", "B", "C"]);
    }

    #[test]
    fn json_lines_from_a_file() {
        let env = TestEnv::new();
        env.init();
        let file = env.write(
            "records.jsonl",
            format!("{}\n\n{}\r\n{}\n", record("L1"), record("L2"), record("L3")),
        );
        let out = env
            .with_passphrase(&["add", "--from", file.to_str().unwrap()])
            .output();
        out.ok();
        let ids: Vec<String> = out.lines().iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(ids.len(), 3);
        assert!(ids.iter().all(|id| is_record_id(id)));
        check_added(&env, &ids, &["L1", "L2", "L3"]);
    }

    #[test]
    fn ids_are_printed_in_input_order() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&records_array(5, "Order"));
        for (i, id) in ids.iter().enumerate() {
            let shown = env.show_json(id);
            assert_eq!(shown["witness"]["names"][0], format!("Order {i}"));
        }
    }

    /// Runs `add --from -` with `input` against a vault holding one record, and checks that it
    /// is refused with exit 1, naming `needles`, quoting none of `secrets`, and changing nothing.
    fn rejected(input: &str, needles: &[&str], secrets: &[&str]) {
        let env = TestEnv::new();
        env.init();
        env.add(&record("Existing"));
        let list_before = env.list_json();
        let vault_before = snapshot(&env.vault);
        let files_before = env.record_files().len();

        let out = env
            .with_passphrase(&["add", "--from", "-"])
            .stdin(input)
            .output();
        let stderr = out.fails(1, "invalid record");
        for needle in needles {
            assert!(stderr.contains(needle), "no {needle:?} in:\n{stderr}");
        }
        for secret in secrets {
            assert!(
                !stderr.contains(secret),
                "{secret:?} leaked into:\n{stderr}"
            );
        }
        assert!(stderr.contains("hint: nothing was added"), "{stderr}");
        assert_eq!(
            stderr.lines().count(),
            2,
            "one error line and a hint:\n{stderr}"
        );

        assert_eq!(env.list_json(), list_before, "list changed");
        assert_eq!(env.record_files().len(), files_before, "files were added");
        assert_eq!(snapshot(&env.vault), vault_before, "the vault changed");
    }

    #[test]
    fn unknown_field_is_named() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"]}, "nickname": "Hushword-771"}"#,
            &["unknown field", "\"nickname\"", "witness", "narrative"],
            &["Hushword-771", "Secretname Q"],
        );
    }

    #[test]
    fn unknown_nested_field_is_named_with_its_path() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"], "phone": "+375 44 555-01-02"}}"#,
            &["witness: ", "unknown field \"phone\"", "contact"],
            &["555-01-02", "Secretname Q"],
        );
    }

    #[test]
    fn bad_status_lists_the_allowed_values() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"], "status": "jailed-in-Hushplace"}}"#,
            &[
                "witness.status",
                "at_liberty",
                "serving_sentence",
                "convicted_in_absentia",
                "unknown",
            ],
            &["Hushplace", "Secretname Q"],
        );
    }

    #[test]
    fn bad_act_type_lists_the_allowed_values() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"]}, "acts": [{"type": "kidnap-Hushword"}]}"#,
            &[
                "acts[0].type",
                "arrest",
                "denial_of_medical_care",
                "forced_confession_video",
                "other",
            ],
            &["Hushword", "Secretname Q"],
        );
    }

    #[test]
    fn bad_consent_level_lists_the_allowed_values() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"]},
                "consent": [{"purpose": "media", "level": "Hushlevel"}]}"#,
            &["consent[0].level", "no_use", "named_full"],
            &["Hushlevel", "Secretname Q"],
        );
    }

    #[test]
    fn bad_date_names_the_path_in_a_batch() {
        rejected(
            r#"[{"witness": {"names": ["Secretname Q"]}},
                {"witness": {"names": ["Secretname R"]},
                 "acts": [{"type": "arrest", "date": "2022-13-45"}]}]"#,
            &["records[1].acts[0].date", "date"],
            &["2022-13-45", "Secretname"],
        );
    }

    #[test]
    fn bad_birth_date_names_the_path() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"], "birth_date": "circa 1970s"}}"#,
            &["witness.birth_date", "date"],
            &["circa", "Secretname Q"],
        );
    }

    #[test]
    fn empty_names() {
        rejected(
            r#"{"witness": {"names": []}, "narrative": "Hushstory of the night"}"#,
            &["witness.names", "at least one name"],
            &["Hushstory"],
        );
    }

    #[test]
    fn missing_witness() {
        rejected(
            r#"{"narrative": "Hushstory of the night"}"#,
            &["witness"],
            &["Hushstory"],
        );
    }

    #[test]
    fn blank_name() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q", "   "]}}"#,
            &["witness.names[1]"],
            &["Secretname Q"],
        );
    }

    #[test]
    fn wrong_type() {
        rejected(
            r#"{"witness": {"names": "Secretname Q"}}"#,
            &["witness.names", "expected an array of strings"],
            &["Secretname Q"],
        );
        rejected(
            r#"{"witness": {"names": ["Secretname Q"]}, "tags": "Hushtag"}"#,
            &["tags", "expected"],
            &["Hushtag", "Secretname Q"],
        );
        rejected(
            r#"{"witness": {"names": ["Secretname Q"]},
                "acts": [{"type": "arrest", "in_absentia": "Hushyes"}]}"#,
            &["acts[0].in_absentia", "expected"],
            &["Hushyes", "Secretname Q"],
        );
    }

    #[test]
    fn not_a_record() {
        rejected(
            r#""Hushstring""#,
            &["expected a JSON object"],
            &["Hushstring"],
        );
        rejected(r#"[1, 2]"#, &["records[0]", "expected"], &[]);
    }

    #[test]
    fn json_syntax_error_gives_a_position() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"]}, "narrative": "Hushstory" oops}"#,
            &["invalid JSON at line 1, column"],
            &["Hushstory", "Secretname Q", "oops"],
        );
        rejected(
            "{\"witness\": {\"names\": [\"Secretname Q\"",
            &["line 1"],
            &["Secretname Q"],
        );
    }

    #[test]
    fn duplicate_key_is_refused() {
        rejected(
            r#"{"witness": {"names": ["Secretname Q"]}, "narrative": "Hushone", "narrative": "Hushtwo"}"#,
            &["twice"],
            &["Hushone", "Hushtwo", "Secretname Q"],
        );
    }

    #[test]
    fn empty_input() {
        rejected("", &["empty"], &[]);
        rejected(" \n\t\n", &["empty"], &[]);
    }

    #[test]
    fn empty_array_adds_nothing() {
        let env = TestEnv::new();
        env.init();
        let before = snapshot(&env.vault);
        env.with_passphrase(&["add", "--from", "-"])
            .stdin("[]")
            .output()
            .fails(1, "no records");
        assert_eq!(snapshot(&env.vault), before);
    }

    #[test]
    fn third_record_bad_in_an_array_adds_nothing() {
        rejected(
            &format!(
                "[{}, {}, {{\"witness\": {{\"names\": [\"Secretname Q\"], \"sex\": \"Hushsex\"}}}}, {}]",
                record("Good One"),
                record("Good Two"),
                record("Good Four")
            ),
            &["records[2].witness.sex", "female"],
            &["Hushsex", "Secretname Q", "Good"],
        );
    }

    #[test]
    fn third_record_bad_in_json_lines_adds_nothing() {
        rejected(
            &format!(
                "{}\n{}\n{{\"witness\": {{\"names\": [\"Secretname Q\"]}}, \"risk\": \"Hushrisk\"}}\n{}\n",
                record("Good One"),
                record("Good Two"),
                record("Good Four")
            ),
            &["line 3", "records[2].risk", "critical"],
            &["Hushrisk", "Secretname Q", "Good"],
        );
    }

    #[test]
    fn missing_from_file_is_a_usage_error() {
        let env = TestEnv::new();
        env.init();
        let before = snapshot(&env.vault);
        env.with_passphrase(&["add", "--from", "absent.json"])
            .output()
            .fails(2, "absent.json");
        assert_eq!(snapshot(&env.vault), before);
    }

    #[test]
    fn no_from_and_no_terminal_is_a_usage_error() {
        let env = TestEnv::new();
        env.init();
        let before = snapshot(&env.vault);
        // stdin is /dev/null, then a pipe with a record: neither is read without `--from -`.
        let out = env.with_passphrase(&["add"]).output();
        let stderr = out.fails(2, "--from");
        assert!(stderr.contains("hint: "), "{stderr}");
        env.with_passphrase(&["add"])
            .stdin(record("Piped"))
            .output()
            .fails(2, "--from");
        assert_eq!(snapshot(&env.vault), before);
    }

    #[test]
    fn attach_stores_the_file_with_the_record() {
        // Issue 6 (tests/attachments has the rest): `add --attach` writes the record and its
        // file in one commit and prints only the new id.
        let env = TestEnv::new();
        env.init();
        let file = env.write("one.json", record("With Attachment"));
        let scan = env.write("scan.pdf", "%PDF-1.4");
        let out = env
            .with_passphrase(&[
                "add",
                "--from",
                file.to_str().unwrap(),
                "--attach",
                scan.to_str().unwrap(),
            ])
            .output();
        let id = out.ok().trim().to_owned();
        assert!(is_record_id(&id), "{id:?}");
        let shown = env.show_json(&id);
        assert_eq!(shown["attachments"][0]["media_type"], "application/pdf");
        assert_eq!(shown["attachments"][0]["size"], 8);
    }

    #[test]
    fn rejected_input_is_refused_before_unlocking() {
        // A bad record is reported even with a wrong passphrase: validation comes first, and the
        // message is about the record.
        let env = TestEnv::new();
        env.init();
        let wrong = env.write("wrong.txt", "not the passphrase at all!!!\n");
        let out = env
            .tvault(["add", "--from", "-", "--vault"])
            .args([&env.vault])
            .args([OsStr::new("--passphrase-file"), wrong.as_os_str()])
            .stdin(r#"{"witness": {"names": []}}"#)
            .output();
        out.fails(1, "witness.names");
    }
}

// ------------------------------------------------------------------------------------------------
// list

mod list {
    use super::*;

    #[test]
    fn table_has_a_header_and_one_row_per_record() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&format!(
            "[{}, {}]",
            json!({"witness": {"names": ["Іван Петрук"], "status": "on_trial"}, "title": "Салігорск"}),
            record("Ivan Petruk")
        ));
        let out = env.with_passphrase(&["list"]).output();
        out.ok();
        let lines = out.lines();
        assert_eq!(lines.len(), 3, "{}", out.stdout);
        assert!(lines[0].starts_with("ID"), "{}", lines[0]);
        for id in &ids {
            assert_eq!(
                lines[1..]
                    .iter()
                    .filter(|l| l.starts_with(id.as_str()))
                    .count(),
                1,
                "one row for {id}"
            );
        }
        let row = lines.iter().find(|l| l.starts_with(&ids[0])).unwrap();
        assert!(
            row.contains("Іван Петрук") && row.contains("on_trial") && row.contains("Салігорск")
        );
    }

    #[test]
    fn json_lines_carry_id_timestamps_and_fields() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&format!("[{SPEC_EXAMPLE}, {CYRILLIC_RECORD}]"));
        let out = env.with_passphrase(&["list", "--json"]).output();
        out.ok();
        assert_eq!(out.lines().len(), 2);
        let inputs: [Value; 2] = [
            serde_json::from_str(SPEC_EXAMPLE).unwrap(),
            serde_json::from_str(CYRILLIC_RECORD).unwrap(),
        ];
        for line in out.lines() {
            let value: Value = serde_json::from_str(line).unwrap();
            let object = value.as_object().expect("each line is one object");
            let id = object["id"].as_str().unwrap();
            assert!(ids.iter().any(|i| i == id));
            for stamp in ["created_at", "updated_at"] {
                let stamp = object[stamp].as_str().unwrap();
                assert!(
                    stamp.len() == 20 && stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T',
                    "{stamp}"
                );
            }
            // `list` serves the index: every field but the narrative (`show` has it).
            let without_narrative = |v: &Value| {
                let mut v = v.clone();
                v.as_object_mut().unwrap().remove("narrative");
                v
            };
            assert!(
                object.get("narrative").is_none(),
                "list --json carries no narrative: {line}"
            );
            assert!(
                inputs
                    .iter()
                    .any(|i| without_narrative(i) == without_metadata(&value)),
                "list --json differs from the input: {line}"
            );
        }
    }

    #[test]
    fn json_flag_before_or_after_the_command() {
        let env = TestEnv::new();
        env.init();
        env.add(&records_array(2, "Flag"));
        let after = env.with_passphrase(&["list", "--json"]).output();
        let before = env
            .tvault(["--json", "--vault"])
            .args([&env.vault])
            .args([
                OsStr::new("--passphrase-file"),
                env.passphrase_file.as_os_str(),
            ])
            .args(["list"])
            .output();
        assert_eq!(before.ok(), after.ok());
        assert_eq!(before.lines().len(), 2);
        for line in before.lines() {
            serde_json::from_str::<Value>(line).unwrap();
        }
    }

    #[test]
    fn empty_vault() {
        let env = TestEnv::new();
        env.init();
        let out = env.with_passphrase(&["list"]).output();
        let stdout = out.ok();
        assert!(
            stdout.lines().all(|l| l.starts_with("ID")),
            "rows in an empty vault: {stdout:?}"
        );
        assert_eq!(env.with_passphrase(&["list", "--json"]).output().ok(), "");
    }
}

// ------------------------------------------------------------------------------------------------
// show

mod show {
    use super::*;

    #[test]
    fn by_full_id_and_by_prefix() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&format!(
            "[{}, {}]",
            record("Full Id Witness"),
            record("Other")
        ));
        let id = &ids[0];
        let out = env.with_passphrase(&["show", id]).output();
        let full = out.ok().to_owned();
        assert!(
            full.contains(id.as_str()) && full.contains("Full Id Witness"),
            "{full}"
        );
        assert!(!full.contains("Other"));

        let out = env.with_passphrase(&["show", &id[..6]]).output();
        assert_eq!(
            out.ok(),
            full,
            "the 6-character prefix shows the same record"
        );
        let out = env
            .with_passphrase(&["show", &id.to_uppercase()[..8]])
            .output();
        assert_eq!(out.ok(), full, "ids are case-insensitive");

        let json = env.show_json(&id[..6]);
        assert_eq!(json["id"], id.as_str());
        // `--json` before the command too.
        let out = env
            .tvault(["--json", "show", &id[..6], "--vault"])
            .args([&env.vault])
            .args([
                OsStr::new("--passphrase-file"),
                env.passphrase_file.as_os_str(),
            ])
            .output();
        assert_eq!(serde_json::from_str::<Value>(out.ok()).unwrap(), json);
    }

    #[test]
    fn five_character_prefix_is_a_usage_error() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&record("Short"));
        env.with_passphrase(&["show", &ids[0][..5]])
            .output()
            .fails(2, "6");
    }

    #[test]
    fn unknown_id_fails() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&record("Known"));
        // An id that differs from the real one in its first character.
        let unknown: String = std::iter::once(if ids[0].starts_with('z') { 'y' } else { 'z' })
            .chain(ids[0].chars().skip(1))
            .collect();
        let out = env.with_passphrase(&["show", &unknown]).output();
        out.fails(1, "no record");
        assert_eq!(out.stdout, "");
        env.with_passphrase(&["show", "--json", &unknown])
            .output()
            .fails(1, "no record");
    }

    #[test]
    fn not_an_id_is_a_usage_error() {
        let env = TestEnv::new();
        env.init();
        env.with_passphrase(&["show", "../../etc"])
            .output()
            .fails(2, "id");
    }

    fn round_trip(input: &str) {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(input);
        assert_eq!(ids.len(), 1);
        let shown = env.show_json(&ids[0]);
        assert_eq!(shown["id"], ids[0].as_str());
        assert!(shown["created_at"].is_string() && shown["updated_at"].is_string());
        let expected: Value = serde_json::from_str(input).unwrap();
        assert_eq!(
            without_metadata(&shown),
            expected,
            "show --json differs from the input"
        );
    }

    #[test]
    fn spec_example_round_trips() {
        round_trip(SPEC_EXAMPLE);
    }

    #[test]
    fn cyrillic_record_round_trips() {
        round_trip(CYRILLIC_RECORD);
    }

    #[test]
    fn text_shows_the_fields() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(CYRILLIC_RECORD);
        let out = env.with_passphrase(&["show", &ids[0]]).output();
        let text = out.ok();
        for needle in [
            "Алесь Міхайлавіч Бондараў",
            "Беларуськалій",
            "detained_pretrial",
            "Ганна Бондарава",
            "Другі радок.",
        ] {
            assert!(text.contains(needle), "no {needle:?} in:\n{text}");
        }
    }
}

// ------------------------------------------------------------------------------------------------
// unlocking and finding the vault

mod unlock {
    use super::*;

    #[test]
    fn wrong_passphrase() {
        let env = TestEnv::new();
        env.init();
        env.add(&record("Locked Away"));
        let wrong = env.write("wrong.txt", "tvault-test-passphrase-28chX\n");
        for command in [&["list"][..], &["show", "000000"], &["add", "--from", "-"]] {
            let out = env
                .tvault(command)
                .args([OsStr::new("--vault"), env.vault.as_os_str()])
                .args([OsStr::new("--passphrase-file"), wrong.as_os_str()])
                .stdin(record("New"))
                .output();
            let stderr = out.fails(1, "wrong passphrase or identity");
            assert!(!stderr.contains("Locked Away"));
        }
        assert_eq!(env.record_files().len(), 1);
    }

    #[test]
    fn wrong_identity() {
        let env = TestEnv::new();
        env.init_with_identity();
        env.add(&record("Locked Away"));
        let other = env.new_identity("other.txt");
        let out = env.with_identity(&other.file, &["list"]).output();
        out.fails(1, "wrong passphrase or identity");
        // And the right one works.
        let out = env.with_identity(&env.identity.file, &["list"]).output();
        assert!(out.ok().contains("Locked Away"));
    }

    #[test]
    fn identity_takes_precedence_over_the_passphrase_file() {
        let env = TestEnv::new();
        env.init_with_identity();
        let wrong = env.write("wrong.txt", "not the passphrase\n");
        let out = env
            .with_identity(&env.identity.file, &["list"])
            .args([OsStr::new("--passphrase-file"), wrong.as_os_str()])
            .output();
        out.ok();
    }

    #[test]
    fn garbage_identity_file_names_the_line_only() {
        let env = TestEnv::new();
        env.init_with_identity();
        let garbage = env.write(
            "garbage.txt",
            "# my key\nAGE-SECRET-KEY-1TOPSECRETTYPOQQQQ\n",
        );
        let out = env.with_identity(&garbage, &["list"]).output();
        let stderr = out.fails(1, "line 2");
        assert!(!stderr.contains("TOPSECRET"), "{stderr}");
        assert!(!stderr.contains("my key"), "{stderr}");

        let binary = env.write("binary.txt", [0xff, 0xfe, b'\n', 0x00, b'x']);
        env.with_identity(&binary, &["list"])
            .output()
            .fails(1, "line 1");

        let empty = env.write("empty.txt", "# nothing here\n");
        env.with_identity(&empty, &["list"])
            .output()
            .fails(1, "no identity");
    }

    #[test]
    fn missing_identity_or_passphrase_file_is_a_usage_error() {
        let env = TestEnv::new();
        env.init();
        env.with_identity(&env.root().join("absent-id.txt"), &["list"])
            .output()
            .fails(2, "absent-id.txt");
        env.tvault(["list", "--passphrase-file", "absent-pw.txt", "--vault"])
            .args([&env.vault])
            .output()
            .fails(2, "absent-pw.txt");
    }

    #[test]
    fn passphrase_file_first_line_only() {
        let env = TestEnv::new();
        env.init();
        let crlf = env.write(
            "crlf.txt",
            format!("{PASSPHRASE}\r\nsecond line is ignored\n"),
        );
        let no_newline = env.write("bare.txt", PASSPHRASE);
        for file in [crlf, no_newline] {
            env.tvault(["list", "--vault"])
                .args([&env.vault])
                .args([OsStr::new("--passphrase-file"), file.as_os_str()])
                .output()
                .ok();
        }
        let empty_first = env.write("empty-first.txt", format!("\n{PASSPHRASE}\n"));
        let out = env
            .tvault(["list", "--vault"])
            .args([&env.vault])
            .args([OsStr::new("--passphrase-file"), empty_first.as_os_str()])
            .output();
        let stderr = out.fails(2, "empty first line");
        assert!(!stderr.contains(PASSPHRASE));
    }

    #[test]
    fn environment_variables() {
        let env = TestEnv::new();
        env.init_with_identity();
        let ids = env.add(&record("Env Var"));
        let out = env
            .tvault(["list"])
            .env("TVAULT_VAULT", &env.vault)
            .env("TVAULT_PASSPHRASE_FILE", &env.passphrase_file)
            .output();
        assert!(out.ok().contains(&ids[0]));
        let out = env
            .tvault(["show", "--json", &ids[0]])
            .env("TVAULT_VAULT", &env.vault)
            .env("TVAULT_IDENTITY", &env.identity.file)
            .output();
        assert!(out.ok().contains("Env Var"));
        // The variables name files; the flags win over them.
        let wrong = env.write("wrong.txt", "not the passphrase\n");
        env.tvault(["list", "--passphrase-file"])
            .args([&env.passphrase_file])
            .env("TVAULT_VAULT", &env.vault)
            .env("TVAULT_PASSPHRASE_FILE", &wrong)
            .output()
            .ok();
        env.tvault(["list"])
            .env("TVAULT_VAULT", &env.vault)
            .env("TVAULT_PASSPHRASE_FILE", &wrong)
            .output()
            .fails(1, "wrong passphrase or identity");
        // init honours TVAULT_VAULT too.
        let second = env.root().join("second");
        let out = env
            .tvault(["init", "--work-factor", WORK_FACTOR])
            .env("TVAULT_VAULT", &second)
            .env("TVAULT_PASSPHRASE_FILE", &env.passphrase_file)
            .output();
        assert!(is_fingerprint(out.ok().trim_end()));
        assert!(second.join("tvault.json").is_file());
    }

    #[test]
    fn vault_flag_on_a_non_vault_directory() {
        let env = TestEnv::new();
        let plain = env.root().join("plain");
        fs::create_dir(&plain).unwrap();
        fs::write(plain.join("file.txt"), "x").unwrap();
        let out = env
            .tvault(["list", "--vault"])
            .args([&plain])
            .args([
                OsStr::new("--passphrase-file"),
                env.passphrase_file.as_os_str(),
            ])
            .output();
        let stderr = out.fails(2, "not a tvault vault");
        assert!(stderr.contains("hint: "), "{stderr}");
        // Absent directories and plain files are not vaults either.
        for path in [env.root().join("absent"), plain.join("file.txt")] {
            env.tvault(["list", "--vault"])
                .args([&path])
                .args([
                    OsStr::new("--passphrase-file"),
                    env.passphrase_file.as_os_str(),
                ])
                .output()
                .fails(2, "not a tvault vault");
        }
    }

    #[test]
    fn no_vault_and_cwd_not_a_vault() {
        let env = TestEnv::new();
        let out = env
            .tvault(["list", "--passphrase-file"])
            .args([&env.passphrase_file])
            .output();
        let stderr = out.fails(2, "vault");
        let hint = stderr
            .lines()
            .find(|l| l.starts_with("hint: "))
            .expect("a hint");
        assert!(hint.contains("--vault"), "{hint}");
    }

    #[test]
    fn cwd_is_the_vault() {
        let env = TestEnv::new();
        env.init();
        let ids = env.add(&record("Cwd"));
        let out = env
            .tvault(["list", "--passphrase-file"])
            .args([&env.passphrase_file])
            .cwd(&env.vault)
            .output();
        assert!(out.ok().contains(&ids[0]));
    }

    #[test]
    fn newer_vault_format() {
        let env = TestEnv::new();
        env.init();
        let header = env.vault.join("tvault.json");
        let text = fs::read_to_string(&header).unwrap();
        let mut value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], 1, "{text}");
        value["version"] = json!(2);
        fs::write(&header, value.to_string()).unwrap();
        let out = env.with_passphrase(&["list"]).output();
        out.fails(1, "newer");
    }

    #[test]
    fn newer_vault_format_in_the_current_directory() {
        let env = TestEnv::new();
        env.init();
        fs::write(
            env.vault.join("tvault.json"),
            r#"{"format":"tvault","version":2}"#,
        )
        .unwrap();
        env.tvault(["list", "--passphrase-file"])
            .args([&env.passphrase_file])
            .cwd(&env.vault)
            .output()
            .fails(1, "newer");
    }

    #[test]
    fn no_terminal_and_no_passphrase_source() {
        let env = TestEnv::new();
        if !env.no_terminal() {
            eprintln!("skipped: no setsid and a terminal is attached");
            return;
        }
        env.init();
        let out = env.tvault(["list", "--vault"]).args([&env.vault]).output();
        let stderr = out.fails(2, "terminal");
        let hint = stderr
            .lines()
            .find(|l| l.starts_with("hint: "))
            .expect("a hint line");
        assert!(hint.contains("--passphrase-file"), "{hint}");
    }

    #[test]
    fn ssh_ed25519_key_as_recipient_and_identity() {
        let Some(keygen) = which("ssh-keygen") else {
            eprintln!("skipped: ssh-keygen is not on PATH");
            return;
        };
        let env = TestEnv::new();
        let key = env.root().join("id_ed25519");
        env.run_program(
            &keygen,
            [
                OsStr::new("-q"),
                OsStr::new("-t"),
                OsStr::new("ed25519"),
                OsStr::new("-N"),
                OsStr::new(""),
                OsStr::new("-C"),
                OsStr::new("tvault-test"),
                OsStr::new("-f"),
                key.as_os_str(),
            ],
        )
        .code(0);
        let public = fs::read_to_string(key.with_extension("pub")).unwrap();
        env.init_with(&["--recipient", public.trim()]);
        let ids = {
            let out = env
                .with_identity(&key, &["add", "--from", "-"])
                .stdin(record("Ssh Witness"))
                .output();
            out.ok().lines().map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(ids.len(), 1);
        let out = env.with_identity(&key, &["list"]).output();
        assert!(out.ok().contains("Ssh Witness"));
        // Another SSH key does not open it.
        let other = env.root().join("other_ed25519");
        env.run_program(
            &keygen,
            [
                OsStr::new("-q"),
                OsStr::new("-t"),
                OsStr::new("ed25519"),
                OsStr::new("-N"),
                OsStr::new(""),
                OsStr::new("-f"),
                other.as_os_str(),
            ],
        )
        .code(0);
        env.with_identity(&other, &["list"])
            .output()
            .fails(1, "wrong passphrase or identity");
    }
}

// ------------------------------------------------------------------------------------------------
// passwd

mod passwd {
    use super::*;

    #[test]
    fn changes_only_the_passphrase_slot() {
        let env = TestEnv::new();
        env.init_with_identity();
        let ids = env.add(&records_array(3, "Passwd"));
        let before = snapshot(&env.vault);
        let new = env.write("new.txt", "another-passphrase-of-28-chr\n");

        let out = env
            .with_passphrase(&["passwd", "--new-passphrase-file", new.to_str().unwrap()])
            .output();
        assert_eq!(out.ok(), "");
        assert!(out.stderr.contains("passphrase changed"), "{}", out.stderr);

        // Every file that was there is still there, byte for byte, except the passphrase slot;
        // the only new files are the write's entry in the integrity journal.
        let after = snapshot(&env.vault);
        let removed: Vec<&Path> = before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .map(|p| p.as_path())
            .collect();
        assert!(removed.is_empty(), "files were removed: {removed:?}");
        let changed: Vec<&Path> = before
            .iter()
            .filter(|(path, hash)| after[*path] != **hash)
            .map(|(path, _)| path.as_path())
            .collect();
        assert_eq!(changed, [Path::new("keys/passphrase.age")]);
        let added: Vec<&Path> = after
            .keys()
            .filter(|p| !before.contains_key(*p))
            .map(|p| p.as_path())
            .collect();
        assert!(
            added.iter().all(|p| p.starts_with("journal")),
            "passwd created files outside journal/: {added:?}"
        );
        let record_files = before
            .keys()
            .filter(|p| p.starts_with("records") && p.extension() == Some(OsStr::new("age")))
            .count();
        assert_eq!(record_files, 3, "the record files were compared");
        assert_eq!(env.record_files().len(), 3);

        // Old passphrase fails, the new one works, the identity still works.
        env.with_passphrase(&["list"])
            .output()
            .fails(1, "wrong passphrase or identity");
        let out = env
            .tvault(["list", "--json", "--vault"])
            .args([&env.vault])
            .args([OsStr::new("--passphrase-file"), new.as_os_str()])
            .output();
        assert_eq!(out.ok().lines().count(), 3);
        let out = env
            .with_identity(&env.identity.file, &["list", "--json"])
            .output();
        let listed: Vec<Value> = out
            .ok()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(ids_of(&listed), sorted(ids));
    }

    #[test]
    fn keeps_the_work_factor() {
        let env = TestEnv::new();
        env.init();
        let header = |env: &TestEnv| {
            let bytes = fs::read(env.vault.join("keys/passphrase.age")).unwrap();
            tvault::crypto::scrypt_work_factor(&bytes)
        };
        assert_eq!(header(&env), Some(10));
        let new = env.write("new.txt", "another-passphrase-of-28-chr\n");
        env.with_passphrase(&["passwd", "--new-passphrase-file", new.to_str().unwrap()])
            .output()
            .ok();
        assert_eq!(header(&env), Some(10), "passwd kept work factor 10");
        let newer = env.write("newer.txt", "yet-another-passphrase-28chr\n");
        env.tvault(["passwd", "--work-factor", "11", "--vault"])
            .args([&env.vault])
            .args([OsStr::new("--passphrase-file"), new.as_os_str()])
            .args([OsStr::new("--new-passphrase-file"), newer.as_os_str()])
            .output()
            .ok();
        assert_eq!(header(&env), Some(11));
    }

    #[test]
    fn identity_only_vault_gains_a_passphrase() {
        let env = TestEnv::new();
        env.tvault(["init", "--work-factor", WORK_FACTOR, "--vault"])
            .args([&env.vault])
            .args([OsStr::new("--identity"), env.identity.file.as_os_str()])
            .output()
            .code(0);
        env.with_identity(
            &env.identity.file,
            &[
                "passwd",
                "--work-factor",
                WORK_FACTOR,
                "--new-passphrase-file",
                env.passphrase_file.to_str().unwrap(),
            ],
        )
        .output()
        .ok();
        env.with_passphrase(&["list"]).output().ok();
    }

    #[test]
    fn wrong_old_passphrase_changes_nothing() {
        let env = TestEnv::new();
        env.init();
        let before = snapshot(&env.vault);
        let wrong = env.write("wrong.txt", "not the passphrase\n");
        let new = env.write("new.txt", "another-passphrase-of-28-chr\n");
        env.tvault(["passwd", "--vault"])
            .args([&env.vault])
            .args([OsStr::new("--passphrase-file"), wrong.as_os_str()])
            .args([OsStr::new("--new-passphrase-file"), new.as_os_str()])
            .output()
            .fails(1, "wrong passphrase or identity");
        assert_eq!(snapshot(&env.vault), before);
    }

    #[test]
    fn no_terminal_for_the_new_passphrase() {
        let env = TestEnv::new();
        if !env.no_terminal() {
            eprintln!("skipped: no setsid and a terminal is attached");
            return;
        }
        env.init();
        let before = snapshot(&env.vault);
        let stderr = env
            .with_passphrase(&["passwd"])
            .output()
            .fails(2, "terminal")
            .to_owned();
        assert!(stderr.contains("--passphrase-file"), "{stderr}");
        assert_eq!(snapshot(&env.vault), before);
    }
}

// ------------------------------------------------------------------------------------------------
// no plaintext on disk or in error messages

mod no_plaintext {
    use super::*;

    const SECRETS: &[&str] = &[
        "Язэп Штыкаўчанка",
        "Yazep Shtykauchanka",
        "+375 29 765-43-21",
        "They beat me in the basement of the Salihorsk police station.",
        "Operation Nightingale-Zubr",
    ];

    fn secret_record() -> String {
        json!({
            "witness": {
                "names": [SECRETS[0], SECRETS[1]],
                "contact": SECRETS[2],
                "status": "in_exile"
            },
            "narrative": SECRETS[3],
            "sensitive_terms": [SECRETS[4]],
            "acts": [{"type": "torture", "notes": SECRETS[3]}]
        })
        .to_string()
    }

    /// Every needle that must never be found: each secret, its parts, and the passphrase.
    fn needles() -> Vec<String> {
        let mut needles: Vec<String> = SECRETS.iter().map(|s| (*s).to_owned()).collect();
        needles.extend(
            [
                "Штыкаўчанка",
                "Shtykauchanka",
                "765-43-21",
                "basement of the Salihorsk",
                "Nightingale-Zubr",
            ]
            .map(str::to_owned),
        );
        needles.push(PASSPHRASE.to_owned());
        needles
    }

    #[test]
    fn nothing_readable_in_the_vault_or_tmpdir() {
        let env = TestEnv::new();
        env.init_with_identity();
        let ids = env.add(&format!("[{}, {}]", secret_record(), secret_record()));
        let file = env.write("input.jsonl", format!("{}\n", secret_record()));
        let out = env
            .with_identity(
                &env.identity.file,
                &["add", "--from", file.to_str().unwrap()],
            )
            .output();
        out.ok();
        fs::remove_file(&file).unwrap();
        // Read back, so that any cache a reader might write is on disk too.
        assert!(
            env.with_passphrase(&["list"])
                .output()
                .ok()
                .contains(SECRETS[0])
        );
        assert!(env.show_json(&ids[0])["narrative"] == SECRETS[3]);
        let new = env.write("new.txt", "another-passphrase-of-28-chr\n");
        env.with_passphrase(&["passwd", "--new-passphrase-file", new.to_str().unwrap()])
            .output()
            .ok();

        let vault_files = files_under(&env.vault);
        assert!(vault_files.len() >= 7, "{vault_files:?}");
        let mut scanned = 0;
        // The whole HOME: vault/, tmp/ and anything else, except the passphrase file itself.
        for path in files_under(env.root()) {
            if path == env.passphrase_file {
                continue;
            }
            let bytes = fs::read(&path).unwrap();
            for needle in needles() {
                assert!(
                    !contains_bytes(&bytes, needle.as_bytes()),
                    "{needle:?} found in {}",
                    path.display()
                );
            }
            scanned += 1;
        }
        assert!(scanned >= vault_files.len());
        assert!(env.tmp.is_dir());
    }

    #[test]
    fn failed_add_does_not_echo_the_record() {
        let env = TestEnv::new();
        env.init();
        let mut bad: Value = serde_json::from_str(&secret_record()).unwrap();
        bad["acts"][0]["date"] = json!("19 April 2022");
        for input in [
            bad.to_string(),
            format!("[{}, {bad}]", secret_record()),
            format!("{}\n{bad}\n", secret_record()),
            secret_record().replace("torture", "Operation Nightingale-Zubr"),
            secret_record().replace("in_exile", "+375 29 765-43-21"),
            secret_record().replace("\"narrative\"", "\"They beat me\""),
            secret_record()[..secret_record().len() - 40].to_owned(),
        ] {
            let out = env
                .with_passphrase(&["add", "--from", "-"])
                .stdin(&input)
                .output();
            out.fails(1, "invalid record");
            for needle in needles() {
                assert!(
                    !out.stderr.contains(&needle),
                    "{needle:?} in {}",
                    out.stderr
                );
                assert!(!out.stdout.contains(&needle));
            }
        }
        assert_eq!(env.record_files().len(), 0);
    }
}

// ------------------------------------------------------------------------------------------------
// the stock age tool can open the vault (docs: recovery without tvault)

mod age_interop {
    use super::*;

    fn cbor_get<'a>(value: &'a ciborium::Value, key: &str) -> &'a ciborium::Value {
        value
            .as_map()
            .expect("a CBOR map")
            .iter()
            .find(|(k, _)| k.as_text() == Some(key))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no {key:?} in the record file"))
    }

    fn int(value: &ciborium::Value) -> i128 {
        value.as_integer().expect("an integer").into()
    }

    #[test]
    fn stock_age_recovers_a_record_by_following_format_md() {
        let Some(age) = which("age") else {
            eprintln!("skipped: age is not on PATH");
            return;
        };
        let env = TestEnv::new();
        env.init_with_identity();
        let names = ["Іван Пятровіч Петрук", "Ivan Petruk"];
        let ids =
            env.add(&json!({"witness": {"names": names}, "narrative": "Сведчанне."}).to_string());
        let files = env.record_files();
        assert_eq!(files.len(), 1);

        // age -d -i identity.txt VAULT/keys/recipients.age
        let slot = env.age_decrypt_recipients_slot(&age);
        slot.code(0);
        assert_eq!(slot.stderr, "");
        let keys: Vec<&str> = slot
            .stdout
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        assert_eq!(keys.len(), 1, "one key line");
        assert!(keys[0].starts_with("AGE-SECRET-KEY-1"));
        assert!(slot.stdout.lines().any(|l| l.starts_with("# tvault-")));
        let slot_file = env.write("slot.txt", &slot.stdout);

        // age -d -i slot.txt VAULT/records/XX/NAME.age
        let mut command = env.command(&age);
        command
            .args([OsStr::new("-d"), OsStr::new("-i"), slot_file.as_os_str()])
            .arg(&files[0]);
        let output = command.output().unwrap();
        assert!(output.status.success(), "{output:?}");
        assert!(output.stderr.is_empty());
        let plain = output.stdout;
        assert!(plain.len() >= 4096, "padded to at least 4096 bytes");

        let value: ciborium::Value = ciborium::from_reader(&plain[..]).expect("CBOR");
        assert_eq!(cbor_get(&value, "format").as_text(), Some("tvault-record"));
        assert_eq!(int(cbor_get(&value, "format_version")), 1);
        assert_eq!(int(cbor_get(&value, "schema_version")), 1);
        assert_eq!(cbor_get(&value, "id").as_text(), Some(ids[0].as_str()));
        assert_eq!(int(cbor_get(&value, "version")), 1);
        for stamp in ["created_at", "updated_at"] {
            assert!(cbor_get(&value, stamp).as_text().unwrap().ends_with('Z'));
        }
        let record = cbor_get(&value, "record");
        let witness = cbor_get(record, "witness");
        let stored: Vec<&str> = cbor_get(witness, "names")
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_text().unwrap())
            .collect();
        assert_eq!(stored, names);
        assert_eq!(cbor_get(record, "narrative").as_text(), Some("Сведчанне."));
        assert!(
            cbor_get(&value, "pad").as_bytes().is_some(),
            "pad is a byte string"
        );

        // The decrypted slot also works as `--identity` (recovery without the passphrase).
        env.with_identity(&slot_file, &["list"]).output().ok();
        // The passphrase slot needs a typed passphrase (age reads it only from a terminal):
        // not tested here.
    }

    #[test]
    fn passphrase_slot_is_a_standard_scrypt_age_file() {
        let env = TestEnv::new();
        env.init();
        let bytes = fs::read(env.vault.join("keys/passphrase.age")).unwrap();
        assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
        assert_eq!(tvault::crypto::scrypt_work_factor(&bytes), Some(10));
    }
}

// ------------------------------------------------------------------------------------------------
// record file sizes do not give away the length of the testimony

mod sizes {
    use super::*;

    /// Adds one record whose JSON form is `len` bytes and returns its file's size.
    fn add_sized(env: &TestEnv, len: usize) -> u64 {
        let base = json!({"witness": {"names": ["S"]}, "narrative": ""}).to_string();
        let narrative = "n".repeat(len - base.len());
        let input = json!({"witness": {"names": ["S"]}, "narrative": narrative}).to_string();
        assert_eq!(input.len(), len);
        let before = env.record_files();
        env.add(&input);
        let new: Vec<_> = env
            .record_files()
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        assert_eq!(new.len(), 1);
        fs::metadata(&new[0]).unwrap().len()
    }

    #[test]
    fn small_and_medium_records_look_alike() {
        let env = TestEnv::new();
        env.init();
        let small = add_sized(&env, 100);
        let medium = add_sized(&env, 3000);
        assert!(small > 4096 && medium > 4096, "{small} {medium}");
        assert!(small.abs_diff(medium) < 300, "{small} vs {medium}");
        for file in env.record_files() {
            assert!(fs::metadata(&file).unwrap().len() > 4096);
        }
    }
}

// ------------------------------------------------------------------------------------------------
// concurrent writers

mod concurrency {
    use super::*;

    #[test]
    fn four_adds_at_once() {
        let env = TestEnv::new();
        env.init();
        let outs: Vec<Out> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let env = &env;
                    scope.spawn(move || {
                        env.with_passphrase(&["add", "--from", "-"])
                            .stdin(records_array(10, &format!("Thread {t}")))
                            .output()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut ids = Vec::new();
        for out in &outs {
            assert_eq!(out.ok().lines().count(), 10);
            ids.extend(out.lines().iter().map(|s| (*s).to_owned()));
        }
        let list = env.list_json();
        assert_eq!(list.len(), 40);
        assert_eq!(ids_of(&list), sorted(ids));
        assert_eq!(env.record_files().len(), 40);
        let staging = env.vault.join("staging");
        assert_eq!(files_under(&staging).len(), 0, "staging is left empty");
    }
}

// ------------------------------------------------------------------------------------------------
// the library: one scrypt per command

mod library {
    use super::*;

    use age::secrecy::SecretString;
    use tvault::crypto::{Identities, scrypt_runs};
    use tvault::vault::{Access, Unlock, Vault};

    /// The only test in this binary that runs scrypt in-process, so the global counter is not
    /// disturbed by other tests.
    #[test]
    fn one_scrypt_per_open_not_per_record() {
        let env = TestEnv::new();
        env.init_with_identity();
        let ids = env.add(&records_array(50, "Library"));
        assert_eq!(ids.len(), 50);

        let secret = SecretString::from(PASSPHRASE.to_owned());
        let before = scrypt_runs();
        let vault = Vault::open(&env.vault, Unlock::Passphrase(&secret), Access::Read).unwrap();
        let listing = vault.load().unwrap();
        assert_eq!(scrypt_runs() - before, 1, "exactly one scrypt");
        assert_eq!(listing.records.len(), 50);
        assert!(listing.problems.is_empty());
        let mut loaded: Vec<String> = listing.records.iter().map(|r| r.id().to_owned()).collect();
        loaded.sort();
        assert_eq!(loaded, sorted(ids));
        drop(vault);

        let identities = Identities::parse(&fs::read(&env.identity.file).unwrap()).unwrap();
        let before = scrypt_runs();
        let vault = Vault::open(&env.vault, Unlock::Identities(&identities), Access::Read).unwrap();
        assert_eq!(vault.load().unwrap().records.len(), 50);
        assert_eq!(scrypt_runs(), before, "no scrypt with an identity");

        let wrong = SecretString::from("wrong passphrase".to_owned());
        drop(vault);
        let err = Vault::open(&env.vault, Unlock::Passphrase(&wrong), Access::Read).unwrap_err();
        assert!(matches!(err, tvault::Error::WrongKey), "{err:?}");
    }
}
