//! Export (SPEC.md "Redacted export"; docs/EXPORT.md): the three formats, every consent level,
//! withheld counts, the query filter, where the export may go (`--out`, `--force`, never a
//! terminal, never inside the vault), the report, the final re-scan refusing a leak, damaged
//! records, usage errors, and no plaintext left anywhere but the chosen output.
//!
//! The measured recall and precision on a labelled corpus are in `tests/redaction`.

use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::common::{TestEnv, contains_bytes, files_under, which};

/// One record per consent level for purpose `ilo_cfa`, by letter:
///
/// | | level for ilo_cfa | notes |
/// |---|---|---|
/// | A | anonymous | witness named in the summary, inflected (Петрука), and in Latin; phone, e-mail |
/// | B | pseudonym, stored `Worker B-17` | |
/// | C | pseudonym, none stored | derived pseudonym |
/// | D | named_limited | primary name kept; third party removed |
/// | E | named_full | full dates and places, employer |
/// | F | aggregate_only | withheld |
/// | G | no_use | withheld |
/// | H | (none for ilo_cfa; named_full for accountability) | withheld; officials kept only for accountability |
fn corpus() -> Vec<Value> {
    let base = |names: Value, level: Option<&str>, summary: &str| -> Value {
        let mut consent = vec![json!({"purpose": "accountability", "level": "named_full"})];
        if let Some(level) = level {
            consent.push(json!({"purpose": "ilo_cfa", "level": level}));
        }
        json!({
            "title": "internal title that never leaves",
            "language": "be",
            "witness": {
                "names": names,
                "sex": "male",
                "birth_date": "1975-03-02",
                "occupation": "miner",
                "employer": "Belaruskali",
                "unions": [{"name": "BITU", "role": "primary_org_leader"}],
                "status": "serving_sentence",
                "status_as_of": "2024-03-11",
                "whereabouts": "Penal colony No. 3, Vitsba",
                "residence": {"country": "BY", "region": "Minsk Region", "locality": "Salihorsk"},
                "contact": "+375 29 123-45-67, @ivanp"
            },
            "interview": {"date": "2024-03-02", "mode": "video_call", "interviewer": "Андрэй Кавалёў", "place": "Vilnius"},
            "acts": [{
                "type": "arrest",
                "date": "2022-04-19",
                "place": {"country": "BY", "region": "Minsk Region", "locality": "Zhodzina", "site": "Mine 3"},
                "perpetrators": ["KGB"],
                "officials": ["Investigator Siarhei Drazdou"],
                "charges": ["CC 361-1"],
                "sentence": "4 years, general regime colony",
                "in_absentia": false
            }],
            "people": [{"name": "Алена Касцюк", "relation": "co-defendant"}],
            "consent": consent,
            "risk": "high",
            "tags": ["strike"],
            "sensitive_terms": ["Shaft Seven"],
            "summary": summary,
            "narrative": "Narrative: the KGB took him at Shaft Seven. Алену Касцюк затрымалі таксама."
        })
    };
    vec![
        base(
            json!(["Іван Пятровіч Петрук", "Ivan Petruk"]),
            Some("anonymous"),
            "Петрука затрымалі 19 красавіка. Ivan Petruk's phone +375 29 765-43-21, mail ivan.petruk@example.org. Следчы Драздоў допытваў яго.",
        ),
        {
            let mut b = base(
                json!(["Мікола Сідарук", "Mikola Sidaruk"]),
                Some("pseudonym"),
                "Сідарука збілі ў ізалятары.",
            );
            b["witness"]["pseudonym"] = json!("Worker B-17");
            b
        },
        base(
            json!(["Павел Рыбак", "Pavel Rybak"]),
            Some("pseudonym"),
            "Рыбака звольнілі з шахты.",
        ),
        base(
            json!(["Тамара Жук", "Tamara Zhuk"]),
            Some("named_limited"),
            "Тамара Жук told how Алена Касцюк was detained with her.",
        ),
        base(
            json!(["Ганна Русецкая", "Hanna Rusetskaya"]),
            Some("named_full"),
            "Ганна Русецкая was arrested at the mine.",
        ),
        base(
            json!(["Fyodor Aggregate"]),
            Some("aggregate_only"),
            "Fyodor Aggregate.",
        ),
        base(json!(["Gleb Nouse"]), Some("no_use"), "Gleb Nouse."),
        base(json!(["Hryhory Noconsent"]), None, "Hryhory Noconsent."),
    ]
}

