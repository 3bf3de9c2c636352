//! `tvault destroy`: emergency destruction (see `vault::destroy`). Without `--yes` it unlocks
//! the vault and asks for its id to be typed back, so that a slip of the keyboard never destroys
//! testimony; with `--yes` it asks nothing and needs no key.

use std::io::{BufRead, IsTerminal};

use super::args::{DestroyArgs, GlobalArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::{self, Access};

/// Runs `destroy`.
pub fn run(global: &GlobalArgs, args: &DestroyArgs, ui: &mut Ui) -> Result<(), CliError> {
    let dir = unlock::vault_dir(global)?;
    vault::probe(&dir)?;
    // The recipients that could still open copies: known only when the vault is unlocked.
    let mut recipients: Option<Vec<String>> = None;
    if !args.yes {
        let vault = unlock::open(global, Access::Read)?;
        let id = vault.config().vault_id.clone();
        recipients = Some(vault.recipients().to_vec());
        drop(vault);
        let typed = ask(&tr!(
            "prompt-destroy",
            path = dir.display().to_string(),
            id = id.as_str()
        ))?;
        if !typed.trim().eq_ignore_ascii_case(&id) {
            return Err(CliError::failure(tr!("err-destroy-not-confirmed")));
        }
    }
    // With --yes nothing is unlocked (no scrypt, no waiting): the recipients stay unknown.
    let done = vault::destroy(&dir)?;
    ui.note(&tr!(
        "note-destroyed",
        files = done.files,
        path = dir.display().to_string()
    ));
    if !done.removed_dir {
        ui.note(&tr!("note-destroy-kept-dir"));
    }
    ui.warn(&tr!("warn-destroy-flash"));
    match recipients {
        Some(list) if list.is_empty() => ui.warn(&tr!("warn-destroy-copies-passphrase")),
        Some(list) => {
            ui.warn(&tr!("warn-destroy-copies-recipients", count = list.len()));
            for recipient in list {
                ui.note(&format!("    {recipient}"));
            }
        }
        None => ui.warn(&tr!("warn-destroy-copies-unknown")),
    }
    Ok(())
}

/// Asks on the terminal, or reads the answer from standard input when that is not a terminal
/// (a script pipes the id in; no prompt then).
fn ask(prompt: &str) -> Result<String, CliError> {
    if std::io::stdin().is_terminal() {
        return unlock::ask_line(prompt);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::failure(tr!("err-terminal-read", reason = e.to_string())))?;
    if line.trim().is_empty() {
        return Err(CliError::usage(tr!("err-destroy-no-answer")).hint(tr!("hint-destroy-yes")));
    }
    Ok(line)
}
