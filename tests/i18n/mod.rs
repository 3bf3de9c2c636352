//! Interface languages (issue 8): the language comes from `--lang`, else `TVAULT_LANG`, else
//! `LC_ALL` / `LC_MESSAGES` / `LANG`, else English; what people read is translated, machine
//! output (`--json`, exit codes) never changes.
//!
//! The expected strings are copied from `i18n/be.ftl` and `i18n/ru.ftl` on purpose: a change of
//! wording there should be a conscious change here too.

use crate::common::{Out, TestEnv};

/// The example record of SPEC.md: status `serving_sentence`, one arrest on 2022-04-19.
const SPEC_EXAMPLE: &str = include_str!("../data/spec-example.json");

/// The English about line (the first line of `--help`).
const ABOUT_EN: &str = "An encrypted, portable vault for testimonies of persecuted trade unionists";
const ABOUT_BE: &str =
    "Зашыфраванае пераноснае сховішча сведчанняў пераследаваных прафсаюзных актывістаў";
const ABOUT_RU: &str =
    "Зашифрованное переносное хранилище свидетельств преследуемых профсоюзных активистов";

const WRONG_KEY_EN: &str = "wrong passphrase or identity";
const WRONG_KEY_BE: &str = "няправільная парольная фраза або ключ";
const WRONG_KEY_RU: &str = "неверная парольная фраза или ключ";

