//! Tests of the whole engine: listed names in every script and case with one marker per person,
//! protected mentions, phrases, unlisted names learned across a record's texts, markers,
//! the final re-scan on rendered output, precision on ordinary testimony text, and property
//! tests (idempotence, a clean re-scan, no generated variant of a listed name left, every
//! character outside a span kept in order).

use proptest::prelude::*;

use super::*;

fn name(texts: &[&str], kind: Kind, marker: Option<&str>) -> Entity {
    Entity {
        texts: texts.iter().map(|s| (*s).to_owned()).collect(),
        matching: Matching::Name,
        kind,
        marker: marker.map(str::to_owned),
    }
}

fn phrase(text: &str, kind: Kind) -> Entity {
    Entity {
        texts: vec![text.to_owned()],
        matching: Matching::Phrase,
        kind,
        marker: Some(kind.marker().to_owned()),
    }
}

/// The record of SPEC.md's example, the witness removed (`anonymous`).
fn record() -> Vec<Entity> {
    vec![
        name(
            &["Іван Пятровіч Петрук", "Ivan Petruk"],
            Kind::Witness,
            Some("[WITNESS]"),
        ),
        name(&["Алена Касцюк"], Kind::Person, Some("[PERSON 1]")),
        name(&["A. K."], Kind::Person, Some("[PERSON 2]")),
        name(
            &["Investigator S. Ivanou"],
            Kind::Person,
            Some("[PERSON 3]"),
        ),
        phrase("Penal colony No. 3, Vitsba", Kind::Place),
        phrase("Salihorsk", Kind::Place),
    ]
}

fn redact_one(entities: &[Entity], text: &str) -> String {
    Redactor::new(entities, &[text], Options::default()).redact(text)
}

#[test]
fn listed_names_in_every_script_and_case_keep_one_marker() {
    let e = record();
    assert_eq!(
        redact_one(
            &e,
            "Івана Пятровіча Петрука затрымалі; Pietruk's wife called."
        ),
        "[WITNESS] затрымалі; [WITNESS]'s wife called."
    );
    assert_eq!(
        redact_one(&e, "Алёну Костюк і Alena Kastsiuk судзілі разам з Касцюк."),
        "[PERSON 1] і [PERSON 1] судзілі разам з [PERSON 1]."
    );
    assert_eq!(
        redact_one(
            &e,
            "Следчы С. Іваноў пагражаў. Иванову жаловались; Ivanou's threats."
        ),
        "Следчы [PERSON 3] пагражаў. [PERSON 3] жаловались; [PERSON 3]'s threats."
    );
    assert_eq!(
        redact_one(&e, "Interview by A.K.; А. К. took notes."),
        "Interview by [PERSON 2]; [PERSON 2] took notes."
    );
}

#[test]
fn families_of_inflection_through_the_redactor() {
    let e = vec![
        name(&["Марына Заблоцкая"], Kind::Person, Some("[PERSON 1]")),
        name(&["Уладзімір Лукашэвіч"], Kind::Person, Some("[PERSON 2]")),
        name(&["Аляксандр Дубовік"], Kind::Person, Some("[PERSON 3]")),
        name(&["Сяргей Ціханоўскі"], Kind::Person, Some("[PERSON 4]")),
        name(&["Святлана Ціханоўская"], Kind::Person, Some("[PERSON 5]")),
    ];
    let text = "Заблоцкую і Заблоцкай; Лукашевичем, Lukashevich; Дубовика, Dubovik's, \
                A. Dubovik, Дубовік А.; Сергей Тихановский, Siarhei Tsikhanouski; \
                Тихановской, Tsikhanouskaya.";
    let out = redact_one(&e, text);
    for w in [
        "Заблоц",
        "Лукаш",
        "Lukash",
        "Дубов",
        "Dubov",
        "Тихан",
        "Tsikh",
        "Сергей",
        "Siarhei",
        " A.",
        " А.",
    ] {
        assert!(!out.contains(w), "{w} in {out}");
    }
    // Masculine and feminine forms share a stem: either marker is a removal.
    assert!(out.starts_with("[PERSON 1] і [PERSON 1]; [PERSON 2], [PERSON 2]; [PERSON 3]"));
}

