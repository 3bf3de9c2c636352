//! `tvault show ID`: one record, as readable text or one JSON object.

use super::args::{GlobalArgs, ShowArgs};
use super::error::CliError;
use super::render;
use super::ui::Ui;
use super::unlock;
use crate::tr;
use crate::vault::{Access, names};

/// Shortest id prefix accepted.
pub const MIN_PREFIX: usize = 6;

/// The record id (or prefix) the user typed, normalised, or a usage error.
pub(super) fn wanted_id(raw: &str) -> Result<String, CliError> {
    let wanted = names::normalise_id(raw);
    if !names::is_id_text(&wanted) {
        return Err(CliError::usage(tr!("err-id-characters")));
    }
    if wanted.len() < MIN_PREFIX {
        return Err(CliError::usage(tr!("err-id-too-short", min = MIN_PREFIX)));
    }
    Ok(wanted)
}

/// Prints one record version as text or one JSON object.
pub(super) fn print(ui: &mut Ui, stored: &crate::vault::StoredRecord) -> Result<(), CliError> {
    if ui.json {
        ui.line(&render::json(stored).to_string())
    } else {
        let text = render::text(stored);
        for line in text.lines() {
            let line = ui.text(line).into_owned();
            ui.line(&line)?;
        }
        Ok(())
    }
}

/// Runs `show`.
pub fn run(global: &GlobalArgs, args: &ShowArgs, ui: &mut Ui) -> Result<(), CliError> {
    let wanted = wanted_id(&args.id)?;
    let vault = unlock::open(global, Access::Read)?;
    if let Some(version) = args.version {
        // Any version, of any record the journal knows (deleted ones too), decrypted and
        // checked against the journal.
        let id = vault.resolve_id(&wanted)?;
        let stored = vault.version(&id, version)?;
        return print(ui, &stored);
    }
    let view = vault.index()?;
    let stored = match vault.get(&view, &wanted) {
        Ok(stored) => stored,
        Err(e) => {
            let mut problems = view.problems.clone();
            problems.extend(vault.survey(&view)?);
            render::report_problems(ui, &problems).ok();
            return Err(e.into());
        }
    };
    print(ui, &stored)?;
    let mut problems = view.problems.clone();
    problems.extend(vault.survey(&view)?);
    render::report_problems(ui, &problems)
}