/// `tvault --help` with the extra environment `vars` and arguments `args`; asserts success and
/// returns stdout.
fn help(env: &TestEnv, vars: &[(&'static str, &str)], args: &[&str]) -> String {
    let mut run = env.tvault(args).arg("--help");
    for (key, value) in vars {
        run = run.env(key, value);
    }
    let out = run.output();
    assert_eq!(out.code, 0, "--help failed:\n{}", out.stderr);
    assert_eq!(out.stderr, "", "--help wrote to stderr");
    out.stdout
}

/// Which of the three languages a `--help` text is in, by its about line.
fn help_language(text: &str) -> &'static str {
    let first = text.lines().next().unwrap_or_default();
    match first {
        _ if first.starts_with(ABOUT_EN) => "en",
        _ if first == ABOUT_BE => "be",
        _ if first == ABOUT_RU => "ru",
        _ => panic!("unknown about line {first:?} in\n{text}"),
    }
}

/// A file holding a passphrase that does not open the test vaults.
fn wrong_passphrase(env: &TestEnv) -> std::path::PathBuf {
    env.write("wrong.txt", "not the passphrase at all\n")
}

/// `list` with a wrong passphrase and the extra environment `vars`.
fn list_with_wrong_key(env: &TestEnv, vars: &[(&'static str, &str)]) -> Out {
    let wrong = wrong_passphrase(env);
    let mut run = env
        .tvault(["list", "--vault"])
        .arg(&env.vault)
        .arg("--passphrase-file")
        .arg(&wrong);
    for (key, value) in vars {
        run = run.env(key, value);
    }
    run.output()
}

#[test]
fn help_in_belarusian_from_tvault_lang() {
    let env = TestEnv::new();
    let text = help(&env, &[("TVAULT_LANG", "be")], &[]);
    assert!(text.starts_with(&format!("{ABOUT_BE}\n")), "{text}");
    assert!(
        !text.contains(ABOUT_EN),
        "the English about line is gone:\n{text}"
    );
    for expected in [
        "Выкарыстанне: tvault",
        "Каманды:",
        "Параметры:",
        "Стварыць новае сховішча ў пустой або новай тэчцы; выводзіць яго публічны адбітак",
        "Праверыць кожны файл па журнале цэласнасці; код выхаду 1, калі нешта не так",
        "Мова інтэрфейсу: en, be або ru",
        "Паказаць даведку",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // The technical tokens stay as they are.
    for token in ["--passphrase-file", "AGE-SECRET-KEY-1...", "TVAULT_VAULT"] {
        assert!(text.contains(token), "missing {token:?} in\n{text}");
    }
}

#[test]
fn help_in_russian_from_the_lang_flag() {
    let env = TestEnv::new();
    let text = help(&env, &[], &["--lang", "ru"]);
    assert!(text.starts_with(&format!("{ABOUT_RU}\n")), "{text}");
    assert!(
        !text.contains(ABOUT_EN),
        "the English about line is gone:\n{text}"
    );
    for expected in [
        "Использование: tvault",
        "Команды:",
        "Параметры:",
        "Создать новое хранилище в пустой или новой папке; выводит его публичный отпечаток",
        "Язык интерфейса: en, be или ru",
        "Показать справку",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn help_of_commands_is_translated_with_its_examples() {
    let env = TestEnv::new();
    let be = help(&env, &[("TVAULT_LANG", "be")], &["export"]);
    assert!(
        be.starts_with("Экспартаваць зводкі знойдзеных запісаў"),
        "{be}"
    );
    assert!(
        be.contains("Прыклады:\n  tvault export --purpose ilo_cfa"),
        "{be}"
    );
    assert!(
        be.contains("Замяніць FILE для --out і --report, калі ён ужо існуе"),
        "{be}"
    );
    let ru = help(&env, &[("TVAULT_LANG", "ru")], &["search"]);
    assert!(ru.starts_with("Поиск по метаданным записей"), "{ru}");
    assert!(ru.contains("Примеры:\n  tvault search Лукашэвіч"), "{ru}");
    assert!(ru.contains("Вывести не больше N записей"), "{ru}");
    // The indented install lines of `completions` keep their indentation.
    let be = help(&env, &[("TVAULT_LANG", "be")], &["completions"]);
    assert!(
        be.contains("Усталяванне, напрыклад:\n  bash: tvault completions bash >"),
        "{be}"
    );
}

#[test]
fn a_wrong_passphrase_is_reported_in_russian() {
    let env = TestEnv::new();
    env.init();
    let out = list_with_wrong_key(&env, &[("TVAULT_LANG", "ru")]);
    let stderr = out.fails(1, WRONG_KEY_RU);
    assert_eq!(
        stderr.lines().next(),
        Some(&*format!("error: {WRONG_KEY_RU}"))
    );
    assert!(!stderr.contains(WRONG_KEY_EN), "{stderr}");

    let out = list_with_wrong_key(&env, &[("TVAULT_LANG", "be")]);
    out.fails(1, WRONG_KEY_BE);
}

#[test]
fn the_locale_chooses_the_language_and_lc_all_wins() {
    let env = TestEnv::new();
    let be = help(&env, &[("LANG", "be_BY.UTF-8")], &[]);
    assert_eq!(help_language(&be), "be");
    let ru = help(&env, &[("LANG", "ru_RU.UTF-8")], &[]);
    assert_eq!(help_language(&ru), "ru");
    // LC_ALL comes before LANG, even when it is C.
    let en = help(&env, &[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")], &[]);
    assert_eq!(help_language(&en), "en");
    let ru = help(
        &env,
        &[("LC_ALL", "ru_RU.UTF-8"), ("LANG", "be_BY.UTF-8")],
        &[],
    );
    assert_eq!(help_language(&ru), "ru");
    // LC_MESSAGES comes between LC_ALL and LANG.
    let be = help(
        &env,
        &[("LC_MESSAGES", "be_BY"), ("LANG", "en_GB.UTF-8")],
        &[],
    );
    assert_eq!(help_language(&be), "be");
    // TVAULT_LANG comes before the locale; an unknown TVAULT_LANG falls through to it.
    let be = help(
        &env,
        &[("TVAULT_LANG", "be"), ("LC_ALL", "ru_RU.UTF-8")],
        &[],
    );
    assert_eq!(help_language(&be), "be");
    let ru = help(&env, &[("TVAULT_LANG", "de"), ("LANG", "ru_RU.UTF-8")], &[]);
    assert_eq!(help_language(&ru), "ru");
    // A locale that is none of ours is English.
    let en = help(&env, &[("LANG", "de_DE.UTF-8")], &[]);
    assert_eq!(help_language(&en), "en");

    // The same holds for messages, not only for --help.
    env.init();
    list_with_wrong_key(&env, &[("LANG", "be_BY.UTF-8")]).fails(1, WRONG_KEY_BE);
    list_with_wrong_key(&env, &[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")]).fails(1, WRONG_KEY_EN);
}

#[test]
fn the_lang_flag_overrides_the_environment() {
    let env = TestEnv::new();
    let en = help(&env, &[("TVAULT_LANG", "be")], &["--lang", "en"]);
    assert_eq!(help_language(&en), "en");
    assert!(!en.contains(ABOUT_BE), "{en}");
    let ru = help(
        &env,
        &[("TVAULT_LANG", "be"), ("LANG", "be_BY.UTF-8")],
        &["--lang", "ru"],
    );
    assert_eq!(help_language(&ru), "ru");

    env.init();
    let wrong = wrong_passphrase(&env);
    let out = env
        .tvault(["list", "--lang", "en", "--vault"])
        .arg(&env.vault)
        .arg("--passphrase-file")
        .arg(&wrong)
        .env("TVAULT_LANG", "be")
        .output();
    let stderr = out.fails(1, WRONG_KEY_EN);
    assert!(!stderr.contains(WRONG_KEY_BE), "{stderr}");
}

#[test]
fn machine_output_and_exit_codes_are_the_same_in_every_language() {
    let env = TestEnv::new();
    env.init();
    let ids = env.add(&format!(
        "[{SPEC_EXAMPLE}, {{\"witness\": {{\"names\": [\"Алена Касцюк\"], \"status\": \"convicted_in_absentia\"}}}}]"
    ));
    assert_eq!(ids.len(), 2);
    let langs = ["en", "be", "ru"];
    let run =
        |lang: &str, args: &[&str]| env.with_passphrase(args).env("TVAULT_LANG", lang).output();

    let commands: Vec<Vec<&str>> = vec![
        vec!["list", "--json"],
        vec!["show", "--json", ids[0].as_str()],
        vec!["show", "--json", ids[1].as_str()],
        vec!["search", "--json"],
        vec!["search", "--json", "status:serving_sentence"],
        vec!["info", "--json"],
    ];
    for args in &commands {
        let outs: Vec<Out> = langs.iter().map(|lang| run(lang, args)).collect();
        for (lang, out) in langs.iter().zip(&outs) {
            assert_eq!(out.code, 0, "{lang} {args:?}: {}", out.stderr);
            assert!(!out.stdout.is_empty(), "{lang} {args:?} printed nothing");
        }
        assert_eq!(
            outs[0].stdout, outs[1].stdout,
            "en and be differ for {args:?}"
        );
        assert_eq!(
            outs[0].stdout, outs[2].stdout,
            "en and ru differ for {args:?}"
        );
    }
    // The vocabulary codes stay codes in JSON.
    let shown = run("be", &["show", "--json", ids[1].as_str()]).stdout;
    assert!(shown.contains("\"convicted_in_absentia\""), "{shown}");
    assert!(!shown.contains("асуджаны завочна"), "{shown}");

    // Failures: the same exit code, nothing on stdout, in every language.
    let failures: Vec<Vec<&str>> = vec![
        vec!["show", "zzzzzzzzzzzzzzzz"],
        vec!["show", "abc"],
        vec!["export", "--purpose", "no_such_purpose"],
        vec!["list", "--no-such-flag"],
    ];
    for args in &failures {
        let codes: Vec<i32> = langs
            .iter()
            .map(|lang| {
                let out = run(lang, args);
                assert_eq!(out.stdout, "", "{lang} {args:?} wrote to stdout");
                assert!(out.code != 0, "{lang} {args:?} succeeded");
                out.code
            })
            .collect();
        assert!(
            codes.iter().all(|c| *c == codes[0]),
            "{args:?}: exit codes {codes:?}"
        );
    }
    let codes: Vec<i32> = langs
        .iter()
        .map(|lang| list_with_wrong_key(&env, &[("TVAULT_LANG", *lang)]).code)
        .collect();
    assert_eq!(codes, [1, 1, 1]);
}

#[test]
fn search_and_list_tables_are_translated() {
    let env = TestEnv::new();
    env.init();
    env.add(SPEC_EXAMPLE);
    let table = |lang: &str, args: &[&str]| {
        let out = env.with_passphrase(args).env("TVAULT_LANG", lang).output();
        out.ok().to_owned()
    };

    let be = table("be", &["search"]);
    let header = be.lines().next().unwrap_or_default();
    for column in ["ID", "АПОШНІ ЭПІЗОД", "СТАТУС", "СВЕДКА", "НАЗВА"]
    {
        assert!(header.contains(column), "{column:?} not in {header:?}");
    }
    assert!(be.contains("адбывае пакаранне"), "the status label:\n{be}");
    assert!(be.contains("2022-04-19"), "{be}");

    let ru = table("ru", &["search", "act:arrest"]);
    let header = ru.lines().next().unwrap_or_default();
    for column in ["ID", "ПОСЛЕДНИЙ ЭПИЗОД", "СТАТУС", "СВИДЕТЕЛЬ", "НАЗВАНИЕ"]
    {
        assert!(header.contains(column), "{column:?} not in {header:?}");
    }
    assert!(ru.contains("отбывает наказание"), "the status label:\n{ru}");

    let en = table("en", &["search"]);
    let header = en.lines().next().unwrap_or_default();
    assert!(
        header.contains("LATEST ACT") && header.contains("WITNESS"),
        "{header:?}"
    );
    assert!(
        en.contains("serving_sentence"),
        "English shows the code:\n{en}"
    );

    let be = table("be", &["list"]);
    let header = be.lines().next().unwrap_or_default();
    assert!(
        header.contains("ЗМЕНЕНЫ") && header.contains("СВЕДКА"),
        "{header:?}"
    );
    let ru = table("ru", &["list"]);
    let header = ru.lines().next().unwrap_or_default();
    assert!(
        header.contains("ИЗМЕНЕНА") && header.contains("СВИДЕТЕЛЬ"),
        "{header:?}"
    );
}

#[test]
fn counts_take_the_right_plural_form() {
    let env = TestEnv::new();
    env.init();
    let record = r#"{"witness": {"names": ["Іван Петрук"]}}"#;
    let batch = |n: usize| format!("[{}]", vec![record; n].join(", "));
    let add = |lang: &str, n: usize| {
        let out = env
            .with_passphrase(&["add", "--from", "-"])
            .env("TVAULT_LANG", lang)
            .stdin(batch(n))
            .output();
        assert_eq!(out.ok().lines().count(), n);
        out.stderr.trim_end().to_owned()
    };
    assert_eq!(add("ru", 1), "добавлена 1 запись");
    assert_eq!(add("ru", 3), "добавлены 3 записи");
    assert_eq!(add("ru", 5), "добавлено 5 записей");
    assert_eq!(add("ru", 21), "добавлена 21 запись");
    assert_eq!(add("ru", 22), "добавлены 22 записи");
    assert_eq!(add("ru", 25), "добавлено 25 записей");
    assert_eq!(add("be", 1), "дададзены 1 запіс");
    assert_eq!(add("be", 2), "дададзены 2 запісы");
    assert_eq!(add("be", 11), "дададзена 11 запісаў");
    assert_eq!(add("be", 21), "дададзены 21 запіс");
    assert_eq!(add("be", 25), "дададзена 25 запісаў");
}

/// Belarusian has the plural rules of Russian for whole numbers (CLDR: `few` is n % 10 = 2..4
/// and n % 100 != 12..14). intl_pluralrules 7.0.2 compares n itself instead of n % 10 for `be`,
/// so 22-24 and 15-19 fall into `other`; the Belarusian bundle needs the Russian plural rules.
#[test]
fn belarusian_plurals_beyond_twenty() {
    let env = TestEnv::new();
    env.init();
    let record = r#"{"witness": {"names": ["Іван Петрук"]}}"#;
    for (n, expected) in [
        (17, "дададзена 17 запісаў"),
        (22, "дададзены 22 запісы"),
        (34, "дададзены 34 запісы"),
    ] {
        let out = env
            .with_passphrase(&["add", "--from", "-"])
            .env("TVAULT_LANG", "be")
            .stdin(format!("[{}]", vec![record; n].join(", ")))
            .output();
        out.ok();
        assert_eq!(
            out.stderr.trim_end(),
            expected,
            "wrong plural form for {n} (the `be` bundle must use CLDR plural rules, e.g. those of `ru`)"
        );
    }
}

#[test]
fn translated_reports_show_no_message_ids() {
    let env = TestEnv::new();
    env.init();
    env.add(SPEC_EXAMPLE);
    let ids = env.list_json();
    let id = ids[0]["id"].as_str().expect("an id").to_owned();
    for lang in ["be", "ru"] {
        for args in [
            vec!["info"],
            vec!["verify", "--deep"],
            vec!["show", id.as_str()],
            vec!["list"],
        ] {
            let out = env.with_passphrase(&args).env("TVAULT_LANG", lang).output();
            assert_eq!(out.code, 0, "{lang} {args:?}: {}", out.stderr);
            let text = format!("{}{}", out.stdout, out.stderr);
            for id_like in [
                "info-", "verify-", "show-", "col-", "vocab-", "warn-", "{", "}",
            ] {
                assert!(
                    !text.contains(id_like),
                    "{lang} {args:?} shows {id_like:?}:\n{text}"
                );
            }
        }
    }
    let out = env
        .with_passphrase(&["info"])
        .env("TVAULT_LANG", "be")
        .output();
    assert!(out.stdout.contains("колькасць запісаў"), "{}", out.stdout);
    let out = env
        .with_passphrase(&["verify"])
        .env("TVAULT_LANG", "ru")
        .output();
    assert!(
        out.stdout
            .contains("ok: каждый файл соответствует журналу целостности"),
        "{}",
        out.stdout
    );
}

#[test]
fn rejected_records_are_explained_in_the_interface_language() {
    let env = TestEnv::new();
    env.init();
    let bad = r#"{"witness": {"names": ["Іван Петрук"], "status": "jailed"}}"#;
    let cases = [
        ("be", "недапушчальнае значэнне"),
        ("ru", "недопустимое значение"),
        ("en", "not an allowed status"),
    ];
    for (lang, needle) in cases {
        let out = env
            .with_passphrase(&["add", "--from", "-"])
            .env("TVAULT_LANG", lang)
            .stdin(bad)
            .output();
        let stderr = out.fails(1, needle);
        assert!(
            stderr.contains("witness.status"),
            "{lang}: the path is kept: {stderr}"
        );
        assert!(
            !stderr.contains("jailed") && !stderr.contains("Петрук"),
            "never the value"
        );
    }
    let out = env
        .with_passphrase(&["add", "--from", "-"])
        .env("TVAULT_LANG", "be")
        .stdin(r#"{"witness": {"names": ["A"]}, "acts": [{"date": "2022-13"}]}"#)
        .output();
    out.fails(1, "месяц павінен быць ад 01 да 12");
}

/// Belarusian and Russian put a woman's status in the feminine: in `list`, `show` and the
/// Markdown export; English and the JSON codes do not change.
#[test]
fn a_womans_status_agrees_with_her() {
    let env = TestEnv::new();
    env.init();
    let ids = env.add(
        r#"[{"witness": {"names": ["Алена Касцюк"], "sex": "female", "status": "released"},
             "consent": [{"purpose": "ohchr", "level": "named_full"}]},
            {"witness": {"names": ["Іван Петрук"], "sex": "male", "status": "released"}}]"#,
    );
    let run = |lang: &str, args: &[&str]| {
        let out = env.with_passphrase(args).env("TVAULT_LANG", lang).output();
        out.code(0);
        out.stdout.clone()
    };
    let be = run("be", &["list"]);
    assert!(
        be.contains("вызваленая") && be.contains("вызвалены "),
        "{be}"
    );
    let ru = run("ru", &["show", &ids[0]]);
    assert!(ru.contains("освобождена"), "{ru}");
    assert!(run("ru", &["show", &ids[1]]).contains("освобождён"));
    assert!(run("en", &["list"]).matches("released").count() == 2);
    let md = run(
        "be",
        &[
            "export",
            "--purpose",
            "ohchr",
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert!(md.contains("вызваленая"), "{md}");
    let json = run("be", &["show", &ids[0], "--json"]);
    assert!(json.contains("\"status\":\"released\""), "{json}");
}

/// What `verify` finds is said in the interface language, the paths and ids as they are.
#[test]
fn verify_problems_are_reported_in_belarusian() {
    let env = TestEnv::new();
    env.init();
    let ids = env.add(
        r#"[{"witness": {"names": ["Алесь Каваль"]}}, {"witness": {"names": ["Ганна Жук"]}}]"#,
    );
    let files = env.record_files();
    std::fs::remove_file(&files[0]).unwrap();
    std::fs::create_dir_all(env.vault.join("records/zz")).unwrap();
    std::fs::write(
        env.vault.join("records/zz/zzplanted0000000000000000.age"),
        b"x",
    )
    .unwrap();
    let out = env
        .with_passphrase(&["verify"])
        .env("TVAULT_LANG", "be")
        .output();
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("няма ў журнале"), "{}", out.stdout);
    assert!(out.stdout.contains("(файл выдалены)"), "{}", out.stdout);
    assert!(
        ids.iter().any(|id| out.stdout.contains(id.as_str())),
        "the record id is kept: {}",
        out.stdout
    );
    // English keeps the core's own words; JSON never changes.
    let en = env.with_passphrase(&["verify"]).output();
    assert!(
        en.stdout.contains("not in the journal: planted"),
        "{}",
        en.stdout
    );
    let json = env
        .with_passphrase(&["verify", "--json"])
        .env("TVAULT_LANG", "be")
        .output();
    assert!(
        json.stdout.contains("not in the journal"),
        "{}",
        json.stdout
    );
}

/// Usage errors that clap words itself are said in the interface language too: one `error:`
/// line, one `hint:` line, exit 2.
#[test]
fn usage_errors_are_translated() {
    let env = TestEnv::new();
    for (lang, unknown, missing) in [
        (
            "be",
            "невядомая каманда",
            "не пададзены абавязковыя аргументы",
        ),
        (
            "ru",
            "неизвестная команда",
            "не указаны обязательные аргументы",
        ),
        (
            "en",
            "unrecognized subcommand",
            "required arguments were not provided",
        ),
    ] {
        let out = env.tvault(["lisst"]).env("TVAULT_LANG", lang).output();
        out.fails_clap(2, unknown);
        let out = env.tvault(["export"]).env("TVAULT_LANG", lang).output();
        out.fails_clap(2, missing);
        assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
    }
    let out = env
        .tvault(["init", "--work-factor", "5"])
        .env("TVAULT_LANG", "ru")
        .output();
    out.fails_clap(2, "недопустимое значение '5'");
    assert!(out.stderr.contains("10..=22"), "{}", out.stderr);
}
