//! Unit tests of the export rules (consent, levels, generalisation, formats); the redaction
//! engine has its own tests, and tests/export runs the binary.

use super::summary::{self, entities};
use super::*;
use crate::record::{ConsentLevel, Purpose, parse_records};

const SPEC_EXAMPLE: &str = include_str!("../../tests/data/spec-example.json");

fn example() -> Record {
    parse_records(SPEC_EXAMPLE.as_bytes())
        .expect("the SPEC example is valid")
        .remove(0)
}

fn settings(purpose: Purpose, format: Format) -> Settings {
    Settings {
        purpose,
        format,
        include_narrative: true,
        keep_unlisted_names: false,
        generated_at: "2026-01-01T00:00:00Z".into(),
        vocab_label: |code, _| code.replace('_', " "),
        text: english,
    }
}

/// A stand-in for the CLI's messages: the id and its arguments.
fn english(id: &str, args: &[(&str, String)]) -> String {
    let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{id}({})", args.join(","))
}

fn with_consent(level: Option<ConsentLevel>) -> Record {
    let mut r = example();
    r.consent.retain(|c| c.purpose != Purpose::Ohchr);
    if let Some(level) = level {
        r.consent.push(crate::record::Consent {
            purpose: Purpose::Ohchr,
            level,
            conditions: None,
        });
    }
    r
}

#[test]
fn consent_decides_what_is_exported() {
    assert_eq!(
        decide(&with_consent(None), Purpose::Ohchr),
        Err(Withheld::NoConsent)
    );
    assert_eq!(
        decide(&with_consent(Some(ConsentLevel::NoUse)), Purpose::Ohchr),
        Err(Withheld::NoUse)
    );
    assert_eq!(
        decide(
            &with_consent(Some(ConsentLevel::AggregateOnly)),
            Purpose::Ohchr
        ),
        Err(Withheld::AggregateOnly)
    );
    for level in [
        ConsentLevel::Anonymous,
        ConsentLevel::Pseudonym,
        ConsentLevel::NamedLimited,
        ConsentLevel::NamedFull,
    ] {
        assert_eq!(
            decide(&with_consent(Some(level)), Purpose::Ohchr),
            Ok(level)
        );
    }
}

#[test]
fn withheld_records_are_counted_not_listed() {
    let records = [
        with_consent(None),
        with_consent(Some(ConsentLevel::NoUse)),
        with_consent(Some(ConsentLevel::Anonymous)),
    ];
    let ids = ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"];
    let inputs: Vec<Input<'_>> = records
        .iter()
        .zip(ids)
        .map(|(record, id)| Input { id, record })
        .collect();
    let out = export(
        &inputs,
        &[],
        &settings(Purpose::Ohchr, Format::Json),
        &|_| "P".into(),
    )
    .expect("no leak");
    let text = String::from_utf8(out.bytes).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["withheld"], 2);
    assert_eq!(doc["records"].as_array().unwrap().len(), 1);
    assert!(!text.contains(ids[0]) && !text.contains(ids[1]));
    let report = String::from_utf8(out.report.to_json()).unwrap();
    assert!(!report.contains(ids[0]) && !report.contains(ids[1]));
    assert!(report.contains(ids[2]));
}

#[test]
fn levels_pick_the_witness_label_and_marker() {
    let r = example();
    let marker = |level| {
        entities(&r, level, "Label", Purpose::Ohchr)[0]
            .marker
            .clone()
    };
    assert_eq!(
        marker(ConsentLevel::Anonymous).as_deref(),
        Some("[WITNESS]")
    );
    assert_eq!(marker(ConsentLevel::Pseudonym).as_deref(), Some("Label"));
    assert_eq!(marker(ConsentLevel::NamedLimited), None);
    assert_eq!(marker(ConsentLevel::NamedFull), None);
    // At anonymous the stored pseudonym is removed too.
    let anon = entities(&r, ConsentLevel::Anonymous, "Witness 1", Purpose::Ohchr);
    assert!(anon.iter().any(|e| e.texts == ["Worker B-17"]));
    let pseud = entities(&r, ConsentLevel::Pseudonym, "Worker B-17", Purpose::Ohchr);
    assert!(!pseud.iter().any(|e| e.texts == ["Worker B-17"]));
}

