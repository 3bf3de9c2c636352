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
    let cli = Cli::parse();
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
