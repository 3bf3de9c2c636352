//! `tvault completions SHELL`: a shell completion script generated from the clap definitions
//! (the one source of the command line, with `--help` and the man page).

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs};
use super::error::CliError;
use super::ui::Ui;

/// Runs `completions`.
pub fn run(args: &CompletionsArgs, ui: &mut Ui) -> Result<(), CliError> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tvault", &mut script);
    ui.raw(&script)
}
