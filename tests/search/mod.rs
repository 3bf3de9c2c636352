//! Search (SPEC.md "Search grammar"; docs/FORMAT.md "The search index"): every field of the
//! grammar with a record that must match and one that must not, words, negation, phrases, date
//! overlap, the narrative, usage errors, ordering, multilingual matching through the CLI, the
//! life of the encrypted index (deleted, damaged, rebuilt, compacted, a record file gone), and no
//! plaintext anywhere on disk.
//!
//! Every test builds its own vault holding the corpus below; records are referred to by a letter
//! (`A`..`J`) and queries are checked against the exact set (or sequence) of letters they return.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{Out, TestEnv, contains_bytes, files_under, is_record_id, snapshot};

// ------------------------------------------------------------------------------------------------
// the corpus

/// The letters of the corpus records, in the order they are added.
const LETTERS: &str = "ABCDEFGHIJ";

/// Ten records in Belarusian, Russian and English. What each is there for:
///
/// | | witness | status | act dates (latest day) | notes |
/// |---|---|---|---|---|
/// | A | Алесь Лукашэвіч | serving_sentence | 2022-04-19 | Salihorsk, "Mine 3", BITU, Belaruskali, KGB, CC 361-1 part 2, ilo_cfa anonymous, high, tag strike, narrative word "samovar" |
/// | B | Іван Петрук | detained_pretrial | 2022-04/2022-06 (06-30) | GUBOPiK, CC 342, ilo_cfa aggregate_only, medium |
/// | C | Мария Заблоцкая | released | 2022 (12-31) | mentions "Петрука" in its summary; ilo_cfa pseudonym, public_report named_full, low |
/// | D | Peter Hargreaves | in_exile | 2021? (12-31) | "Belaruskali" only in its summary; ilo_cfa no_use, media named_full |
/// | E | Ядвіга Шостак | at_liberty | ../2020 (12-31) | KGB, critical, tag strike, no consent |
/// | F | Oleg Kravtsov | wanted | an act without a date | "strike" and "KGB" only in free text |
/// | G | Тамара Виноградова | convicted_in_absentia | 2022-07-15 | Belaruskali, CC 361-1 |
/// | H | Зміцер Дубовік | on_trial | 2023-02 (02-28) and 2020-05-02 | CC 361-4 |
/// | I | Ганна Русецкая | unknown | 2019-03-10 | "Mine" (place) and "3" (summary) in different fields |
/// | J | Віктар Ярош | - | no acts | "BITU", "Salihorsk", "Mine ... 3" apart, all in its summary |
fn corpus() -> Vec<Value> {
    vec![
        json!({
            "title": "case alpha",
            "language": "be",
            "witness": {
                "names": ["Алесь Лукашэвіч"],
                "sex": "male",
                "occupation": "miner",
                "employer": "Belaruskali",
                "unions": [{"name": "BITU", "role": "primary_org_leader"}],
                "status": "serving_sentence"
            },
            "acts": [{
                "type": "arrest",
                "date": "2022-04-19",
                "place": {"country": "BY", "locality": "Salihorsk", "site": "Mine 3"},
                "perpetrators": ["KGB"],
                "officials": ["Investigator Drazdou"],
                "charges": ["CC 361-1 part 2"],
                "sentence": "4 years"
            }],
            "consent": [{"purpose": "ilo_cfa", "level": "anonymous"}],
            "risk": "high",
            "tags": ["strike"],
            "summary": "Detained at the shaft after the strike.",
            "narrative": "He remembered the samovar in the guardroom."
        }),
        json!({
            "title": "case bravo",
            "language": "be",
            "witness": {
                "names": ["Іван Петрук"],
                "employer": "Naftan",
                "unions": [{"name": "REP"}],
                "status": "detained_pretrial"
            },
            "acts": [{
                "type": "detention",
                "date": "2022-04/2022-06",
                "place": {"country": "BY", "locality": "Navapolatsk"},
                "perpetrators": ["GUBOPiK"],
                "charges": ["CC 342"]
            }],
            "consent": [{"purpose": "ilo_cfa", "level": "aggregate_only"}],
            "risk": "medium",
            "tags": ["protest"],
            "narrative": "Яго трымалі ў камеры без вокнаў."
        }),
        json!({
            "title": "case charlie",
            "language": "ru",
            "witness": {
                "names": ["Мария Заблоцкая"],
                "employer": "Гродно Азот",
                "unions": [{"name": "Свободный профсоюз"}],
                "status": "released"
            },
            "acts": [{
                "type": "search",
                "date": "2022",
                "place": {"country": "BY", "locality": "Гродно"},
                "perpetrators": ["МВД"],
                "charges": ["ст. 130 УК"]
            }],
            "consent": [
                {"purpose": "ilo_cfa", "level": "pseudonym"},
                {"purpose": "public_report", "level": "named_full"}
            ],
            "risk": "low",
            "tags": ["листовки"],
            "summary": "Свидетельница по делу Петрука."
        }),
        json!({
            "title": "case delta",
            "language": "en",
            "witness": {
                "names": ["Peter Hargreaves"],
                "occupation": "delegate",
                "employer": "Unite",
                "status": "in_exile"
            },
            "acts": [{
                "type": "travel_ban",
                "date": "2021?",
                "place": {"country": "BY", "locality": "Brest"},
                "perpetrators": ["Border Service"]
            }],
            "consent": [
                {"purpose": "ilo_cfa", "level": "no_use"},
                {"purpose": "media", "level": "named_full"}
            ],
            "risk": "low",
            "tags": ["solidarity"],
            "summary": "Visited Belaruskali as a delegate."
        }),
        json!({
            "title": "case echo",
            "language": "be",
            "witness": {"names": ["Ядвіга Шостак"], "status": "at_liberty"},
            "acts": [{"type": "threats", "date": "../2020", "perpetrators": ["KGB"]}],
            "risk": "critical",
            "tags": ["strike", "leaflets"]
        }),
        json!({
            "title": "case foxtrot",
            "language": "ru",
            "witness": {"names": ["Oleg Kravtsov"], "status": "wanted"},
            "acts": [{
                "type": "interrogation",
                "perpetrators": ["Investigative Committee"],
                "notes": "called in after a KGB tip-off"
            }],
            "risk": "medium",
            "tags": ["fund"],
            "summary": "Questioned about the strike fund."
        }),
        json!({
            "title": "case golf",
            "language": "ru",
            "witness": {
                "names": ["Тамара Виноградова"],
                "employer": "Belaruskali",
                "status": "convicted_in_absentia"
            },
            "acts": [{
                "type": "trial_in_absentia",
                "date": "2022-07-15",
                "perpetrators": ["Regional Court"],
                "charges": ["CC 361-1"],
                "in_absentia": true
            }],
            "risk": "high",
            "tags": ["exile"]
        }),
        json!({
            "title": "case hotel",
            "language": "be",
            "witness": {"names": ["Зміцер Дубовік"], "status": "on_trial"},
            "acts": [
                {"type": "criminal_case", "date": "2023-02", "charges": ["CC 361-4"],
                 "perpetrators": ["Investigative Committee"]},
                {"type": "search", "date": "2020-05-02"}
            ],
            "risk": "high"
        }),
        json!({
            "title": "case india",
            "language": "ru",
            "witness": {"names": ["Ганна Русецкая"], "status": "unknown"},
            "acts": [{
                "type": "dismissal",
                "date": "2019-03-10",
                "place": {"country": "BY", "site": "Old Mine"}
            }],
            "summary": "Shift 3 was dismissed."
        }),
        json!({
            "title": "case juliett",
            "language": "be",
            "witness": {"names": ["Віктар Ярош"]},
            "summary": "Former BITU member in Salihorsk; the Mine closed shift 3."
        }),
    ]
}