#[test]
fn protected_witness_is_kept_but_an_ambiguous_given_name_is_removed() {
    let e = vec![
        name(
            &["Іван Пятровіч Петрук", "Ivan Petruk"],
            Kind::Witness,
            None,
        ),
        name(&["Іван Сідарэнка"], Kind::Person, Some("[PERSON 1]")),
    ];
    let texts = ["Ivan Petruk said that Іван came with Сідарэнка; Петрук left."];
    let mut r = Redactor::new(&e, &texts, Options::default());
    assert_eq!(
        r.redact(texts[0]),
        "Ivan Petruk said that [PERSON 1] came with [PERSON 1]; Петрук left."
    );
    assert!(r.leaks("Ivan Petruk; Петрука").is_empty());
    assert_eq!(r.leaks("Ivan Сідарэнка"), [Kind::Person]);
    // No unlisted-name rule fires inside a protected mention.
    let mut r = Redactor::new(&e, &["Сяргей Петрук"], Options::default());
    assert_eq!(r.redact("Сяргей Петрук"), "[PERSON?] Петрук");
    assert_eq!(r.unlisted_names(), 0);
}

#[test]
fn phrases_whole_and_by_parts_but_not_single_ordinary_words() {
    let e = record();
    assert_eq!(
        redact_one(
            &e,
            "He is in penal colony No. 3 near Vitsba; the colony is cold."
        ),
        "He is in [PLACE] near [PLACE]; the colony is cold."
    );
    assert_eq!(
        redact_one(&e, "З Віцьбы і Салігорска"),
        "З [PLACE] і [PLACE]"
    );
}

#[test]
fn unlisted_names_are_learned_across_the_record_in_three_languages() {
    let e = record();
    let texts = [
        "Сведка: калега Тацяна Мельнік таксама была на сходзе.",
        "Мельнік звольнілі ў траўні. МЕЛЬНІК, melnik.",
        "Его допрашивал следователь Гусев в Минске.",
        "Гусева потом перевели; Gusev was promoted.",
        "Judge Tsiareshchanka presided; Tsiareshchanka's verdict.",
    ];
    let mut r = Redactor::new(&e, &texts, Options::default());
    let out: Vec<String> = texts.iter().map(|t| r.redact(t)).collect();
    assert_eq!(
        out,
        [
            "Сведка: калега [PERSON?] таксама была на сходзе.",
            "[PERSON?] звольнілі ў траўні. [PERSON?], [PERSON?].",
            "Его допрашивал следователь [PERSON?] в Минске.",
            "[PERSON?] потом перевели; [PERSON?] was promoted.",
            "Judge [PERSON?] presided; [PERSON?]'s verdict.",
        ]
    );
    assert_eq!(r.unlisted_names(), 3);
    assert_eq!(r.counts()[&Kind::UnlistedPerson], 9);
    for o in &out {
        assert!(r.leaks(o).is_empty(), "{o}");
    }
    let mut keep = Redactor::new(
        &e,
        &texts,
        Options {
            keep_unlisted_names: true,
            settle: false,
        },
    );
    assert_eq!(keep.redact(texts[2]), texts[2]);
    assert_eq!(keep.unlisted_names(), 0);
}

#[test]
fn an_unlisted_given_name_next_to_a_listed_surname_joins_its_marker() {
    let e = record();
    assert_eq!(redact_one(&e, "Калега Сяргей Касцюк"), "Калега [PERSON 1]");
}

#[test]
fn markers_are_never_redacted_again() {
    let e = vec![
        name(&["Ivan Petruk"], Kind::Witness, Some("Worker B-17")),
        name(&["Person Witness"], Kind::Person, Some("[PERSON 1]")),
    ];
    let mut r = Redactor::new(&e, &[], Options::default());
    let text = "[PERSON 2] and [PHONE] met Worker B-17 and Petruk; [WITNESS] [ID NUMBER]";
    assert_eq!(
        r.redact(text),
        "[PERSON 2] and [PHONE] met Worker B-17 and Worker B-17; [WITNESS] [ID NUMBER]"
    );
    assert_eq!(r.counts()[&Kind::Witness], 1);
}

#[test]
fn adjacent_spans_of_one_person_become_one_marker() {
    let e = record();
    assert_eq!(
        redact_one(&e, "Petruk Ivan Piatrovič, Касцюк Алена"),
        "[WITNESS], [PERSON 1]"
    );
}

