//! `tvault delete ID`: a tombstone version hides the record from list, search and export; its
//! history stays (`history`, `show --version`) until `purge`.

use super::args::{DeleteArgs, GlobalArgs};
use super::cmd_show::wanted_id;
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::Access;

/// Runs `delete`.
pub fn run(global: &GlobalArgs, args: &DeleteArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = wanted_id(&args.id)?;
    let mut vault = unlock::open(global, Access::Write)?;
    let id = vault.resolve_id(&wanted)?;
    let version = vault.delete(&id)?;
    ui.note(&tr!("note-deleted", id = id.as_str(), version = version));
    ui.note(&format!("hint: {}", tr!("hint-deleted", id = id.as_str())));
    Ok(())
}