/// A vault holding the corpus; returns the environment and the ids by letter (`A` first).
fn vault() -> (TestEnv, Vec<String>) {
    let env = TestEnv::new();
    env.init();
    let ids = env.add(&Value::Array(corpus()).to_string());
    assert_eq!(ids.len(), 8);
    (env, ids)
}

/// Runs an export to stdout (`--out -`) and returns stdout, asserting success.
fn export(env: &TestEnv, args: &[&str]) -> String {
    let out = env
        .with_passphrase(&["export", "--out", "-"])
        .args(args)
        .output();
    out.ok().to_owned()
}

/// `export --purpose ilo_cfa [EXTRA...] --out PATH`, not yet run (more arguments may follow).
fn export_to<'a>(
    env: &'a TestEnv,
    path: &std::path::Path,
    extra: &[&str],
) -> crate::common::Run<'a> {
    env.with_passphrase(&["export", "--purpose", "ilo_cfa"])
        .args(extra)
        .arg("--out")
        .arg(path)
}

/// The JSON export's records, by id.
fn json_records(text: &str) -> (Value, Vec<Value>) {
    let doc: Value = serde_json::from_str(text).expect("the JSON export is one JSON object");
    let records = doc["records"]
        .as_array()
        .expect("records is an array")
        .clone();
    (doc, records)
}

fn by_id<'a>(records: &'a [Value], id: &str) -> Option<&'a Value> {
    records.iter().find(|r| r["id"] == id)
}

/// Values that must never appear in any export of the corpus, whatever the level.
const ALWAYS_REMOVED: &[&str] = &[
    "internal title",
    "Vitsba",
    "Penal colony No. 3",
    "123-45-67",
    "765-43-21",
    "@ivanp",
    "ivan.petruk@example.org",
    "Касцюк",
    "Кавалёў",
    "Shaft Seven",
    "Salihorsk",
];

#[test]
fn json_export_follows_the_contract_and_the_consent_levels() {
    let (env, ids) = vault();
    let text = export(
        &env,
        &[
            "--purpose",
            "ilo_cfa",
            "--format",
            "json",
            "--include-narrative",
        ],
    );
    let (doc, records) = json_records(&text);
    assert_eq!(doc["format"], "tvault-export");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["purpose"], "ilo_cfa");
    assert_eq!(doc["withheld"], 3, "F, G and H are withheld");
    assert_eq!(records.len(), 5);
    for r in &records {
        assert!(r["id"].is_string(), "every record carries its id: {r}");
    }
    for withheld in &ids[5..] {
        assert!(
            !text.contains(withheld.as_str()),
            "a withheld record is never listed"
        );
    }
    for gone in ["Aggregate", "Nouse", "Noconsent"] {
        assert!(!text.contains(gone));
    }
    for value in ALWAYS_REMOVED {
        assert!(!text.contains(value), "{value:?} must never be exported");
    }
    // Officials only for accountability.
    assert!(!text.contains("Drazdou") && !text.contains("Драздоў"));

    let a = by_id(&records, &ids[0]).expect("A is exported");
    assert_eq!(a["identification"], "anonymous");
    assert_eq!(a["witness"]["name"], "Witness 1");
    let a_text = a.to_string();
    for name in ["Петрук", "Петрука", "Ivan", "Petruk", "Пятровіч"] {
        assert!(!a_text.contains(name), "A's name {name:?} leaked: {a_text}");
    }
    assert!(a_text.contains("[WITNESS]"), "{a_text}");
    assert!(
        a_text.contains("[PHONE]") && a_text.contains("[EMAIL]"),
        "{a_text}"
    );
    // Below named_full: dates to the month, places to region and country, birth decade, no
    // employer or occupation.
    assert_eq!(a["acts"][0]["date"], "2022-04");
    assert_eq!(
        a["acts"][0]["place"],
        json!({"country": "BY", "region": "Minsk Region"})
    );
    assert_eq!(a["witness"]["birth_date"], "1970s");
    assert_eq!(a["witness"]["status_as_of"], "2024-03");
    assert!(a["witness"].get("employer").is_none() && a["witness"].get("occupation").is_none());
    // Kept whatever the level.
    assert_eq!(a["acts"][0]["perpetrators"], json!(["KGB"]));
    assert_eq!(a["acts"][0]["charges"], json!(["CC 361-1"]));
    assert_eq!(a["acts"][0]["type"], "arrest");
    assert_eq!(a["witness"]["unions"][0]["name"], "BITU");
    assert_eq!(a["tags"], json!(["strike"]));
    assert!(a["narrative"].as_str().unwrap().contains("KGB"));

    let b = by_id(&records, &ids[1]).expect("B is exported");
    assert_eq!(b["identification"], "pseudonym");
    assert_eq!(b["witness"]["name"], "Worker B-17");
    assert!(!b.to_string().contains("Сідарук") && !b.to_string().contains("Sidaruk"));

    let c = by_id(&records, &ids[2]).expect("C is exported");
    let derived = c["witness"]["name"].as_str().unwrap().to_owned();
    assert!(
        derived.starts_with("Witness ") && derived.len() > "Witness ".len() + 3,
        "{derived}"
    );
    assert!(!c.to_string().contains("Рыбак") && !c.to_string().contains("Rybak"));
    // Stable: the same pseudonym in a later export, in another format.
    let md = export(&env, &["--purpose", "ilo_cfa", "--format", "md"]);
    assert!(
        md.contains(&derived),
        "the derived pseudonym is stable across exports"
    );

    let d = by_id(&records, &ids[3]).expect("D is exported");
    assert_eq!(d["identification"], "named_limited");
    assert_eq!(d["witness"]["name"], "Тамара Жук");
    assert!(d["summary"].as_str().unwrap().contains("Тамара Жук"));
    assert!(d["summary"].as_str().unwrap().contains("[PERSON"));
    assert_eq!(d["acts"][0]["date"], "2022-04");

    let e = by_id(&records, &ids[4]).expect("E is exported");
    assert_eq!(e["identification"], "named_full");
    assert_eq!(e["acts"][0]["date"], "2022-04-19");
    assert_eq!(e["acts"][0]["place"]["locality"], "Zhodzina");
    assert_eq!(e["witness"]["birth_date"], "1975-03-02");
    assert_eq!(e["witness"]["employer"], "Belaruskali");
    assert!(e["witness"].get("contact").is_none() && e["witness"].get("whereabouts").is_none());
    assert!(e["witness"].get("residence").is_none());

    // Most recent act first is the search order; all acts share a date here, so just check
    // numbering follows the output order: exactly one `Witness 1`.
    assert_eq!(text.matches("\"Witness 1\"").count(), 1);
}

