//! The interface language: English, Belarusian or Russian (Fluent messages in `i18n/*.ftl`,
//! embedded in the binary).
//!
//! The language comes from `--lang`, else `TVAULT_LANG`, else `LC_ALL` / `LC_MESSAGES` / `LANG`
//! (the first one set), else English. A message missing from the chosen language falls back to
//! English, never to its id (a test checks that every id used exists in every language).
//!
//! Only what people read is translated: messages, prompts, hints, table headers, `--help`, the
//! labels of vocabulary codes. Machine output (`--json`, export JSON/CSV field names, exit
//! codes, vocabulary codes themselves) never changes with the language.
//!
//! Fluent's bidi isolation marks are turned off: they would end up as invisible characters in
//! terminals and logs, and none of the three languages is right-to-left.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

pub use fluent_bundle::FluentValue;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Be,
    Ru,
}

impl Lang {
    /// Every language; English (the fallback) first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Be, Lang::Ru];

    /// The BCP-47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Be => "be",
            Lang::Ru => "ru",
        }
    }

    /// The language of a locale or language tag (`be`, `be_BY.UTF-8`, `ru-RU`, `en`), if it is
    /// one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "be" => Some(Lang::Be),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../i18n/en.ftl"),
            Lang::Be => include_str!("../../i18n/be.ftl"),
            Lang::Ru => include_str!("../../i18n/ru.ftl"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();
static BUNDLES: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();

/// The language asked for by `flag` (`--lang`) or the environment, English by default. An
/// unknown `--lang` or `TVAULT_LANG` value falls through to the next source (the CLI warns about
/// an unknown `--lang`).
pub fn detect(flag: Option<&str>) -> Lang {
    if let Some(lang) = flag.and_then(Lang::from_tag) {
        return lang;
    }
    for var in ["TVAULT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        match std::env::var(var) {
            Ok(value) if !value.is_empty() => {
                if let Some(lang) = Lang::from_tag(&value) {
                    return lang;
                }
                if var != "TVAULT_LANG" {
                    // The first locale variable that is set decides (POSIX), even if it is `C`.
                    return Lang::En;
                }
            }
            _ => {}
        }
    }
    Lang::En
}

/// Sets the interface language for the rest of the process (the first call wins).
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The interface language.
pub fn lang() -> Lang {
    *LANG.get_or_init(|| detect(None))
}

fn bundles() -> &'static [FluentBundle<FluentResource>] {
    BUNDLES.get_or_init(|| Lang::ALL.iter().map(|&l| bundle(l)).collect())
}

/// The bundle of one language. The `.ftl` files are part of the binary and checked by the
/// tests, so a syntax error is a bug caught before release; the entries that did parse are
/// still used.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    // The plural rules come from the language id. intl_pluralrules 7.0 has a bug in its
    // Belarusian rule (it tests the whole number where CLDR tests the last digits, so "22"
    // takes the wrong form); for whole numbers Russian's rule is the same as Belarusian's.
    let rules = if lang == Lang::Be { "ru" } else { lang.code() };
    let langid: LanguageIdentifier = rules.parse().expect("a valid language code");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(lang.source().to_owned()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = bundle.add_resource(resource);
    bundle
}

/// Whether `lang` has a message `id` (tests, and optional translations such as help texts).
pub fn has(lang: Lang, id: &str) -> bool {
    bundles()[lang.index()].has_message(id)
}

/// The message `id` in `lang`, if that language has it.
pub fn lookup(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = &bundles()[lang.index()];
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some(text.into_owned())
}

/// The message `id` in the interface language, else in English. An id missing from English is
/// a bug the tests catch; it shows as the id rather than nothing.
pub fn message(id: &str, args: Option<&FluentArgs>) -> String {
    lookup(lang(), id, args)
        .or_else(|| lookup(Lang::En, id, args))
        .unwrap_or_else(|| id.to_owned())
}

/// A translated message: `tr!("id")` or `tr!("id", name = value, ...)`. Values are anything
/// `FluentValue` converts from (strings, numbers); paths go in as `path.display().to_string()`.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::cli::i18n::message($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), $crate::cli::i18n::FluentValue::from($value)); )+
        $crate::cli::i18n::message($id, Some(&args))
    }};
}

