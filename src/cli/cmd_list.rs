//! `tvault list`: every current record, as a table or JSON Lines (metadata; `show` has the
//! narrative).

use super::args::{GlobalArgs, ListArgs};
use super::error::CliError;
use super::render;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::Access;

/// Runs `list`.
pub fn run(global: &GlobalArgs, _args: &ListArgs, ui: &mut Ui) -> Result<(), CliError> {
    let vault = unlock::open(global, Access::Read)?;
    let mut listing = vault.list()?;
    listing.problems.extend(vault.forks());
    if ui.json {
        for stored in &listing.records {
            ui.line(&render::json(stored).to_string())?;
        }
    } else if !listing.records.is_empty() {
        let rows: Vec<Vec<String>> = listing.records.iter().map(render::table_row).collect();
        ui.table(&render::table_header(), &rows)?;
    } else if listing.problems.is_empty() {
        // An empty stdout alone leaves a new user wondering whether the key was right.
        ui.note(&tr!("note-no-records"));
    }
    render::report_problems(ui, &listing.problems)
}