/// Distinctive plaintext of the corpus (names, places, free text): none may ever be on disk.
const PLAINTEXT: &[&str] = &[
    "Лукашэвіч",
    "Петрук",
    "Заблоцкая",
    "Hargreaves",
    "hargreaves",
    "Шостак",
    "Kravtsov",
    "kravtsov",
    "Виноградова",
    "Дубовік",
    "Русецкая",
    "Ярош",
    "Salihorsk",
    "salihorsk",
    "Navapolatsk",
    "Гродно",
    "Drazdou",
    "samovar",
    "guardroom",
    "трымалі",
    "Свидетельница",
];

/// A vault holding the corpus.
struct Corpus {
    env: TestEnv,
    /// Letter -> record id.
    ids: BTreeMap<char, String>,
}

impl Corpus {
    fn new() -> Self {
        let env = TestEnv::new();
        env.init();
        let added = env.add(&Value::Array(corpus()).to_string());
        assert_eq!(added.len(), LETTERS.len());
        let ids = LETTERS.chars().zip(added).collect();
        Corpus { env, ids }
    }

    /// `search ARGS...` (vault and passphrase options appended).
    fn search(&self, args: &[&str]) -> Out {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        self.env.with_passphrase(&all).output()
    }

    /// `search --vault VAULT --passphrase-file FILE ARGS...`: the vault options first, for
    /// queries with `--` (after which everything is a query term).
    fn search_options_first(&self, args: &[&str]) -> Out {
        self.env
            .tvault([
                "search".as_ref(),
                "--vault".as_ref(),
                self.env.vault.as_os_str(),
            ])
            .args([
                "--passphrase-file".as_ref(),
                self.env.passphrase_file.as_os_str(),
            ])
            .args(args)
            .output()
    }

    /// The letter of a record id.
    fn letter(&self, id: &str) -> char {
        *self
            .ids
            .iter()
            .find(|(_, v)| *v == id)
            .unwrap_or_else(|| panic!("unknown record id {id:?}"))
            .0
    }

    /// The letters `search --json ARGS...` returns, in output order (asserting success and
    /// JSON Lines with an `id` each).
    #[track_caller]
    fn hits(&self, args: &[&str]) -> String {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.search(&all);
        json_ids(&out, args)
            .iter()
            .map(|id| self.letter(id))
            .collect()
    }

    /// Asserts that `search ARGS...` returns exactly the records `letters` (in any order).
    #[track_caller]
    fn expect(&self, args: &[&str], letters: &str) {
        let mut got: Vec<char> = self.hits(args).chars().collect();
        got.sort_unstable();
        let mut want: Vec<char> = letters.chars().collect();
        want.sort_unstable();
        assert_eq!(
            got.iter().collect::<String>(),
            want.iter().collect::<String>(),
            "search {args:?}"
        );
    }

    /// Asserts that `search ARGS...` returns exactly the records `letters`, in this order.
    #[track_caller]
    fn expect_in_order(&self, args: &[&str], letters: &str) {
        assert_eq!(self.hits(args), letters, "search {args:?} (order matters)");
    }

