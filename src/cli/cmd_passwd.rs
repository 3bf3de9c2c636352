//! `tvault passwd`: a new passphrase; only `keys/passphrase.age` is rewritten.

use super::args::{GlobalArgs, PasswdArgs};
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::Access;

/// Runs `passwd`.
pub fn run(global: &GlobalArgs, args: &PasswdArgs, ui: &mut Ui) -> Result<(), CliError> {
    let mut vault = unlock::open(global, Access::Write)?;
    let passphrase = unlock::new_passphrase(args.new_passphrase_file.as_deref(), &|m| ui.note(m))?;
    let work_factor = vault.set_passphrase(&passphrase, args.work_factor)?;
    ui.note(&tr!("note-passphrase-changed", work_factor = work_factor));
    Ok(())
}