#[test]
fn officials_are_kept_only_for_accountability() {
    let (env, _) = vault();
    let text = export(&env, &["--purpose", "accountability", "--format", "json"]);
    let (doc, records) = json_records(&text);
    assert_eq!(doc["withheld"], 0);
    assert_eq!(records.len(), 8);
    assert!(text.contains("Investigator Siarhei Drazdou"), "{text}");
    for value in ALWAYS_REMOVED {
        assert!(!text.contains(value), "{value:?} must never be exported");
    }
}

/// A minimal RFC 4180 reader: rows of cells.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "the CSV ends with a line break"
    );
    rows
}

#[test]
fn csv_export_has_one_row_per_record_and_stable_columns() {
    let (env, ids) = vault();
    let text = export(
        &env,
        &[
            "--purpose",
            "ilo_cfa",
            "--format",
            "csv",
            "--include-narrative",
        ],
    );
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let rows = parse_csv(&text);
    let header = &rows[0];
    assert_eq!(&header[..3], ["id", "identification", "witness"]);
    assert_eq!(header.last().unwrap(), "narrative");
    assert_eq!(rows.len(), 6, "a header and five records");
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len(), "every row has every column");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let a = rows.iter().find(|r| r[0] == ids[0]).expect("A is a row");
    assert_eq!(a[col("witness")], "Witness 1");
    assert_eq!(a[col("act_dates")], "2022-04");
    assert!(a[col("summary")].contains("[WITNESS]"));
    for value in ALWAYS_REMOVED {
        assert!(!text.contains(value), "{value:?} must never be exported");
    }
    // Without the narrative, no narrative column.
    let text = export(&env, &["--purpose", "ilo_cfa", "--format", "csv"]);
    assert_ne!(parse_csv(&text)[0].last().unwrap(), "narrative");
    assert!(!text.contains("Narrative:"));
}