    fn ids_of(&self, letters: &str) -> Vec<String> {
        letters.chars().map(|c| self.ids[&c].clone()).collect()
    }
}

/// The ids of `search --json` output: asserts exit 0, no problem on stderr, one JSON object
/// with a record id per line.
#[track_caller]
fn json_ids(out: &Out, args: &[&str]) -> Vec<String> {
    let stdout = out.ok();
    stdout
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("search {args:?}: not JSON Lines ({e}): {line:?}"));
            let id = value["id"]
                .as_str()
                .unwrap_or_else(|| panic!("search {args:?}: no id in {line}"));
            assert!(is_record_id(id), "{id:?}");
            id.to_owned()
        })
        .collect()
}

/// The ids of a search table: a header line starting with `ID`, then one row per record, the
/// id first.
#[track_caller]
fn table_ids(stdout: &str) -> Vec<String> {
    let mut lines = stdout.lines();
    let header = lines.next().expect("a header line");
    assert!(header.starts_with("ID"), "header: {header:?}");
    lines
        .map(|row| {
            let id = row.split_whitespace().next().expect("a row");
            assert!(is_record_id(id), "row: {row:?}");
            id.to_owned()
        })
        .collect()
}

fn index_files(env: &TestEnv) -> Vec<PathBuf> {
    let mut files = files_under(&env.vault.join("index"));
    files.sort();
    files
}

fn flip_byte(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(path, bytes).unwrap();
}

/// Asserts that stderr notes (without an error or a warning) that the index was rebuilt.
#[track_caller]
fn assert_rebuilt_note(out: &Out) {
    let stderr = &out.stderr;
    assert!(
        stderr.contains("index") && stderr.contains("rebuilt"),
        "no note that the index was rebuilt:\n{stderr}"
    );
}

/// Queries whose output the index tests compare before and after the index is touched.
const PROBES: &[&[&str]] = &[
    &[],
    &["Lukashevich"],
    &["strike", "-Salihorsk"],
    &["date:2022"],
    &["\"Mine 3\""],
    &["purpose:ilo_cfa"],
];

/// The stdout of every probe, in the table and in JSON.
fn probe_outputs(c: &Corpus) -> Vec<String> {
    let mut outputs = Vec::new();
    for probe in PROBES {
        for json in [false, true] {
            let mut args: Vec<&str> = probe.to_vec();
            if json {
                args.push("--json");
            }
            let out = c.search(&args);
            outputs.push(out.ok().to_owned());
        }
    }
    outputs
}

// ------------------------------------------------------------------------------------------------
// 1. fields

#[test]
fn every_field_matches_and_excludes() {
    let c = Corpus::new();
    // name: the witness's name; not a record that only mentions it in its summary (C).
    c.expect(&["name:Петрук"], "B");
    c.expect(&["Петрук"], "BC");
    c.expect(&["name:Hargreaves"], "D");
    // status: vocabulary.
    c.expect(&["status:serving_sentence"], "A");
    c.expect(&["status:released"], "C");
    c.expect(&["status:unknown"], "I");
    // act: any of the record's acts (H's second act is a search).
    c.expect(&["act:arrest"], "A");
    c.expect(&["act:search"], "CH");
    c.expect(&["act:travel_ban"], "D");
    // place: act places; not J, which names Salihorsk in its summary.
    c.expect(&["place:Salihorsk"], "A");
    c.expect(&["Salihorsk"], "AJ");
    c.expect(&["place:Brest"], "D");
    // union: not J, which names BITU in its summary.
    c.expect(&["union:BITU"], "A");
    c.expect(&["BITU"], "AJ");
    // employer: not D, which names Belaruskali in its summary.
    c.expect(&["employer:Belaruskali"], "AG");
    c.expect(&["Belaruskali"], "ADG");
    c.expect(&["employer:Naftan"], "B");
    // perpetrator: not F, which names the KGB in an act's notes.
    c.expect(&["perpetrator:KGB"], "AE");
    c.expect(&["KGB"], "AEF");
    c.expect(&["perpetrator:GUBOPiK"], "B");
    // charge: part of a charge's text; 361-1 is not 361-4 (H) nor 342 (B).
    c.expect(&["charge:361-1"], "AG");
    c.expect(&["charge:361-4"], "H");
    c.expect(&["charge:342"], "B");
    // tag: whole tags; not F, which says "strike" in its summary.
    c.expect(&["tag:strike"], "AE");
    c.expect(&["strike"], "AEF");
    c.expect(&["tag:leaflets"], "E");
    // purpose: anonymous (A) or higher (C, pseudonym); not aggregate_only (B), no_use (D) or
    // no consent at all (the others).
    c.expect(&["purpose:ilo_cfa"], "AC");
    c.expect(&["purpose:media"], "D");
    c.expect(&["purpose:public_report"], "C");
    c.expect(&["purpose:accountability"], "");
    // risk.
    c.expect(&["risk:critical"], "E");
    c.expect(&["risk:high"], "AGH");
    c.expect(&["risk:low"], "CD");
    // Fields combine (AND).
    c.expect(&["risk:high", "employer:Belaruskali", "-charge:361-1"], "");
    c.expect(&["risk:high", "-employer:Belaruskali"], "H");
}

