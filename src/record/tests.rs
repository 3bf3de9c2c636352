//! Tests of the record module as a whole: parsing, error paths, the no-values-in-errors rule,
//! encodings, and property tests.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;

/// SPEC.md's example record, with one value picked where SPEC lists alternatives.
const SPEC_EXAMPLE: &str = include_str!("../../tests/data/spec-example.json");

/// A distinctive value planted in bad input; no error may ever contain it.
const SECRET: &str = "Zmitser Kvasha 1234";

fn spec_value() -> Value {
    serde_json::from_str(SPEC_EXAMPLE).unwrap()
}

fn minimal() -> Value {
    json!({"witness": {"names": ["Іван Петрук"]}})
}

/// Parse `input` expecting failure; check the message never contains `SECRET`.
fn fail(input: &[u8]) -> RecordError {
    let err = parse_records(input).expect_err("input should be rejected");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(SECRET), "value leaked: {shown}");
    assert!(!shown.contains('\n'), "not one line: {shown}");
    err
}

/// Put `value` at `pointer` (a JSON pointer) in a copy of the minimal record, parse it as a
/// one-element array, and return the error.
fn fail_with(pointer: &str, value: Value) -> RecordError {
    let mut record = minimal();
    set(&mut record, pointer, value);
    fail(json!([record]).to_string().as_bytes())
}

fn set(target: &mut Value, pointer: &str, value: Value) {
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut node = target;
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let empty = match parts.get(i + 1) {
            Some(next) if next.parse::<usize>().is_ok() => json!([]),
            _ => json!({}),
        };
        node = match node {
            Value::Array(items) => {
                let i: usize = part.parse().unwrap();
                while items.len() <= i {
                    items.push(empty.clone());
                }
                &mut items[i]
            }
            Value::Object(map) => map.entry(*part).or_insert(empty),
            _ => panic!("bad pointer"),
        };
        if last {
            *node = value;
            return;
        }
    }
}

// ---- accepted input --------------------------------------------------------------------

#[test]
fn spec_example_parses() {
    let records = parse_records(SPEC_EXAMPLE.as_bytes()).unwrap();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.primary_name(), "Іван Пятровіч Петрук");
    assert_eq!(r.witness.sex, Some(Sex::Male));
    assert_eq!(r.witness.status, Some(Status::ServingSentence));
    assert_eq!(
        r.witness.residence.as_ref().unwrap().region.as_deref(),
        Some("")
    );
    assert_eq!(r.acts[0].act_type, Some(ActType::Arrest));
    assert_eq!(r.acts[0].in_absentia, Some(false));
    assert_eq!(r.acts[0].date.as_ref().unwrap().as_str(), "2022-04-19");
    assert_eq!(
        r.consent_for(Purpose::IloCfa),
        Some(ConsentLevel::NamedFull)
    );
    assert_eq!(r.consent_for(Purpose::Media), None);
    assert_eq!(r.risk, Some(Risk::High));
    r.validate().unwrap();
    // Serialising gives back exactly the input (no field lost, renamed or added).
    assert_eq!(r.to_json_value(), spec_value());
}

#[test]
fn arrays_and_json_lines_parse() {
    let one = minimal().to_string();
    let spec = spec_value().to_string();
    let array = format!("[{one}, {spec}]");
    let lines = format!("{one}\n\n{spec}\r\n  \n{one}\n");
    assert_eq!(parse_records(array.as_bytes()).unwrap().len(), 2);
    assert_eq!(parse_records(lines.as_bytes()).unwrap().len(), 3);
    assert_eq!(parse_records(b"[]").unwrap().len(), 0);
    let pretty = serde_json::to_string_pretty(&minimal()).unwrap();
    assert_eq!(parse_records(pretty.as_bytes()).unwrap().len(), 1);
    let bom = format!("\u{feff}{one}");
    assert_eq!(parse_records(bom.as_bytes()).unwrap().len(), 1);
}