#[test]
fn markdown_export_states_purpose_counts_and_redaction() {
    let (env, _) = vault();
    let text = export(
        &env,
        &[
            "--purpose",
            "ilo_cfa",
            "--format",
            "md",
            "--include-narrative",
        ],
    );
    assert!(text.starts_with("# "), "{text}");
    assert!(text.contains("ilo_cfa"));
    assert!(text.contains("5 exported"), "{text}");
    assert!(text.contains("3 withheld"), "{text}");
    assert!(text.to_lowercase().contains("redacted"));
    assert!(text.contains("## Witness 1"));
    assert!(text.contains("## Worker B-17"));
    for value in ALWAYS_REMOVED {
        assert!(!text.contains(value), "{value:?} must never be exported");
    }
}

#[test]
fn the_query_selects_and_withheld_counts_only_matches() {
    let (env, ids) = vault();
    let text = export(
        &env,
        &["name:Петрук", "--purpose", "ilo_cfa", "--format", "json"],
    );
    let (doc, records) = json_records(&text);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], ids[0].as_str());
    assert_eq!(doc["withheld"], 0);
    let text = export(
        &env,
        &["name:Noconsent", "--purpose", "ilo_cfa", "--format", "json"],
    );
    let (doc, records) = json_records(&text);
    assert!(records.is_empty());
    assert_eq!(doc["withheld"], 1);
    // Options may follow the query, and a negated word needs no `--`.
    let out = env
        .with_passphrase(&[
            "export",
            "strike",
            "-Petruk",
            "--purpose",
            "ilo_cfa",
            "--out",
            "-",
        ])
        .output();
    let (_, records) = json_records(out.ok());
    assert_eq!(records.len(), 4, "A is excluded by -Petruk");
}

#[test]
fn out_refuses_to_overwrite_without_force() {
    let (env, _) = vault();
    let file = env.write("export.json", "precious");
    let out = export_to(&env, &file, &[]).output();
    out.fails(2, "already exists");
    assert_eq!(fs::read_to_string(&file).unwrap(), "precious");
    let out = export_to(&env, &file, &["--force"]).output();
    assert!(out.ok().is_empty(), "nothing on stdout with --out");
    let (_, records) = json_records(&fs::read_to_string(&file).unwrap());
    assert_eq!(records.len(), 5);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "an export is readable by its owner only");
    }
    // A new file is created; the report too, and it refuses to overwrite as well.
    let new = env.root().join("new.md");
    let report = env.write("report.json", "old report");
    let out = export_to(&env, &new, &["--format", "md"])
        .arg("--report")
        .arg(&report)
        .output();
    out.fails(2, "already exists");
    assert!(
        !new.exists(),
        "nothing is written when a destination is refused"
    );
}