#[test]
fn json_lines_and_table() {
    let c = Corpus::new();
    // --json: JSON Lines, one object per record, each with its id and the record's fields.
    let out = c.search(&["--json", "employer:Belaruskali"]);
    let stdout = out.ok();
    assert!(stdout.ends_with('\n'), "{stdout:?}");
    let objects: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON Lines"))
        .collect();
    assert_eq!(objects.len(), 2);
    for object in &objects {
        assert!(object.is_object());
        assert!(is_record_id(object["id"].as_str().unwrap()));
    }
    // G (2022-07-15) is more recent than A (2022-04-19).
    assert_eq!(objects[0]["id"], c.ids[&'G'].as_str());
    assert_eq!(objects[0]["witness"]["names"][0], "Тамара Виноградова");
    assert_eq!(objects[1]["witness"]["employer"], "Belaruskali");
    // The narrative is not part of a search result.
    assert!(objects[1].get("narrative").is_none(), "{}", objects[1]);

    // The table: a header starting with ID, then the same records in the same order.
    let out = c.search(&["employer:Belaruskali"]);
    let stdout = out.ok();
    assert_eq!(table_ids(stdout), c.ids_of("GA"));
    assert!(stdout.contains("Тамара Виноградова"), "{stdout}");
    assert!(stdout.contains("2022-07-15"), "{stdout}");
}

// ------------------------------------------------------------------------------------------------
// 2. words, negation, options

#[test]
fn words_negation_and_options() {
    let c = Corpus::new();
    // Bare words are ANDed, as separate arguments or in one argument.
    c.expect(&["strike", "Salihorsk"], "A");
    c.expect(&["strike Salihorsk"], "A");
    c.expect(&["strike", "KGB"], "AEF");
    c.expect(&["case", "Belaruskali", "Hargreaves"], "D");
    // -word, as a separate argument and inside one argument.
    c.expect(&["strike", "-Salihorsk"], "EF");
    c.expect(&["strike -Salihorsk"], "EF");
    c.expect(&["-Salihorsk", "strike"], "EF");
    // -field:value.
    c.expect(&["strike", "-tag:strike"], "F");
    c.expect(&["strike -tag:strike"], "F");
    c.expect(&["-risk:high -risk:medium -risk:low"], "EIJ");
    c.expect(&["-status:unknown", "-status:released", "case"], "ABDEFGHJ");

    // Options after the query.
    let out = c.search(&["strike", "--limit", "1", "--json"]);
    assert_eq!(json_ids(&out, &[]), c.ids_of("A"));
    let out = c.search(&["strike", "-Salihorsk", "--json", "--limit", "1"]);
    assert_eq!(json_ids(&out, &[]), c.ids_of("E"));
    let out = c.search(&["strike", "--limit=2", "--json"]);
    assert_eq!(json_ids(&out, &[]), c.ids_of("AE"));
    // Options between query words.
    let out = c.search(&["strike", "--json", "-Salihorsk"]);
    assert_eq!(json_ids(&out, &[]), c.ids_of("EF"));

    // `--` ends the options: everything after it is the query.
    let letters =
        |out: &Out| -> String { json_ids(out, &[]).iter().map(|id| c.letter(id)).collect() };
    let out = c.search_options_first(&["--json", "--", "strike", "-Salihorsk"]);
    assert_eq!(letters(&out), "EF");
    let out = c.search_options_first(&["--json", "--", "-tag:strike", "strike"]);
    assert_eq!(letters(&out), "F");
    let out = c.search_options_first(&["--limit", "2", "--json", "--", "-KGB", "case"]);
    assert_eq!(letters(&out), "HC");
    let out = c.search_options_first(&["--json", "--", "-KGB", "case"]);
    assert_eq!(json_ids(&out, &[]).len(), 7);
}

// ------------------------------------------------------------------------------------------------
// 3. phrases

#[test]
fn phrases_match_consecutive_words_in_one_field() {
    let c = Corpus::new();
    // A: site "Mine 3". I: "Mine" in a place, "3" in its summary. J: "Mine closed shift 3".
    c.expect(&["Mine", "3"], "AIJ");
    c.expect(&["\"Mine 3\""], "A");
    c.expect(&["\"mine 3\""], "A");
    c.expect(&["-\"Mine 3\"", "Mine"], "IJ");
    // Order matters.
    c.expect(&["\"3 Mine\""], "");
    // A phrase spanning two fields (the site "Mine 3" and the locality "Salihorsk") is not one.
    c.expect(&["\"3 Salihorsk\""], "");
    // Quoted phrases with other terms.
    c.expect(&["\"Mine 3\" strike"], "A");
    c.expect(&["\"shift 3\""], "IJ");
    c.expect(&["\"closed shift 3\""], "J");
    c.expect(&["\"Свидетельница по делу\""], "C");
}

// ------------------------------------------------------------------------------------------------
// 4. dates

#[test]
fn date_ranges_overlap_act_dates() {
    let c = Corpus::new();
    // Acts: A 2022-04-19, B 2022-04/2022-06, C 2022, D 2021?, E ../2020, F undated,
    // G 2022-07-15, H 2023-02 and 2020-05-02, I 2019-03-10, J none.
    c.expect(&["date:2022..2022-12"], "ABCG");
    c.expect(&["date:2022"], "ABCG");
    c.expect(&["date:..2021"], "DEHI");
    c.expect(&["date:2022-05.."], "BCGH");
    // An interval act overlaps a month inside it; a year-only act overlaps every month.
    c.expect(&["date:2022-05..2022-05"], "BC");
    c.expect(&["date:2022-07..2022-07"], "CG");
    c.expect(&["date:2022-04-19..2022-04-19"], "ABC");
    c.expect(&["date:2022-04-20..2022-04-30"], "BC");
    // The uncertain 2021? covers 2021.
    c.expect(&["date:2021-06"], "D");
    // An open start reaches back without limit.
    c.expect(&["date:1999"], "E");
    c.expect(&["date:2020-05-02.."], "ABCDEGH");
    c.expect(&["date:2023-03.."], "");
    // An act without a date never matches a date query, not even an open one.
    c.expect(&["date:..2100"], "ABCDEGHI");
    c.expect(&["date:1900.."], "ABCDEGHI");
    // Negated: records without a matching act, undated ones included.
    c.expect(&["-date:2022"], "DEFHIJ");
    // Combined with other terms.
    c.expect(&["date:2022", "act:detention"], "B");
}

