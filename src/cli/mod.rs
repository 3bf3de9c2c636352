//! The command-line front end: parses arguments, unlocks, runs one command, maps errors to exit
//! codes. The only part of tvault that prints, prompts or reads the environment.

pub mod args;
mod cmd_add;
mod cmd_attach;
mod cmd_bench;
mod cmd_completions;
mod cmd_custody;
mod cmd_delete;
mod cmd_demo;
mod cmd_destroy;
mod cmd_edit;
mod cmd_export;
mod cmd_extract;
mod cmd_history;
mod cmd_info;
mod cmd_init;
mod cmd_list;
mod cmd_man;
mod cmd_merge;
mod cmd_passwd;
mod cmd_purge;
mod cmd_recipients;
mod cmd_reindex;
mod cmd_rekey;
mod cmd_search;
mod cmd_show;
mod cmd_verify;
mod editor;
pub mod error;
mod guided;
pub mod i18n;
mod progress;
mod reasons;
mod render;
pub mod ui;
pub mod unlock;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::tr;
use args::{Cli, Command};
use error::CliError;
use ui::Ui;

/// Runs tvault with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    harden_process();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    i18n::set(i18n::detect(lang_flag(&args).as_deref()));
    let command = i18n::localize(Cli::command());
    let cli = match command
        .try_get_matches_from(query_args(args))
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let mut ui = Ui::new(cli.global.json);
    crate::crypto::set_plugin_ui(unlock::plugin_ui());
    let result = dispatch(cli, &mut ui).and_then(|()| ui.flush());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.message.is_empty() {
                ui.note(&format!("error: {}", e.message));
                if let Some(hint) = &e.hint {
                    ui.note(&format!("hint: {hint}"));
                }
            }
            ExitCode::from(e.code)
        }
    }
}

/// The value of `--lang` (`--lang be` or `--lang=be`), read before parsing, because the help
/// and clap's own messages are produced while parsing.
fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return iter.next().map(|v| v.into_owned());
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_owned());
        }
    }
    None
}

/// Lets a query say `-word` (SPEC.md's negation) without `--`: for `search` and `export`,
/// known options are moved before the query and a `--` is inserted, so that every other
/// argument, dashes included, is a query term, wherever the user put the options.
fn query_args(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let root = Cli::command();
    // For an argument that looks like an option: whether `cmd` (or the root) knows it, and if
    // so whether its value is the next argument.
    let takes_value = |cmd: &clap::Command, arg: &str| -> Option<bool> {
        let (name, inline) = match arg.split_once('=') {
            Some((name, _)) => (name, true),
            None => (arg, false),
        };
        if matches!(name, "--help" | "-h" | "--version" | "-V") {
            return Some(false);
        }
        cmd.get_arguments()
            .chain(root.get_arguments())
            .find_map(|a| {
                let known = match name.strip_prefix("--") {
                    Some(long) => a.get_long() == Some(long),
                    None => name.chars().count() == 2 && a.get_short() == name.chars().nth(1),
                };
                known.then(|| a.get_action().takes_values() && !inline)
            })
    };
    let mut sub = None;
    let mut i = 1;
    while i < args.len() {
        let Some(arg) = args[i].to_str() else {
            return args;
        };
        if arg == "search" || arg == "export" {
            sub = Some(i);
            break;
        }
        if arg.starts_with('-') {
            if takes_value(&root, arg) == Some(true) {
                i += 1;
            }
            i += 1;
            continue;
        }
        return args; // another command
    }
    let Some(sub) = sub else { return args };
    let Some(cmd) = root.find_subcommand(args[sub].to_str().unwrap_or_default()) else {
        return args;
    };
    let (mut options, mut terms) = (Vec::new(), Vec::new());
    let mut rest = args[sub + 1..].iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            terms.extend(rest.by_ref().cloned());
            break;
        }
        match (text.starts_with('-') && text.len() > 1)
            .then(|| takes_value(cmd, &text))
            .flatten()
        {
            Some(value) => {
                options.push(arg.clone());
                if value && let Some(next) = rest.next() {
                    options.push(next.clone());
                }
            }
            None => terms.push(arg.clone()),
        }
    }
    let mut out: Vec<std::ffi::OsString> = args[..=sub].to_vec();
    out.extend(options);
    out.push("--".into());
    out.extend(terms);
    out
}