#[test]
fn export_is_never_printed_to_a_terminal_unless_asked() {
    let Some(script) = which("script") else {
        eprintln!("skipped: no `script` to provide a terminal");
        return;
    };
    let (env, _) = vault();
    let tvault = env!("CARGO_BIN_EXE_tvault");
    let base = format!(
        "{tvault} --vault {} --passphrase-file {} export --purpose ilo_cfa",
        env.vault.display(),
        env.passphrase_file.display()
    );
    let out = env.run_program(&script, ["-qec", base.as_str(), "/dev/null"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("refusing to print"), "{}", out.stdout);
    assert!(!out.stdout.contains("tvault-export"));
    let asked = format!("{base} --out -");
    let out = env.run_program(&script, ["-qec", asked.as_str(), "/dev/null"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("tvault-export"));
}

#[test]
fn the_report_counts_without_values() {
    let (env, ids) = vault();
    let report = env.root().join("report.json");
    let out_file = env.root().join("out.md");
    let out = env
        .with_passphrase(&[
            "export",
            "--purpose",
            "ilo_cfa",
            "--format",
            "md",
            "--include-narrative",
        ])
        .args(["--out".as_ref(), out_file.as_os_str()])
        .args(["--report".as_ref(), report.as_os_str()])
        .output();
    out.ok();
    let text = fs::read_to_string(&report).unwrap();
    let doc: Value = serde_json::from_str(&text).expect("the report is JSON");
    assert_eq!(doc["exported"], 5);
    assert_eq!(doc["withheld"]["total"], 3);
    assert_eq!(doc["withheld"]["by_reason"]["aggregate_only"], 1);
    assert_eq!(doc["withheld"]["by_reason"]["no_use"], 1);
    assert_eq!(doc["withheld"]["by_reason"]["no_consent"], 1);
    assert_eq!(doc["rescan"], "clean");
    assert!(doc["removed"]["phone"].as_u64().unwrap() >= 1);
    assert!(doc["removed"]["person"].as_u64().unwrap() >= 5);
    assert!(doc["generalised"]["dates_to_month"].as_u64().unwrap() >= 4);
    assert_eq!(doc["records"].as_array().unwrap().len(), 5);
    for withheld in &ids[5..] {
        assert!(
            !text.contains(withheld.as_str()),
            "a withheld record is never listed"
        );
    }
    for record in corpus() {
        for value in sensitive_values(&record) {
            assert!(!text.contains(&value), "the report names {value:?}");
        }
    }
}

/// Every DIRECT string of a corpus record and its free text (which holds names).
fn sensitive_values(record: &Value) -> Vec<String> {
    let w = &record["witness"];
    let mut out: Vec<String> = w["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    for v in [
        &w["whereabouts"],
        &w["contact"],
        &record["summary"],
        &record["narrative"],
    ] {
        out.push(v.as_str().unwrap().to_owned());
    }
    out.push("Касцюк".into());
    out.push("+375".into());
    out
}

#[test]
fn a_leak_found_by_the_rescan_writes_nothing_and_names_only_the_record() {
    let env = TestEnv::new();
    env.init();
    // The stored pseudonym carries the witness's own surname: the export would print it as the
    // witness's name, and the re-scan must refuse.
    let mut record = corpus().remove(1);
    record["witness"]["pseudonym"] = json!("Сідарук B-17");
    let ids = env.add(&record.to_string());
    let file = env.root().join("leak.json");
    let out = export_to(&env, &file, &[]).output();
    let stderr = out.fails(1, &ids[0]);
    assert!(
        !stderr.contains("Сідарук") && !stderr.contains("B-17"),
        "{stderr}"
    );
    assert!(!file.exists(), "nothing is written");
    assert!(out.stdout.is_empty());
}

#[test]
fn outputs_inside_the_vault_are_refused() {
    let (env, _) = vault();
    let inside = env.vault.join("export.json");
    let out = export_to(&env, &inside, &[]).output();
    out.fails(2, "inside the vault");
    assert!(!inside.exists());
}

#[test]
fn damaged_records_are_skipped_with_a_warning_and_exit_1() {
    let (env, _) = vault();
    let files = env.record_files();
    fs::remove_file(&files[0]).unwrap();
    let out = env
        .with_passphrase(&["export", "--purpose", "accountability", "--out", "-"])
        .output();
    out.code(1);
    assert!(out.stderr.contains("missing"), "{}", out.stderr);
    let (_, records) = json_records(&out.stdout);
    assert_eq!(records.len(), 7, "the intact records are exported");
}

#[test]
fn usage_errors_exit_2() {
    let (env, _) = vault();
    env.with_passphrase(&["export", "--out", "-"])
        .output()
        .fails_clap(2, "--purpose");
    env.with_passphrase(&["export", "--purpose", "press", "--out", "-"])
        .output()
        .fails_clap(2, "press");
    env.with_passphrase(&[
        "export",
        "--purpose",
        "ohchr",
        "--format",
        "pdf",
        "--out",
        "-",
    ])
    .output()
    .fails_clap(2, "pdf");
    env.with_passphrase(&["export", "colour:red", "--purpose", "ohchr", "--out", "-"])
        .output()
        .fails(2, "colour");
    env.with_passphrase(&[
        "export",
        "date:2022-13..",
        "--purpose",
        "ohchr",
        "--out",
        "-",
    ])
    .output()
    .fails(2, "2022-13");
}

#[test]
fn no_plaintext_is_left_but_the_chosen_output() {
    let (env, _) = vault();
    let out_file = env.root().join("out.csv");
    env.with_passphrase(&[
        "export",
        "--purpose",
        "ilo_cfa",
        "--format",
        "csv",
        "--include-narrative",
    ])
    .args(["--out".as_ref(), out_file.as_os_str()])
    .output()
    .ok();
    let mut files: Vec<PathBuf> = files_under(&env.vault);
    files.extend(files_under(&env.tmp));
    for file in files {
        let bytes = fs::read(&file).unwrap();
        for needle in ["BITU", "Belaruskali", "Narrative:", "strike", "Worker B-17"] {
            assert!(
                !contains_bytes(&bytes, needle.as_bytes()),
                "{needle:?} in plaintext in {}",
                file.display()
            );
        }
    }
    let leftovers: Vec<_> = fs::read_dir(env.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".tvault-export-")
        })
        .collect();
    assert!(leftovers.is_empty(), "no temporary export file is left");
}