// ------------------------------------------------------------------------------------------------
// 5. narrative

#[test]
fn narrative_only_with_the_flag() {
    let c = Corpus::new();
    let out = c.search(&["samovar"]);
    assert_eq!(out.ok(), "");
    c.expect(&["samovar"], "");
    c.expect(&["samovar", "--narrative"], "A");
    c.expect(&["--narrative", "guardroom"], "A");
    c.expect(&["--narrative", "\"the samovar\""], "A");
    c.expect(&["--narrative", "samovar", "-strike"], "");
    c.expect(&["--narrative", "трымалі"], "B");
    c.expect(&["трымалі"], "");
    // The narrative adds to the metadata: metadata words are still found.
    c.expect(&["--narrative", "Salihorsk"], "AJ");
    // Field terms do not look into the narrative.
    c.expect(&["--narrative", "place:samovar"], "");
    let out = c.search(&["--narrative", "samovar"]);
    assert_eq!(table_ids(out.ok()), c.ids_of("A"));
}

// ------------------------------------------------------------------------------------------------
// 6. usage errors

#[test]
fn usage_errors_name_the_token() {
    let c = Corpus::new();
    for (args, needle) in [
        (&["colour:red"][..], "colour:red"),
        (&["strike", "colour:red"][..], "colour"),
        (&["date:2022-13"][..], "date:2022-13"),
        (&["date:2023..2022"][..], "date:2023..2022"),
        (&["date:yesterday"][..], "date:yesterday"),
        (&["status:jailed"][..], "status:jailed"),
        (&["act:beating"][..], "act:beating"),
        (&["risk:extreme"][..], "risk:extreme"),
        (&["purpose:gossip"][..], "purpose:gossip"),
        (&["\"Mine 3"][..], "quote"),
        (&["strike", "\"Mine"][..], "quote"),
    ] {
        for json in [false, true] {
            let mut all: Vec<&str> = args.to_vec();
            if json {
                all.push("--json");
            }
            let out = c.search(&all);
            out.fails(2, needle);
            assert!(out.stdout.is_empty());
        }
    }
    // The unknown field's message lists the fields.
    let out = c.search(&["colour:red"]);
    let stderr = out.fails(2, "colour:red");
    for field in ["name", "perpetrator", "purpose", "date"] {
        assert!(stderr.contains(field), "{stderr}");
    }
    // A bad vocabulary value lists the allowed values.
    let out = c.search(&["status:jailed"]);
    let stderr = out.fails(2, "status:jailed");
    for value in [
        "serving_sentence",
        "detained_pretrial",
        "convicted_in_absentia",
    ] {
        assert!(stderr.contains(value), "{stderr}");
    }
    let out = c.search(&["act:beating"]);
    assert!(out.stderr.contains("ill_treatment"), "{}", out.stderr);
    let out = c.search(&["risk:extreme"]);
    assert!(out.stderr.contains("critical"), "{}", out.stderr);
    // --limit takes a number.
    c.search(&["strike", "--limit", "many"])
        .fails_clap(2, "--limit");
}

// ------------------------------------------------------------------------------------------------
// 7. zero hits, no query, --limit

#[test]
fn zero_hits_no_query_and_limit() {
    let c = Corpus::new();
    for args in [
        &["Qwzxcvbnmq"][..],
        &["--json", "Qwzxcvbnmq"],
        &["strike", "risk:low"],
        &["date:1999", "-date:1999"],
    ] {
        let out = c.search(args);
        assert_eq!(out.ok(), "", "search {args:?}");
        assert_eq!(out.code, 0);
    }
    // No query: every record, in the table and in JSON.
    let out = c.search(&[]);
    let mut ids = table_ids(out.ok());
    ids.sort();
    let mut all: Vec<String> = c.ids.values().cloned().collect();
    all.sort();
    assert_eq!(ids, all);
    assert_eq!(c.hits(&[]).len(), 10);
    // --limit N: the first N of the same order.
    let full = c.hits(&[]);
    for n in [0, 1, 3, 10, 50] {
        let limited = c.hits(&["--limit", &n.to_string()]);
        assert_eq!(limited, full[..n.min(10)], "--limit {n}");
    }
    let out = c.search(&["--limit", "2"]);
    assert_eq!(table_ids(out.ok()).len(), 2);
    c.expect(&["--limit", "1", "date:..2021"], "H");
}

// ------------------------------------------------------------------------------------------------
// 8. ordering