#[test]
fn one_person_one_marker_and_officials_only_for_accountability() {
    let r = example();
    let people = |purpose| -> Vec<Option<String>> {
        entities(&r, ConsentLevel::Anonymous, "W", purpose)
            .into_iter()
            .filter(|e| e.kind == crate::redact::Kind::Person)
            .map(|e| e.marker)
            .collect()
    };
    // people, interviewer, officials: numbered in that order, each once.
    assert_eq!(
        people(Purpose::Ohchr),
        [
            Some("[PERSON 1]".into()),
            Some("[PERSON 2]".into()),
            Some("[PERSON 3]".into())
        ]
    );
    assert_eq!(
        people(Purpose::Accountability),
        [Some("[PERSON 1]".into()), Some("[PERSON 2]".into()), None]
    );
}

#[test]
fn below_named_full_dates_places_and_quasi_identifiers_are_generalised() {
    let r = example();
    let s = settings(Purpose::Ohchr, Format::Json);
    let (summary, _, g) = summary::build("id", &r, ConsentLevel::NamedLimited, "Name", &s, false);
    let act = &summary.acts[0];
    assert_eq!(act.date.as_deref(), Some("2022-04"));
    let place = act.place.as_ref().unwrap();
    assert!(place.locality.is_none() && place.site.is_none());
    assert_eq!(place.country.as_deref(), Some("BY"));
    assert_eq!(summary.witness.birth_date.as_deref(), Some("1970s"));
    assert!(summary.witness.employer.is_none() && summary.witness.occupation.is_none());
    assert_eq!(
        g.dates_to_month, 2,
        "the act and interview dates (status_as_of is a month)"
    );
    assert_eq!(g.places_to_region, 1);
    assert_eq!(g.birth_dates_to_decade, 1);
    assert_eq!((g.employer_dropped, g.occupation_dropped), (1, 1));
    // named_full keeps them.
    let (full, _, g) = summary::build("id", &r, ConsentLevel::NamedFull, "Name", &s, false);
    assert_eq!(full.acts[0].date.as_deref(), Some("2022-04-19"));
    assert_eq!(
        full.acts[0].place.as_ref().unwrap().locality.as_deref(),
        Some("Salihorsk")
    );
    assert_eq!(full.witness.birth_date.as_deref(), Some("1975"));
    assert_eq!(g, Generalised::default());
}

/// The export of `record` alone (id `abcdefghjkmnpqrs`) for `ohchr` in `format`.
fn export_for_ohchr(record: &Record, format: Format) -> Result<String, Leak> {
    let inputs = [Input {
        id: "abcdefghjkmnpqrs",
        record,
    }];
    let out = export(&inputs, &[], &settings(Purpose::Ohchr, format), &|_| {
        "P".into()
    })?;
    Ok(String::from_utf8(out.bytes).expect("exports are UTF-8"))
}

#[test]
fn every_format_renders_the_same_records() {
    let r = with_consent(Some(ConsentLevel::Anonymous));
    for format in [Format::Json, Format::Csv, Format::Markdown] {
        let text = export_for_ohchr(&r, format).expect("no leak");
        assert!(text.contains("abcdefghjkmnpqrs"), "{format:?}");
        assert!(text.contains("Witness 1"), "{format:?}");
        assert!(!text.contains("Vitsba"), "{format:?}: whereabouts removed");
        assert!(!text.contains("+375"), "{format:?}: contact removed");
        assert!(
            !text.contains("internal working title"),
            "{format:?}: the title stays inside"
        );
    }
}