#[test]
fn nulls_mean_absent() {
    let input = json!({"title": null, "acts": null, "witness": {"names": ["A"], "unions": null}});
    let r = &parse_records(input.to_string().as_bytes()).unwrap()[0];
    assert_eq!(r.title, None);
    assert!(r.acts.is_empty() && r.witness.unions.is_empty());
}

#[test]
fn empty_lists_and_absent_fields_are_not_serialised() {
    let r = &parse_records(br#"{"witness": {"names": ["A"]}, "tags": []}"#).unwrap()[0];
    assert_eq!(r.to_json_value(), json!({"witness": {"names": ["A"]}}));
}

// ---- rejected input: every error kind, with its path -----------------------------------

#[test]
fn input_level_errors() {
    assert_eq!(fail(b"").kind(), &ErrorKind::EmptyInput);
    assert_eq!(fail(b" \n\t\r\n").kind(), &ErrorKind::EmptyInput);
    let e = fail(format!("{{\"title\": \"{SECRET}\",\n  \"witness\" {{}}}}").as_bytes());
    assert_eq!(
        e.kind(),
        &ErrorKind::Syntax {
            line: 2,
            column: 13
        }
    );
    assert_eq!(e.to_string(), "invalid JSON at line 2, column 13");
    let e = fail(format!("{{\"title\": \"{SECRET}").as_bytes());
    assert!(
        matches!(e.kind(), ErrorKind::UnexpectedEnd { line: 1, .. }),
        "{e}"
    );
    let e = fail(format!("\"{SECRET}\"").as_bytes());
    assert_eq!(e.kind(), &ErrorKind::NotRecords);
    assert_eq!(e.path(), "");
    let e = fail(format!("[{}, \"{SECRET}\"]", minimal()).as_bytes());
    assert_eq!(e.to_string(), "records[1]: expected an object");
    // A bad string escape quotes the input in serde_json's message; ours has a position only.
    let e = fail(format!("{{\"title\": \"{SECRET}\\q\"}}").as_bytes());
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e}");
}