#[test]
fn most_recent_act_first() {
    let c = Corpus::new();
    // Latest possible days: H 2023-02-28, C 2022-12-31, G 2022-07-15, B 2022-06-30,
    // A 2022-04-19, D 2021-12-31, E 2020-12-31, I 2019-03-10; then F and J, undated.
    let all = c.hits(&[]);
    assert_eq!(&all[..8], "HCGBADEI", "{all}");
    let mut rest: Vec<char> = all[8..].chars().collect();
    rest.sort_unstable();
    assert_eq!(rest, ['F', 'J'], "{all}");
    // Stable: the same order every time, in JSON and in the table, and for subsets.
    for _ in 0..2 {
        assert_eq!(c.hits(&[]), all);
    }
    let out = c.search(&[]);
    let table: String = table_ids(out.ok()).iter().map(|id| c.letter(id)).collect();
    assert_eq!(table, all);
    c.expect_in_order(&["date:2022"], "CGBA");
    c.expect_in_order(&["strike"], "AEF");
    c.expect_in_order(&["risk:high"], "HGA");
    c.expect_in_order(&["date:..2021"], "HDEI");
}

// ------------------------------------------------------------------------------------------------
// 9. multilingual matching

#[test]
fn multilingual_names() {
    let c = Corpus::new();
    // Stored in Belarusian Cyrillic (Лукашэвіч): Latin, Russian, Łacinka/Czech spellings, any case.
    for query in [
        "Лукашэвіч",
        "Lukashevich",
        "lukashevich",
        "LUKASHEVICH",
        "Лукашевич",
        "лукашевич",
        "Łukaševič",
        "name:Lukashevich",
        "name:Лукашевич",
    ] {
        c.expect(&[query], "A");
    }
    // English stored, any case.
    c.expect(&["HARGREAVES"], "D");
    c.expect(&["name:hargreaves"], "D");
    // Belarusian stored, Latin queried.
    c.expect(&["name:Petruk"], "B");
    c.expect(&["place:Салігорск"], "A");
    // Russian-stored name queried in Belarusian spelling and in Latin.
    c.expect(&["name:Zablotskaya"], "C");
    // Inflected queries.
    c.expect(&["name:Петрука"], "B");
    c.expect(&["Петрука"], "BC");
    c.expect(&["Заблоцкую"], "C");
    c.expect(&["name:Заблоцкую"], "C");
    // A clearly different surname matches nothing, and a name does not match another's.
    c.expect(&["Ковальчук"], "");
    c.expect(&["Kowalczyk"], "");
    c.expect(&["name:Bondarenko"], "");
    c.expect(&["name:Лукашэвіч", "name:Петрук"], "");
}

// ------------------------------------------------------------------------------------------------
// 10. the index

#[test]
fn deleted_index_is_rebuilt() {
    let c = Corpus::new();
    let before = probe_outputs(&c);
    let files = index_files(&c.env);
    assert!(!files.is_empty(), "no index segment after add");
    for file in &files {
        fs::remove_file(file).unwrap();
    }
    // The first search rebuilds it, says so, and serves the same results.
    let out = c.search(&[]);
    let stdout = out.ok();
    assert_rebuilt_note(&out);
    assert_eq!(stdout, before[0]);
    assert!(
        !index_files(&c.env).is_empty(),
        "the rebuilt index was not saved"
    );
    // Saved: the next search is quiet, and every probe prints the same bytes.
    let out = c.search(&["Lukashevich"]);
    assert_eq!(out.ok(), before[2]);
    assert_eq!(out.stderr, "");
    assert_eq!(probe_outputs(&c), before);
    c.env.with_passphrase(&["verify"]).output().code(0);
}

#[test]
fn deleted_index_is_rebuilt_by_a_json_query_search() {
    let c = Corpus::new();
    let before = probe_outputs(&c);
    for file in index_files(&c.env) {
        fs::remove_file(file).unwrap();
    }
    let out = c.search(&["strike", "-Salihorsk", "--json"]);
    assert_eq!(out.ok(), before[5]);
    assert_rebuilt_note(&out);
    c.env.with_passphrase(&["verify"]).output().code(0);
    assert_eq!(index_files(&c.env).len(), 1);
    assert_eq!(probe_outputs(&c), before);
}

#[test]
fn one_lost_segment_of_several_is_rebuilt() {
    let c = Corpus::new();
    for name in ["Kastus Bialou", "Hanna Zhuk"] {
        c.env
            .add(&json!({"witness": {"names": [name]}, "tags": ["strike"]}).to_string());
    }
    let files = index_files(&c.env);
    assert_eq!(files.len(), 3, "one segment per add");
    let before = probe_outputs(&c);
    let strike = c.search(&["--json", "tag:strike"]).ok().to_owned();
    assert_eq!(strike.lines().count(), 4);
    // The corpus's segment (the largest) goes: its ten entries are rebuilt from the records.
    let biggest = files
        .iter()
        .max_by_key(|f| fs::metadata(f).unwrap().len())
        .unwrap();
    fs::remove_file(biggest).unwrap();
    let out = c.search(&["--json", "tag:strike"]);
    assert_eq!(out.ok(), strike);
    assert_rebuilt_note(&out);
    assert_eq!(probe_outputs(&c), before);
    c.env.with_passphrase(&["verify"]).output().code(0);
}

#[test]
fn search_writes_nothing_when_the_index_is_whole() {
    let c = Corpus::new();
    let before = snapshot(&c.env.vault);
    for probe in PROBES {
        let out = c.search(probe);
        out.ok();
        assert_eq!(out.stderr, "", "search {probe:?}");
    }
    c.search(&["--narrative", "samovar"]).ok();
    c.search(&["colour:red"]).fails(2, "colour");
    assert_eq!(snapshot(&c.env.vault), before, "search changed the vault");
}