/// The demo data exports cleanly (the re-scan finds nothing) for every purpose, in every format,
/// narrative included; on failure the test prints the redacted rendering of the record, which
/// is fictional.
#[test]
fn demo_data_exports_cleanly_everywhere() {
    let records = parse_records(crate::demo::TESTIMONIES.as_bytes()).unwrap();
    let ids: Vec<String> = (0..records.len()).map(|i| format!("demo{i:012}")).collect();
    let inputs: Vec<Input<'_>> = records
        .iter()
        .zip(&ids)
        .map(|(record, id)| Input { id, record })
        .collect();
    for purpose in Purpose::ALL {
        for format in [Format::Json, Format::Csv, Format::Markdown] {
            let s = settings(*purpose, format);
            if let Err(leak) = export(&inputs, &[], &s, &|_| "Witness TEST01".into()) {
                let i = ids.iter().position(|id| *id == leak.id).unwrap();
                let level = decide(&records[i], *purpose).unwrap();
                let label = records[i]
                    .witness
                    .pseudonym
                    .clone()
                    .filter(|_| level == ConsentLevel::Pseudonym)
                    .unwrap_or_else(|| "Witness TEST01".into());
                let (summary, redactor, _) =
                    summary::build(&leak.id, &records[i], level, &label, &s, false);
                let json = serde_json::to_string_pretty(&summary).unwrap();
                for line in json.lines() {
                    let kinds = redactor.leaks(line);
                    if !kinds.is_empty() {
                        eprintln!("LEAK {kinds:?}: {line}");
                    }
                }
                panic!("{purpose:?} {format:?}: {leak}\n{json}");
            }
        }
    }
}

/// A record id with a long run of digits (one record in a few hundred has one) is tvault's own
/// random name, not a phone number: the re-scan must not refuse the export for it.
#[test]
fn a_record_id_full_of_digits_is_not_a_leak() {
    let record = with_consent(Some(ConsentLevel::Pseudonym));
    for id in ["jbcx6p0493561028", "0123456789012345", "3750291234567abc"] {
        let inputs = [Input {
            id,
            record: &record,
        }];
        for format in [Format::Json, Format::Csv, Format::Markdown] {
            let out = export(&inputs, &[], &settings(Purpose::Ohchr, format), &|_| {
                "P".into()
            })
            .unwrap_or_else(|leak| panic!("{id} in {format:?}: {:?}", leak.kinds));
            assert!(
                String::from_utf8_lossy(&out.bytes).contains(id),
                "the id is exported as it is"
            );
        }
    }
}

/// Lists of identifiers after one trigger word: the first pass reaches the first only, and the
/// re-scan, reading the first as a short marker, would find the next. The record is redacted
/// again until nothing is left, instead of refusing the export.
#[test]
fn lists_of_identifiers_are_removed_not_refused() {
    let lists = [
        (
            "Номер +370 6 123 4567, або 8 612 34567.",
            ["123 4567", "612 34567"],
        ),
        ("Номера: 5678 KX 7, 9012-EI-7.", ["5678 KX", "9012-EI"]),
        (
            "У жены 4120687B002PB3 и старый 3140385-a-001-pb-6.",
            ["4120687B002PB3", "3140385"],
        ),
    ];
    for (summary, values) in lists {
        let mut r = with_consent(Some(ConsentLevel::Anonymous));
        r.summary = Some(summary.to_owned());
        for format in [Format::Json, Format::Csv, Format::Markdown] {
            let text = export_for_ohchr(&r, format)
                .unwrap_or_else(|leak| panic!("{summary}: refused ({:?})", leak.kinds));
            for v in values {
                assert!(!text.contains(v), "{format:?}: {v} left in {summary}");
            }
        }
    }
}

/// Records loaded one by one as they are rendered: one that fails to load is left out and its
/// error handed back, without taking the number of an anonymous witness from the next one (it is
/// a gap, never a shift onto someone else); one whose loaded consent disagrees with the decision
/// it was pending with is withheld, never exported at the level it was pending with.
#[test]
fn records_loaded_while_rendering() {
    let anonymous = with_consent(Some(ConsentLevel::Anonymous));
    let named = with_consent(Some(ConsentLevel::NamedFull));
    let records = [&anonymous, &anonymous, &anonymous, &anonymous];
    let pending: Vec<Pending<'_>> = ["a000000000000001", "a000000000000002", "a000000000000003"]
        .into_iter()
        .chain(["a000000000000004"])
        .map(|id| Pending {
            id,
            decision: Ok(ConsentLevel::Anonymous),
        })
        .chain([Pending {
            id: "a000000000000005",
            decision: Err(Withheld::NoUse),
        }])
        .collect();
    let load = |i: usize| -> Result<&Record, String> {
        match i {
            1 => Err(format!("record {i} does not decode")),
            // Pending as anonymous, but its consent names the witness: withheld.
            3 => Ok(&named),
            4 => unreachable!("a withheld record is never loaded"),
            _ => Ok(records[i]),
        }
    };
    let s = settings(Purpose::Ohchr, Format::Json);
    let (out, failed) = export_each(&pending, &s, &load, &|_| "P".into()).expect("no leak");
    assert_eq!(failed, ["record 1 does not decode"]);
    assert_eq!(out.exported, [0, 2]);
    let text = String::from_utf8(out.bytes).unwrap();
    assert!(text.contains("Witness 1") && text.contains("Witness 3"));
    assert!(!text.contains("Witness 2") && !text.contains("a000000000000004"));
    assert_eq!(out.report.exported_total(), 2);
    assert_eq!(out.report.withheld_total(), 2);
    assert!(text.ends_with("\"withheld\":2}\n"));
}