#[test]
fn duplicate_keys_are_rejected() {
    let input = format!(
        "{{\"witness\": {{\"names\": [\"A\"]}},\n\"narrative\": \"x\", \"narrative\": \"{SECRET}\"}}"
    );
    let e = fail(input.as_bytes());
    assert!(
        matches!(e.kind(), ErrorKind::DuplicateField { line: 2, .. }),
        "{e}"
    );
    let e = fail(br#"[{"witness": {"names": ["A"], "names": ["B"]}}]"#);
    assert!(
        matches!(e.kind(), ErrorKind::DuplicateField { line: 1, .. }),
        "{e}"
    );
    let input = format!(
        "{}\n{{\"witness\": {{\"names\": [\"A\"]}}, \"title\": \"{SECRET}\", \"title\": \"\"}}",
        minimal()
    );
    let e = fail(input.as_bytes());
    assert!(
        matches!(e.kind(), ErrorKind::DuplicateField { line: 2, .. }),
        "{e}"
    );
}

#[test]
fn json_lines_errors_name_the_line() {
    let good = minimal().to_string();
    let bad_date = json!({"witness": {"names": ["A"]}, "acts": [{"date": SECRET}]});
    let input = format!("{good}\n{good}\n\n{bad_date}\n{good}\n");
    let e = fail(input.as_bytes());
    assert_eq!(e.path(), "records[2].acts[0].date");
    assert_eq!(e.line(), Some(4));
    assert!(
        e.to_string()
            .starts_with("line 4: records[2].acts[0].date: invalid date: "),
        "{e}"
    );

    let input = format!("{good}\n{{\"title\": \"{SECRET}\" oops}}\n");
    let e = fail(input.as_bytes());
    assert_eq!(
        e.kind(),
        &ErrorKind::Syntax {
            line: 2,
            column: 33
        }
    );

    let input = format!("{good}\n[\"{SECRET}\"]\n");
    assert_eq!(
        fail(input.as_bytes()).to_string(),
        "line 2: records[1]: expected an object"
    );
}

#[test]
fn batch_errors_use_zero_based_indices() {
    let good = minimal();
    let mut bad = minimal();
    set(&mut bad, "/witness/status", json!(SECRET));
    let input = json!([good, good, bad, good]).to_string();
    let e = fail(input.as_bytes());
    assert_eq!(e.path(), "records[2].witness.status");
    assert_eq!(e.line(), None);
}

#[test]
fn single_object_paths_have_no_prefix() {
    let mut bad = minimal();
    set(&mut bad, "/acts/0/date", json!("2022-13"));
    let e = fail(bad.to_string().as_bytes());
    assert_eq!(e.path(), "acts[0].date");
    assert_eq!(
        e.to_string(),
        "acts[0].date: invalid date: month must be 01 to 12"
    );
}

#[test]
fn unknown_fields_are_named_with_the_allowed_ones() {
    let e = fail_with("/witness/nickname", json!(SECRET));
    assert_eq!(e.path(), "records[0].witness");
    let msg = e.to_string();
    assert!(
        msg.starts_with(
            "records[0].witness: unknown field \"nickname\"; allowed fields: names, pseudonym"
        ),
        "{msg}"
    );

    let e = fail_with("/acts/0/typ", json!("arrest"));
    assert!(
        e.to_string()
            .starts_with("records[0].acts[0]: unknown field \"typ\""),
        "{e}"
    );
    let e = fail_with("/witness/residence/city", json!(SECRET));
    assert_eq!(e.path(), "records[0].witness.residence");
    let e = fail_with("/id", json!(1));
    assert_eq!(e.path(), "records[0]");
    let e = fail_with(
        "/consent/0",
        json!({"purpose": "media", "level": "anonymous", "until": 1}),
    );
    assert_eq!(e.path(), "records[0].consent[0]");
}

#[test]
fn missing_required_fields() {
    let e = fail(format!("[{{\"title\": \"{SECRET}\"}}]").as_bytes());
    assert_eq!(
        e.to_string(),
        "records[0]: missing required field \"witness\""
    );
    let e = fail(br#"{"witness": null}"#);
    assert_eq!(e.to_string(), "missing required field \"witness\"");
    let e = fail_with("/witness", json!({"pseudonym": SECRET}));
    assert_eq!(
        e.to_string(),
        "records[0].witness: missing required field \"names\""
    );
    let e = fail_with("/people/0", json!({"relation": SECRET}));
    assert_eq!(
        e.to_string(),
        "records[0].people[0]: missing required field \"name\""
    );
    let e = fail_with("/witness/unions/0", json!({"role": SECRET}));
    assert_eq!(e.path(), "records[0].witness.unions[0]");
    let e = fail_with("/consent/0", json!({"purpose": "media"}));
    assert_eq!(
        e.to_string(),
        "records[0].consent[0]: missing required field \"level\""
    );
}

#[test]
fn wrong_types() {
    let cases = [
        (
            "/witness/names",
            json!(SECRET),
            "records[0].witness.names",
            "an array of strings",
        ),
        (
            "/witness/names",
            json!([SECRET, 7]),
            "records[0].witness.names[1]",
            "a string",
        ),
        (
            "/witness",
            json!([SECRET]),
            "records[0].witness",
            "an object",
        ),
        ("/title", json!(17), "records[0].title", "a string"),
        (
            "/tags",
            json!({"t": SECRET}),
            "records[0].tags",
            "an array of strings",
        ),
        (
            "/tags",
            json!([SECRET, false]),
            "records[0].tags[1]",
            "a string",
        ),
        (
            "/acts",
            json!({"type": "arrest"}),
            "records[0].acts",
            "an array of objects",
        ),
        ("/acts/0", json!(SECRET), "records[0].acts[0]", "an object"),
        (
            "/acts/0/in_absentia",
            json!("yes"),
            "records[0].acts[0].in_absentia",
            "a boolean",
        ),
        (
            "/acts/0/in_absentia",
            json!(0),
            "records[0].acts[0].in_absentia",
            "a boolean",
        ),
        (
            "/acts/0/place",
            json!(SECRET),
            "records[0].acts[0].place",
            "an object",
        ),
        (
            "/acts/0/place/region",
            json!(1),
            "records[0].acts[0].place.region",
            "a string",
        ),
        (
            "/acts/0/officials",
            json!([[SECRET]]),
            "records[0].acts[0].officials[0]",
            "a string",
        ),
        (
            "/witness/birth_date",
            json!(1975),
            "records[0].witness.birth_date",
            "a string",
        ),
        (
            "/witness/status",
            json!(["released"]),
            "records[0].witness.status",
            "a string",
        ),
        (
            "/consent",
            json!({"purpose": "media"}),
            "records[0].consent",
            "an array of objects",
        ),
        (
            "/interview/place",
            json!({"locality": SECRET}),
            "records[0].interview.place",
            "a string",
        ),
        (
            "/people/0/name",
            json!([SECRET]),
            "records[0].people[0].name",
            "a string",
        ),
    ];
    for (pointer, value, path, expected) in cases {
        let e = fail_with(pointer, value);
        assert_eq!(
            e.to_string(),
            format!("{path}: expected {expected}"),
            "{pointer}"
        );
    }
}

#[test]
fn names_must_be_present_and_not_blank() {
    let e = fail_with("/witness/names", json!([]));
    assert_eq!(
        e.to_string(),
        "records[0].witness.names: must hold at least one name"
    );
    for blank in ["", "   ", "\t\n", "\u{3000}"] {
        let e = fail_with("/witness/names", json!([SECRET, blank]));
        assert_eq!(e.path(), "records[0].witness.names[1]");
        assert_eq!(e.kind(), &ErrorKind::BlankName);
    }
}

#[test]
fn vocabulary_errors_list_the_allowed_values() {
    let e = fail_with("/witness/status", json!(format!("serving_{SECRET}")));
    assert_eq!(e.path(), "records[0].witness.status");
    let msg = e.to_string();
    assert!(
        msg.contains("not an allowed status; allowed values: at_liberty, "),
        "{msg}"
    );
    assert!(msg.ends_with("deceased, unknown"), "{msg}");

    for (pointer, path, allowed) in [
        (
            "/witness/sex",
            "records[0].witness.sex",
            "male, female, other, unknown",
        ),
        (
            "/acts/0/type",
            "records[0].acts[0].type",
            "arrest, administrative_arrest",
        ),
        ("/risk", "records[0].risk", "low, medium, high, critical"),
        (
            "/consent/0/purpose",
            "records[0].consent[0].purpose",
            "internal, partner, ilo_cfa",
        ),
        (
            "/consent/0/level",
            "records[0].consent[0].level",
            "no_use, aggregate_only",
        ),
    ] {
        let mut record = minimal();
        set(
            &mut record,
            "/consent/0",
            json!({"purpose": "media", "level": "anonymous"}),
        );
        set(&mut record, pointer, json!(SECRET));
        let e = fail(json!([record]).to_string().as_bytes());
        assert_eq!(e.path(), path);
        assert!(e.to_string().contains(allowed), "{e}");
    }
    // Spellings are exact.
    assert_eq!(fail_with("/risk", json!("High")).path(), "records[0].risk");
}

#[test]
fn bad_dates_are_rejected_with_their_path() {
    for (pointer, value) in [
        ("/witness/birth_date", "1975-02-30"),
        ("/witness/status_as_of", "2024-3"),
        ("/interview/date", "02.03.2024"),
        ("/acts/0/date", "2022-06/2022-04"),
        ("/acts/0/date", "../.."),
        ("/acts/0/date", "2023-02-29"),
        ("/acts/0/date", ""),
    ] {
        let e = fail_with(pointer, json!(value));
        let path = format!(
            "records[0]{}",
            pointer.replace("/0", "[0]").replace('/', ".")
        );
        assert_eq!(e.path(), path, "{value}");
        assert!(matches!(e.kind(), ErrorKind::Date(_)), "{value}");
        assert!(!e.to_string().contains(value) || value.is_empty(), "{e}");
    }
}

#[test]
fn language_must_look_like_bcp47() {
    for ok in ["be", "ru-Latn", "be-BY", "bel"] {
        let mut r = minimal();
        set(&mut r, "/language", json!(ok));
        parse_records(r.to_string().as_bytes()).unwrap();
    }
    for bad in ["Belarusian", "", "b", "be_BY", "беларуская", SECRET] {
        let e = fail_with("/language", json!(bad));
        assert_eq!(e.path(), "records[0].language");
        assert_eq!(e.kind(), &ErrorKind::Language);
    }
}

#[test]
fn duplicate_consent_purposes() {
    let e = fail_with(
        "/consent",
        json!([
            {"purpose": "media", "level": "anonymous"},
            {"purpose": "ohchr", "level": "named_full"},
            {"purpose": "media", "level": "named_full", "conditions": SECRET},
        ]),
    );
    assert_eq!(
        e.to_string(),
        "records[0].consent[2].purpose: consent purpose given twice (first at records[0].consent[0])"
    );
}

#[test]
fn size_limits() {
    let long = SECRET.repeat(MAX_STRING_BYTES / SECRET.len() + 1);
    let e = fail_with("/narrative", json!(long));
    assert_eq!(e.path(), "records[0].narrative");
    assert_eq!(
        e.kind(),
        &ErrorKind::StringTooLong {
            limit: MAX_STRING_BYTES
        }
    );
    let e = fail_with("/witness/names", json!(["A", long]));
    assert_eq!(e.path(), "records[0].witness.names[1]");

    // Just under the string limit is fine; nine such strings exceed the record limit.
    let big = "ы".repeat(MAX_STRING_BYTES / 2);
    let mut r = minimal();
    set(&mut r, "/narrative", json!(big));
    parse_records(r.to_string().as_bytes()).unwrap();
    set(&mut r, "/tags", json!(vec![big; 8]));
    let e = fail(r.to_string().as_bytes());
    assert_eq!(e.path(), "");
    assert_eq!(
        e.kind(),
        &ErrorKind::RecordTooLarge {
            limit: MAX_RECORD_BYTES
        }
    );
}

#[test]
fn field_names_in_errors_are_escaped() {
    let e = fail(br#"{"witness": {"names": ["A"]}, "x\u001b[31m\"y": 1}"#);
    let msg = e.to_string();
    assert!(!msg.contains('\u{1b}'), "{msg}");
    assert!(
        msg.contains("unknown field \"x\\u{1b}\\u{5b}31m\\u{22}y\""),
        "{msg}"
    );
}

#[test]
fn record_validate_checks_typed_records() {
    let mut r = parse_records(SPEC_EXAMPLE.as_bytes()).unwrap().remove(0);
    r.validate().unwrap();
    r.witness.names.push(" ".into());
    assert_eq!(r.validate().unwrap_err().path(), "witness.names[2]");
    r.witness.names.clear();
    assert_eq!(r.validate().unwrap_err().kind(), &ErrorKind::NoNames);
    assert_eq!(r.primary_name(), "");
    let mut r = parse_records(SPEC_EXAMPLE.as_bytes()).unwrap().remove(0);
    r.language = Some("not a tag".into());
    assert_eq!(r.validate().unwrap_err().path(), "language");
    let mut r = parse_records(SPEC_EXAMPLE.as_bytes()).unwrap().remove(0);
    r.consent.push(r.consent[0].clone());
    assert_eq!(r.validate().unwrap_err().path(), "consent[2].purpose");
}

// ---- no content in Debug, encodings ------------------------------------------------------

#[test]
fn debug_shows_no_content() {
    let r = parse_records(SPEC_EXAMPLE.as_bytes()).unwrap().remove(0);
    let shown = format!(
        "{r:?} {:?} {:?} {:?} {:?}",
        r.witness, r.acts, r.people, r.consent
    );
    for content in [
        "Петрук",
        "Ivan",
        "1975",
        "Vilnius",
        "KGB",
        "Алена",
        "ilo_cfa",
        "IloCfa",
    ] {
        assert!(!shown.contains(content), "{content} in {shown}");
    }
    assert_eq!(format!("{r:?}"), "Record { .. }");
    let (first, _) = r.witness.birth_date.as_ref().unwrap().bounds();
    assert!(!format!("{first:?}").contains("1975"));
}

#[test]
fn cbor_round_trip_and_errors() {
    let r = parse_records(SPEC_EXAMPLE.as_bytes()).unwrap().remove(0);
    let bytes = r.to_cbor();
    assert_eq!(Record::from_cbor(&bytes).unwrap(), r);

    let mut trailing = bytes.clone();
    trailing.push(0);
    assert_eq!(
        Record::from_cbor(&trailing).unwrap_err().kind(),
        &ErrorKind::TrailingBytes
    );
    assert_eq!(
        Record::from_cbor(&bytes[..bytes.len() / 2])
            .unwrap_err()
            .kind(),
        &ErrorKind::Cbor
    );
    assert_eq!(Record::from_cbor(&[]).unwrap_err().kind(), &ErrorKind::Cbor);

    // A well-formed map that is not a valid record: the error shows no value.
    let mut bad = Vec::new();
    ciborium::into_writer(
        &json!({"witness": {"names": [SECRET], "status": SECRET}}),
        &mut bad,
    )
    .unwrap();
    let e = Record::from_cbor(&bad).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Cbor);
    assert!(!format!("{e} {e:?}").contains(SECRET));
    // Blank names are caught by the validation after decoding.
    let mut blank = Vec::new();
    ciborium::into_writer(&json!({"witness": {"names": [" "]}}), &mut blank).unwrap();
    assert_eq!(
        Record::from_cbor(&blank).unwrap_err().path(),
        "witness.names[0]"
    );
}

#[test]
fn zeroize_wipes_everything() {
    use zeroize::Zeroize;
    let mut r = parse_records(SPEC_EXAMPLE.as_bytes()).unwrap().remove(0);
    r.zeroize();
    assert_eq!(r.to_json_value(), json!({"witness": {"names": []}}));
}

// ---- property tests ------------------------------------------------------------------

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        "[а-яА-ЯёЁіІўЎ .,-]{0,24}",
        "[a-zA-Z0-9 .,'-]{0,24}",
        Just(String::new()),
    ]
    .boxed()
}