#[test]
fn damaged_index_is_rebuilt() {
    let c = Corpus::new();
    let before = probe_outputs(&c);
    let files = index_files(&c.env);
    assert_eq!(files.len(), 1, "one add, one segment");
    flip_byte(&files[0]);
    let out = c.search(&[]);
    assert_eq!(out.ok(), before[0]);
    assert_rebuilt_note(&out);
    assert_eq!(probe_outputs(&c), before);
    c.env.with_passphrase(&["verify"]).output().code(0);
    let after = index_files(&c.env);
    assert_eq!(after.len(), 1);
    assert!(
        !after.contains(&files[0]),
        "the damaged segment is still there"
    );
}

#[test]
fn reindex_keeps_results() {
    let c = Corpus::new();
    let before = probe_outputs(&c);
    let old = index_files(&c.env);
    let out = c.env.with_passphrase(&["reindex"]).output();
    assert_eq!(out.ok(), "");
    assert!(out.stderr.contains("10"), "{}", out.stderr);
    let new = index_files(&c.env);
    assert_eq!(new.len(), 1);
    assert_ne!(new, old, "reindex did not write a new segment");
    assert_eq!(probe_outputs(&c), before);
    // Reindex of a vault without an index.
    for file in new {
        fs::remove_file(file).unwrap();
    }
    c.env.with_passphrase(&["reindex"]).output().ok();
    assert_eq!(index_files(&c.env).len(), 1);
    let out = c.search(&[]);
    assert_eq!(out.ok(), before[0]);
    assert_eq!(out.stderr, "");
    c.env.with_passphrase(&["verify"]).output().code(0);
}

#[test]
fn many_adds_are_compacted() {
    let env = TestEnv::new();
    env.init();
    let mut ids = Vec::new();
    for i in 0..40 {
        let record = json!({
            "witness": {"names": [format!("Kompaktor {i}")]},
            "title": format!("batch {i}"),
            "acts": [{"type": "search", "date": format!("{}", 1980 + i)}],
        });
        let added = env.add(&record.to_string());
        assert_eq!(added.len(), 1);
        ids.push(added[0].clone());
        let segments = index_files(&env).len();
        assert!(
            segments <= 33,
            "{segments} index segments after {} adds",
            i + 1
        );
    }
    let out = env.with_passphrase(&["search", "--json"]).output();
    let got = json_ids(&out, &[]);
    // Most recent act first: the last added has the latest year.
    let expected: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(got, expected);
    let out = env
        .with_passphrase(&["search", "--json", "Kompaktor", "17"])
        .output();
    assert_eq!(json_ids(&out, &[]), [ids[17].clone()]);
    let out = env
        .with_passphrase(&["search", "--json", "date:2000..2004"])
        .output();
    assert_eq!(
        json_ids(&out, &[]),
        ids[20..25].iter().rev().cloned().collect::<Vec<_>>()
    );
    env.with_passphrase(&["verify"]).output().code(0);
}

#[test]
fn deleted_record_file_is_not_served() {
    let c = Corpus::new();
    let before_files = c.env.record_files();
    let victim = c.env.add(
        &json!({
            "title": "case kilo",
            "witness": {"names": ["Станіслава Ахрэменка"]},
            "tags": ["strike"],
            "acts": [{"type": "arrest", "date": "2024-01-05"}]
        })
        .to_string(),
    );
    let victim_file = c
        .env
        .record_files()
        .into_iter()
        .find(|f| !before_files.contains(f))
        .expect("the new record's file");
    // Before: the victim is found, first (most recent act).
    let out = c.search(&["--json", "strike"]);
    assert_eq!(json_ids(&out, &[])[0], victim[0]);
    let table_before = c.search(&["strike"]).ok().to_owned();

    fs::remove_file(&victim_file).unwrap();
    let file_name = victim_file.file_name().unwrap().to_str().unwrap();
    // Every intact hit is still served; the lost record is not; a warning names its file.
    let out = c.search(&["--json", "strike"]);
    out.code(1);
    let served: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(served, c.ids_of("AEF"));
    assert!(out.stderr.contains("warning"), "{}", out.stderr);
    assert!(out.stderr.contains(file_name), "{}", out.stderr);
    assert!(!out.stderr.contains("Ахрэменка"), "{}", out.stderr);
    // In the table too.
    let out = c.search(&["strike"]);
    out.code(1);
    assert_eq!(table_ids(&out.stdout), c.ids_of("AEF"));
    assert_ne!(out.stdout, table_before);
    assert!(out.stderr.contains(file_name), "{}", out.stderr);
    // A query only the lost record matches: nothing on stdout, still exit 1 with the warning.
    let out = c.search(&["Ахрэменка"]);
    out.code(1);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains(file_name), "{}", out.stderr);
    // A query it does not match still warns.
    let out = c.search(&["--json", "name:Hargreaves"]);
    out.code(1);
    assert_eq!(out.stdout.lines().count(), 1);
    assert!(out.stderr.contains(file_name), "{}", out.stderr);
}

// ------------------------------------------------------------------------------------------------
// known bugs

