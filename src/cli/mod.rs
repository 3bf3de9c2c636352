//! The command-line front end: parses arguments, unlocks, runs one command, maps errors to exit
//! codes. The only part of tvault that prints, prompts or reads the environment.

pub mod args;
mod cmd_add;
mod cmd_demo;
mod cmd_init;
mod cmd_list;
mod cmd_passwd;
mod cmd_show;
mod cmd_verify;
pub mod error;
mod guided;
mod render;
pub mod ui;
pub mod unlock;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use error::CliError;
use ui::Ui;

/// Runs tvault with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    harden_process();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let mut ui = Ui::new(cli.global.json);
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
    let ui = Ui::new(false);
    ui.note(&format!("error: {}", message.join(" ")));
    match usage {
        Some(usage) => ui.note(&format!("hint: usage: {usage} (see --help)")),
        None => ui.note("hint: see tvault --help"),
    }
    ExitCode::from(error::EXIT_USAGE)
}

fn dispatch(cli: Cli, ui: &mut Ui) -> Result<(), CliError> {
    match cli.command {
        Command::Init(args) => cmd_init::run(&cli.global, &args, ui),
        Command::Add(args) => cmd_add::run(&cli.global, &args, ui),
        Command::List(args) => cmd_list::run(&cli.global, &args, ui),
        Command::Show(args) => cmd_show::run(&cli.global, &args, ui),
        Command::Passwd(args) => cmd_passwd::run(&cli.global, &args, ui),
        Command::Verify(args) => cmd_verify::run(&cli.global, &args, ui),
        Command::Demo(args) => cmd_demo::run(&cli.global, &args, ui),
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