/// The message `id` with named string arguments (for callers outside the CLI that are handed
/// this function, such as the Markdown export).
pub fn text(id: &str, args: &[(&str, String)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, FluentValue::from(value.clone()));
    }
    message(id, Some(&fluent))
}

/// The human label of a vocabulary code (`serving_sentence` → "serving a sentence"), in the
/// interface language; the code itself where no label exists.
pub fn vocab_label(code: &str) -> String {
    let id = format!("vocab-{}", code.replace('_', "-"));
    lookup(lang(), &id, None)
        .or_else(|| lookup(Lang::En, &id, None))
        .unwrap_or_else(|| code.to_owned())
}

/// [`vocab_label`] in the form that agrees with the witness (`vocab-female-CODE` where the
/// language has one).
pub fn vocab_label_agreeing(code: &str, agreement: crate::export::Agreement) -> String {
    if agreement == crate::export::Agreement::Feminine {
        let id = format!("vocab-female-{}", code.replace('_', "-"));
        if let Some(label) = lookup(lang(), &id, None) {
            return label;
        }
    }
    vocab_label(code)
}

/// The clap command with its help texts in the interface language: the about line of the
/// program and of each command (`help-about`, `help-cmd-NAME`), each argument's help
/// (`help-arg-ID` for global flags, `help-NAME-ID`), the text after a command's options
/// (`help-NAME-after`), and the headings. English uses the doc comments of `args.rs` as they
/// are; another language falls back to them wherever it lacks a text.
pub fn localize(command: clap::Command) -> clap::Command {
    let lang = lang();
    if lang == Lang::En {
        return command;
    }
    let text = |id: &str| lookup(lang, id, None);
    let mut command = command;
    if let Some(about) = text("help-about") {
        command = command.about(about.clone()).long_about(about);
    }
    // A translated text replaces the long form too only where the English had one, so that
    // `--help` keeps clap's compact layout.
    let arg_help = |a: clap::Arg, help: String| {
        if a.get_long_help().is_some() {
            a.help(help.clone()).long_help(help)
        } else {
            a.help(help)
        }
    };
    let globals: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in &globals {
        if let Some(help) = text(&format!("help-arg-{id}")) {
            command = command.mut_arg(id.as_str(), |a| arg_help(a, help.clone()));
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in &names {
        command = command.mut_subcommand(name.as_str(), |sub| localize_sub(sub, name, &text));
    }
    headings(command, &text)
}

/// Localises one subcommand, whose ids are `help-cmd-NAME`, `help-NAME-after` and
/// `help-NAME-ARG` (`NAME` is `recipients-add` for `recipients add`), and its own subcommands.
fn localize_sub(
    mut sub: clap::Command,
    name: &str,
    text: &dyn Fn(&str) -> Option<String>,
) -> clap::Command {
    let arg_help = |a: clap::Arg, help: String| {
        if a.get_long_help().is_some() {
            a.help(help.clone()).long_help(help)
        } else {
            a.help(help)
        }
    };
    if let Some(about) = text(&format!("help-cmd-{name}")) {
        sub = if sub.get_long_about().is_some() {
            sub.about(about.clone()).long_about(about)
        } else {
            sub.about(about)
        };
    }
    if let Some(after) = text(&format!("help-{name}-after")) {
        sub = if sub.get_after_long_help().is_some() {
            sub.after_help(after.clone()).after_long_help(after)
        } else {
            sub.after_help(after)
        };
    }
    let ids: Vec<String> = sub
        .get_arguments()
        .filter(|a| !a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    for id in &ids {
        if let Some(help) = text(&format!("help-{name}-{id}")) {
            sub = sub.mut_arg(id.as_str(), |a| arg_help(a, help.clone()));
        }
    }
    let children: Vec<String> = sub
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for child in &children {
        let full = format!("{name}-{child}");
        sub = sub.mut_subcommand(child.as_str(), |c| localize_sub(c, &full, text));
    }
    headings(sub, text)
}

/// Localised headings and the built-in `--help` / `--version` flags of one command.
fn headings(command: clap::Command, text: &dyn Fn(&str) -> Option<String>) -> clap::Command {
    use clap::{Arg, ArgAction};
    let get = |id: &str, en: &str| text(id).unwrap_or_else(|| en.to_owned());
    let options = get("help-heading-options", "Options");
    let arguments = get("help-heading-arguments", "Arguments");
    let ids: Vec<(String, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut command = command;
    for (id, positional) in &ids {
        let heading = if *positional { &arguments } else { &options };
        command = command.mut_arg(id.as_str(), |a| a.help_heading(heading.clone()));
    }
    let has_version = command.get_version().is_some();
    command = command
        .subcommand_help_heading(get("help-heading-commands", "Commands"))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            get("help-heading-usage", "Usage:")
        ))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(get("help-flag-help", "Print help"))
                .help_heading(options.clone()),
        );
    if has_version {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(get("help-flag-version", "Print version"))
                .help_heading(options),
        );
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_locales_name_a_language() {
        assert_eq!(Lang::from_tag("be_BY.UTF-8"), Some(Lang::Be));
        assert_eq!(Lang::from_tag("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C"), None);
        assert_eq!(Lang::from_tag("de_DE"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn every_file_parses() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(lang.source().to_owned()) {
                panic!("i18n/{}.ftl: {errors:?}", lang.code());
            }
        }
    }

    /// Every message id used in the source (`tr!("...")` and the ids built for help texts and
    /// vocabulary labels) exists in every language, and no language has ids English lacks.
    #[test]
    fn every_language_has_every_message() {
        let en = ids(Lang::En);
        for lang in [Lang::Be, Lang::Ru] {
            let theirs = ids(lang);
            let missing: Vec<&String> = en.iter().filter(|id| !theirs.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            let extra: Vec<&String> = theirs.iter().filter(|id| !en.contains(id)).collect();
            assert!(
                extra.is_empty(),
                "{} has ids English lacks: {extra:?}",
                lang.code()
            );
        }
        for id in used_ids() {
            assert!(en.contains(&id), "en.ftl lacks {id}, used in the source");
        }
    }

    /// Prints the English help texts as Fluent entries (`cargo test print_help_ids -- --ignored
    /// --nocapture`), to paste into `i18n/en.ftl` when `args.rs` changes; the test above then
    /// says which translations are missing.
    #[test]
    #[ignore]
    fn print_help_ids() {
        use clap::CommandFactory;
        let command = crate::cli::args::Cli::command();
        let entry = |id: &str, text: &str| {
            let text = text.trim().replace('{', "{\"{\"}");
            let mut lines = text.lines();
            let mut out = format!("{id} = {}", lines.next().unwrap_or_default());
            for line in lines {
                out.push_str("\n    ");
                out.push_str(line);
            }
            println!("{}", out.replace("    \n", "\n"));
        };
        if let Some(about) = command.get_about() {
            entry("help-about", &about.to_string());
        }
        for a in command.get_arguments() {
            if let Some(h) = a.get_help() {
                entry(&format!("help-arg-{}", a.get_id()), &h.to_string());
            }
        }
        fn print_sub(sub: &clap::Command, name: &str, entry: &dyn Fn(&str, &str)) {
            if let Some(about) = sub.get_about() {
                entry(&format!("help-cmd-{name}"), &about.to_string());
            }
            for a in sub.get_arguments().filter(|a| !a.is_global_set()) {
                if let Some(h) = a.get_help() {
                    entry(&format!("help-{name}-{}", a.get_id()), &h.to_string());
                }
            }
            if let Some(after) = sub.get_after_help() {
                entry(&format!("help-{name}-after"), &after.to_string());
            }
            for child in sub.get_subcommands() {
                print_sub(child, &format!("{name}-{}", child.get_name()), entry);
            }
        }
        for sub in command.get_subcommands() {
            print_sub(sub, sub.get_name(), &entry);
        }
    }

    fn ids(lang: Lang) -> Vec<String> {
        lang.source()
            .lines()
            .filter(|l| {
                l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && l.contains(" =")
            })
            .map(|l| l.split(" =").next().unwrap_or_default().trim().to_owned())
            .collect()
    }

    /// The ids in `tr!("...")` calls of the CLI's source files.
    fn used_ids() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for part in text.split("tr!(\"").skip(1) {
                if let Some(id) = part.split('"').next() {
                    out.push(id.to_owned());
                }
            }
        }
        out.retain(|id| {
            id != "id"
                && !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
        out
    }
}