/// A query word with a hyphen (or other in-word punctuation) never matches: the stored text is
/// split into words at punctuation (`fold::words`: `361-1` is `361` and `1`), but the query is
/// split only at whitespace, so the needle `361-1` is compared with the keys `361` and `1`.
#[test]
fn hyphenated_query_words() {
    let env = TestEnv::new();
    env.init();
    let ids = env.add(
        &json!([
            {
                "witness": {"names": ["Вольга Ткачук-Ладысева"], "pseudonym": "Worker B-17",
                            "status": "serving_sentence"},
                "acts": [{"type": "arrest", "date": "2021-05-01", "charges": ["CC 361-1"]}]
            },
            {"witness": {"names": ["Kastus Bialou"]}, "summary": "Worker 17 of shift B"}
        ])
        .to_string(),
    );
    let hits = |args: &[&str]| {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        json_ids(&env.with_passphrase(&all).output(), args)
    };
    let first = vec![ids[0].clone()];
    // The parts are found, the whole was typed the way it is stored:
    assert_eq!(hits(&["Ткачук"]), first);
    assert_eq!(hits(&["Ткачук-Ладысева"]), first, "hyphenated surname");
    assert_eq!(
        hits(&["name:Ткачук-Ладысева"]),
        first,
        "hyphenated surname in name:"
    );
    assert_eq!(hits(&["B-17"]), first, "the SPEC example's pseudonym");
    assert_eq!(hits(&["\"Worker B-17\""]), first, "phrase with a hyphen");
    assert_eq!(hits(&["361-1"]), first, "a charge as a bare word");
    assert_eq!(hits(&["CC", "361-1"]), first);
    assert_eq!(
        hits(&["serving_sentence"]),
        first,
        "a status code as a bare word"
    );
}

/// `charge:` matches the value where it is not glued to other letters or digits.
#[test]
fn charge_numbers_match_whole() {
    let env = TestEnv::new();
    env.init();
    let ids = env.add(
        &json!([
            {"witness": {"names": ["Kastus Bialou"]},
             "acts": [{"charges": ["CC 361-1 part 2", "ст. 342"]}]},
            {"witness": {"names": ["Hanna Zhuk"]},
             "acts": [{"charges": ["CC 1342", "CC 361-11"]}]}
        ])
        .to_string(),
    );
    let hits = |query: &str| {
        json_ids(
            &env.with_passphrase(&["search", "--json", query]).output(),
            &[query],
        )
    };
    assert_eq!(hits("charge:361-1"), [ids[0].clone()]);
    assert_eq!(hits("charge:342"), [ids[0].clone()]);
    // 361 is the article of which 361-1 and 361-11 are both parts.
    let mut both = ids.clone();
    both.sort();
    let mut found = hits("charge:361");
    found.sort();
    assert_eq!(found, both);
    assert_eq!(hits("charge:61"), Vec::<String>::new());
    assert_eq!(hits("charge:1342"), [ids[1].clone()]);
}

// ------------------------------------------------------------------------------------------------
// 11. no plaintext on disk

#[test]
fn no_plaintext_on_disk() {
    let c = Corpus::new();
    // Searches of every kind, a rebuild from a deleted index, a reindex and more adds.
    for probe in PROBES {
        c.search(probe).ok();
    }
    c.search(&["--narrative", "samovar"]).ok();
    for file in index_files(&c.env) {
        fs::remove_file(file).unwrap();
    }
    c.search(&["Hargreaves"]).ok();
    c.env.with_passphrase(&["reindex"]).output().ok();
    c.env.add(
        &json!({"witness": {"names": ["Ядвіга Шостак"]}, "summary": "Salihorsk samovar"})
            .to_string(),
    );
    c.search(&["--narrative", "Шостак"]).ok();
    c.search(&["Salihorsk", "--json"]).ok();

    let mut files = files_under(&c.env.vault);
    files.extend(files_under(&c.env.tmp));
    assert!(
        files
            .iter()
            .any(|f| f.starts_with(c.env.vault.join("index"))),
        "no index file to check"
    );
    for file in &files {
        let bytes = fs::read(file).unwrap();
        for needle in PLAINTEXT {
            assert!(
                !contains_bytes(&bytes, needle.as_bytes()),
                "{needle:?} in plaintext in {}",
                file.display()
            );
        }
    }
}

/// Belarusian abbreviations of state bodies meet the Russian and English ones (docs/SEARCH.md).
#[test]
fn belarusian_abbreviations_of_state_bodies_meet_russian_and_english() {
    let env = TestEnv::new();
    env.init();
    let ids = env.add(
        r#"[{"witness": {"names": ["Алесь Каваль"]}, "acts": [{"type": "arrest", "perpetrators": ["КДБ"]}]},
            {"witness": {"names": ["Ганна Сцяцко"]}, "acts": [{"type": "interrogation", "perpetrators": ["ГУБАЗіК"]}]},
            {"witness": {"names": ["Пётр Жук"]}, "acts": [{"type": "detention", "perpetrators": ["АМАП"]}]}]"#,
    );
    let found = |query: &str| -> Vec<String> {
        env.with_passphrase(&["search", query, "--json"])
            .output()
            .ok()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    for query in ["perpetrator:KGB", "perpetrator:КГБ", "KGB", "кдб"] {
        assert_eq!(found(query), [ids[0].clone()], "{query}");
    }
    for query in ["perpetrator:GUBOPiK", "ГУБОПиК", "perpetrator:ГУБАЗіК"] {
        assert_eq!(found(query), [ids[1].clone()], "{query}");
    }
    assert_eq!(found("OMON"), [ids[2].clone()]);
    assert_eq!(found("perpetrator:МВД"), Vec::<String>::new());
}