#[test]
fn leaks_sees_through_json_csv_and_markdown() {
    let e = record();
    let r = Redactor::new(&e, &[], Options::default());
    assert_eq!(r.leaks(r#"{"summary":"met\nPetruk"}"#), [Kind::Witness]);
    assert_eq!(r.leaks(r#"{"summary":"\"Касцюк\""}"#), [Kind::Person]);
    assert_eq!(
        r.leaks("id,summary\n1,\"said \"\"Kastsiuk\"\"\""),
        [Kind::Person]
    );
    assert_eq!(r.leaks("**Witness:** _Petruk_"), [Kind::Witness]);
    assert_eq!(
        r.leaks(r#"{"a":"\u041a\u0430\u0441\u0446\u044e\u043a"}"#),
        [Kind::Person]
    );
    assert_eq!(r.leaks("in Vitsba with A.K."), [Kind::Person, Kind::Place]);
    assert!(
        r.leaks(r#"{"summary":"[WITNESS] met [PERSON 1]\nin [PLACE]"}"#)
            .is_empty()
    );
}

#[test]
fn debug_reveals_no_value() {
    let e = record();
    let r = Redactor::new(&e, &["Тацяна Мельнік"], Options::default());
    let shown = format!("{r:?} {e:?}");
    for w in ["Петрук", "Petruk", "Касцюк", "Мельнік", "Vitsba", "Ivanou"] {
        assert!(!shown.contains(w), "{shown}");
    }
}

/// Ordinary testimony text: agencies, courts, charges, unions, months, places and act words
/// must all survive when the record's names are unrelated.
#[test]
fn precision_on_ordinary_testimony_text() {
    let mut e = record();
    e.retain(|e| e.kind != Kind::Place);
    let paragraph = "\
У красавіку 2022 г. супрацоўнікі КДБ і ГУБОПіК затрымалі старшыню першаснай арганізацыі БНП \
на руднику «Беларуськалія» ў Салігорску. Мінскі абласны суд асудзіў яго па арт. 361-1 і 361-4 КК \
на 4 гады калоніі агульнага рэжыму. Следчы камітэт правёў ператрус, забраў тэлефоны. \
В феврале 2025 г. ГУБОПиК задержал оператора «Нафтана» в Новополоцке; Ленинский районный суд \
Гродно назначил 15 суток ареста по ст. 23.34 КоАП, а Следственный комитет возбудил дело по \
ст. 361-1 УК. Вера в солидарность помогала. Слава Беларусі! \
In March 2021, after two KGB summonses, the BITU leader left Belarus for Warsaw. OMON officers \
detained strikers at Belaruskali and Grodno Azot; Hrodna Regional Court sentenced him under \
CC 342 and CC 361-1 part 2 to three years. The Investigative Committee, the Interior Ministry \
and the Prosecutor General's Office were involved. In May Max the dog barked. Then the \
judge read the verdict in Minsk Regional Court on Monday.";
    let mut r = Redactor::new(&e, &[paragraph], Options::default());
    let out = r.redact(paragraph);
    assert_eq!(out, paragraph, "changed: {out}");
    assert_eq!(r.unlisted_names(), 0);
    assert!(r.leaks(paragraph).is_empty());
}

// ------------------------------------------------------------------------------------------
// Property tests
// ------------------------------------------------------------------------------------------

/// A listed name of the property tests: its Belarusian parts, the case endings of its given
/// name and surname (appended to the stem: the part without `cut` final letters).
struct Listed {
    given: (&'static str, usize, &'static [&'static str]),
    patronymic: Option<&'static str>,
    surname: (&'static str, usize, &'static [&'static str]),
    marker: &'static str,
}

const LISTED: [Listed; 5] = [
    Listed {
        given: ("Іван", 0, &["", "а", "у", "ам"]),
        patronymic: Some("Пятровіч"),
        surname: ("Петрук", 0, &["", "а", "у", "ом", "ам", "е"]),
        marker: "[WITNESS]",
    },
    Listed {
        given: ("Алена", 1, &["а", "ы", "е", "у", "ай"]),
        patronymic: None,
        surname: ("Касцюк", 0, &[""]),
        marker: "[PERSON 1]",
    },
    Listed {
        given: ("Марына", 1, &["а", "ы", "е", "у", "ай"]),
        patronymic: None,
        surname: ("Заблоцкая", 2, &["ая", "ую", "ай", "ой"]),
        marker: "[PERSON 2]",
    },
    Listed {
        given: ("Уладзімір", 0, &["", "а", "у", "ам"]),
        patronymic: None,
        surname: ("Лукашэвіч", 0, &["", "а", "у", "ам", "ем"]),
        marker: "[PERSON 3]",
    },
    Listed {
        given: ("Сяргей", 1, &["й", "я", "ю", "ем"]),
        patronymic: None,
        surname: (
            "Ціханоўскі",
            1,
            &["і", "ага", "аму", "ім", "ая", "ую", "ай"],
        ),
        marker: "[PERSON 4]",
    },
];

/// A simple Belarusian-to-Latin transliteration (national 2007 / passport style).
fn latin(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let upper = c.is_uppercase();
        let l = c.to_lowercase().next().unwrap_or(c);
        let t = match l {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "h",
            'д' => "d",
            'е' => "ie",
            'ё' => "io",
            'ж' => "zh",
            'з' => "z",
            'і' => "i",
            'й' => "j",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ў' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'ы' => "y",
            'ь' => "",
            'э' => "e",
            'ю' => "iu",
            'я' => "ia",
            other => {
                out.push(other);
                continue;
            }
        };
        if upper {
            let mut cs = t.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(t);
        }
    }
    out
}

fn forms((base, cut, endings): (&str, usize, &[&str])) -> Vec<String> {
    let chars: Vec<char> = base.chars().collect();
    let stem: String = chars[..chars.len() - cut].iter().collect();
    endings.iter().map(|e| format!("{stem}{e}")).collect()
}

/// Every generated mention of a listed name: each part in every case form, Latin spellings,
/// possessives, initials before and after, the full name.
fn variants(l: &Listed) -> Vec<String> {
    let mut out = Vec::new();
    let given = forms(l.given);
    let surname = forms(l.surname);
    out.extend(given.iter().cloned());
    out.extend(surname.iter().cloned());
    out.extend(l.patronymic.map(str::to_owned));
    let initial: String = l.given.0.chars().take(1).collect();
    out.push(format!("{initial}. {}", l.surname.0));
    out.push(format!("{} {initial}.", surname[surname.len() - 1]));
    out.push(format!("{} {}", given[0], surname[0]));
    for w in [l.given.0, l.surname.0] {
        out.push(latin(w));
        out.push(format!("{}'s", latin(w)));
        out.push(format!("{}’s", latin(w)));
    }
    out.push(format!("{}. {}", latin(&initial), latin(l.surname.0)));
    out
}

fn listed_entities() -> Vec<Entity> {
    LISTED
        .iter()
        .map(|l| {
            let full = match l.patronymic {
                Some(p) => format!("{} {p} {}", l.given.0, l.surname.0),
                None => format!("{} {}", l.given.0, l.surname.0),
            };
            Entity {
                texts: vec![full],
                matching: Matching::Name,
                kind: Kind::Person,
                marker: Some(l.marker.to_owned()),
            }
        })
        .collect()
}

const FILLER: &[&str] = &[
    "затрымалі",
    "суд",
    "у",
    "і",
    "на",
    "калоніі",
    "КДБ",
    "BITU",
    "страйк",
    "the",
    "court",
    "was",
    "detained",
    "арт.",
    "361-1",
    "Мінск",
    "Minsk",
    "Belaruskali",
    "следчы",
    "judge",
    "Ганна",
    "Maria",
    "Мельнік",
    "A.",
    "[PERSON 9]",
    "[PHONE]",
    "Worker B-17",
    "'s",
    "«",
    "»",
    "—",
];

fn fragment() -> impl Strategy<Value = String> {
    let variants: Vec<String> = LISTED.iter().flat_map(variants).collect();
    prop_oneof![
        3 => prop::sample::select(variants),
        3 => prop::sample::select(FILLER).prop_map(str::to_owned),
        1 => "\\PC{0,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            fragment(),
            prop::sample::select(&[" ", " ", " ", "", ", ", ". ", "\n", "-", "'"][..]),
        ),
        0..24,
    )
    .prop_map(|parts| parts.into_iter().map(|(f, s)| f + s).collect())
}

const MARKERS: [&str; 17] = [
    "[WITNESS]",
    "[PERSON 1]",
    "[PERSON 2]",
    "[PERSON 3]",
    "[PERSON 4]",
    "[PERSON?]",
    "[PERSON 9]",
    "[PERSON]",
    "[PHONE]",
    "[EMAIL]",
    "[HANDLE]",
    "[ID NUMBER]",
    "[ADDRESS]",
    "[PLATE]",
    "[PLACE]",
    "[REDACTED]",
    "Worker B-17",
];

/// A word without its English possessives.
fn unpossessive(w: &str) -> &str {
    let mut w = w;
    while let Some(rest) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        w = rest;
    }
    w
}

/// Whether every piece of `output` between markers occurs in `input`, in order (so that
/// nothing outside a removed span was changed, and no character was split).
fn preserved(input: &str, output: &str) -> bool {
    // Text with escapes that hid an identifier is redacted as a reader sees it: unescaped.
    kept_in_order(input, output)
        || tokens::unescape(input).is_some_and(|u| kept_in_order(&u, output))
}

fn kept_in_order(input: &str, output: &str) -> bool {
    let mut pieces = vec![output];
    for m in MARKERS {
        pieces = pieces.iter().flat_map(|p| p.split(m)).collect();
    }
    let mut at = 0;
    for p in pieces {
        match input[at..].find(p) {
            Some(i) => at += i + p.len(),
            None => return false,
        }
    }
    true
}

proptest! {
    #![proptest_config(crate::testing::proptest_config())]

    #[test]
    fn redaction_is_idempotent_and_leaves_nothing(text in text()) {
        let e = listed_entities();
        let mut r = Redactor::new(&e, &[&text], Options::default());
        let once = r.redact(&text);
        prop_assert_eq!(r.redact(&once), once.clone());
        let mut fresh = Redactor::new(&e, &[&once], Options::default());
        prop_assert_eq!(fresh.redact(&once), once.clone());
        prop_assert!(r.leaks(&once).is_empty(), "leak in {:?}", once);
        prop_assert!(preserved(&text, &once), "{:?} -> {:?}", text, once);
    }

    #[test]
    fn no_generated_variant_survives(text in text()) {
        let e = listed_entities();
        let mut r = Redactor::new(&e, &[&text], Options::default());
        let out = r.redact(&text);
        let words: Vec<String> = crate::search::fold::words(&out)
            .into_iter()
            .map(|w| unpossessive(&w.to_lowercase()).to_owned())
            .collect();
        for l in &LISTED {
            for v in variants(l) {
                for part in crate::search::fold::words(&v) {
                    let p = unpossessive(&part.to_lowercase()).to_owned();
                    if p.chars().count() < 2 {
                        continue;
                    }
                    prop_assert!(!words.contains(&p), "{} survives in {:?}", p, out);
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_is_safe(text in "\\PC{0,200}") {
        let e = record();
        let mut r = Redactor::new(&e, &[&text], Options::default());
        let once = r.redact(&text);
        prop_assert_eq!(r.redact(&once), once.clone());
        prop_assert!(r.leaks(&once).is_empty());
        prop_assert!(preserved(&text, &once));
    }
}

/// Found by `no_generated_variant_survives`: an e-mail address whose local part holds an
/// apostrophe took only the part after it, and the listed name before it stayed.
#[test]
fn an_apostrophe_in_an_email_local_part_does_not_leave_a_name_behind() {
    let e = listed_entities();
    for text in [
        "Іван'Сяргей@Іван ",
        "пішыце на Іван’Сяргей@example.org",
        "'ivan@example.org'",
        "@Іван'Іван ",
        "Іван'Іван",
        "Tsikhanouski's''Іван ",
        "@ivan\\.petruk ",
    ] {
        let mut r = Redactor::new(&e, &[text], Options::default());
        let out = r.redact(text);
        assert_eq!(r.redact(&out), out, "{text:?}: idempotent");
        assert!(
            !out.to_lowercase().contains("іван") && !out.contains("ivan"),
            "{text:?} -> {out:?}"
        );
        assert!(r.leaks(&out).is_empty(), "{out:?}");
    }
}

/// `cargo test --release --lib redact::tests::cost_per_record -- --ignored --nocapture`
///
/// Every record gets names of its own (so that the per-thread needle cache does not help with
/// them); the places and phrases repeat, as they do in a real export.
#[test]
#[ignore]
fn cost_per_record() {
    let summary = "Выдуманы дэманстрацыйны запіс. Старшыню першаснай арганізацыі БНП на 3-м \
        рудніку «Беларуськалія» Сяргея Лапуцьку затрымаў КДБ у красавіку 2022 г.; ён асуджаны \
        на 4 гады калоніі па арт. 361-1 і 361-4 КК. Следчы С. Іваноў сказаў Вользе, што мужу \
        «лепш пачаць супрацоўнічаць». Па адной справе праходзіла Алена Касцюк. Суддзя Т. Мароз.";
    assert!(summary.len() > 450);
    let syllables = ["ка", "ра", "ві", "ло", "ту", "ме", "ні", "са", "бо", "ду"];
    let unique = |i: usize| -> String {
        let mut s = String::from("Ба");
        let mut i = i;
        for _ in 0..4 {
            s.push_str(syllables[i % 10]);
            i /= 10;
        }
        s
    };
    let records: Vec<Vec<Entity>> = (0..10_000)
        .map(|i| {
            let mut e = record();
            e.push(name(
                &[
                    &format!("Вольга {}", unique(i)),
                    &format!("Сяргей {}", unique(i)),
                ],
                Kind::Person,
                Some("[PERSON 4]"),
            ));
            e.push(name(
                &[&format!("Pavel {}", unique(i + 1))],
                Kind::Person,
                Some("[PERSON 5]"),
            ));
            e.push(name(
                &[&format!("суддзя Т. {}", unique(i + 2))],
                Kind::Person,
                Some("[PERSON 6]"),
            ));
            e.push(phrase(
                "жонка: +375 29 000-00-11, @demo_laputskaya_v",
                Kind::Term,
            ));
            e
        })
        .collect();
    let t = std::time::Instant::now();
    for _ in 0..1000 {
        let mut v = Vec::new();
        detect::find(summary, &mut v);
        assert!(v.len() < 100);
    }
    println!("of which detect::find: {:?}", t.elapsed() / 1000);
    let t = std::time::Instant::now();
    for _ in 0..1000 {
        assert!(tokens::tokenize(summary, &[]).len() > 10);
    }
    println!("of which tokenize: {:?}", t.elapsed() / 1000);
    for (label, keep) in [
        ("with unlisted names", false),
        ("--keep-unlisted-names", true),
    ] {
        let options = Options {
            keep_unlisted_names: keep,
            settle: false,
        };
        let t = std::time::Instant::now();
        let mut total = 0;
        for e in &records {
            let mut r = Redactor::new(e, &[summary], options);
            total += r.redact(summary).len();
        }
        let per = t.elapsed() / records.len() as u32;
        println!(
            "new + redact of a {}-byte summary, {label}: {per:?} per record ({total})",
            summary.len()
        );
    }
}

/// A full stop after a marker ends a sentence, as it did before the word it replaced: a second
/// pass must not take the next capitalised word for a name that is not at a sentence start
/// (found by the idempotence property with `PROPTEST_RNG_SEED=1`).
#[test]
fn a_full_stop_after_a_marker_still_ends_the_sentence() {
    let text = "A\nІван. Іванкалоніі Ганна ";
    let e = listed_entities();
    let mut r = Redactor::new(&e, &[text], Options::default());
    let once = r.redact(text);
    assert_eq!(once, "A\n[WITNESS]. Іванкалоніі Ганна ");
    let mut fresh = Redactor::new(&e, &[&once], Options::default());
    assert_eq!(fresh.redact(&once), once);
    // A full stop right after an initial still does not end a sentence.
    let t = tokens::tokenize("A. Dubovik", &[]);
    assert!(!t[1].has(tokens::SENTENCE));
}

/// Found in review: an initial with an invisible character or a space before its full stop
/// (`A\u{200B}.`) still does not end the sentence, so the unlisted name after it is removed.
#[test]
fn an_initial_with_an_invisible_character_before_its_full_stop() {
    for text in [
        "Свидетель видел. A. Hrybko Ivan ушёл.",
        "Свидетель видел. A\u{200B}. Hrybko Ivan ушёл.",
        "Свидетель видел. A . Hrybko Ivan ушёл.",
    ] {
        let mut r = Redactor::new(&[], &[text], Options::default());
        let out = r.redact(text);
        assert!(
            !out.contains("Hrybko") && out.contains("[PERSON?]"),
            "{text:?} -> {out:?}"
        );
    }
}

/// Names glued into hashtags, to other words or to digits, and names with an apostrophe before
/// a capital, are found: listed names are split into words the way texts are.
#[test]
fn names_in_hashtags_and_with_apostrophes() {
    let e = vec![
        name(
            &["Siarhei Dyleuski", "Сяргей Дылеўскі"],
            Kind::Witness,
            Some("[WITNESS]"),
        ),
        name(&["Sean O'Brien"], Kind::Person, Some("[PERSON 1]")),
        name(&["Anna MacDonald"], Kind::Person, Some("[PERSON 2]")),
        phrase("ZavodChat", Kind::Term),
    ];
    for (text, gone) in [
        ("#FreeDyleuski #dyleuski2022", "yleuski"),
        ("#СвабодуДылеўскаму і #свободуДылевскому", "ылеўск"),
        ("O'Brien came.", "Brien"),
        ("MacDonald's car, Macdonald.", "onald"),
        ("У чаце ZavodChat.", "Chat"),
        // Glued to a number in prose too.
        ("Dyleuski2022 wrote, Дылеўскі1985 пісаў.", "yleuski"),
    ] {
        let out = redact_one(&e, text);
        assert!(!out.contains(gone), "{text} -> {out}");
    }
    // Acronyms and brands with inner capitals stay whole and are kept.
    let kept = "ГУБОПиК, BelAZ, iPhone, McKinsey, ИК-15, COVID19, CC342, 3-4 гады";
    assert_eq!(redact_one(&e, kept), kept);
}

/// A name written letter by letter is one word, listed or learned after a title; single letters
/// of ordinary text (list items, one-letter words) stay.
#[test]
fn names_written_letter_by_letter() {
    let e = vec![name(
        &["Юзаф Крываносаў", "Ivan Petruk"],
        Kind::Person,
        Some("[PERSON 1]"),
    )];
    for (text, gone) in [
        ("К р ы в а н о с а ў прыйшоў.", "р ы в а"),
        ("P E T R U K was there.", "E T R U"),
        (
            "Следователь К у з ь м и н орал. Потом Кузьмин ушёл.",
            "у з ь м",
        ),
    ] {
        let out = redact_one(&e, text);
        assert!(!out.contains(gone), "{text} -> {out}");
    }
    let out = redact_one(&e, "Следователь К у з ь м и н орал. Потом Кузьмин ушёл.");
    assert!(
        !out.contains("Кузьмин"),
        "the learned surname, whole: {out}"
    );
    let kept = "Пункты А Б В Г и а у з і, I a m ok.";
    assert_eq!(redact_one(&e, kept), kept);
}

/// Found by reviewing this stop's changes: camel case is split in hashtags only, a title with
/// its full stop ends a sentence, hashtag words are not learned as surnames, a title followed by
/// a given name names a person, and a listed surname that is also a title is kept as a needle.
#[test]
fn review_of_glued_words_and_titles() {
    let macdonald = vec![name(&["Ivan Macdonald"], Kind::Person, Some("[PERSON 1]"))];
    assert_eq!(
        redact_one(&macdonald, "We met MacDonald there."),
        "We met [PERSON 1] there."
    );
    let pan = vec![name(&["Wei Pan"], Kind::Person, Some("[PERSON 1]"))];
    assert!(!redact_one(&pan, "Then Pan left.").contains("Pan"));
    for (text, gone) in [
        ("Judge MacDonald sentenced me.", "Donald"),
        ("Майор Олег пришёл.", "Олег"),
    ] {
        let out = redact_one(&[], text);
        assert!(!out.contains(gone), "{text} -> {out}");
    }
    for texts in [
        [
            "I complained to the boss. Management refused.",
            "Management paid.",
        ],
        ["#FreeMaria now!", "The Free Trade Union helped."],
    ] {
        let mut r = Redactor::new(&[], &texts, Options::default());
        for t in texts {
            assert_eq!(r.redact(t), t);
        }
    }
}