fn opt_text() -> BoxedStrategy<Option<String>> {
    proptest::option::of(text()).boxed()
}

fn texts() -> BoxedStrategy<Vec<String>> {
    proptest::collection::vec(text(), 0..3).boxed()
}

fn name() -> BoxedStrategy<String> {
    // A leading letter keeps it from being blank.
    (prop_oneof![Just('І'), Just('A'), Just('Ў')], text())
        .prop_map(|(c, s)| format!("{c}{s}"))
        .boxed()
}

fn single_date() -> BoxedStrategy<String> {
    (0u16..=9999, 1u8..=12, 1u8..=28, 0..3usize, 0..4usize)
        .prop_map(|(y, m, d, precision, q)| {
            let qualifier = ["", "?", "~", "%"][q];
            match precision {
                0 => format!("{y:04}{qualifier}"),
                1 => format!("{y:04}-{m:02}{qualifier}"),
                _ => format!("{y:04}-{m:02}-{d:02}{qualifier}"),
            }
        })
        .boxed()
}

fn date() -> BoxedStrategy<EdtfDate> {
    prop_oneof![
        single_date(),
        (single_date(), prop_oneof![Just(".."), Just("")])
            .prop_map(|(d, open)| format!("{d}/{open}")),
        (single_date(), prop_oneof![Just(".."), Just("")])
            .prop_map(|(d, open)| format!("{open}/{d}")),
        (0u16..=9999, 0u16..100).prop_map(|(y, n)| format!("{y:04}/{:04}", (y + n).min(9999))),
    ]
    .prop_map(|s| EdtfDate::parse(&s).expect("the strategy makes valid dates"))
    .boxed()
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn place() -> BoxedStrategy<Place> {
    (opt_text(), opt_text(), opt_text(), opt_text())
        .prop_map(|(country, region, locality, site)| Place {
            country,
            region,
            locality,
            site,
        })
        .boxed()
}

fn witness() -> BoxedStrategy<Witness> {
    (
        (
            proptest::collection::vec(name(), 1..3),
            opt_text(),
            proptest::option::of(pick(Sex::ALL)),
        ),
        (proptest::option::of(date()), opt_text(), opt_text()),
        proptest::collection::vec((text(), opt_text()), 0..2),
        (
            proptest::option::of(pick(Status::ALL)),
            proptest::option::of(date()),
            opt_text(),
        ),
        (proptest::option::of(place()), opt_text()),
    )
        .prop_map(
            |(
                (names, pseudonym, sex),
                (birth_date, occupation, employer),
                unions,
                (status, status_as_of, whereabouts),
                (residence, contact),
            )| Witness {
                names,
                pseudonym,
                sex,
                birth_date,
                occupation,
                employer,
                unions: unions
                    .into_iter()
                    .map(|(name, role)| Union { name, role })
                    .collect(),
                status,
                status_as_of,
                whereabouts,
                residence,
                contact,
            },
        )
        .boxed()
}

fn act() -> BoxedStrategy<Act> {
    (
        (
            proptest::option::of(pick(ActType::ALL)),
            proptest::option::of(date()),
            proptest::option::of(place()),
        ),
        (texts(), texts(), texts()),
        (opt_text(), proptest::option::of(any::<bool>()), opt_text()),
    )
        .prop_map(
            |(
                (act_type, date, place),
                (perpetrators, officials, charges),
                (sentence, in_absentia, notes),
            )| Act {
                act_type,
                date,
                place,
                perpetrators,
                officials,
                charges,
                sentence,
                in_absentia,
                notes,
            },
        )
        .boxed()
}

fn consents() -> BoxedStrategy<Vec<Consent>> {
    (
        proptest::sample::subsequence(Purpose::ALL.to_vec(), 0..=Purpose::ALL.len()),
        proptest::collection::vec((pick(ConsentLevel::ALL), opt_text()), Purpose::ALL.len()),
    )
        .prop_map(|(purposes, levels)| {
            purposes
                .into_iter()
                .zip(levels)
                .map(|(purpose, (level, conditions))| Consent {
                    purpose,
                    level,
                    conditions,
                })
                .collect()
        })
        .boxed()
}

fn record() -> BoxedStrategy<Record> {
    (
        (
            opt_text(),
            proptest::option::of("[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?"),
            witness(),
        ),
        proptest::option::of((
            proptest::option::of(date()),
            opt_text(),
            opt_text(),
            opt_text(),
        )),
        (
            proptest::collection::vec(act(), 0..3),
            proptest::collection::vec((text(), opt_text()), 0..2),
        ),
        (
            consents(),
            proptest::option::of(pick(Risk::ALL)),
            texts(),
            texts(),
        ),
        (opt_text(), opt_text()),
    )
        .prop_map(
            |(
                (title, language, witness),
                interview,
                (acts, people),
                (consent, risk, tags, sensitive_terms),
                (summary, narrative),
            )| {
                Record {
                    title,
                    language,
                    witness,
                    interview: interview.map(|(date, mode, interviewer, place)| Interview {
                        date,
                        mode,
                        interviewer,
                        place,
                    }),
                    acts,
                    people: people
                        .into_iter()
                        .map(|(name, relation)| Person { name, relation })
                        .collect(),
                    consent,
                    risk,
                    tags,
                    sensitive_terms,
                    summary,
                    narrative,
                }
            },
        )
        .boxed()
}

/// Arbitrary JSON, biased towards the schema's keys and values so that it gets past the
/// first checks.
fn json_value() -> impl Strategy<Value = Value> {
    let words = prop_oneof![
        pick(&[
            "names",
            "witness",
            "acts",
            "date",
            "type",
            "consent",
            "purpose",
            "level",
            "in_absentia",
            "place",
            "region",
            "language",
            "unions",
            "name"
        ])
        .prop_map(String::from),
        pick(&[
            "arrest",
            "media",
            "anonymous",
            "2022-04",
            "2023-02-29",
            "be",
            "",
            " ",
            "../.."
        ])
        .prop_map(String::from),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        words.clone().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(words.clone(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replace the `n`-th node (pre-order, modulo the node count) of `target` with `new`.
fn replace_nth(target: &mut Value, n: usize, new: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(items) => items.iter().map(count).sum(),
            Value::Object(map) => map.values().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, n: &mut usize, new: &mut Option<Value>) {
        if *n == 0 {
            if let Some(new) = new.take() {
                *v = new;
            }
            return;
        }
        *n -= 1;
        match v {
            Value::Array(items) => items.iter_mut().for_each(|x| walk(x, n, new)),
            Value::Object(map) => map.values_mut().for_each(|x| walk(x, n, new)),
            _ => {}
        }
    }
    let mut n = n % count(target);
    walk(target, &mut n, &mut Some(new));
}

proptest! {
    #![proptest_config(crate::testing::proptest_config())]

    #[test]
    fn cbor_round_trip(r in record()) {
        r.validate().unwrap();
        prop_assert!(Record::from_cbor(&r.to_cbor()).unwrap() == r);
    }

    #[test]
    fn json_round_trip(r in record()) {
        let bytes = serde_json::to_vec(&r.to_json_value()).unwrap();
        let parsed = parse_records(&bytes).unwrap();
        prop_assert!(parsed.len() == 1 && parsed[0] == r);
    }

    #[test]
    fn json_lines_round_trip(rs in proptest::collection::vec(record(), 1..4)) {
        let lines: Vec<String> = rs.iter().map(|r| r.to_json_value().to_string()).collect();
        let parsed = parse_records(lines.join("\n").as_bytes()).unwrap();
        prop_assert!(parsed == rs);
    }

    #[test]
    fn validator_never_panics_on_arbitrary_json(v in json_value()) {
        check_no_panic_and_consistent(v);
    }

    #[test]
    fn validator_never_panics_on_damaged_records(r in record(), n in any::<usize>(), new in json_value()) {
        let mut v = r.to_json_value();
        replace_nth(&mut v, n, new);
        check_no_panic_and_consistent(v);
    }

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = parse_records(&bytes);
        let _ = Record::from_cbor(&bytes);
    }
}

/// Whatever the validator accepts converts to a `Record` (the validator and the serde types
/// agree), and the result validates again.
fn check_no_panic_and_consistent(v: Value) {
    let bytes = serde_json::to_vec(&v).unwrap();
    match parse_records(&bytes) {
        Ok(records) => records.iter().for_each(|r| r.validate().unwrap()),
        Err(e) => assert_ne!(e.kind(), &ErrorKind::Schema, "validator and types disagree"),
    }
    if validate::validate_value(&v, "").is_ok() {
        let records = parse_records(&bytes).unwrap();
        assert_eq!(records.len(), 1);
    }
}
