//! `tvault purge ID`: every version and attachment of a record removed for good, after a
//! confirmation on a terminal (not in scripts, or with `--yes`), and an honest account of what may remain.

use super::args::{GlobalArgs, PurgeArgs};
use super::cmd_show::wanted_id;
use super::error::CliError;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::Access;

/// Runs `purge`.
pub fn run(global: &GlobalArgs, args: &PurgeArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = wanted_id(&args.id)?;
    let mut vault = unlock::open(global, Access::Write)?;
    let id = vault.resolve_id(&wanted)?;
    // SPEC.md's form `purge ID` must work in a script: without a terminal the command line is
    // the confirmation. On a terminal, a slip of the keyboard is asked about.
    if !args.yes
        && unlock::have_terminal()
        && !unlock::confirm(&tr!("confirm-purge", id = id.as_str()), false)?
    {
        ui.note(&tr!("note-purge-cancelled"));
        return Ok(());
    }
    let report = vault.purge(&id)?;
    ui.note(&tr!(
        "note-purged",
        id = id.as_str(),
        versions = report.versions,
        attachments = report.attachments
    ));
    // Why say it: an overwrite is no guarantee on flash media and copies elsewhere are out of
    // reach; the user must know what to do if the record must be unrecoverable.
    ui.note(&tr!("note-purge-remnants"));
    Ok(())
}