/// The demo's Жураўская testimony, as a rapporteur reads it: her surname in capitals as lists
/// write it, her given name in Russian, her bank card and her town of exile by another name are
/// gone wherever she consented only anonymously; the card and the town also where she is named.
#[test]
fn demo_exile_is_not_found_by_another_spelling() {
    let records = parse_records(crate::demo::TESTIMONIES.as_bytes()).unwrap();
    let record = records
        .iter()
        .find(|r| r.witness.names.iter().any(|n| n.contains("Жураўская")))
        .expect("the demo has her testimony");
    let inputs = [Input {
        id: "demozhur00000001",
        record,
    }];
    for (purpose, gone) in [
        (
            Purpose::PublicReport,
            &["ЖУРАЎСКАЯ", "Журавскую", "Ганн", "4255", "Вільн", "Vilnius"][..],
        ),
        (Purpose::IloCfa, &["4255 1901", "Вільню"][..]),
    ] {
        for format in [Format::Json, Format::Csv, Format::Markdown] {
            let out = export(&inputs, &[], &settings(purpose, format), &|_| "P".into())
                .unwrap_or_else(|leak| panic!("{purpose:?} {format:?}: {leak}"));
            let text = String::from_utf8(out.bytes).unwrap();
            for g in gone {
                assert!(!text.contains(g), "{purpose:?} {format:?}: {g}");
            }
        }
    }
}

/// The re-scan reads the whole rendering, as a reader does, across fields: an identifier or a
/// sensitive phrase split over two neighbouring values, which redaction (field by field) cannot
/// see, refuses the export in every format. (A re-scan of each JSON value on its own, tried at
/// stop 18 for speed, let both through in JSON; a review found them.)
#[test]
fn what_neighbouring_values_say_together_refuses_the_export() {
    let cases = [
        (["тэл.", "612 34567"], None, Kind::Phone),
        (["Гродна", "Азот"], Some("Гродна Азот"), Kind::Term),
    ];
    for (tags, term, kind) in cases {
        let mut r = with_consent(Some(ConsentLevel::Anonymous));
        r.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        if let Some(term) = term {
            r.sensitive_terms = vec![term.to_owned()];
        }
        for format in [Format::Json, Format::Csv, Format::Markdown] {
            match export_for_ohchr(&r, format) {
                Ok(text) => panic!("{tags:?} in {format:?} exported:\n{text}"),
                Err(leak) => assert!(leak.kinds.contains(&kind), "{tags:?}: {leak}"),
            }
        }
    }
}

/// A control character inside a number (a bell or backspace pasted with it) does not hide the
/// number: it is removed in every format, not exported or refused.
#[test]
fn control_characters_do_not_hide_a_number() {
    for c in ['\u{7}', '\u{8}'] {
        let mut r = with_consent(Some(ConsentLevel::Anonymous));
        r.summary = Some(format!("Мой нумар +370{c}61234567, пішыце."));
        for format in [Format::Json, Format::Csv, Format::Markdown] {
            let text = export_for_ohchr(&r, format)
                .unwrap_or_else(|leak| panic!("{c:?} {format:?}: refused ({:?})", leak.kinds));
            assert!(!text.contains("61234567"), "{c:?} {format:?}:\n{text}");
        }
    }
}