/// Prints a clap error as SPEC.md asks: one `error:` line and a `hint:` line, exit 2 (help and
/// version requests print normally and exit 0).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(error::EXIT_USAGE)
        } else {
            ExitCode::SUCCESS
        };
    }
    let text = e.render().to_string();
    let mut message = Vec::new();
    let mut usage = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage:") {
            usage = Some(line.trim_start_matches("Usage:").trim().to_owned());
        } else if !line.starts_with("For more information") && !line.starts_with("tip:") {
            message.push(line.trim_start_matches("error:").trim().to_owned());
        }
    }
    let message = clap_message(&e).unwrap_or_else(|| message.join(" "));
    let ui = Ui::new(false);
    ui.note(&format!("error: {message}"));
    match usage {
        Some(usage) => ui.note(&format!("hint: {}", tr!("hint-usage", usage = usage))),
        None => ui.note(&format!("hint: {}", tr!("hint-see-help"))),
    }
    ExitCode::from(error::EXIT_USAGE)
}

/// The commonest usage errors in the interface language (clap words its own in English, which
/// English keeps). `None`: say it as clap does.
fn clap_message(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if i18n::lang() == i18n::Lang::En {
        return None;
    }
    let context = |kind: ContextKind| match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let arg = || context(ContextKind::InvalidArg).unwrap_or_default();
    Some(match e.kind() {
        ErrorKind::UnknownArgument => tr!("err-clap-unknown-argument", arg = arg()),
        ErrorKind::InvalidSubcommand => tr!(
            "err-clap-unknown-command",
            command = context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => match context(ContextKind::ValidValue) {
            Some(valid) => tr!(
                "err-clap-invalid-value-of",
                value = context(ContextKind::InvalidValue).unwrap_or_default(),
                arg = arg(),
                valid = valid
            ),
            None => tr!(
                "err-clap-invalid-value",
                value = context(ContextKind::InvalidValue).unwrap_or_default(),
                arg = arg()
            ),
        },
        ErrorKind::ValueValidation => {
            let message = tr!(
                "err-clap-invalid-value",
                value = context(ContextKind::InvalidValue).unwrap_or_default(),
                arg = arg()
            );
            // The validator's own words (a range such as `10..=22`).
            match std::error::Error::source(e) {
                Some(source) => format!("{message}: {source}"),
                None => message,
            }
        }
        ErrorKind::MissingRequiredArgument => tr!("err-clap-missing", args = arg()),
        ErrorKind::ArgumentConflict => tr!(
            "err-clap-conflict",
            arg = arg(),
            other = context(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => tr!("err-clap-values", arg = arg()),
        _ => return None,
    })
}

fn dispatch(cli: Cli, ui: &mut Ui) -> Result<(), CliError> {
    match cli.command {
        Command::Init(args) => cmd_init::run(&cli.global, &args, ui),
        Command::Add(args) => cmd_add::run(&cli.global, &args, ui),
        Command::List(args) => cmd_list::run(&cli.global, &args, ui),
        Command::Show(args) => cmd_show::run(&cli.global, &args, ui),
        Command::Search(args) => cmd_search::run(&cli.global, &args, ui),
        Command::Export(args) => cmd_export::run(&cli.global, &args, ui),
        Command::Reindex(args) => cmd_reindex::run(&cli.global, &args, ui),
        Command::Passwd(args) => cmd_passwd::run(&cli.global, &args, ui),
        Command::Verify(args) => cmd_verify::run(&cli.global, &args, ui),
        Command::Info(args) => cmd_info::run(&cli.global, &args, ui),
        Command::Completions(args) => cmd_completions::run(&args, ui),
        Command::Man(args) => cmd_man::run(&args, ui),
        Command::Recipients(args) => cmd_recipients::run(&cli.global, &args, ui),
        Command::Rekey(args) => cmd_rekey::run(&cli.global, &args, ui),
        Command::Destroy(args) => cmd_destroy::run(&cli.global, &args, ui),
        Command::Demo(args) => cmd_demo::run(&cli.global, &args, ui),
        Command::Bench(args) => cmd_bench::run(&cli.global, &args, ui),
        Command::Edit(args) => cmd_edit::run(&cli.global, &args, ui),
        Command::History(args) => cmd_history::run(&cli.global, &args, ui),
        Command::Delete(args) => cmd_delete::run(&cli.global, &args, ui),
        Command::Purge(args) => cmd_purge::run(&cli.global, &args, ui),
        Command::Merge(args) => cmd_merge::run(&cli.global, &args, ui),
        Command::Attach(args) => cmd_attach::run(&cli.global, &args, ui),
        Command::Extract(args) => cmd_extract::run(&cli.global, &args, ui),
        Command::Custody(args) => cmd_custody::run(&cli.global, &args, ui),
    }
}

/// Keeps secrets out of crash dumps and away from other processes of the same user: no core
/// files, and (Linux) not ptrace-able or dumpable. Failure is not fatal: the platform may not
/// allow it, and refusing to run would help no one.
fn harden_process() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{
            DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit,
        };
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        );
        let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    }
    #[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        );
    }
}
