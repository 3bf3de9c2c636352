//! `tvault reindex`: rebuild the encrypted search index from the records.

use super::args::{GlobalArgs, ReindexArgs};
use super::error::CliError;
use super::render;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::Access;

/// Runs `reindex`.
pub fn run(global: &GlobalArgs, _args: &ReindexArgs, ui: &mut Ui) -> Result<(), CliError> {
    let mut vault = unlock::open(global, Access::Write)?;
    let (count, problems) = vault.reindex()?;
    ui.note(&tr!("note-index-rebuilt", count = count));
    render::report_problems(ui, &problems)
}
